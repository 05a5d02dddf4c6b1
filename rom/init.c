/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The handshake: init (argument checks, backend choice, calibration) and
 * info.  A backend is chosen once here and installed into the backend-op
 * table of the data area; afterwards dispatch costs one indirect jump, and
 * a guest that asks op_info (ABI 1.1, rom/opinfo.c) calls the chosen
 * implementation directly.
 */
#include "rom/priv.h"
#include "rom/asm.h"
#include "abi/hw/x86.h"

PVROM_STATIC_ASSERT(ROM_ASM_EINVAL == PVROM_EINVAL, "asm.h agrees with base.h");
PVROM_STATIC_ASSERT(ROM_ASM_EFAULT == PVROM_EFAULT, "asm.h agrees with base.h");
PVROM_STATIC_ASSERT(ROM_ASM_NOTE_LICENSE == PVROM_NOTE_LICENSE &&
		    ROM_ASM_NOTE_RELEASE == PVROM_NOTE_RELEASE &&
		    ROM_ASM_NOTE_VENDOR == PVROM_NOTE_VENDOR &&
		    ROM_ASM_NOTE_BACKENDS == PVROM_NOTE_BACKENDS &&
		    ROM_ASM_NOTE_SOURCE_URL == PVROM_NOTE_SOURCE_URL &&
		    ROM_ASM_NOTE_SOURCE_HASH == PVROM_NOTE_SOURCE_HASH &&
		    ROM_ASM_NOTE_LAYOUT == PVROM_NOTE_LAYOUT,
		    "asm.h note types agree with elf.h");

#ifndef ROM_RELEASE
#error "ROM_RELEASE must come from rom/rom.mk"
#endif

/* Guest and ROM copy structs by their size rule (handshake.h). */
static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* A guest string field may lack its NUL: print at most its field size. */
static void put_field(const char *s, uint32_t cap)
{
	uint32_t n = 0;

	while (n < cap && s[n])
		n++;
	pvrom_console_write(s, n);
}

static void log_handshake(const struct pvrom_init_args *a)
{
	rom_puts("pvrom: " ROM_RELEASE " bound by ");
	put_field(a->guest_name, PVROM_NAME_LEN);
	rom_puts(" ");
	put_field(a->guest_version, PVROM_NAME_LEN);
	rom_puts(" (");
	put_field(a->guest_license, PVROM_NAME_LEN);
	rom_puts("), backend ");
	rom_puts(pvrom_data.backend);
	rom_puts("\n");
}

int32_t pvrom_init(const struct pvrom_init_args *args,
		   struct pvrom_init_result *res)
{
	struct rom_data *d = &pvrom_data;
	struct pvrom_init_args a;
	struct pvrom_init_result r;
	uint32_t n;
	int32_t err;

	/* The spec's checks, and a copy of args under the size rule. */
	err = pvrom_init_check(args, res, &a, hw_cpuid);
	if (err)
		return err;

	/* The per-CPU slots lie right below the global data: one clear. */
	n = a.max_cpus * ROM_PERCPU_SIZE;
	memset((char *)d - n, 0, n + sizeof(*d));
	d->max_cpus = a.max_cpus;
	d->init_flags = a.flags;
	d->apic_va = a.apic_va;
	d->data_pa = a.data_pa;

	/*
	 * Backend choice, after the APIC probe (the EOI is the mode's):
	 * native fills every backend op, then a hypervisor backend (KVM so
	 * far) replaces the ops it does better, unless the guest said
	 * PVROM_INIT_FORCE_NATIVE.  Before time init, which then takes the
	 * cycle rate and wall clock kvmclock gave instead of measuring.
	 */
	d->apic_mode = rom_apic_mode_probe(a.apic_va);
	if (d->apic_mode == ROM_APIC_X2APIC)
		d->features |= PVROM_FEAT_X2APIC;
	native_install(&d->ops);
	memcpy(d->backend, "native", 7);
	if (!(a.flags & PVROM_INIT_FORCE_NATIVE))
		d->features |= kvm_install();
	d->features |= (uint64_t)rom_time_init();
	rom_apic_timer_init();
	d->magic = ROM_DATA_MAGIC;

	log_handshake(&a);

	memset(&r, 0, sizeof(r));
	r.size = sizeof(r);
	r.abi_major = PVROM_ABI_MAJOR;
	r.abi_minor = PVROM_ABI_MINOR;
	r.features = d->features;
	rom_copy_str(r.backend, d->backend, sizeof(r.backend));
	rom_copy_str(r.release, ROM_RELEASE, sizeof(r.release));
	memcpy(res, &r, min_u32(res->size, sizeof(r)));
	return PVROM_OK;
}

int32_t pvrom_info(struct pvrom_info *info)
{
	const struct rom_data *d = &pvrom_data;
	struct pvrom_info i;

	if (!info || info->size < 16)
		return -PVROM_EINVAL;
	memset(&i, 0, sizeof(i));
	i.size = sizeof(i);
	i.abi_major = PVROM_ABI_MAJOR;
	i.abi_minor = PVROM_ABI_MINOR;
	if (d->magic == ROM_DATA_MAGIC) {
		i.features = d->features;
		rom_copy_str(i.backend, d->backend, sizeof(i.backend));
		i.cycle_hz = d->tsc_hz;
		i.apic_timer_hz = d->apic_timer_hz;
		i.boot_wallclock_ns = d->boot_wallclock_ns;
		i.max_cpus = d->max_cpus;
		i.fallbacks = d->fallbacks;
		rom_copy_str(i.note, d->note, sizeof(i.note));
	}
	memcpy(info, &i, min_u32(info->size, sizeof(i)));
	return PVROM_OK;
}
