/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tasks and a round-robin scheduler.  A context switch goes through the pv
 * ops: pv_write_cr3 (address space), pv_set_kernel_stack (TSS rsp0, via
 * set_kernel_stack) and pv_write_fs_base (the task's TLS).  Each user task
 * has its own PML4 whose kernel half is shared with kernel_as.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/cpu/cpu.h"
#include "guest/kernel/time/time.h"
#include "guest/kernel/task/task.h"

struct task tasks[MAX_TASKS];
bool syscall_broken;
struct task *current;

extern char __utext_start[], __utext_end[];
extern char user_entry[];
extern char boot_stack_top[];
void switch_to(uint64_t *save_rsp, uint64_t new_rsp);
void task_first_entry(void);

void task_init(void)
{
	current = &tasks[0];
	current->pid = 0;
	current->state = T_RUNNABLE;
	current->name = "kernel";
	current->as = kernel_as;
	current->kstack_top = (uint64_t)boot_stack_top;
	set_kernel_stack(current->kstack_top);
}

static struct task *alloc_task(void)
{
	for (int i = 1; i < MAX_TASKS; i++)
		if (tasks[i].state == T_FREE) {
			memset(&tasks[i], 0, sizeof(tasks[i]));
			tasks[i].pid = i;
			return &tasks[i];
		}
	return NULL;
}

static int map_user_page(struct task *t, uint64_t va, int prot, void **kva)
{
	uint64_t pa = pmm_alloc();

	if (!pa || vmm_map(&t->as, va, pa, PAGE_SIZE, prot | PROT_U))
		return -1;
	if (kva)
		*kva = phys_ptr(pa);
	return 0;
}

struct task *task_spawn_user(const char *name, uint64_t arg)
{
	struct task *t = alloc_task();
	uint64_t text_len = ALIGN_UP((uint64_t)(__utext_end - __utext_start),
				     (uint64_t)PAGE_SIZE);
	struct trap_frame *f;
	uint64_t *sp;
	void *kva;

	if (!t || vmm_new_user(&t->as))
		return NULL;
	t->name = name;
	t->user = true;
	pv_lazy_mmu_enter();	/* a bulk of new mappings: one batch */
	for (uint64_t off = 0; off < text_len; off += PAGE_SIZE) {
		if (map_user_page(t, USER_TEXT_VA + off, PROT_R | PROT_X, &kva))
			goto fail;
		memcpy(kva, __utext_start + off,
		       MIN((uint64_t)PAGE_SIZE,
			   (uint64_t)(__utext_end - __utext_start) - off));
	}
	for (int i = 1; i <= USER_STACK_PAGES; i++)
		if (map_user_page(t, USER_STACK_TOP - i * PAGE_SIZE,
				  PROT_R | PROT_W, NULL))
			goto fail;
	if (map_user_page(t, USER_TLS_VA, PROT_R | PROT_W, &kva))
		goto fail;
	pv_lazy_mmu_leave();
	*(uint64_t *)kva = (uint64_t)t->pid;
	t->fs_base = USER_TLS_VA;

	t->kstack_pa = pmm_alloc_contig(KSTACK_SIZE / PAGE_SIZE);
	if (!t->kstack_pa)
		return NULL;
	t->kstack_top = (uint64_t)phys_ptr(t->kstack_pa) + KSTACK_SIZE;

	/* the first iretq: ring 3 at user_entry(arg), interrupts on */
	f = (struct trap_frame *)(t->kstack_top - sizeof(*f));
	memset(f, 0, sizeof(*f));
	f->rip = USER_TEXT_VA + (uint64_t)(user_entry - __utext_start);
	f->cs = SEL_UCODE | 3;
	f->ss = SEL_UDATA | 3;
	f->rsp = USER_STACK_TOP - 8;	/* as after a call: rsp+8 aligned */
	f->rflags = 0x202;
	f->rdi = arg;
	/* switch_to pops six registers then returns to task_first_entry */
	sp = (uint64_t *)f;
	*--sp = (uint64_t)task_first_entry;
	for (int i = 0; i < 6; i++)
		*--sp = 0;
	t->ksp = (uint64_t)sp;
	t->state = T_RUNNABLE;
	return t;
fail:
	pv_lazy_mmu_leave();
	return NULL;
}

/* Interrupts are off on entry (tick handler, syscall path, or callers that
 * disabled them). */
void schedule(void)
{
	struct task *prev = current, *next = NULL;
	int me = (int)(current - tasks);

	for (int i = 1; i <= MAX_TASKS; i++) {
		struct task *t = &tasks[(me + i) % MAX_TASKS];

		if (t->state == T_RUNNABLE) {
			next = t;
			break;
		}
	}
	if (!next || next == prev)
		return;
	if (next->as.pml4_pa != prev->as.pml4_pa)
		pv_write_cr3(next->as.pml4_pa);
	set_kernel_stack(next->kstack_top);
	pv_write_fs_base(next->fs_base);
	current = next;
	switch_to(&prev->ksp, next->ksp);
}

void sched_tick(struct trap_frame *f)
{
	if (f->cs & 3) {
		current->npreempt++;
		schedule();
	}
}

bool task_user_fault(struct trap_frame *f)
{
	/* a user-mode fetch fault on the SYSCALL entry: the CPU (a nested
	 * hypervisor) did not switch to CPL 0 */
	if (f->vector == 14 && f->rip == (uint64_t)syscall_entry &&
	    (f->error & 0x14) == 0x14)
		syscall_broken = true;
	printf("task %d (%s): killed by exception %lu at %lx (error %lx, "
	       "cr2 %lx, rsp %lx)\n", current->pid, current->name, f->vector,
	       f->rip, f->error, pv_read_cr2(), f->rsp);
	current->killed = true;
	current->exit_code = -1;
	current->state = T_DEAD;
	schedule();
	return true;	/* not reached */
}

int tasks_alive(void)
{
	int n = 0;

	for (int i = 1; i < MAX_TASKS; i++)
		if (tasks[i].state == T_RUNNABLE)
			n++;
	return n;
}

/* The boot thread waits here: the tick preempts user tasks; when only the
 * boot thread can run it halts until the next interrupt. */
void tasks_run_all(void)
{
	uint64_t fl = pv_irq_save_flags();

	pv_irq_disable();
	while (tasks_alive()) {
		schedule();
		if (tasks_alive())
			pv_safe_halt();	/* sti; hlt: no lost wake-up */
		pv_irq_disable();
	}
	pv_irq_restore_flags(fl);
}

void task_reap(void)
{
	for (int i = 1; i < MAX_TASKS; i++) {
		struct task *t = &tasks[i];

		if (t->state != T_DEAD || !t->as.pml4)
			continue;
		vmm_free_user(&t->as);
		for (uint64_t p = 0; p < KSTACK_SIZE; p += PAGE_SIZE)
			pmm_free(t->kstack_pa + p);
	}
}
