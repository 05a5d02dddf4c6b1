/* SPDX-License-Identifier: MIT */
/*
 * abi/hw: the 8254 PIT and the TSC calibration against its channel 2 (the
 * speaker channel, gated through port 0x61, so no interrupt is involved).
 * Not part of the ROM/guest binary contract (abi/hw/README.md).
 */
#ifndef HW_PIT_H
#define HW_PIT_H

#include "abi/hw/x86.h"
#include "abi/hw/io.h"

#define HW_PIT_HZ		1193182		/* input clock */
#define HW_PIT_CH2		0x42
#define HW_PIT_MODE		0x43
#define HW_PIT_CH2_ONESHOT	0xb0		/* ch 2, lo/hi byte, mode 0, binary */

#define HW_PORT_61		0x61		/* NMI status and control */
#define HW_P61_GATE2		0x01		/* channel 2 counts while set */
#define HW_P61_SPEAKER		0x02		/* channel 2 drives the speaker */
#define HW_P61_OUT2		0x20		/* channel 2 output: high at 0 */

/* One calibration: runs of 10 ms, the shortest of HW_PIT_CAL_RUNS kept. */
#define HW_PIT_CAL_TICKS	11932		/* HW_PIT_HZ / 100, rounded */
#define HW_PIT_CAL_RUNS		5

/*
 * How many reads of port 0x61 before deciding there is no PIT.  A read
 * costs about 1 us on hardware, 50-100 ns under QEMU TCG, and tens of us
 * when each I/O exits to a slow (nested) KVM.  A 10 ms run then needs at
 * most ~200,000 reads (TCG, the fastest): 2,000,000 is ten times that, and
 * a machine whose PIT never answers costs 0.1-0.2 s a run under TCG, ~2 s
 * on hardware, instead of minutes under a slow KVM (the 50,000,000 a guest
 * once used).
 */
#define HW_PIT_POLL_MAX		2000000

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * TSC ticks (read with rdtsc) while channel 2 counts down 'ticks' PIT
 * ticks; 0 if the PIT never answered.  The TSC is read before the count
 * starts, so any delay (a preempted vCPU, a slow I/O exit) lengthens a run
 * and never shortens it: the shortest of several runs is the best.  Run
 * with interrupts off, or expect longer runs.
 */
HW_INLINE uint64_t hw_pit_measure(hw_rdtsc_fn *rdtsc, uint16_t ticks)
{
	uint8_t p61 = hw_inb(HW_PORT_61);
	uint64_t t0, t1;
	uint32_t n;

	/* Gate and speaker off while programming one-shot mode 0. */
	hw_outb(HW_PORT_61, (uint8_t)(p61 & ~(HW_P61_GATE2 | HW_P61_SPEAKER)));
	hw_outb(HW_PIT_MODE, HW_PIT_CH2_ONESHOT);
	hw_outb(HW_PIT_CH2, (uint8_t)ticks);
	hw_outb(HW_PIT_CH2, (uint8_t)(ticks >> 8));
	t0 = rdtsc();
	hw_outb(HW_PORT_61, (uint8_t)((p61 & ~HW_P61_SPEAKER) | HW_P61_GATE2));
	for (n = 0; n < HW_PIT_POLL_MAX; n++)
		if (hw_inb(HW_PORT_61) & HW_P61_OUT2)
			break;
	t1 = rdtsc();
	hw_outb(HW_PORT_61, p61);
	if (n == HW_PIT_POLL_MAX || t1 <= t0)
		return 0;
	return t1 - t0;
}

/* The TSC rate from the shortest of HW_PIT_CAL_RUNS runs (runs that failed
 * are skipped); 0 if none worked. */
HW_INLINE uint64_t hw_pit_tsc_hz(hw_rdtsc_fn *rdtsc)
{
	uint64_t best = 0, t;
	int i;

	for (i = 0; i < HW_PIT_CAL_RUNS; i++) {
		t = hw_pit_measure(rdtsc, HW_PIT_CAL_TICKS);
		if (t && (!best || t < best))
			best = t;
	}
	return best * HW_PIT_HZ / HW_PIT_CAL_TICKS;
}
#endif /* !__ASSEMBLER__ */

#endif /* HW_PIT_H */
