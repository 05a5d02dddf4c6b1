/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The KVM backend's choice at init: which of the features KVM advertises
 * in CPUID 0x40000001 it uses, and the MSR writes that hand the host the
 * guest-physical addresses of the shared records in the data area.  Any
 * step that fails leaves the op on the native backend and says so in info.
 */
#include "rom/kvm/kvm.h"
#include "abi/hw/x86.h"

/* The data area is physically contiguous from data_pa (handshake.h). */
uint64_t kvm_pa(const volatile void *p)
{
	const struct rom_data *d = &pvrom_data;
	uintptr_t low = (uintptr_t)d - (uintptr_t)d->max_cpus * ROM_PERCPU_SIZE;

	return d->data_pa + ((uintptr_t)p - low);
}

PVROM_STATIC_ASSERT(ROM_PERCPU_SIZE <= 256, "kvm_cpu_enable's offsets are bytes");

/* Register this CPU's records; the bits that took are kept in kvm_on. */
uint32_t kvm_cpu_enable(struct rom_percpu *pc)
{
	/* Bytes, not words: keeps the table small and unaligned. */
	static const struct {
		uint8_t bit, msr_lo, off;	/* msr = 0x4b564d00 + msr_lo */
	} rec[] = {
		{ ROM_KVM_CLOCK, MSR_KVM_SYSTEM_TIME_NEW & 0xff,
		  __builtin_offsetof(struct rom_percpu, pvclock) },
		{ ROM_KVM_STEAL, MSR_KVM_STEAL_TIME & 0xff,
		  __builtin_offsetof(struct rom_percpu, steal) },
		{ ROM_KVM_EOI, MSR_KVM_PV_EOI_EN & 0xff,
		  __builtin_offsetof(struct rom_percpu, pv_eoi) },
	};
	uint32_t on = ROM_KVM_TRIED, i;

	for (i = 0; i < sizeof(rec) / sizeof(rec[0]); i++)
		if ((pvrom_data.kvm_cpu_feat & rec[i].bit) &&
		    !rom_wrmsr_safe(MSR_KVM_WALL_CLOCK_NEW + rec[i].msr_lo,
				    kvm_pa((char *)pc + rec[i].off) | KVM_MSR_ENABLE))
			on |= rec[i].bit;
	pc->kvm_on = on;
	return on;
}

/*
 * This CPU's slot, its records registered with the host.  Init registers
 * the boot CPU; another CPU (SMP guests) registers on its first KVM op, as
 * ABI 1.0 has no per-CPU init call.
 */
struct rom_percpu *kvm_cpu(void)
{
	struct rom_percpu *pc = rom_this_cpu();

	if (__builtin_expect(!pc->kvm_on, 0))
		kvm_cpu_enable(pc);
	return pc;
}

static int is_kvm(void)
{
	struct pvrom_cpuid_regs r;

	/* Without the hypervisor bit, leaf 0x40000000 is not defined. */
	hw_cpuid(HW_CPUID_FEATURES, 0, &r);
	if (!(r.ecx & HW_CPUID_1_ECX_HYPERVISOR))
		return 0;
	hw_cpuid(KVM_CPUID_SIGNATURE, 0, &r);
	/* "KVMKVMKVM\0\0\0" in EBX, ECX, EDX */
	return r.ebx == 0x4b4d564b && r.ecx == 0x564b4d56 && r.edx == 0x4d;
}

/* ROM_KVM_{CLOCK,STEAL,EOI} are the PVROM_FEAT_KVM_* bits shifted down,
 * and the KVM feature bits shifted down as kvm_install says. */
PVROM_STATIC_ASSERT(KVM_F_CLOCKSOURCE2 >> 3 == ROM_KVM_CLOCK &&
		    KVM_F_STEAL_TIME >> 4 == ROM_KVM_STEAL &&
		    KVM_F_PV_EOI >> 4 == ROM_KVM_EOI, "KVM bit mapping");
PVROM_STATIC_ASSERT((uint64_t)ROM_KVM_CLOCK << 8 == PVROM_FEAT_KVM_CLOCK &&
		    (uint64_t)ROM_KVM_STEAL << 8 == PVROM_FEAT_KVM_STEAL_TIME &&
		    (uint64_t)ROM_KVM_EOI << 8 == PVROM_FEAT_KVM_PV_EOI,
		    "ROM_KVM_* and PVROM_FEAT_KVM_* agree");

uint64_t kvm_install(void)
{
	struct rom_data *d = &pvrom_data;
	struct rom_backend_ops *ops = &d->ops;
	struct rom_percpu *pc;
	struct pvrom_cpuid_regs r;
	uint64_t feat = PVROM_FEAT_CPUID_CACHE;
	uint32_t want, on;

	if (!is_kvm())
		return 0;
	hw_cpuid(KVM_CPUID_FEATURES, 0, &r);
	memcpy(d->backend, "kvm", 4);

	/*
	 * No hypercalls (they hang the vCPU on our nested KVM).  When a later
	 * backend version adds them, they go here: only with their KVM feature
	 * bit and without PVROM_INIT_NO_HYPERCALL, and the ROM picks the
	 * instruction from the CPU vendor itself (vmcall on Intel, vmmcall on
	 * AMD), never relying on the host to patch it.
	 */

	kvm_cpuid_fill();
	ops->cpuid = kvm_cpuid;
	if (r.eax & KVM_F_NOP_IO_DELAY) {
		ops->io_delay = rom_nop;
		feat |= PVROM_FEAT_KVM_NOP_IO_DELAY;
	}

	/* CLOCKSOURCE2 (bit 3) -> ROM_KVM_CLOCK, STEAL_TIME and PV_EOI
	 * (bits 5, 6) -> ROM_KVM_STEAL, ROM_KVM_EOI */
	want = ((r.eax >> 3) & ROM_KVM_CLOCK) |
	       ((r.eax >> 4) & (ROM_KVM_STEAL | ROM_KVM_EOI));
	/* The host needs physical addresses; the data area must also keep
	 * the 64-byte alignment the steal-time record needs. */
	if (want && (!d->data_pa || (d->data_pa & 63))) {
		rom_fallback("kvm: no data_pa: time, steal, EOI native");
		return feat;
	}
	d->kvm_cpu_feat = want;
	pc = rom_this_cpu();
	on = kvm_cpu_enable(pc);
	/* info.features says which; one note keeps the image small. */
	if (want & ~on)
		rom_fallback("kvm: MSR #GP: feature native");
	if ((on & ROM_KVM_CLOCK) && kvm_clock_start(pc)) {
		rom_wrmsr_safe(MSR_KVM_SYSTEM_TIME_NEW, 0);
		on &= ~ROM_KVM_CLOCK;
		rom_fallback("kvm: kvmclock not filled: time native");
	}
	/* Other CPUs register only what worked here. */
	on &= ~ROM_KVM_TRIED;
	d->kvm_cpu_feat = on;
	if (on & ROM_KVM_CLOCK) {
		ops->monotonic_ns = kvm_monotonic_ns;
		if (d->kvm_wall_ns)
			ops->wallclock_ns = kvm_wallclock_ns;
	}
	if (on & ROM_KVM_STEAL)
		ops->steal_time_ns = kvm_steal_time_ns;
	/* Without an APIC there is no EOI to claim: eoi stays rom_nop. */
	if ((on & ROM_KVM_EOI) && d->apic_mode != ROM_APIC_NONE)
		ops->eoi = d->apic_mode == ROM_APIC_X2APIC ? kvm_eoi_x2apic :
							     kvm_eoi_xapic;
	return feat | (uint64_t)on << 8;
}
