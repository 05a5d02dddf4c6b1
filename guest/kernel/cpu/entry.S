/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt and exception stubs, the syscall entry, and the context switch.
 * Every stub builds a struct trap_frame (cpu/cpu.h) and calls trap_dispatch
 * or syscall_dispatch in C; nothing here changes CPU state that a pv op
 * stands for, except the instructions that must be in assembly (iretq,
 * sysretq, the stack switch).
 */
#define SEL_UDATA	0x18
#define SEL_UCODE	0x20
#define SYSCALL_VECTOR	256

	.macro PUSH_GPRS
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	.endm

	.macro POP_GPRS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	.endm

	.text
	.macro ISR v
	.balign 16
isr_\v:
	.if (\v == 8) || (\v == 10) || (\v == 11) || (\v == 12) || (\v == 13) || (\v == 14) || (\v == 17) || (\v == 21) || (\v == 29) || (\v == 30)
	.else
	pushq $0
	.endif
	pushq $\v
	jmp trap_common
	.endm

	.altmacro
	.set v, 0
	.rept 256
	ISR %v
	.set v, v + 1
	.endr
	.noaltmacro

trap_common:
	PUSH_GPRS
	cld
	movq %rsp, %rdi
	call trap_dispatch
	.globl trap_return
trap_return:
	POP_GPRS
	addq $16, %rsp
	iretq

/* syscall: rcx = user rip, r11 = user rflags, IF cleared by FMASK.  One CPU:
 * the kernel stack comes from a variable set at every context switch. */
	.globl syscall_entry
syscall_entry:
	movq %rsp, syscall_user_rsp(%rip)
	movq syscall_kstack(%rip), %rsp
	pushq $(SEL_UDATA | 3)
	pushq syscall_user_rsp(%rip)
	pushq %r11
	pushq $(SEL_UCODE | 3)
	pushq %rcx
	pushq $0
	pushq $SYSCALL_VECTOR
	PUSH_GPRS
	movq %rsp, %rdi
	call syscall_dispatch		/* returns with interrupts disabled */
	POP_GPRS
	addq $16, %rsp
	popq %rcx
	addq $8, %rsp
	popq %r11
	popq %rsp
	sysretq

/* switch_to(uint64_t *save_rsp, uint64_t new_rsp): callee-saved registers
 * stay on the old stack. */
	.globl switch_to
switch_to:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

/* First switch into a new task lands here, on top of its trap frame. */
	.globl task_first_entry
task_first_entry:
	jmp trap_return

/* try_call(fn, arg): call fn(arg) and return 0; if an exception hits
 * before fn returns, trap.c sends it to try_landing, which unwinds to here
 * and returns -1.  For tests of ops that may fault (rdpmc, NX pages). */
	.globl try_call
try_call:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq try_sp(%rip), %rax		/* nest: keep the outer one */
	pushq %rax			/* 7 pushes: %rsp 16-aligned for the call */
	movq %rsp, try_sp(%rip)
	movq %rdi, %rax
	movq %rsi, %rdi
	call *%rax
	xorl %eax, %eax
	jmp 1f
	.globl try_landing
try_landing:
	movq try_sp(%rip), %rsp
	movl $-1, %eax
1:	popq %rcx
	movq %rcx, try_sp(%rip)
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

	.section .rodata
	.balign 8
	.globl isr_table
isr_table:
	.macro ISR_ENTRY v
	.quad isr_\v
	.endm
	.altmacro
	.set v, 0
	.rept 256
	ISR_ENTRY %v
	.set v, v + 1
	.endr
	.noaltmacro

	.bss
	.balign 8
syscall_user_rsp:
	.quad 0
	.globl try_sp
try_sp:
	.quad 0
