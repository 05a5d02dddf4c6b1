/* SPDX-License-Identifier: MIT */
/*
 * abi/hw: the local APIC (Intel SDM vol. 3 ch. 11).  Registers are named by
 * their xAPIC MMIO offset; in x2APIC mode register R is MSR 0x800 + R/16,
 * except that the two 32-bit ICR halves are one 64-bit MSR.  Not part of
 * the ROM/guest binary contract (abi/hw/README.md).
 */
#ifndef HW_LAPIC_H
#define HW_LAPIC_H

#include "abi/hw/hw.h"
#include "abi/hw/msr.h"
#include "abi/hw/x86.h"

#define HW_APIC_PHYS		0xfee00000	/* the MMIO page after reset */

#define HW_APIC_ID		0x020
#define HW_APIC_VERSION		0x030
#define HW_APIC_TPR		0x080
#define HW_APIC_PPR		0x0a0
#define HW_APIC_EOI		0x0b0
#define HW_APIC_SVR		0x0f0
#define HW_APIC_ISR		0x100		/* 8 registers, 0x100-0x170 */
#define HW_APIC_IRR		0x200		/* 8 registers, 0x200-0x270 */
#define HW_APIC_ESR		0x280
#define HW_APIC_ICR_LO		0x300		/* writing it sends the IPI */
#define HW_APIC_ICR_HI		0x310		/* bits 31:24 destination */
#define HW_APIC_LVT_TIMER	0x320
#define HW_APIC_LVT_LINT0	0x350
#define HW_APIC_LVT_LINT1	0x360
#define HW_APIC_LVT_ERROR	0x370
#define HW_APIC_TIMER_INIT	0x380		/* writing it (re)starts the count */
#define HW_APIC_TIMER_CUR	0x390
#define HW_APIC_TIMER_DIV	0x3e0
#define HW_APIC_REG_END		0x400		/* registers lie below, 16-aligned */

#define HW_APIC_SVR_ENABLE	0x100		/* software enable */
#define HW_APIC_LVT_VECTOR	0xff
#define HW_APIC_LVT_MASKED	HW_BIT(16)
#define HW_APIC_TIMER_DIV_16	0x3		/* divide configuration for /16 */

#define HW_X2APIC_MSR_BASE	0x800
#define HW_X2APIC_EOI		0x80b		/* HW_APIC_EOI's MSR */
#define HW_X2APIC_ICR		0x830		/* 64 bits: destination in 63:32 */

/* How long hw_apic_timer_hz measures: 1/100 s. */
#define HW_APIC_CAL_PER_SEC	100

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Register access in whichever mode the caller set up: the apic_read and
 * apic_write ops' shape. */
typedef uint32_t hw_apic_read_fn(uint32_t reg);
typedef void hw_apic_write_fn(uint32_t reg, uint32_t val);

/* IA32_APIC_BASE says x2APIC mode: EN and EXTD both set. */
static inline int hw_apic_base_is_x2apic(uint64_t apic_base)
{
	return (apic_base & (HW_APIC_BASE_EN | HW_APIC_BASE_EXTD)) ==
	       (HW_APIC_BASE_EN | HW_APIC_BASE_EXTD);
}

/* reg names a register: 16-byte aligned, below HW_APIC_REG_END. */
static inline int hw_apic_reg_valid(uint32_t reg)
{
	return reg < HW_APIC_REG_END && !(reg & 0xf);
}

static inline uint32_t hw_x2apic_msr(uint32_t reg)
{
	return HW_X2APIC_MSR_BASE + (reg >> 4);
}

/* The x2APIC ICR from the xAPIC pair: the 8-bit destination in ICR high
 * 31:24 moves to 63:32 (so xAPIC-style callers reach APIC IDs < 256). */
static inline uint64_t hw_x2apic_icr(uint32_t hi, uint32_t lo)
{
	return ((uint64_t)(hi >> 24) << 32) | lo;
}

/* Program a one-shot of 'ticks' (after /16) that raises 'vector'. */
HW_INLINE void hw_apic_timer_oneshot(hw_apic_write_fn *wr, uint32_t vector,
				     uint32_t ticks)
{
	wr(HW_APIC_TIMER_INIT, 0);
	wr(HW_APIC_TIMER_DIV, HW_APIC_TIMER_DIV_16);
	wr(HW_APIC_LVT_TIMER, vector);		/* one-shot, unmasked */
	wr(HW_APIC_TIMER_INIT, ticks);
}

/* Stop the count and mask the timer, keeping its vector. */
HW_INLINE void hw_apic_timer_stop(hw_apic_read_fn *rd, hw_apic_write_fn *wr)
{
	wr(HW_APIC_TIMER_INIT, 0);
	wr(HW_APIC_LVT_TIMER, (uint32_t)(rd(HW_APIC_LVT_TIMER) | HW_APIC_LVT_MASKED));
}

/*
 * Timer ticks for an alarm delta_ns away, given mult = (timer Hz << 32) /
 * 1e9.  Rounded up, plus 1/1024 for the TSC rate's own error: an alarm
 * may fire a little late, never early.  At least 1 (0 would
 * stop the timer).  Over 0xffffffff: out of the timer's range.
 */
static inline uint64_t hw_apic_alarm_ticks(uint64_t delta_ns, uint64_t mult)
{
	uint64_t t;

	if (delta_ns >> 62)
		return ~0ull;
	t = hw_mul_shr32(delta_ns, mult);
	return t + (t >> 10) + 1;
}

/*
 * The timer's input rate after the /16 divider, measured against the TSC
 * (tsc_hz known) over 1/HW_APIC_CAL_PER_SEC s; 0 if the timer did not
 * count.  The timer is left stopped with its LVT entry as it was.  The
 * time counted is a lower bound of how long the timer ran: from after the
 * write that starts it to before the read that samples it.  Under a
 * hypervisor both accesses exit, and a preempted vCPU can stall either one
 * for longer than the other, so any estimate inside those brackets (their
 * midpoints, say) can come out long, the rate low and an alarm early; the
 * lower bound can only make the rate high and an alarm late.
 */
HW_INLINE uint64_t hw_apic_timer_hz(hw_apic_read_fn *rd, hw_apic_write_fn *wr,
				    hw_rdtsc_fn *rdtsc, uint64_t tsc_hz)
{
	uint32_t lvt = rd(HW_APIC_LVT_TIMER), cur;
	uint64_t t0, t1, ticks, wait = tsc_hz / HW_APIC_CAL_PER_SEC;

	wr(HW_APIC_LVT_TIMER, (uint32_t)(HW_APIC_LVT_MASKED | HW_APIC_LVT_VECTOR));
	wr(HW_APIC_TIMER_DIV, HW_APIC_TIMER_DIV_16);
	wr(HW_APIC_TIMER_INIT, 0xffffffffu);
	t0 = rdtsc();				/* the timer runs by now */
	while (rdtsc() - t0 < wait)
		hw_pause();
	t1 = rdtsc();				/* and still runs until read */
	cur = rd(HW_APIC_TIMER_CUR);
	wr(HW_APIC_TIMER_INIT, 0);
	wr(HW_APIC_LVT_TIMER, lvt);
	ticks = 0xffffffffu - cur;
	if (!ticks || !cur || t1 <= t0)
		return 0;
	/* ticks < 2^32 and tsc_hz < 2^34 on any real machine: no overflow
	 * worth a 128-bit divide. */
	return ticks * tsc_hz / (t1 - t0);
}
#endif /* !__ASSEMBLER__ */

#endif /* HW_LAPIC_H */
