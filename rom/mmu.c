/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The mmu ops that keep state or branch, native: page-table entries are
 * plain memory and the TLB is managed with invlpg and CR3/CR4 writes.  In
 * lazy mode update_pxe records the virtual addresses to invalidate in the
 * per-CPU slot and lazy_mmu_leave invalidates them all at once (everything
 * if too many).  The one-instruction ops are rom/mmu_insn.S.
 */
#include "rom/priv.h"
#include "abi/hw/x86.h"

static void flush_local(void)
{
	hw_write_cr3(hw_read_cr3());
}

/* Also drops global entries (and every PCID): toggling CR4.PGE does both. */
static void flush_all(void)
{
	uint64_t cr4 = hw_read_cr4(), flags;

	if (!(cr4 & HW_CR4_PGE)) {
		flush_local();
		return;
	}
	/* No interrupt may run between the two writes with PGE off. */
	flags = hw_save_flags();
	hw_cli();
	hw_write_cr4(cr4 & ~HW_CR4_PGE);
	hw_write_cr4(cr4);
	hw_restore_flags(flags);
}

void pvrom_update_pxe(uint32_t level, uint64_t *entry, uint64_t val,
		      uint64_t va)
{
	volatile uint64_t *e = entry;
	uint64_t old = *e;
	struct rom_percpu *pc;
	/* invlpg covers the leaf that maps va; a changed table pointer above
	 * the leaf level may have cached translations for the whole range. */
	int leaf = level == PVROM_LEVEL_PT || ((old | val) & HW_PTE_PS);

	*e = val;
	pc = rom_this_cpu();
	if (pc->lazy_mmu) {
		if (!leaf || pc->lazy_count >= ROM_LAZY_MAX)
			pc->lazy_full = 1;
		else
			pc->lazy_va[pc->lazy_count++] = va;
		return;
	}
	if (leaf)
		hw_invlpg(va);
	else
		flush_all();
}

void pvrom_flush_tlb_global(void)
{
	flush_all();
}

void pvrom_lazy_mmu_enter(void)
{
	struct rom_percpu *pc = rom_this_cpu();

	pc->lazy_count = 0;
	pc->lazy_full = 0;
	pc->lazy_mmu = 1;
}

void pvrom_lazy_mmu_leave(void)
{
	struct rom_percpu *pc = rom_this_cpu();
	uint32_t i;

	if (!pc->lazy_mmu)
		return;
	pc->lazy_mmu = 0;
	if (pc->lazy_full) {
		flush_all();
	} else {
		for (i = 0; i < pc->lazy_count && i < ROM_LAZY_MAX; i++)
			hw_invlpg(pc->lazy_va[i]);
	}
	pc->lazy_count = 0;
	pc->lazy_full = 0;
}
