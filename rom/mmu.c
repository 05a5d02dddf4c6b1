/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmu ops, native: page-table entries are plain memory and the TLB is
 * managed with invlpg and CR3/CR4 writes.  In lazy mode update_pxe records
 * the virtual addresses to invalidate in the per-CPU slot and
 * lazy_mmu_leave invalidates them all at once (everything if too many).
 */
#include "rom/priv.h"

#define PXE_PS	(1ull << 7)	/* entry maps a large page */

static void invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static void flush_local(void)
{
	uint64_t cr3;

	__asm__ volatile("mov %%cr3, %0\n\tmov %0, %%cr3"
			 : "=&r"(cr3) : : "memory");
}

/* Also drops global entries (and every PCID): toggling CR4.PGE does both. */
void rom_flush_all(void)
{
	uint64_t cr4 = read_cr4(), flags;

	if (!(cr4 & CR4_PGE)) {
		flush_local();
		return;
	}
	/* No interrupt may run between the two writes with PGE off. */
	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 & ~CR4_PGE) : "memory");
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4) : "memory");
	__asm__ volatile("pushq %0; popfq" : : "r"(flags) : "memory", "cc");
}

void pvrom_set_pxe(uint32_t level, uint64_t *entry, uint64_t val)
{
	(void)level;
	*(volatile uint64_t *)entry = val;
}

void pvrom_update_pxe(uint32_t level, uint64_t *entry, uint64_t val,
		      uint64_t va)
{
	volatile uint64_t *e = entry;
	uint64_t old = *e;
	struct rom_percpu *pc;
	/* invlpg covers the leaf that maps va; a changed table pointer above
	 * the leaf level may have cached translations for the whole range. */
	int leaf = level == PVROM_LEVEL_PT || ((old | val) & PXE_PS);

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
		invlpg(va);
	else
		rom_flush_all();
}

void pvrom_alloc_pt(uint32_t level, uint64_t pfn)
{
	(void)level;	/* for shadow-paging backends; nothing to do natively */
	(void)pfn;
}

void pvrom_release_pt(uint32_t level, uint64_t pfn)
{
	(void)level;
	(void)pfn;
}

void pvrom_flush_tlb_local(void)
{
	flush_local();
}

void pvrom_flush_tlb_global(void)
{
	rom_flush_all();
}

void pvrom_flush_tlb_page(uint64_t va)
{
	invlpg(va);
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
		rom_flush_all();
	} else {
		for (i = 0; i < pc->lazy_count && i < ROM_LAZY_MAX; i++)
			invlpg(pc->lazy_va[i]);
	}
	pc->lazy_count = 0;
	pc->lazy_full = 0;
}

uint64_t pvrom_phys_to_machine(uint64_t pa)
{
	return pa;	/* no second translation natively */
}

uint64_t pvrom_machine_to_phys(uint64_t ma)
{
	return ma;
}
