/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private to the out-of-line natives: their shared state and the calls
 * between their files, each of which reads next to its ROM twin:
 *   native.c       instruction-level natives, init/info, setup   rom/init.c
 *   native_apic.c  LAPIC access, EOI, alarms on the LAPIC timer  rom/apic.c
 *   native_time.c  TSC rate, monotonic and wall clock, CMOS RTC  rom/time.c
 *   native_dev.c   COM1 console, shutdown and reboot             rom/console.c,
 *                                                                rom/power.c
 * (native_cs.S and native_msr.S are the natives that must be assembly.)
 */
#ifndef PVBIND_NATIVE_INT_H
#define PVBIND_NATIVE_INT_H

#include "guest/bind/bind_int.h"
#include "abi/hw/io.h"
#include "abi/hw/lapic.h"

#define NSEC		1000000000ull

/* The natives' state: nothing here is per CPU (the library is boot-time,
 * single CPU).  Each part is written by the file named. */
struct pvb_nat {
	/* native_apic.c */
	int apic_done, timer_done;
	int apic;			/* 0 none, 1 xAPIC MMIO, 2 x2APIC */
	uint64_t apic_va;
	uint32_t icr_hi;		/* xAPIC-style destination kept for x2APIC */
	uint64_t apic_hz;		/* LAPIC timer rate after the divider */
	uint64_t apic_mult;		/* ticks = (ns * apic_mult) >> 32 */
	/* native_time.c */
	int tsc_ready, wall_ready;
	uint64_t tsc_hz;
	uint64_t tsc0;			/* monotonic_ns epoch */
	uint64_t ns_mult;		/* ns = (ticks * ns_mult) >> 32 */
	uint64_t boot_wall_ns;		/* wall clock at tsc0 */
	/* native.c */
	int setup_done;
	/* any: what init and info report */
	uint64_t features;		/* PVROM_FEAT_* */
	uint32_t fallbacks;		/* what fell back, and why */
	const char *note;
};
extern struct pvb_nat pvb_nat;

/* native_time.c: the TSC rate on first use (from CPUID, else the PIT) and
 * the wall clock (CMOS RTC); native_apic.c: the LAPIC timer rate, measured
 * against the TSC.  pvb_native_setup() calls all three; each is done once. */
void pvb_nat_need_tsc(void);
void pvb_nat_need_wall(void);
void pvb_nat_need_timer(void);

#endif /* PVBIND_NATIVE_INT_H */
