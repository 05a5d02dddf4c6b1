/* SPDX-License-Identifier: GPL-2.0-only */
/* LAPIC and the periodic tick built from one-shot pv alarms (time/). */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <stdint.h>
#include <stdbool.h>

#define TICK_NS		10000000ull	/* 100 Hz */

void apic_early_enable(void);		/* software-enable before binding */
void tick_start(void);
void tick_stop(void);
uint64_t rtc_seconds(void);		/* CMOS RTC, s since 1970; 0 = bad */
extern volatile uint64_t ticks;
extern volatile uint64_t tick_rearm_errors;

/* Called from the tick with the interrupted frame (task.c preempts). */
struct trap_frame;
void sched_tick(struct trap_frame *f);

#endif
