/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel command line options (cmdline.c parses them). */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>
#include <stdint.h>

struct kopts {
	bool pvrom_off;			/* pvrom=off */
	bool license_any;		/* pvrom.license=any */
	bool backend_native;		/* pvrom.backend=native */
	bool patch_off;			/* pvrom.patch=off: keep every pv call
					 * site's indirect call */
	bool run_tests;			/* run=tests (default) or run=demo */
	bool run_bench;			/* run=bench: the benchmark, no tests */
	uint64_t host_time;		/* host_time=<epoch s> from the test
					 * runner; 0 = not given */
	uint64_t bench_n;		/* bench.n=: calls per batch */
	uint32_t bench_batches;		/* bench.batches=: batches per op */
	char bench_ops[64];		/* bench.ops=a,b|all */
	char tests[256];		/* tests=a,b,c or "all" */
	char expect[32];		/* expect=bound|native: checked in the summary */
	bool quiet;			/* quiet: less boot chatter */
	uint64_t test_data_pa;		/* pvrom.test_data_pa=0x...: tests only,
					 * a wrong data_pa for the ROM's init */
};

extern struct kopts kopts;

void cmdline_parse(const char *cmdline);
bool test_selected(const char *name);
bool list_selected(const char *list, const char *name);

#endif
