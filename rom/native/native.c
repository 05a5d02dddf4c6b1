/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The native backend: real instructions and devices only (TSC, CMOS RTC
 * read at init, LAPIC), correct on bare metal and under any hypervisor,
 * including QEMU TCG.  It fills every backend op, so it is also what other
 * backends start from.
 */
#include "rom/priv.h"
#include "abi/hw/hw.h"
#include "abi/hw/x86.h"

/* After the APIC probe: the EOI is the one of the mode it found. */
void native_install(struct rom_backend_ops *ops)
{
	/* Run-time assignments: RIP-relative lea, no relocation. */
	ops->monotonic_ns = native_monotonic_ns;
	ops->wallclock_ns = native_wallclock_ns;
	ops->steal_time_ns = native_steal_time_ns;	/* rom/native/ops.S */
	ops->eoi = rom_apic_eoi_impl();		/* nothing better than the APIC */
	ops->io_delay = native_io_delay;		/* rom/native/ops.S */
	ops->cpuid = native_cpuid;
}

/* TSC since init, scaled with the rate rom/time.c found.  rdtsc inline,
 * not rom_rdtsc: a call here makes gcc realign the stack for the 128-bit
 * product (four instructions more on every time read). */
uint64_t native_monotonic_ns(void)
{
	return hw_mul_shr32(hw_rdtsc() - pvrom_data.tsc_base, pvrom_data.ns_mult);
}

/* The RTC read at init, moved on by the TSC. */
uint64_t native_wallclock_ns(void)
{
	return pvrom_data.boot_wallclock_ns + native_monotonic_ns();
}

void native_cpuid(uint32_t leaf, uint32_t subleaf, struct pvrom_cpuid_regs *out)
{
	hw_cpuid(leaf, subleaf, out);
}
