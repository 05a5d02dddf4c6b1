/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exceptions and interrupts after entry.S: expected faults (kernel extable,
 * the binding library's fault points, probe_exec), demand paging, registered
 * interrupt handlers, and a register dump for everything unexpected.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/mm/mm.h"
#include "guest/kernel/cpu/cpu.h"

struct fault_record last_fault;
volatile unsigned nmi_count;
volatile uint64_t nmi_frame;
volatile uint64_t df_frame;
static irq_handler_t handlers[256];

extern const struct kextable __extable_start[], __extable_end[];
extern char try_landing[];

static const char *const exc_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound range", "#UD invalid opcode",
	"#NM device not available", "#DF double fault", "coprocessor overrun",
	"#TS invalid TSS", "#NP segment not present", "#SS stack fault",
	"#GP general protection", "#PF page fault", "reserved 15",
	"#MF x87 error", "#AC alignment check", "#MC machine check",
	"#XM SIMD error", "#VE virtualization", "#CP control protection",
};

void irq_register(unsigned vector, irq_handler_t h)
{
	handlers[vector & 255] = h;
}

void dump_frame(const struct trap_frame *f)
{
	const char *name = f->vector < 32 && exc_names[f->vector] ?
			   exc_names[f->vector] : "interrupt";

	printf("--- unexpected %s (vector %lu) error %lx ---\n", name,
	       f->vector, f->error);
	printf("RIP %04lx:%016lx RFLAGS %016lx\n", f->cs, f->rip, f->rflags);
	printf("RSP %04lx:%016lx CR2 %016lx CR3 %016lx\n", f->ss, f->rsp,
	       pv_read_cr2(), pv_read_cr3());
	printf("RAX %016lx RBX %016lx RCX %016lx RDX %016lx\n",
	       f->rax, f->rbx, f->rcx, f->rdx);
	printf("RSI %016lx RDI %016lx RBP %016lx R8  %016lx\n",
	       f->rsi, f->rdi, f->rbp, f->r8);
	printf("R9  %016lx R10 %016lx R11 %016lx R12 %016lx\n",
	       f->r9, f->r10, f->r11, f->r12);
	printf("R13 %016lx R14 %016lx R15 %016lx\n", f->r13, f->r14, f->r15);
	if (f->rbp >= KERNEL_VMA) {	/* a short frame-pointer backtrace */
		uint64_t *bp = (uint64_t *)f->rbp;

		printf("backtrace:");
		for (int i = 0; i < 8 && (uint64_t)bp >= KERNEL_VMA &&
				!((uint64_t)bp & 7); i++) {
			printf(" %lx", bp[1]);
			bp = (uint64_t *)bp[0];
		}
		printf("\n");
	}
}

static void record(const struct trap_frame *f, uint64_t addr)
{
	last_fault.vector = f->vector;
	last_fault.error = f->error;
	last_fault.addr = addr;
	last_fault.rip = f->rip;
	last_fault.count++;
}

static bool try_fixup(struct trap_frame *f)
{
	uint64_t addr = f->vector == 14 ? pv_read_cr2() : 0;

	if ((f->cs & 3) == 0) {
		for (const struct kextable *e = __extable_start;
		     e < __extable_end; e++)
			if (e->insn == f->rip) {
				record(f, addr);
				f->rip = e->fixup;
				return true;
			}
	}
	if (f->vector == 13 || f->vector == 6) {
		uint64_t rip = f->rip;

		if (pvb_fixup(&rip, (int)f->vector)) {
			record(f, addr);
			f->rip = rip;
			return true;
		}
	}
	/* inside try_call: unwind to it */
	if ((f->cs & 3) == 0 && try_sp) {
		record(f, addr);
		f->rip = (uint64_t)try_landing;
		return true;
	}
	return false;
}

/* Hook for the task code: a fault in ring 3 kills the task (task.c). */
__attribute__((weak)) bool task_user_fault(struct trap_frame *f)
{
	(void)f;
	return false;
}

void trap_dispatch(struct trap_frame *f)
{
	unsigned v = (unsigned)f->vector;

	if (v >= 32) {
		if (handlers[v])
			handlers[v](f);
		else if (v != VEC_SPURIOUS)
			printf("trap: stray interrupt %u\n", v);
		return;
	}
	if (v == 14 && vmm_demand_fault(pv_read_cr2(), f->error))
		return;
	if (v == 2) {		/* on IST2: the tests check where */
		nmi_count++;
		nmi_frame = (uint64_t)f;
		return;
	}
	if (v == 8)
		df_frame = (uint64_t)f;
	if (try_fixup(f))
		return;
	if ((f->cs & 3) && task_user_fault(f))
		return;
	console_use_rom(false);	/* the ROM may be what broke */
	dump_frame(f);
	panic("unexpected exception %u", v);
}
