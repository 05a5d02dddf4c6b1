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

#define NSEC		1000000000ull

/* APIC registers (xAPIC offsets; x2APIC MSR = 0x800 + offset / 16). */
#define APIC_EOI	0x0B0
#define APIC_ICR_LO	0x300
#define APIC_ICR_HI	0x310
#define APIC_LVT_TIMER	0x320
#define APIC_TIMER_INIT	0x380
#define APIC_TIMER_CUR	0x390
#define APIC_TIMER_DIV	0x3E0
#define APIC_LVT_MASKED	(1u << 16)
#define APIC_DIV_16	0x3u
#define MSR_APIC_BASE	0x1Bu
#define MSR_X2APIC_BASE	0x800u
#define APIC_BASE_X2APIC (1ull << 10)
#define APIC_BASE_ENABLE (1ull << 11)

/* The natives' state: nothing here is per CPU (the library is boot-time,
 * single CPU).  Each part is written by the file named. */
struct pvb_nat {
	/* native_apic.c */
	int apic_done;
	int apic;			/* 0 none, 1 xAPIC MMIO, 2 x2APIC */
	uint64_t apic_va;
	uint32_t icr_hi;		/* xAPIC-style destination kept for x2APIC */
	/* native_time.c (the APIC timer rate too: measured in the PIT window) */
	int tsc_ready, wall_ready;
	uint64_t tsc_hz;
	uint64_t tsc0;			/* monotonic_ns epoch */
	uint64_t ns_mult;		/* ns = (ticks * ns_mult) >> 32 */
	uint64_t boot_wall_ns;		/* wall clock at tsc0 */
	uint64_t apic_hz;		/* LAPIC timer rate after the divider */
	uint64_t apic_mult;		/* ticks = (ns * apic_mult) >> 32 */
	/* native.c */
	int setup_done;
	/* any: what init and info report */
	uint64_t features;		/* PVROM_FEAT_* */
	uint32_t fallbacks;		/* what fell back, and why */
	const char *note;
};
extern struct pvb_nat pvb_nat;

/* native_time.c: the TSC rate on first use (CPUID, else the PIT alone),
 * and the full time set-up of pvb_native_setup(). */
void pvb_nat_need_tsc(void);
void pvb_nat_time_setup(void);

static inline uint64_t pvb_mul_shr32(uint64_t a, uint64_t b)
{
	return (uint64_t)(((unsigned __int128)a * b) >> 32);
}

/* ---- port I/O ---- */
static inline void outb(uint16_t port, uint8_t v)
{ __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v)
{ __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port)
{ uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

#endif /* PVBIND_NATIVE_INT_H */
