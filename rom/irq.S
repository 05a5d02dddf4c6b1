/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt-flag ops.  All callee-save (PVROM_A_CALLEE_SAVE): interrupt
 * entry code calls them without saving anything, so only %rax may change.
 * Each is its native sequence and ret (rom/asm.h: ROM_OP_NATIVE).
 */
#include "rom/asm.h"

	.text
ROM_OP_NATIVE(pvrom_irq_disable)
	cli
	ret
ROM_END(pvrom_irq_disable)

ROM_OP_NATIVE(pvrom_irq_enable)
	sti
	ret
ROM_END(pvrom_irq_enable)

ROM_OP_NATIVE(pvrom_irq_save_flags)
	pushfq
	popq	%rax
	ret
ROM_END(pvrom_irq_save_flags)

ROM_OP_NATIVE(pvrom_irq_restore_flags)
	pushq	%rdi
	popfq
	ret
ROM_END(pvrom_irq_restore_flags)
