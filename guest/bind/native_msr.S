/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Native rdmsr_safe / wrmsr_safe.  rdmsr/wrmsr of an MSR the CPU does not
 * have raises #GP; the kernel's handler asks pvb_fixup(), which finds the
 * faulting instruction in the table below and resumes at its fix-up, so the
 * op returns -PVROM_EFAULT instead of crashing.  Same scheme and entry format
 * (struct pvrom_extable_entry, self-relative) as the ROM's fault table.
 */
#define PVB_EFAULT 2	/* PVROM_EFAULT, abi/pvrom/base.h */

	.text

/* int32_t pvb_native_rdmsr_safe(uint32_t msr, uint64_t *val) */
	.globl pvb_native_rdmsr_safe
	.type pvb_native_rdmsr_safe, @function
	.p2align 4
pvb_native_rdmsr_safe:
	mov	%edi, %ecx
.Lrdmsr_insn:
	rdmsr
	shl	$32, %rdx
	mov	%eax, %eax
	or	%rdx, %rax
	mov	%rax, (%rsi)
	xor	%eax, %eax
	ret
.Lrdmsr_fixup:
	movq	$0, (%rsi)
	mov	$-PVB_EFAULT, %eax
	ret
	.size pvb_native_rdmsr_safe, . - pvb_native_rdmsr_safe

/* int32_t pvb_native_wrmsr_safe(uint32_t msr, uint64_t val) */
	.globl pvb_native_wrmsr_safe
	.type pvb_native_wrmsr_safe, @function
	.p2align 4
pvb_native_wrmsr_safe:
	mov	%edi, %ecx
	mov	%esi, %eax
	mov	%rsi, %rdx
	shr	$32, %rdx
.Lwrmsr_insn:
	wrmsr
	xor	%eax, %eax
	ret
.Lwrmsr_fixup:
	mov	$-PVB_EFAULT, %eax
	ret
	.size pvb_native_wrmsr_safe, . - pvb_native_wrmsr_safe

/* struct pvrom_extable_entry { int32_t insn, fixup; } */
	.section .rodata
	.p2align 3
	.globl pvb_native_extable
	.type pvb_native_extable, @object
pvb_native_extable:
	.long	.Lrdmsr_insn - .
	.long	.Lrdmsr_fixup - .
	.long	.Lwrmsr_insn - .
	.long	.Lwrmsr_fixup - .
	.size pvb_native_extable, . - pvb_native_extable
	.globl pvb_native_extable_count
	.type pvb_native_extable_count, @object
pvb_native_extable_count:
	.long	2
	.size pvb_native_extable_count, 4

	.section .note.GNU-stack, "", @progbits
