/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Native callee-save ops.  The ABI lets callers of these assume every
 * register but %rax (and flags) survives, so they cannot be ordinary C:
 * each one touches %rax only, or saves what else it needs.
 */
#include "abi/hw/io.h"
	.text

.macro PVB_FUNC name
	.globl \name
	.type \name, @function
	.p2align 4
\name:
.endm
.macro PVB_END name
	.size \name, . - \name
.endm

PVB_FUNC pvb_native_read_cr2
	mov	%cr2, %rax
	ret
PVB_END pvb_native_read_cr2

PVB_FUNC pvb_native_read_cr3
	mov	%cr3, %rax
	ret
PVB_END pvb_native_read_cr3

/* rdtsc writes %edx too: keep the caller's %rdx. */
PVB_FUNC pvb_native_rdtsc
	push	%rdx
	rdtsc
	shl	$32, %rdx
	mov	%eax, %eax
	or	%rdx, %rax
	pop	%rdx
	ret
PVB_END pvb_native_rdtsc

PVB_FUNC pvb_native_clts
	clts
	ret
PVB_END pvb_native_clts

PVB_FUNC pvb_native_swapgs
	swapgs
	ret
PVB_END pvb_native_swapgs

PVB_FUNC pvb_native_io_delay
	xor	%eax, %eax
	outb	%al, $HW_PORT_POST
	ret
PVB_END pvb_native_io_delay

PVB_FUNC pvb_native_irq_disable
	cli
	ret
PVB_END pvb_native_irq_disable

PVB_FUNC pvb_native_irq_enable
	sti
	ret
PVB_END pvb_native_irq_enable

PVB_FUNC pvb_native_irq_save_flags
	pushfq
	pop	%rax
	ret
PVB_END pvb_native_irq_save_flags

PVB_FUNC pvb_native_irq_restore_flags
	push	%rdi
	popfq
	ret
PVB_END pvb_native_irq_restore_flags

	.section .note.GNU-stack, "", @progbits
