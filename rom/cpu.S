/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ops that are one privileged instruction.  Those marked callee-save in
 * abi/pvrom/ops.h (read_cr2, read_cr3, rdtsc, clts, swapgs) touch no
 * register but %rax; the others follow the plain SysV convention.
 */
#include "rom/asm.h"

#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102

	.text

.macro	READ_CR n
ROM_OP(pvrom_read_cr\n)
	movq	%cr\n, %rax
	ret
ROM_END(pvrom_read_cr\n)
ROM_OP(pvrom_write_cr\n)
	movq	%rdi, %cr\n
	ret
ROM_END(pvrom_write_cr\n)
.endm
	READ_CR 0
	READ_CR 2
	READ_CR 3
	READ_CR 4
	READ_CR 8

ROM_OP(pvrom_rdtsc)
	pushq	%rdx
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	popq	%rdx
	ret
ROM_END(pvrom_rdtsc)

/* The cycle counter is the TSC on every backend so far.  rom_rdtsc is
 * the ROM's own C code's rdtsc() (rom/priv.h). */
ROM_OP(pvrom_cycle_counter)
ROM_FUNC(rom_rdtsc)
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	ret
ROM_END(rom_rdtsc)
ROM_END(pvrom_cycle_counter)

/* uint64_t rdtscp(uint32_t *aux): aux may be NULL */
ROM_OP(pvrom_rdtscp)
	rdtscp
	shlq	$32, %rdx
	orq	%rdx, %rax
	testq	%rdi, %rdi
	jz	1f
	movl	%ecx, (%rdi)
1:	ret
ROM_END(pvrom_rdtscp)

ROM_OP(pvrom_rdpmc)
	movl	%edi, %ecx
	rdpmc
	shlq	$32, %rdx
	orq	%rdx, %rax
	ret
ROM_END(pvrom_rdpmc)

ROM_OP(pvrom_wbinvd)
	wbinvd
	ret
ROM_END(pvrom_wbinvd)

ROM_OP(pvrom_clts)
	clts
	ret
ROM_END(pvrom_clts)

ROM_OP(pvrom_swapgs)
	swapgs
	ret
ROM_END(pvrom_swapgs)

/* The MSRs, not rdfsbase: they work whatever CR4.FSGSBASE says. */
.macro	BASE_MSR name, msr
ROM_OP(pvrom_read_\name)
	movl	$\msr, %ecx
	rdmsr
	shlq	$32, %rdx
	orq	%rdx, %rax
	ret
ROM_END(pvrom_read_\name)
ROM_OP(pvrom_write_\name)
	movl	$\msr, %ecx
	movl	%edi, %eax
	movq	%rdi, %rdx
	shrq	$32, %rdx
	wrmsr
	ret
ROM_END(pvrom_write_\name)
.endm
	BASE_MSR fs_base, MSR_FS_BASE
	BASE_MSR gs_base, MSR_GS_BASE
	BASE_MSR kernel_gs_base, MSR_KERNEL_GS_BASE

ROM_OP(pvrom_load_tr)
	ltr	%di
	ret
ROM_END(pvrom_load_tr)

ROM_OP(pvrom_store_tr)
	xorl	%eax, %eax
	str	%ax
	ret
ROM_END(pvrom_store_tr)

ROM_OP(pvrom_load_ldt)
	lldt	%di
	ret
ROM_END(pvrom_load_ldt)

ROM_OP(pvrom_store_ldt)
	xorl	%eax, %eax
	sldt	%ax
	ret
ROM_END(pvrom_store_ldt)

ROM_OP(pvrom_halt)
	hlt
	ret
ROM_END(pvrom_halt)

/* sti's one-instruction shadow makes sti;hlt atomic: no wakeup is lost. */
ROM_OP(pvrom_safe_halt)
	sti
	hlt
	ret
ROM_END(pvrom_safe_halt)
