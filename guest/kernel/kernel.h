/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel identity and boot-wide state (main.c). */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include "guest/kernel/pv.h"

#define KERNEL_NAME	"pvrom-refkernel"
#define KERNEL_VERSION	"0.1.0"

extern struct pvb_result bind_result;
extern struct pvb_env bind_env;
extern char pvrom_state[160];	/* "bound (backend ...)" / "native (why)" */

void demo_run(void);
int bench_run(void);		/* run=bench (bench/bench.c): exit code */

#endif
