/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Native backend ops that are their op's native sequence (abi/SPEC.md
 * section 9.7.3) and ret, in assembly so that op_info may say so
 * (rom/asm.h: ROM_FUNC_NATIVE).
 */
#include "rom/asm.h"
#include "abi/hw/io.h"

	.text
/* A write to the POST-code port, the classic ~1 us bus delay.  Callee-save
 * op: nothing but %al is read, nothing is written. */
ROM_FUNC_NATIVE(native_io_delay)
	outb	%al, $HW_PORT_POST
	ret
ROM_END(native_io_delay)

/* Bare metal: nobody steals. */
ROM_FUNC_NATIVE(native_steal_time_ns)
	xorl	%eax, %eax
	ret
ROM_END(native_steal_time_ns)
