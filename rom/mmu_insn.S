/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The mmu ops that are one instruction or none, in assembly so that each is
 * exactly its op's native sequence (abi/SPEC.md section 9.7.3) and ret, as
 * op_info reports them (rom/asm.h).  Natively a page-table entry is plain
 * memory and the TLB is managed with invlpg and CR3 writes; alloc_pt and
 * release_pt only matter to a backend that shadows page tables.  The ops
 * that keep state (update_pxe, the lazy-MMU pair, the global flush) are C,
 * in rom/mmu.c.
 */
#include "rom/asm.h"

	.text
/* One 64-bit store; level does not matter natively. */
ROM_OP_NATIVE(pvrom_set_pxe)
	movq	%rdx, (%rsi)
	ret
ROM_END(pvrom_set_pxe)

/* A CR3 reload drops every non-global translation. */
ROM_OP_NATIVE(pvrom_flush_tlb_local)
	movq	%cr3, %rax
	movq	%rax, %cr3
	ret
ROM_END(pvrom_flush_tlb_local)

ROM_OP_NATIVE(pvrom_flush_tlb_page)
	invlpg	(%rdi)
	ret
ROM_END(pvrom_flush_tlb_page)

/* No second translation natively: identity both ways. */
ROM_OP_NATIVE(pvrom_phys_to_machine)
ROM_OP_NATIVE(pvrom_machine_to_phys)
	movq	%rdi, %rax
	ret
ROM_END(pvrom_machine_to_phys)
ROM_END(pvrom_phys_to_machine)

/* Nothing to do here.  rom_nop is also the EOI without an APIC and
 * io_delay under KVM's NOP_IO_DELAY: a bare ret keeps any op callee-save. */
ROM_OP_NOP(pvrom_alloc_pt)
ROM_OP_NOP(pvrom_release_pt)
ROM_FUNC_NOP(rom_nop)
	ret
ROM_END(rom_nop)
ROM_END(pvrom_release_pt)
ROM_END(pvrom_alloc_pt)
