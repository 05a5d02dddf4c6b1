/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * run=bench, shared by the per-op loops (bench.c) and the whole workloads
 * (workloads.c).  Every result is one machine-readable line:
 *
 *   BENCH op=NAME path=PATH backend=B min=X median=Y unit=cycles n=N batches=K [kind=workload ...]
 *
 * tests/bench/report.py reads them; tests/bench/icount-check.sh greps the
 * per-op lines, so their first fields keep this order.
 */
#ifndef KERNEL_BENCH_H
#define KERNEL_BENCH_H

#include <stdint.h>

#define BENCH_MAX_BATCHES	101

/* lfence; rdtsc; lfence: under TCG -icount shift=0 a tick is one guest
 * instruction, so a difference of two reads counts instructions. */
static inline uint64_t bench_tsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("lfence\n\trdtsc\n\tlfence"
			     : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

void bench_sort(int64_t *v, unsigned n);
/* "12.3" from hundredths (rounded to tenths, sign kept) */
const char *bench_tenths(char *buf, unsigned long len, int64_t centi);

/* The whole workloads: each selected one (bench.ops= names them too) runs
 * `batches` timed batches and prints one line; 0 or EXIT_FAIL. */
int bench_workloads(const char *path, const char *backend, unsigned batches);

/* workloads.S: the ring-3 loop the syscall and context-switch workloads
 * copy into their task, and the single-step #DB handler that counts TLB
 * flush instructions (a trap after every instruction while RFLAGS.TF=1). */
extern const char bench_uprog_start[], bench_uprog_end[];
void bench_db_entry(void);
extern volatile uint64_t bench_ss_steps, bench_ss_invlpg, bench_ss_cr3,
	bench_ss_cr4;

#endif
