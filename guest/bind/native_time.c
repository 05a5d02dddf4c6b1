// SPDX-License-Identifier: GPL-2.0-only
/*
 * Native time ops (rom/time.c is the ROM's twin): the TSC rate from CPUID
 * or calibrated against the PIT (which also measures the LAPIC timer),
 * monotonic_ns from the TSC, the wall clock from the CMOS RTC.  Set up
 * whole by pvb_native_setup(), or piecewise by the first op that needs it.
 */
#include "guest/bind/native_int.h"

#define PIT_HZ		1193182u
#define CAL_PIT_COUNT	(PIT_HZ / 100)		/* 10 ms */
#define CAL_RUNS	5			/* keep the least disturbed run */
#define CAL_SPIN_MAX	50000000ull		/* no PIT: give up, don't hang */

/* ---- TSC ---- */
static void set_tsc_hz(uint64_t hz)
{
	pvb_nat.tsc_hz = hz;
	pvb_nat.ns_mult = (NSEC << 32) / hz;
	pvb_nat.tsc0 = pvn_rdtsc();
	pvb_nat.tsc_ready = 1;
}

/* Leaf 0x15 (crystal clock x ratio), else the hypervisor leaf 0x40000010
 * (EAX = TSC kHz) when CPUID says a hypervisor is present. */
static uint64_t tsc_hz_from_cpuid(void)
{
	struct pvrom_cpuid_regs r;

	pvn_cpuid(0, 0, &r);
	if (r.eax >= 0x15) {
		pvn_cpuid(0x15, 0, &r);
		if (r.eax && r.ebx && r.ecx)
			return (uint64_t)r.ecx * r.ebx / r.eax;
	}
	pvn_cpuid(1, 0, &r);
	if (r.ecx & (1u << 31)) {
		pvn_cpuid(0x40000000, 0, &r);
		if (r.eax >= 0x40000010) {
			pvn_cpuid(0x40000010, 0, &r);
			if (r.eax)
				return (uint64_t)r.eax * 1000;
		}
	}
	return 0;
}

/*
 * Count TSC (and LAPIC timer) ticks over CAL_PIT_COUNT PIT ticks, using PIT
 * channel 2 in mode 0 gated through port 0x61 (speaker off): OUT2 goes high
 * when the count expires.  Interrupts off so nothing stretches the window.
 * Returns 0 if the PIT never answered.
 */
static int pit_run(int with_apic, uint64_t *tsc_ticks, uint64_t *apic_ticks)
{
	uint64_t flags = pvn_irq_save_flags();
	uint64_t t0, t1, spins = 0;
	uint32_t left = 0;
	uint8_t p61;

	pvn_irq_disable();
	p61 = inb(0x61);
	outb(0x61, (uint8_t)(p61 & ~0x03));	/* gate off while programming */
	outb(0x43, 0xB0);			/* ch 2, lo/hi, mode 0, binary */
	outb(0x42, CAL_PIT_COUNT & 0xFF);
	outb(0x42, CAL_PIT_COUNT >> 8);
	if (with_apic) {
		pvb_native_apic_write(APIC_TIMER_DIV, APIC_DIV_16);
		pvb_native_apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | 0xFF);
		pvb_native_apic_write(APIC_TIMER_INIT, 0xFFFFFFFFu);
	}
	/* t0 before the gate opens: any delay then lengthens the run and
	 * never shortens it, so the shortest run is the best estimate. */
	t0 = pvn_rdtsc();
	outb(0x61, (uint8_t)((p61 & ~0x02) | 0x01));	/* gate on: count starts */
	while (!(inb(0x61) & 0x20) && ++spins < CAL_SPIN_MAX)
		;
	t1 = pvn_rdtsc();
	if (with_apic) {
		left = pvb_native_apic_read(APIC_TIMER_CUR);
		pvb_native_apic_write(APIC_TIMER_INIT, 0);
	}
	outb(0x61, p61);
	pvn_irq_restore_flags(flags);

	if (spins >= CAL_SPIN_MAX || t1 <= t0)
		return 0;
	*tsc_ticks = t1 - t0;
	*apic_ticks = left && left != 0xFFFFFFFFu ? 0xFFFFFFFFu - left : 0;
	return 1;
}

/* Best (shortest, least disturbed) of CAL_RUNS runs. */
static void pit_calibrate(int with_apic)
{
	uint64_t best = 0, best_apic = 0;

	for (int i = 0; i < CAL_RUNS; i++) {
		uint64_t t, a;
		if (!pit_run(with_apic, &t, &a))
			return;
		if (!best || t < best) {
			best = t;
			best_apic = a;
		}
	}
	set_tsc_hz(best * PIT_HZ / CAL_PIT_COUNT);
	pvb_nat.features |= PVROM_FEAT_TSC_CALIBRATED;
	uint64_t hz = best_apic * PIT_HZ / CAL_PIT_COUNT;
	if (hz && hz < (1ull << 32)) {		/* keeps apic_mult in 64 bits */
		pvb_nat.apic_hz = hz;
		pvb_nat.apic_mult = (hz << 32) / NSEC;
	}
}

static void tsc_setup(int with_apic)
{
	uint64_t hz = tsc_hz_from_cpuid();

	if (hz && !with_apic) {
		set_tsc_hz(hz);
		pvb_nat.features |= PVROM_FEAT_TSC_CPUID;
		return;
	}
	pit_calibrate(with_apic);	/* the APIC timer needs the PIT anyway */
	if (hz) {			/* prefer the exact rate when known */
		pvb_nat.features &= ~PVROM_FEAT_TSC_CALIBRATED;
		pvb_nat.features |= PVROM_FEAT_TSC_CPUID;
		set_tsc_hz(hz);
	}
	if (!pvb_nat.tsc_ready) {		/* neither: assume 1 GHz, and say so */
		set_tsc_hz(NSEC);
		pvb_nat.fallbacks++;
		pvb_nat.note = "no CPUID TSC leaf and no PIT: assumed 1 GHz";
	}
}

/* A time op used before (or without) pvb_native_setup() takes the TSC rate
 * on demand: CPUID or the PIT, never the LAPIC timer, which a bound ROM
 * may own. */
void pvb_nat_need_tsc(void)
{
	if (!pvb_nat.tsc_ready)
		tsc_setup(0);
}

/* ---- CMOS RTC ---- */
static uint8_t cmos(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

struct rtc { uint8_t s, m, h, d, mo, y, c; };

static void rtc_raw(struct rtc *t)
{
	uint32_t spins = 0;

	while ((cmos(0x0A) & 0x80) && ++spins < 10000000u)	/* update in progress */
		;
	t->s = cmos(0x00); t->m = cmos(0x02); t->h = cmos(0x04);
	t->d = cmos(0x07); t->mo = cmos(0x08); t->y = cmos(0x09);
	t->c = cmos(0x32);
}

static unsigned bcd(uint8_t v) { return (v & 0x0F) + (v >> 4) * 10u; }

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), via March-based years. */
static int64_t days_since_epoch(int64_t y, unsigned m, unsigned d)
{
	if (m <= 2)
		y--;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (m + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static uint64_t rtc_read_ns(void)
{
	struct rtc a, b;
	int tries = 0;

	rtc_raw(&a);
	do {			/* read until two reads agree: no torn update */
		b = a;
		rtc_raw(&a);
	} while ((a.s != b.s || a.m != b.m || a.h != b.h || a.d != b.d ||
		  a.mo != b.mo || a.y != b.y) && ++tries < 5);

	uint8_t regb = cmos(0x0B);
	int pm = a.h & 0x80;
	unsigned s = a.s, mi = a.m, h = a.h & 0x7F, d = a.d, mo = a.mo, y = a.y, c = a.c;
	if (!(regb & 0x04)) {	/* BCD */
		s = bcd(a.s); mi = bcd(a.m); h = bcd(a.h & 0x7F);
		d = bcd(a.d); mo = bcd(a.mo); y = bcd(a.y); c = bcd(a.c);
	}
	if (!(regb & 0x02)) {	/* 12-hour clock */
		h %= 12;
		if (pm)
			h += 12;
	}
	if (c < 19 || c > 30)
		c = y < 70 ? 20 : 19;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
		return 0;
	int64_t days = days_since_epoch((int64_t)c * 100 + y, mo, d);
	if (days < 0)
		return 0;
	return ((uint64_t)days * 86400 + h * 3600u + mi * 60u + s) * NSEC;
}

static void wall_setup(void)
{
	uint64_t wall = rtc_read_ns();
	uint64_t mono = pvb_native_monotonic_ns();

	pvb_nat.boot_wall_ns = wall > mono ? wall - mono : 0;
	if (!wall && !pvb_nat.wall_ready) {
		pvb_nat.fallbacks++;
		if (!pvb_nat.note)
			pvb_nat.note = "CMOS RTC unreadable: wall clock counts from 0";
	}
	pvb_nat.wall_ready = 1;
}

/* ---- the ops ---- */
uint64_t pvb_native_cycle_frequency(void) { pvb_nat_need_tsc(); return pvb_nat.tsc_hz; }
uint32_t pvb_native_tsc_khz(void) { pvb_nat_need_tsc(); return (uint32_t)(pvb_nat.tsc_hz / 1000); }

uint64_t pvb_native_monotonic_ns(void)
{
	pvb_nat_need_tsc();
	return pvb_mul_shr32(pvn_rdtsc() - pvb_nat.tsc0, pvb_nat.ns_mult);
}

uint64_t pvb_native_wallclock_ns(void)
{
	if (!pvb_nat.wall_ready)
		wall_setup();
	return pvb_nat.boot_wall_ns + pvb_native_monotonic_ns();
}

void pvb_nat_time_setup(void)
{
	/* Recalibrate even if a time op already did: the APIC timer is
	 * measured in the same PIT window.  Keep the earlier epoch. */
	uint64_t epoch = pvb_nat.tsc0;
	int had_tsc = pvb_nat.tsc_ready;

	tsc_setup(pvb_nat.apic != 0);
	if (had_tsc)
		pvb_nat.tsc0 = epoch;
	wall_setup();
}
