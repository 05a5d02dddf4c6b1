/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Whole workloads for run=bench: what a pv op costs once it is inside the
 * kernel's real paths, not a loop around one op.  Each goes through the
 * kernel's own code (task/, mm/, cpu/entry.S, trap.c), so it makes the pv
 * calls the kernel really makes, at the sites the kernel really has:
 *
 *   syscall          10^5 getpid round trips from ring 3 (entry.S, the
 *                    dispatcher's pv_irq_disable, sysretq)
 *   context_switch   10^5 switches between the boot thread and a user task
 *                    (schedule(): pv_write_cr3, pv_set_kernel_stack,
 *                    pv_write_fs_base; switch_to), the task's side a yield
 *   demand_paging    4096 first touches of the demand-paged region (#PF,
 *                    trap.c, vmm_demand_fault: pmm_alloc, walk, pv_set_pxe)
 *   lazy_map_unmap_512  vmm_map then vmm_unmap of 512 pages inside one
 *                    pv_lazy_mmu_enter/leave (pv_set_pxe, pv_update_pxe);
 *                    plus, single-stepped once, the TLB-invalidating
 *                    instructions it executed (the goal is one flush)
 *   timer_irq        10^4 LAPIC timer interrupts, each doing what
 *                    time/tick.c's tick does (pv_monotonic_ns,
 *                    pv_set_alarm, pv_eoi), through entry.S and trap.c
 *
 * A batch is one whole workload between two fenced TSC reads: the line's
 * min and median are totals per batch (under TCG -icount, instructions).
 * The kernel tick is stopped (bench.c) so nothing else runs in between.
 * The timer workload's handler is its own copy of the tick's three calls:
 * the tick re-arms 10 ms ahead, which would make 10^4 interrupts take 100 s;
 * here every alarm's deadline has already passed, so it fires at once.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/kernel.h"
#include "guest/kernel/cmdline.h"
#include "guest/kernel/memlayout.h"
#include "guest/kernel/mm/mm.h"
#include "guest/kernel/cpu/cpu.h"
#include "guest/kernel/task/task.h"
#include "guest/kernel/bench/bench.h"

#define WL_SYSCALLS		100000
#define WL_SWITCHES		100000
#define WL_DEMAND_PAGES		4096
#define WL_LAZY_PAGES		512
#define WL_TIMER_IRQS		10000

/* The user loop's page, between the user text and the TLS page. */
#define WL_UPROG_VA		0x500000ull
/* 512 pages under one 2 MiB-aligned level-1 table of the test window, away
 * from the mmu tests' pages and bench.c's scratch entry (its last page). */
#define WL_LAZY_VA		(TEST_VA_BASE + 0x20000000ull)

_Static_assert(WL_DEMAND_PAGES * PAGE_SIZE <= DEMAND_VA_SIZE,
	       "the demand-paged region holds the workload");
_Static_assert(WL_UPROG_VA > USER_TEXT_VA && WL_UPROG_VA + PAGE_SIZE <= USER_TLS_VA,
	       "the user loop's page lies between user text and TLS");
_Static_assert(WL_SWITCHES % 2 == 0, "a round trip is two switches");

extern char __utext_start[], __utext_end[];
extern void *isr_table[256];

struct workload {
	const char *name;
	uint64_t n;			/* what the line's n counts */
	/* one timed batch (ticks), or -1 if it could not run */
	int64_t (*batch)(void *ctx);
	int (*setup)(void **ctx, unsigned batches);	/* untimed; 0 or -1 */
	void (*teardown)(void *ctx);	/* untimed */
	/* untimed, after the batches: prints its own line */
	void (*count)(const char *path, const char *backend);
};

/* ---- ring 3: syscall and context_switch ---------------------------- */

struct uctx {
	struct task *t;
	uint64_t schedules;		/* kernel-side schedule() calls per batch */
};
static struct uctx uctx;

/* A user task running bench_uprog (workloads.S): `rounds` rounds of n
 * calls of `sysno` and a yield. */
static struct task *spawn_uprog(uint64_t n, uint64_t rounds, uint64_t sysno)
{
	uint64_t len = (uint64_t)(bench_uprog_end - bench_uprog_start);
	uint64_t utext = (uint64_t)(__utext_end - __utext_start);
	struct trap_frame *f;
	struct task *t;
	uint64_t pa;

	if (USER_TEXT_VA + utext > WL_UPROG_VA || len > PAGE_SIZE)
		return NULL;
	t = task_spawn_user("bench", n);
	if (!t)
		return NULL;
	pa = pmm_alloc();
	if (!pa || vmm_map(&t->as, WL_UPROG_VA, pa, PAGE_SIZE,
			   PROT_R | PROT_X | PROT_U)) {
		if (pa)
			pmm_free(pa);
		t->state = T_DEAD;	/* never ran: task_reap frees it */
		task_reap();
		return NULL;
	}
	memcpy(phys_ptr(pa), bench_uprog_start, len);
	/* the first iretq (task_spawn_user's frame) enters the loop */
	f = (struct trap_frame *)(t->kstack_top - sizeof(*f));
	f->rip = WL_UPROG_VA;
	f->rsi = rounds;
	f->rdx = sysno;
	return t;
}

/* One round per batch; the task's first yield ends its untimed entry. */
static int user_setup(uint64_t n, uint64_t sysno, uint64_t schedules,
		      unsigned batches)
{
	uctx.t = spawn_uprog(n, batches, sysno);
	uctx.schedules = schedules;
	if (!uctx.t)
		return -1;
	schedule();		/* untimed: the first entry, up to its first yield */
	return uctx.t->state == T_RUNNABLE ? 0 : -1;
}

static int syscall_setup(void **ctx, unsigned batches)
{
	*ctx = &uctx;
	return user_setup(WL_SYSCALLS, SYS_GETPID, 1, batches);
}

/* n yields and one more per round: 2 * (n + 1) switches */
static int switch_setup(void **ctx, unsigned batches)
{
	*ctx = &uctx;
	return user_setup(WL_SWITCHES / 2 - 1, SYS_YIELD, WL_SWITCHES / 2,
			  batches);
}

static int64_t user_batch(void *ctx)
{
	struct uctx *u = ctx;
	uint64_t t0, t1;

	t0 = bench_tsc();
	for (uint64_t i = 0; i < u->schedules; i++)
		schedule();	/* to the task, which yields back */
	t1 = bench_tsc();
	/* the task was killed (on the nested KVM here SYSCALL does not reach
	 * ring 0): nothing was measured */
	if (u->t->state != T_RUNNABLE)
		return -1;
	return (int64_t)(t1 - t0);
}

/* After its last round the task exits (one more schedule); a batch that
 * failed left it dead already.  Its slot stays used: a boot spawns two. */
static void user_teardown(void *ctx)
{
	struct uctx *u = ctx;

	while (u->t && u->t->state == T_RUNNABLE)
		schedule();
	task_reap();
	u->t = NULL;
}

/* ---- demand_paging ------------------------------------------------ */

static void demand_release(void)
{
	pv_lazy_mmu_enter();
	for (uint64_t i = 0; i < WL_DEMAND_PAGES; i++) {
		uint64_t va = DEMAND_VA_BASE + i * PAGE_SIZE;
		uint64_t pa = vmm_translate(&kernel_as, va);

		if (pa == ~0ull)
			continue;
		vmm_unmap(&kernel_as, va, PAGE_SIZE);
		pmm_free(pa);
	}
	pv_lazy_mmu_leave();
}

static void demand_touch(void)
{
	for (uint64_t i = 0; i < WL_DEMAND_PAGES; i++)
		*(volatile uint8_t *)(DEMAND_VA_BASE + i * PAGE_SIZE) = 1;
}

static int demand_setup(void **ctx, unsigned batches)
{
	(void)ctx;
	(void)batches;
	/* untimed: the region's page tables exist from now on */
	demand_release();
	demand_touch();
	demand_release();
	return 0;
}

static int64_t demand_batch(void *ctx)
{
	uint64_t t0, t1;

	(void)ctx;
	t0 = bench_tsc();
	demand_touch();
	t1 = bench_tsc();
	demand_release();
	return (int64_t)(t1 - t0);
}

/* ---- lazy_map_unmap_512 ------------------------------------------- */

static uint64_t lazy_pa;

static void lazy_map_unmap(void)
{
	pv_lazy_mmu_enter();
	vmm_map(&kernel_as, WL_LAZY_VA, lazy_pa, WL_LAZY_PAGES * PAGE_SIZE,
		PROT_R | PROT_W);
	vmm_unmap(&kernel_as, WL_LAZY_VA, WL_LAZY_PAGES * PAGE_SIZE);
	pv_lazy_mmu_leave();
}

static int lazy_setup(void **ctx, unsigned batches)
{
	(void)ctx;
	(void)batches;
	lazy_pa = pmm_alloc_contig(WL_LAZY_PAGES);
	if (!lazy_pa)
		return -1;
	lazy_map_unmap();	/* untimed: the level-1 table exists from now on */
	return 0;
}

static int64_t lazy_batch(void *ctx)
{
	uint64_t t0, t1;

	(void)ctx;
	t0 = bench_tsc();
	lazy_map_unmap();
	t1 = bench_tsc();
	return (int64_t)(t1 - t0);
}

static void lazy_teardown(void *ctx)
{
	(void)ctx;
	for (uint64_t i = 0; i < WL_LAZY_PAGES; i++)
		pmm_free(lazy_pa + i * PAGE_SIZE);
}

/* One more batch with RFLAGS.TF set and bench_db_entry on #DB: every
 * instruction traps, and the handler counts those that invalidate TLB
 * entries, in whichever code they are.  Untimed; the count is exact. */
static void lazy_count_flushes(const char *path, const char *backend)
{
	bench_ss_steps = bench_ss_invlpg = bench_ss_cr3 = bench_ss_cr4 = 0;
	idt_set_gate(1, bench_db_entry, 0, 0);
	__asm__ __volatile__("pushfq\n\torq $0x100, (%%rsp)\n\tpopfq"
			     : : : "memory", "cc");
	lazy_map_unmap();
	__asm__ __volatile__("pushfq\n\tandq $~0x100, (%%rsp)\n\tpopfq"
			     : : : "memory", "cc");
	idt_set_gate(1, isr_table[1], 0, 0);
	/* a full flush is a CR3 load or a CR4.PGE toggle (two CR4 writes) */
	printf("BENCH op=lazy_map_unmap_512 path=%s backend=%s min=%lu "
	       "median=%lu unit=tlb_flushes n=%u batches=1 kind=workload "
	       "invlpg=%lu cr3_writes=%lu cr4_writes=%lu instructions=%lu\n",
	       path, backend,
	       bench_ss_invlpg + bench_ss_cr3 + (bench_ss_cr4 + 1) / 2,
	       bench_ss_invlpg + bench_ss_cr3 + (bench_ss_cr4 + 1) / 2,
	       (unsigned)WL_LAZY_PAGES, bench_ss_invlpg, bench_ss_cr3, bench_ss_cr4,
	       bench_ss_steps);
}

/* ---- timer_irq ---------------------------------------------------- */

static volatile uint64_t timer_left;
static volatile uint64_t timer_errors;

/* time/tick.c's tick_irq, with a deadline that has always passed */
static void timer_irq(struct trap_frame *f)
{
	uint64_t now;

	(void)f;
	if (timer_left && --timer_left) {
		now = pv_monotonic_ns();
		if (pv_set_alarm(now, VEC_TIMER))
			timer_errors++;
	}
	pv_eoi();
}

static int timer_setup(void **ctx, unsigned batches)
{
	(void)ctx;
	(void)batches;
	timer_left = 0;
	irq_register(VEC_TIMER, timer_irq);	/* tick_start() takes it back */
	return 0;
}

static int64_t timer_batch(void *ctx)
{
	uint64_t t0, t1;

	(void)ctx;
	timer_errors = 0;
	timer_left = WL_TIMER_IRQS;
	t0 = bench_tsc();
	if (pv_set_alarm(0, VEC_TIMER))
		return -1;
	pv_irq_enable();
	while (timer_left)
		barrier();
	pv_irq_disable();
	t1 = bench_tsc();
	return timer_errors ? -1 : (int64_t)(t1 - t0);
}

/* ---- the list ----------------------------------------------------- */

static const struct workload workloads[] = {
	{ "syscall", WL_SYSCALLS, user_batch, syscall_setup, user_teardown,
	  NULL },
	{ "context_switch", WL_SWITCHES, user_batch, switch_setup,
	  user_teardown, NULL },
	{ "demand_paging", WL_DEMAND_PAGES, demand_batch, demand_setup, NULL,
	  NULL },
	{ "lazy_map_unmap_512", WL_LAZY_PAGES, lazy_batch, lazy_setup,
	  lazy_teardown, lazy_count_flushes },
	{ "timer_irq", WL_TIMER_IRQS, timer_batch, timer_setup, NULL, NULL },
};

int bench_workloads(const char *path, const char *backend, unsigned batches)
{
	int rc = 0;

	for (unsigned w = 0; w < ARRAY_SIZE(workloads); w++) {
		const struct workload *wl = &workloads[w];
		int64_t v[BENCH_MAX_BATCHES];
		uint64_t fl = pv_irq_save_flags();
		void *ctx = NULL;
		unsigned b = 0;

		if (!list_selected(kopts.bench_ops, wl->name))
			continue;
		/* schedule() and the lazy sections want interrupts off; the
		 * timer batch turns them on for itself */
		pv_irq_disable();
		if (wl->setup(&ctx, batches) == 0)
			for (; b < batches && (v[b] = wl->batch(ctx)) >= 0; b++)
				;
		if (wl->count && b == batches)
			wl->count(path, backend);
		if (wl->teardown)
			wl->teardown(ctx);
		pv_irq_restore_flags(fl);
		if (b < batches) {
			printf("BENCH op=%s path=%s backend=%s kind=workload "
			       "failed: %s\n", wl->name, path, backend,
			       syscall_broken ? "SYSCALL does not reach ring 0 here" :
			       "could not run");
			rc = EXIT_FAIL;
			continue;
		}
		bench_sort(v, batches);
		printf("BENCH op=%s path=%s backend=%s min=%ld median=%ld "
		       "unit=cycles n=%lu batches=%u kind=workload\n", wl->name,
		       path, backend, v[0], v[batches / 2], wl->n, batches);
	}
	return rc;
}
