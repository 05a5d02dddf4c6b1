/* SPDX-License-Identifier: GPL-2.0-only */
/* time ops: frequency, counters, monotonic and wall clock, alarms, steal. */
#include "../lib.h"
#include "../pv.h"
#include "../cpu/cpu.h"
#include "../time/time.h"
#include "tests.h"

#define NS_2020		1577836800000000000ull
#define NS_2100		4102444800000000000ull

static uint64_t raw_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* |a - b| <= b * pct / 100 */
static bool near(uint64_t a, uint64_t b, uint64_t pct)
{
	uint64_t d = a > b ? a - b : b - a;

	return d * 100 <= b * pct;
}

static uint64_t scale_ns(uint64_t cycles, uint64_t hz)
{
	/* no 128-bit division in a freestanding kernel */
	return cycles / hz * 1000000000u + cycles % hz * 1000000000u / hz;
}

KTEST(time_clock)
{
	uint64_t hz = pv_cycle_frequency(), prev, t0, c0, r0, t1, c1, r1;
	bool mono = true;

	check(hz >= 1000000 && hz < 100000000000ull,
	      "op cycle_frequency is plausible", "%lu Hz", hz);
	printf("  cycle_frequency %lu Hz\n", hz);
	prev = pv_monotonic_ns();
	for (int i = 0; i < 2000; i++) {
		uint64_t t = pv_monotonic_ns();

		if (t < prev)
			mono = false;
		prev = t;
	}
	check(mono, "op monotonic_ns never goes back (2000 reads)", "went back");
	c0 = pv_cycle_counter();
	r0 = raw_rdtsc();
	t0 = pv_monotonic_ns();
	while (pv_monotonic_ns() - t0 < 50000000)	/* 50 ms */
		pv_safe_halt();
	c1 = pv_cycle_counter();
	r1 = raw_rdtsc();
	t1 = pv_monotonic_ns();
	check(t1 > t0, "op monotonic_ns advances", "%lu -> %lu", t0, t1);
	check(c1 > c0, "op cycle_counter advances", "%lu -> %lu", c0, c1);
	check(near(scale_ns(c1 - c0, hz), t1 - t0, 10),
	      "monotonic_ns advances at cycle_frequency (cycle_counter, 10%)",
	      "cycles say %lu ns, clock %lu ns", scale_ns(c1 - c0, hz),
	      t1 - t0);
	check(near(scale_ns(r1 - r0, hz), t1 - t0, 10),
	      "monotonic_ns advances at cycle_frequency (rdtsc, 10%)",
	      "rdtsc says %lu ns, clock %lu ns", scale_ns(r1 - r0, hz),
	      t1 - t0);
	t0 = pv_wallclock_ns();
	check(t0 > NS_2020 && t0 < NS_2100, "op wallclock_ns is after 2020",
	      "%lu", t0);
	printf("  wallclock %lu s since 1970\n", t0 / 1000000000);
}

static volatile uint64_t alarm_at;
static volatile unsigned alarm_hits;
static void alarm_irq(struct trap_frame *f)
{
	(void)f;
	alarm_at = pv_monotonic_ns();
	alarm_hits++;
	pv_eoi();
}

/* busy: with the tick stopped nothing else would wake a halt */
static void wait_until(uint64_t deadline)
{
	while (pv_monotonic_ns() < deadline)
		__asm__ __volatile__("pause");
}

KTEST(time_alarm)
{
	uint64_t now, deadline;
	int32_t r;

	tick_stop();	/* one alarm per CPU: the tick gives it up meanwhile */
	irq_register(VEC_TEST_ALARM, alarm_irq);
	alarm_hits = 0;
	now = pv_monotonic_ns();
	deadline = now + 5000000;	/* 5 ms */
	r = pv_set_alarm(deadline, VEC_TEST_ALARM);
	check(r == 0, "op set_alarm accepts a deadline", "ret %d", r);
	wait_until(deadline + 500000000);
	check(alarm_hits == 1 && alarm_at >= deadline &&
	      alarm_at < deadline + 50000000,
	      "alarm fires once, within [deadline, deadline + 50 ms]",
	      "hits %u, at deadline + %ld ns", alarm_hits,
	      (long)(alarm_at - deadline));
	printf("  alarm latency %lu us\n", (alarm_at - deadline) / 1000);

	alarm_hits = 0;
	deadline = pv_monotonic_ns() + 20000000;
	pv_set_alarm(deadline, VEC_TEST_ALARM);
	pv_cancel_alarm();
	wait_until(deadline + 50000000);
	check(alarm_hits == 0, "op cancel_alarm: a cancelled alarm never fires",
	      "fired %u", alarm_hits);

	alarm_hits = 0;
	deadline = pv_monotonic_ns() - 1000;	/* in the past: fire at once */
	r = pv_set_alarm(deadline, VEC_TEST_ALARM);
	wait_until(pv_monotonic_ns() + 20000000);
	check(r == 0 && alarm_hits == 1, "alarm with a past deadline fires",
	      "ret %d hits %u", r, alarm_hits);
	r = pv_set_alarm(pv_monotonic_ns() + 1000000, 5);
	check(r == -PVROM_EINVAL, "op set_alarm refuses an exception vector",
	      "ret %d", r);
	pv_cancel_alarm();
	irq_register(VEC_TEST_ALARM, NULL);
	tick_start();
}

KTEST(time_steal)
{
	uint64_t a = pv_steal_time_ns(), b;

	wait_until(pv_monotonic_ns() + 20000000);
	b = pv_steal_time_ns();
	check(b >= a, "op steal_time_ns never decreases", "%lu -> %lu", a, b);
}
