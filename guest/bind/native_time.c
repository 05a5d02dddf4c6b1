// SPDX-License-Identifier: GPL-2.0-only
/*
 * Native time ops (rom/time.c is the ROM's twin): the TSC rate from CPUID
 * or calibrated against the PIT, monotonic_ns from the TSC, the wall clock
 * from the CMOS RTC.  The hardware side (the CPUID leaves, the PIT runs, the
 * CMOS read and its decoding) is abi/hw's, the ROM's too; what is left here
 * is the state: when each part is set up, and the clock's epoch.
 */
#include "guest/bind/native_int.h"
#include "abi/hw/tsc.h"
#include "abi/hw/pit.h"
#include "abi/hw/rtc.h"

/* The TSC rate on first use, once: CPUID when it states one, else the PIT
 * (~50 ms, interrupts off), else 1 GHz and say so.  Never the LAPIC timer,
 * which a bound ROM's alarms may own. */
void pvb_nat_need_tsc(void)
{
	uint64_t hz, feat = PVROM_FEAT_TSC_CPUID;

	if (pvb_nat.tsc_ready)
		return;
	hz = hw_tsc_hz_from_cpuid(hw_cpuid);
	if (!hz) {
		uint64_t flags = hw_save_flags();

		hw_cli();	/* nothing may stretch a run */
		hz = hw_pit_tsc_hz(hw_rdtsc);
		hw_restore_flags(flags);
		feat = PVROM_FEAT_TSC_CALIBRATED;
	}
	if (!hz) {
		hz = NSEC;
		feat = 0;
		pvb_nat.fallbacks++;
		pvb_nat.note = "no CPUID TSC leaf and no PIT: assumed 1 GHz";
	}
	pvb_nat.tsc_hz = hz;
	pvb_nat.ns_mult = (NSEC << 32) / hz;
	pvb_nat.tsc0 = hw_rdtsc();
	pvb_nat.features |= feat;
	pvb_nat.tsc_ready = 1;
}

/* The wall clock at the monotonic epoch, from the CMOS RTC, once. */
void pvb_nat_need_wall(void)
{
	struct hw_rtc_raw raw;
	uint64_t wall = 0, mono;

	if (pvb_nat.wall_ready)
		return;
	if (hw_rtc_read(hw_cmos_read, &raw) == 0)
		wall = hw_rtc_decode(&raw) * NSEC;
	mono = pvb_native_monotonic_ns();
	pvb_nat.boot_wall_ns = wall > mono ? wall - mono : 0;
	if (!wall) {
		pvb_nat.fallbacks++;
		if (!pvb_nat.note)
			pvb_nat.note = "CMOS RTC unreadable: wall clock counts from 0";
	}
	pvb_nat.wall_ready = 1;
}

uint64_t pvb_native_cycle_frequency(void)
{
	pvb_nat_need_tsc();
	return pvb_nat.tsc_hz;
}

uint32_t pvb_native_tsc_khz(void)
{
	pvb_nat_need_tsc();
	return (uint32_t)(pvb_nat.tsc_hz / 1000);
}

uint64_t pvb_native_monotonic_ns(void)
{
	pvb_nat_need_tsc();
	return hw_mul_shr32(hw_rdtsc() - pvb_nat.tsc0, pvb_nat.ns_mult);
}

uint64_t pvb_native_wallclock_ns(void)
{
	pvb_nat_need_wall();
	return pvb_nat.boot_wall_ns + pvb_native_monotonic_ns();
}
