/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The only instructions the ROM executes expecting they may fault: rdmsr
 * and wrmsr on an MSR the CPU may lack.  Each is listed in the fault table
 * (.pvrom_extable, announced by the LAYOUT note); the guest's #GP handler
 * resumes at the fixup with all registers as they were at the fault.
 */
#include "rom/asm.h"

	.text
/* int32_t rdmsr_safe(uint32_t msr, uint64_t *val): *val = 0 on a fault */
ROM_OP(pvrom_rdmsr_safe)
ROM_FUNC(rom_rdmsr_safe)
	movl	%edi, %ecx
1:	rdmsr
	shlq	$32, %rdx
	movl	%eax, %eax
	orq	%rdx, %rax
	movq	%rax, (%rsi)
	xorl	%eax, %eax
	ret
2:	movq	$0, (%rsi)
	movl	$-ROM_ASM_EFAULT, %eax
	ret
	ROM_EXTABLE(1b, 2b)
ROM_END(rom_rdmsr_safe)
ROM_END(pvrom_rdmsr_safe)

/* int32_t wrmsr_safe(uint32_t msr, uint64_t val) */
ROM_OP(pvrom_wrmsr_safe)
ROM_FUNC(rom_wrmsr_safe)
	movl	%edi, %ecx
	movl	%esi, %eax
	movq	%rsi, %rdx
	shrq	$32, %rdx
1:	wrmsr
	xorl	%eax, %eax
	ret
2:	movl	$-ROM_ASM_EFAULT, %eax
	ret
	ROM_EXTABLE(1b, 2b)
ROM_END(rom_wrmsr_safe)
ROM_END(pvrom_wrmsr_safe)
