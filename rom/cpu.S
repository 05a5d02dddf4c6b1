/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ops that are one privileged instruction.  Those marked callee-save in
 * abi/pvrom/ops.h (read_cr2, read_cr3, rdtsc, clts, swapgs) touch no
 * register but %rax; the others follow the plain SysV convention.  The
 * ROM_OP_NATIVE ones are exactly their op's native sequence (SPEC 9.7.3)
 * and ret, which op_info reports (rom/asm.h): a guest may inline them.
 */
#include "rom/asm.h"
#include "abi/hw/msr.h"

	.text

/* CR_OPS read op, write op, register number (names written out: grep finds them) */
.macro	CR_OPS read, write, n
ROM_OP_NATIVE(\read)
	movq	%cr\n, %rax
	ret
ROM_END(\read)
ROM_OP_NATIVE(\write)
	movq	%rdi, %cr\n
	ret
ROM_END(\write)
.endm
	CR_OPS pvrom_read_cr0, pvrom_write_cr0, 0
	CR_OPS pvrom_read_cr2, pvrom_write_cr2, 2
	CR_OPS pvrom_read_cr3, pvrom_write_cr3, 3
	CR_OPS pvrom_read_cr4, pvrom_write_cr4, 4
	CR_OPS pvrom_read_cr8, pvrom_write_cr8, 8

ROM_OP(pvrom_rdtsc)
	pushq	%rdx
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	popq	%rdx
	ret
ROM_END(pvrom_rdtsc)

/* The cycle counter is the TSC on every backend so far.  rom_rdtsc is
 * the ROM's own C code's TSC read (rom/priv.h says why out of line). */
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

ROM_OP_NATIVE(pvrom_wbinvd)
	wbinvd
	ret
ROM_END(pvrom_wbinvd)

ROM_OP_NATIVE(pvrom_clts)
	clts
	ret
ROM_END(pvrom_clts)

ROM_OP_NATIVE(pvrom_swapgs)
	swapgs
	ret
ROM_END(pvrom_swapgs)

/* The MSRs, not rdfsbase: they work whatever CR4.FSGSBASE says.
 * BASE_MSR read op, write op, MSR */
.macro	BASE_MSR read, write, msr
ROM_OP(\read)
	movl	$\msr, %ecx
	rdmsr
	shlq	$32, %rdx
	orq	%rdx, %rax
	ret
ROM_END(\read)
ROM_OP(\write)
	movl	$\msr, %ecx
	movl	%edi, %eax
	movq	%rdi, %rdx
	shrq	$32, %rdx
	wrmsr
	ret
ROM_END(\write)
.endm
	BASE_MSR pvrom_read_fs_base, pvrom_write_fs_base, HW_MSR_FS_BASE
	BASE_MSR pvrom_read_gs_base, pvrom_write_gs_base, HW_MSR_GS_BASE
	BASE_MSR pvrom_read_kernel_gs_base, pvrom_write_kernel_gs_base, HW_MSR_KERNEL_GS_BASE

ROM_OP_NATIVE(pvrom_load_tr)
	ltr	%di
	ret
ROM_END(pvrom_load_tr)

/* The 32-bit form zero-extends the selector; the op returns 16 bits. */
ROM_OP_NATIVE(pvrom_store_tr)
	str	%eax
	ret
ROM_END(pvrom_store_tr)

ROM_OP_NATIVE(pvrom_load_ldt)
	lldt	%di
	ret
ROM_END(pvrom_load_ldt)

ROM_OP_NATIVE(pvrom_store_ldt)
	sldt	%eax
	ret
ROM_END(pvrom_store_ldt)

ROM_OP_NATIVE(pvrom_halt)
	hlt
	ret
ROM_END(pvrom_halt)

/* sti's one-instruction shadow makes sti;hlt atomic: no wakeup is lost. */
ROM_OP_NATIVE(pvrom_safe_halt)
	sti
	hlt
	ret
ROM_END(pvrom_safe_halt)
