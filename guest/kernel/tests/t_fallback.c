/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A KVM feature the host advertises but whose registration fails: with
 * pvrom.test_data_pa= the ROM is told a wrong physical address for its data
 * area, so the host never fills kvmclock and refuses (#GP) the PV EOI MSR.
 * The ROM must keep those ops native, count and explain it in info, and
 * every op must still work.  Without the option this group only skips.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/kernel.h"
#include "guest/kernel/cpu/cpu.h"
#include "guest/kernel/time/time.h"
#include "guest/kernel/cmdline.h"
#include "guest/kernel/tests/tests.h"
#include "abi/hw/x86.h"

#define KVM_LEAF_FEATURES	0x40000001u
#define KVM_F_CLOCKSOURCE2	(1u << 3)
#define KVM_F_PV_EOI		(1u << 6)
#define NS_2020			1577836800000000000ull
#define NS_2100			4102444800000000000ull
#define MONO_READS		10000

static volatile unsigned hits;

static void alarm_irq(struct trap_frame *f)
{
	(void)f;
	hits++;
	pv_eoi();
}

/* busy: with the tick stopped nothing else would wake a halt */
static void spin_until(uint64_t deadline)
{
	while (pv_monotonic_ns() < deadline)
		__asm__ __volatile__("pause");
}

/* The host's own answer, not the ROM's cache. */
static uint32_t kvm_features(void)
{
	struct pvrom_cpuid_regs r;

	hw_cpuid(KVM_LEAF_FEATURES, 0, &r);
	return r.eax;
}

static void time_still_works(void)
{
	uint64_t t0, prev, back = 0, w;

	t0 = prev = pv_monotonic_ns();
	for (int i = 0; i < MONO_READS; i++) {
		uint64_t t = pv_monotonic_ns();

		back += t < prev;
		prev = t;
	}
	check(back == 0, "fallback: monotonic_ns never goes back (10000 reads)",
	      "%lu steps back", back);
	t0 = pv_monotonic_ns();
	while (pv_monotonic_ns() - t0 < 20000000)
		pv_safe_halt();
	check(pv_monotonic_ns() > t0 + 20000000 - 1,
	      "fallback: monotonic_ns advances (20 ms, halted)", "stuck at %lu",
	      t0);
	w = pv_wallclock_ns();
	check(w > NS_2020 && w < NS_2100,
	      "fallback: wallclock_ns is plausible (2020..2100)", "%lu", w);
}

static void eoi_still_works(void)
{
	uint64_t deadline, t;

	tick_stop();
	irq_register(VEC_TEST_ALARM, alarm_irq);
	hits = 0;
	/* two alarms in a row: the second arrives only if the first one's
	 * EOI retired the vector */
	for (int i = 0; i < 2; i++) {
		deadline = pv_monotonic_ns() + 5000000;
		pv_set_alarm(deadline, VEC_TEST_ALARM);
		spin_until(deadline + 300000000);
	}
	pv_cancel_alarm();
	irq_register(VEC_TEST_ALARM, NULL);
	tick_start();
	check(hits == 2, "fallback: eoi: two alarms in a row both fire",
	      "%u of 2", hits);
	t = ticks;
	spin_until(pv_monotonic_ns() + 100000000);
	check(ticks >= t + 3, "fallback: eoi: the tick keeps coming (100 ms)",
	      "ticks %lu -> %lu", t, ticks);
}

KTEST(fallback)
{
	struct pvrom_info info;
	uint32_t kf;

	if (!kopts.test_data_pa) {
		skip("fallback: KVM registration failure",
		     "no pvrom.test_data_pa= on the command line");
		return;
	}
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	if (pv_info(&info) || strcmp(info.backend, "kvm")) {
		skip("fallback: KVM registration failure",
		     "backend '%s': nothing registers with a host",
		     info.backend);
		return;
	}
	printf("  data_pa given to the ROM 0x%lx; info: features 0x%lx "
	       "fallbacks %u note '%s'\n", kopts.test_data_pa, info.features,
	       info.fallbacks, info.note);
	check(info.fallbacks > 0 && info.note[0],
	      "fallback: info counts the fallback and says why",
	      "fallbacks %u note '%s'", info.fallbacks, info.note);
	kf = kvm_features();
	if (kf & KVM_F_CLOCKSOURCE2)
		check(!(info.features & PVROM_FEAT_KVM_CLOCK),
		      "fallback: kvmclock advertised but never filled: not in features",
		      "features 0x%lx", info.features);
	else
		skip("fallback: kvmclock", "host does not advertise CLOCKSOURCE2");
	if (kf & KVM_F_PV_EOI)
		check(!(info.features & PVROM_FEAT_KVM_PV_EOI),
		      "fallback: PV EOI advertised but its MSR write faulted: not in features",
		      "features 0x%lx", info.features);
	else
		skip("fallback: PV EOI", "host does not advertise PV_EOI");
	time_still_works();
	eoi_still_works();
}
