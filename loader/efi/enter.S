/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pvboot_enter(entry %rdi, bootinfo %rsi, stack_top %rdx, cr3 %rcx, gdtr %r8)
 * Last code of the loader: our GDT, our page tables (cr3 0: keep the
 * firmware's), our stack, then the guest's 64-bit entry with %rdi = boot
 * info, interrupts off, %rsp 16-byte aligned.  Runs from identity-mapped
 * memory, so the CR3 switch does not move the instruction stream.
 */
	.text
	.globl	pvboot_enter
	.type	pvboot_enter, @function
pvboot_enter:
	cli
	cld
	lgdt	(%r8)
	testq	%rcx, %rcx
	jz	1f
	movq	%rcx, %cr3
1:	movq	%rdx, %rsp
	/* reload CS from the new GDT: far return to the next instruction */
	pushq	$0x08
	leaq	2f(%rip), %rax
	pushq	%rax
	lretq
2:	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	movq	%rdi, %rax
	movq	%rsi, %rdi
	xorl	%esi, %esi
	xorl	%edx, %edx
	xorl	%ecx, %ecx
	xorl	%r8d, %r8d
	xorl	%ebp, %ebp
	jmp	*%rax
	.size	pvboot_enter, . - pvboot_enter

	.section .note.GNU-stack, "", @progbits
