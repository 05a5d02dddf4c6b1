/* SPDX-License-Identifier: GPL-2.0-only */
/* Descriptor tables, traps, syscalls (cpu/). */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include <stdint.h>
#include <stdbool.h>

#define SEL_KCODE	0x08
#define SEL_KDATA	0x10
#define SEL_UDATA	0x18	/* sysret: STAR[63:48] + 8 */
#define SEL_UCODE	0x20	/* sysret: STAR[63:48] + 16 */
#define SEL_TSS		0x28
#define SEL_LDT		0x38
#define SEL_SPARE	0x48	/* free GDT entry for the descriptor tests */
#define GDT_ENTRIES	10

#define VEC_TIMER	0x40
#define VEC_TEST_ALARM	0x41
#define VEC_SPURIOUS	0xff

#define IST_DF		1
#define IST_NMI		2

struct tss64 {
	uint32_t _r0;
	uint64_t rsp[3];
	uint64_t _r1;
	uint64_t ist[7];
	uint64_t _r2;
	uint16_t _r3;
	uint16_t iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct tss64) == 104, "TSS size");
_Static_assert(__builtin_offsetof(struct tss64, rsp) == 4, "rsp0 at 4");

/* What entry.S pushes; the C handlers see and may change it. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};
_Static_assert(sizeof(struct trap_frame) == 22 * 8, "frame layout (entry.S)");

extern uint64_t gdt[GDT_ENTRIES];
extern struct tss64 tss;
extern uint8_t idt[256 * 16];

void cpu_init(void);			/* GDT, TSS, IDT, syscall MSRs */
void cpu_reload(void);			/* load them again (after binding) */
void idt_set_gate(unsigned vector, void *handler, int ist, int dpl);
void set_kernel_stack(uint64_t top);	/* TSS rsp0 + syscall stack */

/* Interrupt handlers registered by vector (irq >= 32). */
typedef void (*irq_handler_t)(struct trap_frame *f);
void irq_register(unsigned vector, irq_handler_t h);
void trap_dispatch(struct trap_frame *f);
void dump_frame(const struct trap_frame *f);

/* Kernel exception table: expected faults resume at a fix-up.  The last
 * fixed-up fault is recorded for the test that caused it. */
struct kextable { uint64_t insn, fixup; };
struct fault_record { uint64_t vector, error, addr, rip; unsigned count; };
extern struct fault_record last_fault;
extern volatile unsigned nmi_count;
extern volatile uint64_t nmi_frame;	/* trap frame address of the last NMI */
extern volatile uint64_t df_frame;	/* ... and of the last #DF */
extern uint8_t df_stack[8192], nmi_stack[8192];

/* Read/write through an extable entry: 0 or -1 on any fault. */
static inline int probe_read64(const volatile void *p, uint64_t *val)
{
	int r = 0;
	uint64_t v = 0;

	__asm__ __volatile__("1: movq (%[p]), %[v]\n2:\n"
		".pushsection __extable, \"a\"\n.balign 8\n.quad 1b, 3f\n.popsection\n"
		".pushsection .text.fixup, \"ax\"\n3: movl $-1, %[r]\njmp 2b\n.popsection\n"
		: [v] "+r"(v), [r] "+r"(r) : [p] "r"(p) : "memory");
	*val = v;
	return r;
}

static inline int probe_write64(volatile void *p, uint64_t val)
{
	int r = 0;

	__asm__ __volatile__("1: movq %[v], (%[p])\n2:\n"
		".pushsection __extable, \"a\"\n.balign 8\n.quad 1b, 3f\n.popsection\n"
		".pushsection .text.fixup, \"ax\"\n3: movl $-1, %[r]\njmp 2b\n.popsection\n"
		: [r] "+r"(r) : [p] "r"(p), [v] "r"(val) : "memory");
	return r;
}

/* Call fn(arg) expecting it may fault: 0 if it returned, -1 if an
 * exception was taken (recorded in last_fault).  entry.S. */
int try_call(void (*fn)(void *), void *arg);
extern uint64_t try_sp;

/* entry.S */
extern void *isr_table[256];
void syscall_entry(void);
void user_enter(void) __attribute__((noreturn));
extern uint64_t syscall_kstack;

#endif
