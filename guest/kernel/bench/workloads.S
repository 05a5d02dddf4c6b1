/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Two pieces of the workloads (workloads.c) that must be assembly.
 */
#include "guest/kernel/user/abi.h"

/*
 * The ring-3 loop of the syscall and context-switch workloads, copied into
 * one page of the task's address space (so: position-independent, nothing
 * outside itself).  %rdi = n, %rsi = rounds, %rdx = the system call.  It
 * yields once when it starts, then `rounds` times makes `n` calls and
 * yields, then exits.  The kernel restores every register but %rax, %rcx
 * and %r11 across a system call, so the counters live in registers.
 */
	.section .rodata
	.balign 16
	.globl bench_uprog_start, bench_uprog_end
bench_uprog_start:
	movq %rdi, %r12
	movl $SYS_YIELD, %eax
	syscall
1:	movq %r12, %rbx
2:	movl %edx, %eax
	syscall
	decq %rbx
	jnz 2b
	movl $SYS_YIELD, %eax
	syscall
	decq %rsi
	jnz 1b
	movl $SYS_EXIT, %eax
	xorl %edi, %edi
	syscall
	ud2
bench_uprog_end:

/*
 * #DB while RFLAGS.TF=1 (a trap after each instruction): counts the
 * instructions and, by the bytes at the saved RIP (the next instruction,
 * whoever's code it is: the kernel's, guest/bind's or the ROM's), the ones
 * that invalidate TLB entries: invlpg (0F 01 /7, memory operand), mov to
 * CR3 (0F 22 /3) and mov to CR4 (0F 22 /4), after an optional REX prefix.
 * An interrupt gate: TF is clear in here and iretq sets it again.
 */
	.text
	.globl bench_db_entry
bench_db_entry:
	pushq %rax
	pushq %rcx
	incq bench_ss_steps(%rip)
	movq 16(%rsp), %rax
	movzbl (%rax), %ecx
	andl $0xf0, %ecx
	cmpl $0x40, %ecx
	jne 1f
	incq %rax
1:	cmpb $0x0f, (%rax)
	jne 9f
	movzbl 2(%rax), %ecx
	cmpb $0x01, 1(%rax)
	je 2f
	cmpb $0x22, 1(%rax)
	jne 9f
	shrl $3, %ecx
	andl $7, %ecx
	cmpl $3, %ecx
	jne 3f
	incq bench_ss_cr3(%rip)
	jmp 9f
3:	cmpl $4, %ecx
	jne 9f
	incq bench_ss_cr4(%rip)
	jmp 9f
2:	movl %ecx, %eax
	andl $0x38, %eax
	cmpl $0x38, %eax
	jne 9f
	andl $0xc0, %ecx
	cmpl $0xc0, %ecx
	je 9f
	incq bench_ss_invlpg(%rip)
9:	popq %rcx
	popq %rax
	iretq

	.bss
	.balign 8
	.globl bench_ss_steps, bench_ss_invlpg, bench_ss_cr3, bench_ss_cr4
bench_ss_steps:		.quad 0
bench_ss_invlpg:	.quad 0
bench_ss_cr3:		.quad 0
bench_ss_cr4:		.quad 0
