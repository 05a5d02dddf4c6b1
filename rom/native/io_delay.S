/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Native io_delay: a write to the POST-code port 0x80, the classic ~1 us
 * bus delay.  Callee-save op: only %al (part of %rax) is touched.
 */
#include "rom/asm.h"

	.text
ROM_FUNC(native_io_delay)
	outb	%al, $0x80
	ret
ROM_END(native_io_delay)
