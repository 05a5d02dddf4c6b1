/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry points of the ops a backend may replace: one indirect jump through
 * the slot init filled in the data area.  Before init (slot still zero) the
 * native implementation runs, so no op can jump to address 0.  Only %rax is
 * used, which keeps callee-save ops (io_delay) callee-save.
 */
#include "rom/asm.h"
#include "rom/data.h"

	.hidden	pvrom_data

.macro	DISPATCH name, slot
ROM_OP(pvrom_\name)
	movq	pvrom_data + \slot * 8(%rip), %rax
	testq	%rax, %rax
	jz	native_\name
	jmp	*%rax
ROM_END(pvrom_\name)
.endm

	.text
#define ROM_X_DISPATCH(name, slot) DISPATCH name, slot;
ROM_BACKEND_OPS(ROM_X_DISPATCH)
