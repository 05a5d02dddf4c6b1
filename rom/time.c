/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The time ops every backend shares, and what they need measured once at
 * init: the TSC rate (from CPUID when the CPU or hypervisor states it,
 * otherwise against the 8254 PIT) and the wall clock (CMOS RTC), unless the
 * backend (kvmclock) already knew them.  Alarms run on the LAPIC timer,
 * whose rate rom/apic.c measured, in the time of whichever monotonic_ns the
 * backend installed.
 */
#include "rom/priv.h"
#include "abi/hw/lapic.h"
#include "abi/hw/pit.h"
#include "abi/hw/rtc.h"
#include "abi/hw/tsc.h"

/* When nothing can be measured, assume this rather than divide by zero. */
#define TSC_HZ_FALLBACK	1000000000ull

static uint64_t rtc_read_ns(void)
{
	struct hw_rtc_raw raw;

	if (hw_rtc_read(hw_cmos_read, &raw))
		return 0;
	return hw_rtc_decode(&raw) * 1000000000ull;
}

int rom_time_init(void)
{
	struct rom_data *d = &pvrom_data;
	int feat = 0;
	uint64_t hz = d->tsc_hz;

	if (!hz) {
		hz = hw_tsc_hz_from_cpuid(hw_cpuid);
		if (hz) {
			feat = PVROM_FEAT_TSC_CPUID;
		} else {
			hz = hw_pit_tsc_hz(rom_rdtsc);
			if (hz)
				feat = PVROM_FEAT_TSC_CALIBRATED;
		}
	}
	if (!hz) {
		rom_fallback("no TSC rate (CPUID, PIT): 1 GHz assumed");
		hz = TSC_HZ_FALLBACK;
	}
	d->tsc_hz = hz;
	/* 1e9 << 32 fits in 64 bits; any hz >= 1 keeps the quotient exact enough. */
	d->ns_mult = (1000000000ull << 32) / hz;
	if (!d->boot_wallclock_ns)
		d->boot_wallclock_ns = rtc_read_ns();
	if (!d->boot_wallclock_ns)
		rom_fallback("CMOS RTC unreadable: wall clock from 0");
	d->tsc_base = rom_rdtsc();
	return feat;
}

/* The rate the backend found: measured, from CPUID or from kvmclock. */
uint64_t pvrom_cycle_frequency(void)
{
	return pvrom_data.tsc_hz;
}

#if PVROM_ABI_MINOR >= 1
/* ABI 1.1 */
uint32_t pvrom_tsc_khz(void)
{
	return (uint32_t)(pvrom_cycle_frequency() / 1000);
}
#endif

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
	/* The guest's clock, whichever backend gives it (kvmclock or TSC).
	 * A deadline already passed fires as soon as possible. */
	now = pvrom_monotonic_ns();
	ticks = hw_apic_alarm_ticks(deadline_ns > now ? deadline_ns - now : 0,
				    d->apic_mult);
	if (ticks > 0xffffffffull)
		return -PVROM_ERANGE;
	hw_apic_timer_oneshot(rom_apic_wr, vector, (uint32_t)ticks);
	return PVROM_OK;
}

void pvrom_cancel_alarm(void)
{
	if (pvrom_data.apic_mode == ROM_APIC_NONE)
		return;
	hw_apic_timer_stop(rom_apic_rd, rom_apic_wr);
}
