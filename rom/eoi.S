/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EOI of each APIC mode, one of which init puts in the eoi backend op
 * (rom/apic.c:rom_apic_eoi_impl), so that an EOI never asks which mode it
 * is in: the interrupt path's op is the write and nothing else.  Without an
 * APIC the EOI is rom_nop (rom/mmu_insn.S).  eoi is not callee-save: %rax,
 * %rcx and %rdx are free.
 */
#include "rom/asm.h"
#include "rom/data.h"
#include "abi/hw/lapic.h"

	.hidden	pvrom_data

	.text
/* xAPIC: a 32-bit write of 0 to the EOI register of the MMIO page. */
ROM_FUNC(rom_eoi_xapic)
	movq	pvrom_data + ROM_DATA_APIC_VA(%rip), %rax
	movl	$0, HW_APIC_EOI(%rax)
	ret
ROM_END(rom_eoi_xapic)

/* x2APIC: wrmsr of 0 to the EOI MSR, which never faults in x2APIC mode. */
ROM_FUNC(rom_eoi_x2apic)
	movl	$HW_X2APIC_EOI, %ecx
	xorl	%eax, %eax
	xorl	%edx, %edx
	wrmsr
	ret
ROM_END(rom_eoi_x2apic)
