/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The native backend: real instructions and devices only (TSC, LAPIC, CMOS
 * RTC), correct on bare metal and under any hypervisor, including QEMU TCG.
 * It fills every slot, so it is also what other backends start from.  The
 * time ops no backend replaces (cycle_frequency, set_alarm, cancel_alarm)
 * live here too, exported directly.
 */
#include "rom/priv.h"

#define APIC_EOI	0x0b0
#define APIC_LVT_TIMER	0x320
#define APIC_TMR_INIT	0x380
#define APIC_TMR_DIV	0x3e0
#define LVT_MASKED	(1u << 16)
#define TMR_DIV_16	0x3

void native_install(struct rom_backend_ops *ops)
{
	/* Run-time assignments: RIP-relative lea, no relocation. */
#define ROM_X_FILL(name, slot) ops->name = native_##name;
	ROM_BACKEND_OPS(ROM_X_FILL)
#undef ROM_X_FILL
}

uint64_t native_monotonic_ns(void)
{
	return rom_tsc_to_ns(rdtsc() - pvrom_data.tsc_base);
}

uint64_t native_wallclock_ns(void)
{
	return pvrom_data.boot_wallclock_ns + native_monotonic_ns();
}

/* The rate the backend found: measured, from CPUID or from kvmclock. */
uint64_t pvrom_cycle_frequency(void)
{
	return pvrom_data.tsc_hz;
}

uint64_t native_steal_time_ns(void)
{
	return 0;	/* bare metal: nobody steals */
}

void native_eoi(void)
{
	rom_apic_wr(APIC_EOI, 0);
}

void native_cpuid(uint32_t leaf, uint32_t subleaf, struct pvrom_cpuid_regs *out)
{
	cpuid(leaf, subleaf, out);
}

int32_t pvrom_set_alarm(uint64_t deadline_ns, uint32_t vector)
{
	const struct rom_data *d = &pvrom_data;
	uint64_t now, ticks;

	if (vector < 32 || vector > 255)
		return -PVROM_EINVAL;
	if (d->apic_mode == ROM_APIC_NONE)
		return -PVROM_ENOSYS;
	if (!d->apic_mult)
		return -PVROM_ENOSYS;	/* timer rate unknown */
	/* The guest's clock, whichever backend gives it (kvmclock or TSC). */
	now = pvrom_monotonic_ns();
	/*
	 * A deadline already passed fires as soon as possible.  Otherwise
	 * round up and add 1/1024: the timer rate was measured against the
	 * TSC through trapping accesses (under a hypervisor), good to a few
	 * 1e-4; an alarm may be a little late, never early.
	 */
	ticks = 0;
	if (deadline_ns > now) {
		ticks = mul_shr32(deadline_ns - now, d->apic_mult);
		ticks += (ticks >> 10) + 1;
	}
	if (deadline_ns > now && (deadline_ns - now) >> 62)
		return -PVROM_ERANGE;	/* the product above may have wrapped */
	if (ticks > 0xffffffffull)
		return -PVROM_ERANGE;
	if (!ticks)
		ticks = 1;	/* 0 would stop the timer instead */
	rom_apic_wr(APIC_TMR_INIT, 0);
	rom_apic_wr(APIC_TMR_DIV, TMR_DIV_16);
	rom_apic_wr(APIC_LVT_TIMER, vector);	/* one-shot, unmasked */
	rom_apic_wr(APIC_TMR_INIT, (uint32_t)ticks);
	return PVROM_OK;
}

void pvrom_cancel_alarm(void)
{
	uint32_t lvt;

	if (pvrom_data.apic_mode == ROM_APIC_NONE)
		return;
	rom_apic_wr(APIC_TMR_INIT, 0);
	lvt = rom_apic_rd(APIC_LVT_TIMER);
	rom_apic_wr(APIC_LVT_TIMER, lvt | LVT_MASKED);
}
