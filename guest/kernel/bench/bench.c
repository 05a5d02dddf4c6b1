/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * run=bench: the cost of a few hot ops through the pv-ops table (the ROM's
 * code when bound) and as the native instruction inline, then the whole
 * workloads of workloads.c.  Not a test: it prints numbers, one
 * machine-readable line per (op, path) (bench.h):
 *
 *   BENCH op=cpuid path=rom backend=kvm min=123.4 median=130.2 unit=cycles n=100000 batches=11
 *
 * path: rom (pv call, entry bound to the ROM), pv-native (pv call, entry
 * holds the binding library's native code: no ROM or pvrom=off), native
 * (the instruction inline, no call), native-build (the pv_*() wrapper in a
 * PVOPS_NATIVE kernel, which is inline too).  Each op runs `batches` batches of `n`
 * calls between fenced TSC reads (lfence; rdtsc; lfence); per-call cost =
 * batch ticks / n minus the per-iteration cost of the same loop with an
 * empty body; min and median over the batches.  The unit is TSC ticks
 * ("cycles"); under TCG with -icount shift=0 a TSC tick is one guest
 * instruction, and tests/bench/run-bench.sh relabels it.  Interrupts are off
 * and the tick is stopped while a batch runs (irq_disable+enable briefly
 * sets IF, with no interrupt source left to fire).
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/kernel.h"
#include "guest/kernel/cmdline.h"
#include "guest/kernel/memlayout.h"
#include "guest/kernel/mm/mm.h"
#include "guest/kernel/time/time.h"
#include "guest/kernel/bench/bench.h"
#include "abi/hw/lapic.h"
#include "abi/hw/msr.h"

#define BENCH_N_MIN		100000	/* calls per batch (issue 4) */
#define BENCH_BATCHES_MIN	11	/* batches per op: an odd count, for the median */
/* a page-table entry nothing else uses: the last page of the test window */
#define BENCH_PTE_VA		(TEST_VA_BASE + TEST_VA_SIZE - PAGE_SIZE)

static volatile uint64_t sink;	/* keeps results alive */
static uint64_t *scratch_pte;
static uint64_t scratch_val;

/* The loops.  noinline: every op is timed in the same loop shape as the
 * empty one, whatever the compiler does around the call. */
#define BENCH_LOOP(name, body)						\
static __attribute__((noinline)) void name(uint64_t n)		\
{									\
	uint64_t acc = 0;						\
									\
	for (uint64_t i = 0; i < n; i++) {				\
		body;							\
		barrier();						\
	}								\
	sink = acc;							\
}

BENCH_LOOP(b_empty, (void)0)
BENCH_LOOP(b_rdtsc_native, acc += pvn_rdtsc())
BENCH_LOOP(b_time_pv, acc += pv_monotonic_ns())
BENCH_LOOP(b_time_native, acc += pvn_monotonic_ns())
BENCH_LOOP(b_cpuid_pv, struct pvrom_cpuid_regs r; pv_cpuid(0, 0, &r); acc += r.eax)
BENCH_LOOP(b_cpuid_native, struct pvrom_cpuid_regs r; pvn_cpuid(0, 0, &r); acc += r.eax)
BENCH_LOOP(b_eoi_pv, pv_eoi())
BENCH_LOOP(b_eoi_native, *(volatile uint32_t *)(APIC_VA + HW_APIC_EOI) = 0)
BENCH_LOOP(b_irq_pv, pv_irq_disable(); pv_irq_enable())
BENCH_LOOP(b_irq_native, pvn_irq_disable(); pvn_irq_enable())
BENCH_LOOP(b_pte_pv, pv_set_pxe(1, scratch_pte, scratch_val))
BENCH_LOOP(b_pte_native, pvn_set_pxe(1, scratch_pte, scratch_val))
BENCH_LOOP(b_cr3_pv, acc += pv_read_cr3())
BENCH_LOOP(b_cr3_native, acc += pvn_read_cr3())

struct bench_case {
	const char *op;		/* the ABI op it stands for */
	int pvop;		/* PVROM_OP_* for the pv path, -1 inline */
	void (*fn)(uint64_t n);
};

/* time read = monotonic_ns; its "native" form is the binding library's
 * TSC clock called directly (rdtsc and a multiply: there is no single
 * instruction), and rdtsc alone is listed as a reference point. */
static const struct bench_case cases[] = {
	{ "monotonic_ns", PVROM_OP_monotonic_ns, b_time_pv },
	{ "monotonic_ns", -1, b_time_native },
	{ "rdtsc", -1, b_rdtsc_native },
	{ "cpuid", PVROM_OP_cpuid, b_cpuid_pv },
	{ "cpuid", -1, b_cpuid_native },
	{ "eoi", PVROM_OP_eoi, b_eoi_pv },
	{ "eoi", -1, b_eoi_native },
	{ "irq_disable_enable", PVROM_OP_irq_disable, b_irq_pv },
	{ "irq_disable_enable", -1, b_irq_native },
	{ "set_pxe", PVROM_OP_set_pxe, b_pte_pv },
	{ "set_pxe", -1, b_pte_native },
	{ "read_cr3", PVROM_OP_read_cr3, b_cr3_pv },
	{ "read_cr3", -1, b_cr3_native },
};

static uint64_t run_batch(void (*fn)(uint64_t), uint64_t n)
{
	uint64_t fl = pv_irq_save_flags(), t0, t1;

	pv_irq_disable();
	t0 = bench_tsc();
	fn(n);
	t1 = bench_tsc();
	pv_irq_restore_flags(fl);
	return t1 - t0;
}

void bench_sort(int64_t *v, unsigned n)
{
	for (unsigned i = 1; i < n; i++)
		for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
			int64_t t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

const char *bench_tenths(char *buf, unsigned long len, int64_t centi)
{
	bool neg = centi < 0;
	uint64_t a = (uint64_t)(neg ? -centi : centi);
	uint64_t t = (a + 5) / 10;

	snprintf(buf, len, "%s%lu.%lu", neg && t ? "-" : "", t / 10, t % 10);
	return buf;
}

/* min and median per call, in hundredths of a tick, overhead removed */
static void measure(void (*fn)(uint64_t), uint64_t n, unsigned batches,
		    int64_t overhead, int64_t *min, int64_t *median)
{
	int64_t v[BENCH_MAX_BATCHES];

	fn(MIN(n, 1000));	/* warm caches and TLB, untimed (a call can
				 * cost ~100 us under the nested KVM here) */
	for (unsigned b = 0; b < batches; b++)
		v[b] = (int64_t)(run_batch(fn, n) * 100 / n) - overhead;
	bench_sort(v, batches);
	*min = v[0];
	*median = v[batches / 2];
}

static const char *lfence_state(void)
{
	struct pvrom_cpuid_regs r;
	uint64_t v;

	pv_cpuid(0, 0, &r);
	/* "AuthenticAMD": lfence serialises only when DE_CFG[1] says so */
	if (r.ebx != 0x68747541 || r.edx != 0x69746e65 || r.ecx != 0x444d4163)
		return "yes (not AMD)";
	if (pv_rdmsr_safe(HW_MSR_AMD_DE_CFG, &v))
		return "unknown (DE_CFG unreadable)";
	if (!(v & HW_AMD_DE_CFG_LFENCE_SERIALIZE) &&
	    (pv_wrmsr_safe(HW_MSR_AMD_DE_CFG, v | HW_AMD_DE_CFG_LFENCE_SERIALIZE) ||
	     pv_rdmsr_safe(HW_MSR_AMD_DE_CFG, &v)))
		return "unknown (DE_CFG not writable)";
	return v & HW_AMD_DE_CFG_LFENCE_SERIALIZE ? "yes (DE_CFG[1])" : "no (DE_CFG[1] stays clear)";
}

int bench_run(void)
{
	uint64_t n = kopts.bench_n ? kopts.bench_n : BENCH_N_MIN;
	unsigned batches = kopts.bench_batches ? kopts.bench_batches :
			   BENCH_BATCHES_MIN;
	const char *backend = bind_result.bound ? bind_result.backend : "none";
	int64_t overhead, omed, min, med;
	char a[24], b[24];
	uint64_t scratch_pa, t_start;
	int rc;

	if (batches > BENCH_MAX_BATCHES)
		batches = BENCH_MAX_BATCHES;
	batches |= 1;
	tick_stop();
	scratch_pa = pmm_alloc();
	scratch_pte = vmm_pte(&kernel_as, BENCH_PTE_VA, true);
	if (!scratch_pa || !scratch_pte) {
		printf("bench: no scratch page table entry\n");
		return EXIT_FAIL;
	}
	/* present, never accessed: rewriting it needs no TLB flush */
	scratch_val = scratch_pa | HW_PTE_P | HW_PTE_W | (nx_enabled ? HW_PTE_NX : 0);

	printf("bench: %lu calls per batch, %u batches per op; backend %s; "
	       "TSC %lu Hz; lfence serialising: %s\n", n, batches, backend,
	       pv_cycle_frequency(), lfence_state());
	t_start = pv_monotonic_ns();
	measure(b_empty, n, batches, 0, &overhead, &omed);
	printf("BENCH op=empty_loop path=none backend=%s min=%s median=%s "
	       "unit=cycles n=%lu batches=%u\n", backend,
	       bench_tenths(a, sizeof(a), overhead), bench_tenths(b, sizeof(b), omed), n,
	       batches);
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct bench_case *c = &cases[i];
#ifdef PVOPS_NATIVE
		/* pv_*() are the instructions themselves in this build */
		const char *path = c->pvop < 0 ? "native" : "native-build";
#else
		const char *path = c->pvop < 0 ? "native" :
			bind_result.bound && bind_result.op_bound[c->pvop] ?
			"rom" : "pv-native";
#endif

		if (!list_selected(kopts.bench_ops, c->op))
			continue;
		measure(c->fn, n, batches, overhead, &min, &med);
		printf("BENCH op=%s path=%s backend=%s min=%s median=%s "
		       "unit=cycles n=%lu batches=%u\n", c->op, path, backend,
		       bench_tenths(a, sizeof(a), min), bench_tenths(b, sizeof(b), med), n,
		       batches);
	}
	pv_update_pxe(1, scratch_pte, 0, BENCH_PTE_VA);
	pmm_free(scratch_pa);
#ifdef PVOPS_NATIVE
	rc = bench_workloads("native-build", backend, batches);
#else
	rc = bench_workloads(bind_result.bound ? "rom" : "pv-native", backend,
			     batches);
#endif
	printf("bench: done in %lu ms; pvrom: %s\n",
	       (pv_monotonic_ns() - t_start) / 1000000, pvrom_state);
	tick_start();
	return rc ? EXIT_FAIL : EXIT_PASS;
}
