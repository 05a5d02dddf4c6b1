/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The exported backend ops (rom/data.h): each is one indirect jump through
 * its entry in rom_data.ops, which init filled with the chosen backend's
 * implementation.  Before init (entry still zero) the native one runs, so
 * no op can jump to address 0 (the EOI then does nothing, as with no APIC).
 * Only %rax is used, which keeps callee-save ops (io_delay) callee-save.
 * A guest that patches its call sites (ABI 1.1) calls the entry directly.
 */
#include "rom/asm.h"
#include "rom/data.h"

	.hidden	pvrom_data

/* DISPATCH export, backend-op index, implementation before init.
 * In a 1.1 ROM each line also lists (export, index) for op_info
 * (rom/opinfo.c), which answers with the entry itself. */
.macro	DISPATCH op, index, native
ROM_OP(\op)
	movq	pvrom_data + \index * 8(%rip), %rax
	testq	%rax, %rax
	jz	\native
	jmp	*%rax
ROM_END(\op)
#if PVROM_ABI_MINOR >= 1
	.pushsection .rom_backend, "a"
	.balign	4
	.long	\op - .
	.long	\index
	.popsection
#endif
.endm

	.text
DISPATCH pvrom_monotonic_ns,	ROM_BOP_MONOTONIC_NS,	native_monotonic_ns
DISPATCH pvrom_wallclock_ns,	ROM_BOP_WALLCLOCK_NS,	native_wallclock_ns
DISPATCH pvrom_steal_time_ns,	ROM_BOP_STEAL_TIME_NS,	native_steal_time_ns
DISPATCH pvrom_eoi,		ROM_BOP_EOI,		rom_nop
DISPATCH pvrom_io_delay,	ROM_BOP_IO_DELAY,	native_io_delay
DISPATCH pvrom_cpuid,		ROM_BOP_CPUID,		native_cpuid
