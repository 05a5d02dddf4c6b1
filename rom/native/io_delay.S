/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Native io_delay: a write to the POST-code port, the classic ~1 us bus
 * delay.  Callee-save op: only %al (part of %rax) is touched.
 */
#include "rom/asm.h"
#include "abi/hw/io.h"

	.text
ROM_FUNC(native_io_delay)
	outb	%al, $HW_PORT_POST
	ret
ROM_END(native_io_delay)
