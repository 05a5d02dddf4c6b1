/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GDT, TSS (IST stacks for #DF and NMI), IDT and the syscall MSRs, all
 * written and loaded through the pv ops.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/memlayout.h"
#include "guest/kernel/cpu/cpu.h"
#include "abi/hw/msr.h"
#include "abi/hw/x86.h"

uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(16)));
struct tss64 tss __attribute__((aligned(16)));
uint8_t idt[256 * 16] __attribute__((aligned(4096)));
uint64_t syscall_kstack;

/* An LDT of one (null) descriptor: enough for lldt/sldt round trips. */
static uint64_t ldt[2] __attribute__((aligned(16)));

uint8_t df_stack[8192] __attribute__((aligned(16)));
uint8_t nmi_stack[8192] __attribute__((aligned(16)));

/* RFLAGS bits syscall clears; abi/hw/x86.h has IF only. */
#define RFLAGS_TF	(1ull << 8)
#define RFLAGS_DF	(1ull << 10)
#define RFLAGS_AC	(1ull << 18)

static uint64_t seg_desc(bool code, int dpl)
{
	/* long-mode code: L=1, present, S=1; data: writable */
	uint64_t d = (1ull << 47) | (1ull << 44) | ((uint64_t)dpl << 45) |
		     0xffffull | (0xfull << 48) | (1ull << 55);

	if (code)
		d |= (1ull << 43) | (1ull << 41) | (1ull << 53);
	else
		d |= (1ull << 41) | (1ull << 54);
	return d;
}

static void sys_desc(uint64_t out[2], uint64_t base, uint32_t limit, int type)
{
	out[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		 ((uint64_t)type << 40) | (1ull << 47) |
		 ((uint64_t)((limit >> 16) & 0xf) << 48) |
		 (((base >> 24) & 0xff) << 56);
	out[1] = base >> 32;
}

void idt_set_gate(unsigned vector, void *handler, int ist, int dpl)
{
	uint64_t h = (uint64_t)handler;
	uint64_t gate[2];

	gate[0] = (h & 0xffff) | ((uint64_t)SEL_KCODE << 16) |
		  ((uint64_t)ist << 32) | (0xeull << 40) |
		  ((uint64_t)dpl << 45) | (1ull << 47) |
		  (((h >> 16) & 0xffff) << 48);
	gate[1] = h >> 32;
	pv_write_idt_entry(idt, vector, gate);
}

static void load_tables(void)
{
	struct pvrom_desc_ptr gp = { .limit = sizeof(gdt) - 1,
				     .base = (uint64_t)gdt };
	struct pvrom_desc_ptr ip = { .limit = sizeof(idt) - 1,
				     .base = (uint64_t)idt };

	pv_load_gdt(&gp);
	/* reload CS with a far return and the data segments */
	__asm__ __volatile__(
		"pushq %[cs]\n"
		"leaq 1f(%%rip), %%rax\n"
		"pushq %%rax\n"
		"lretq\n"
		"1: movl %[ds], %%eax\n"
		"movl %%eax, %%ds\n movl %%eax, %%es\n movl %%eax, %%ss\n"
		: : [cs] "i"(SEL_KCODE), [ds] "i"(SEL_KDATA) : "rax", "memory");
	pv_load_idt(&ip);
	/* ltr faults on a busy TSS: mark it available again first */
	{
		uint64_t d[2];

		sys_desc(d, (uint64_t)&tss, sizeof(tss) - 1, 0x9);
		pv_write_gdt_entry(gdt, SEL_TSS / 8, d, 16);
	}
	pv_load_tr(SEL_TSS);
	pv_load_ldt(0);
}

void cpu_init(void)
{
	uint64_t d[2], efer;

	pv_write_gdt_entry(gdt, 0, &(uint64_t){ 0 }, 8);
	d[0] = seg_desc(true, 0);
	pv_write_gdt_entry(gdt, SEL_KCODE / 8, d, 8);
	d[0] = seg_desc(false, 0);
	pv_write_gdt_entry(gdt, SEL_KDATA / 8, d, 8);
	d[0] = seg_desc(false, 3);
	pv_write_gdt_entry(gdt, SEL_UDATA / 8, d, 8);
	d[0] = seg_desc(true, 3);
	pv_write_gdt_entry(gdt, SEL_UCODE / 8, d, 8);
	sys_desc(d, (uint64_t)ldt, sizeof(ldt) - 1, 0x2);
	pv_write_gdt_entry(gdt, SEL_LDT / 8, d, 16);

	memset(&tss, 0, sizeof(tss));
	tss.ist[IST_DF - 1] = (uint64_t)df_stack + sizeof(df_stack);
	tss.ist[IST_NMI - 1] = (uint64_t)nmi_stack + sizeof(nmi_stack);
	tss.iomap_base = sizeof(tss);	/* no I/O bitmap: ring 3 has no ports */

	for (unsigned v = 0; v < 256; v++)
		idt_set_gate(v, isr_table[v],
			     v == 8 ? IST_DF : v == 2 ? IST_NMI : 0, 0);
	load_tables();

	/* syscall/sysret: kernel CS 0x08, sysret base 0x10 (SS 0x1b, CS 0x23);
	 * IF, DF, TF, AC cleared on entry. */
	if (pv_rdmsr_safe(HW_MSR_EFER, &efer) ||
	    pv_wrmsr_safe(HW_MSR_EFER, efer | HW_EFER_SCE) ||
	    pv_wrmsr_safe(HW_MSR_STAR, ((uint64_t)SEL_KDATA << 48) |
			  ((uint64_t)SEL_KCODE << 32)) ||
	    pv_wrmsr_safe(HW_MSR_LSTAR, (uint64_t)syscall_entry) ||
	    pv_wrmsr_safe(HW_MSR_FMASK, HW_RFLAGS_IF | RFLAGS_DF | RFLAGS_TF |
			  RFLAGS_AC))
		panic("cpu: cannot set up the syscall MSRs");
	pv_write_fs_base(0);
	pv_write_gs_base(0);
	pv_write_kernel_gs_base(0);
}

void cpu_reload(void)
{
	load_tables();
}

void set_kernel_stack(uint64_t top)
{
	pv_set_kernel_stack(&tss, top);
	syscall_kstack = top;
}
