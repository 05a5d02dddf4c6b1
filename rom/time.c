/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time sources measured once at init: the TSC rate (from CPUID when the CPU
 * or hypervisor states it, otherwise against the 8254 PIT) and the wall
 * clock (CMOS RTC).  The ops then only read the TSC.
 */
#include "rom/priv.h"

#define PIT_HZ		1193182u
#define PIT_CAL_COUNT	11932u		/* 10 ms */
#define PIT_CAL_RUNS	5
#define PIT_POLL_MAX	2000000u	/* no PIT: give up rather than hang */

/* When nothing can be measured, assume this rather than divide by zero. */
#define TSC_HZ_FALLBACK	1000000000ull

static uint64_t tsc_hz_from_cpuid(void)
{
	struct pvrom_cpuid_regs r;

	cpuid(0, 0, &r);
	if (r.eax >= 0x15) {
		cpuid(0x15, 0, &r);
		/* eax/ebx: TSC to crystal ratio, ecx: crystal Hz */
		if (r.eax && r.ebx && r.ecx)
			return (uint64_t)r.ecx * r.ebx / r.eax;
	}
	cpuid(1, 0, &r);
	if (r.ecx & (1u << 31)) {	/* running under a hypervisor */
		cpuid(0x40000000, 0, &r);
		if (r.eax >= 0x40000010 && r.eax < 0x40010000) {
			cpuid(0x40000010, 0, &r);	/* eax: TSC kHz */
			if (r.eax)
				return (uint64_t)r.eax * 1000;
		}
	}
	return 0;
}

/* TSC cycles during PIT_CAL_COUNT ticks of PIT channel 2, 0 on failure. */
static uint64_t pit_measure(void)
{
	uint8_t gate = inb(0x61);
	uint64_t t0, t1;
	uint32_t n;

	/* Gate off and speaker off while programming one-shot mode 0. */
	outb(0x61, gate & ~0x03);
	outb(0x43, 0xb0);		/* channel 2, lo/hi byte, mode 0 */
	outb(0x42, PIT_CAL_COUNT & 0xff);
	outb(0x42, PIT_CAL_COUNT >> 8);
	/* t0 before the count starts: any delay (a preempted vCPU, a slow
	 * I/O exit) then lengthens the run, never shortens it, so the
	 * shortest of several runs is the best estimate. */
	t0 = rdtsc();
	outb(0x61, (gate & ~0x02) | 0x01);	/* gate on: count starts */
	for (n = 0; n < PIT_POLL_MAX; n++)
		if (inb(0x61) & 0x20)	/* OUT2 high: count reached 0 */
			break;
	t1 = rdtsc();
	outb(0x61, gate);
	if (n == PIT_POLL_MAX || t1 <= t0)
		return 0;
	return t1 - t0;
}

static uint64_t tsc_hz_from_pit(void)
{
	uint64_t best = 0, t;
	int i;

	/* Keep the shortest run: a preempted vCPU only ever looks slower. */
	for (i = 0; i < PIT_CAL_RUNS; i++) {
		t = pit_measure();
		if (t && (!best || t < best))
			best = t;
	}
	return best * PIT_HZ / PIT_CAL_COUNT;
}

static uint8_t cmos_read(uint8_t reg)
{
	outb(0x70, reg);	/* bit 7 clear: leaves NMIs as they are */
	return inb(0x71);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), for y >= 1970. */
static uint64_t days_since_epoch(uint32_t y, uint32_t m, uint32_t d)
{
	/* Count years from March so the leap day ends the year. */
	uint32_t yy = m <= 2 ? y - 1 : y;
	uint32_t era = yy / 400, yoe = yy % 400;
	uint32_t mp = m > 2 ? m - 3 : m + 9;
	uint32_t doy = (153 * mp + 2) / 5 + d - 1;
	uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (uint64_t)era * 146097 + doe - 719468;
}

/* CMOS registers of one reading, in this order. */
enum { RTC_SEC, RTC_MIN, RTC_HOUR, RTC_DAY, RTC_MON, RTC_YEAR, RTC_CENT, RTC_N };
static const uint8_t rtc_reg[RTC_N] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09, 0x32 };

static int rtc_snap(uint8_t t[RTC_N])
{
	uint32_t n;

	for (n = 0; n < 100000; n++)	/* update in progress: < 2 ms */
		if (!(cmos_read(0x0a) & 0x80))
			break;
	if (n == 100000)
		return -1;
	for (n = 0; n < RTC_N; n++)
		t[n] = cmos_read(rtc_reg[n]);
	return 0;
}

uint64_t rom_rtc_read_ns(void)
{
	uint8_t a[RTC_N], b[RTC_N], stb;
	uint32_t v[RTC_N], y, h, tries, i;
	int pm;

	/* Two equal reads in a row cannot straddle an update. */
	for (tries = 0; tries < 10; tries++) {
		if (rtc_snap(a) || rtc_snap(b))
			return 0;
		for (i = 0; i < RTC_N && a[i] == b[i]; i++)
			;
		if (i == RTC_N)
			break;
	}
	stb = cmos_read(0x0b);
	pm = !(stb & 0x02) && (a[RTC_HOUR] & 0x80);	/* 12-hour mode */
	a[RTC_HOUR] &= 0x7f;
	for (i = 0; i < RTC_N; i++)	/* BCD unless status B bit 2 */
		v[i] = stb & 0x04 ? a[i] : (a[i] >> 4) * 10u + (a[i] & 0x0f);
	h = v[RTC_HOUR];
	if (!(stb & 0x02))
		h = (h % 12) + (pm ? 12 : 0);
	y = v[RTC_YEAR];
	if (a[RTC_CENT] && a[RTC_CENT] != 0xff)
		y += v[RTC_CENT] * 100;
	else
		y += y < 70 ? 2000 : 1900;
	if (y < 1970 || v[RTC_MON] < 1 || v[RTC_MON] > 12 || v[RTC_DAY] < 1 ||
	    v[RTC_DAY] > 31 || h > 23 || v[RTC_MIN] > 59 || v[RTC_SEC] > 60)
		return 0;
	return ((days_since_epoch(y, v[RTC_MON], v[RTC_DAY]) * 86400 + h * 3600u +
		 v[RTC_MIN] * 60u + v[RTC_SEC]) * 1000000000ull);
}

uint64_t rom_tsc_to_ns(uint64_t delta)
{
	return mul_shr32(delta, pvrom_data.ns_mult);
}

/* Busy-wait on the TSC (valid after rom_time_init). */
void rom_tsc_wait(uint64_t ns)
{
	uint64_t t0 = rdtsc();

	while (rom_tsc_to_ns(rdtsc() - t0) < ns)
		cpu_relax();
}

/* A backend that already knows the TSC rate or the wall clock (kvmclock)
 * has set tsc_hz / boot_wallclock_ns: nothing to measure then. */
int rom_time_init(void)
{
	struct rom_data *d = &pvrom_data;
	int feat = 0;
	uint64_t hz = d->tsc_hz;

	if (!hz) {
		hz = tsc_hz_from_cpuid();
		if (hz) {
			feat = PVROM_FEAT_TSC_CPUID;
		} else {
			hz = tsc_hz_from_pit();
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
		d->boot_wallclock_ns = rom_rtc_read_ns();
	if (!d->boot_wallclock_ns)
		rom_fallback("CMOS RTC unreadable: wall clock from 0");
	d->tsc_base = rdtsc();
	return feat;
}

#if PVROM_ABI_MINOR >= 1
/* ABI 1.1 */
uint32_t pvrom_tsc_khz(void)
{
	return (uint32_t)(pvrom_cycle_frequency() / 1000);
}
#endif
