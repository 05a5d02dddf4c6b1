/* SPDX-License-Identifier: GPL-2.0-only */
/* Physical pages (mm/pmm.c) and page tables (mm/vmm.c). */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include <stdint.h>
#include <stdbool.h>
#include "guest/kernel/memlayout.h"
#include "abi/hw/x86.h"

static inline void *phys_ptr(uint64_t pa)
{
	return (void *)(DIRECT_MAP_BASE + pa);
}

/* Physical page allocator: a bitmap over RAM below PMM_LIMIT. */
#define PMM_LIMIT	(4ull << 30)
void pmm_init(void);
uint64_t pmm_alloc(void);			/* zeroed page, 0 if none */
uint64_t pmm_alloc_contig(uint64_t npages);	/* zeroed, 0 if none */
void pmm_free(uint64_t pa);
uint64_t pmm_free_pages(void);
uint64_t pmm_total_pages(void);
uint64_t pmm_ram_top(void);			/* end of highest usable RAM */

/* Page-table entry bits: HW_PTE_* (abi/hw/x86.h); the address field: */
#define PTE_ADDR	0x000ffffffffff000ull

/* Protections for vmm_map (mapped onto PTE bits). */
#define PROT_R		0x1
#define PROT_W		0x2
#define PROT_X		0x4
#define PROT_U		0x8
#define PROT_UC		0x10

struct aspace {
	uint64_t pml4_pa;
	uint64_t *pml4;			/* through the direct map */
};

extern struct aspace kernel_as;
extern bool nx_enabled;

void vmm_init(void);			/* build kernel_as and switch to it */
int vmm_map(struct aspace *as, uint64_t va, uint64_t pa, uint64_t len,
	    int prot);
int vmm_unmap(struct aspace *as, uint64_t va, uint64_t len);
uint64_t *vmm_pte(struct aspace *as, uint64_t va, bool create);
uint64_t vmm_translate(struct aspace *as, uint64_t va);	/* pa or ~0 */
int vmm_new_user(struct aspace *as);	/* own PML4, kernel half shared */
void vmm_free_user(struct aspace *as);
uint64_t vmm_prot_bits(int prot);
bool vmm_demand_fault(uint64_t va, uint64_t err);
int vmm_text_poke(uint64_t va, const void *src, uint64_t len);

/* Kernel virtual to physical: the two linear regions by subtraction, the
 * rest (ROM window, demand-paged and test regions) through the tables. */
static inline uint64_t virt_to_phys(const void *va)
{
	uint64_t v = (uint64_t)va;

	if (v - KERNEL_VMA < KERNEL_LINEAR_SIZE)
		return v - KERNEL_VMA;
	if (v - DIRECT_MAP_BASE < DIRECT_MAP_SIZE)
		return v - DIRECT_MAP_BASE;
	return vmm_translate(&kernel_as, v);
}

#endif
