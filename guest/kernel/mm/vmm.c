/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 4-level page tables, built and changed only through the pv ops:
 *   pv_alloc_pt/pv_release_pt  when a page becomes/stops being a table,
 *   pv_set_pxe                 writing an entry that was not present,
 *   pv_update_pxe              changing a present entry (the op invalidates),
 *   pv_write_cr3, pv_flush_tlb_* for switches and flushes,
 *   pv_lazy_mmu_enter/leave    around bulk changes.
 * Tables are reached through the direct map.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/mm/mm.h"
#include "abi/hw/lapic.h"
#include "abi/hw/msr.h"
#include "abi/hw/x86.h"

struct aspace kernel_as;
bool nx_enabled;

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __data_end[];

static inline unsigned idx(uint64_t va, int level)
{
	return (va >> (12 + 9 * (level - 1))) & 511;
}

uint64_t vmm_prot_bits(int prot)
{
	uint64_t b = HW_PTE_P;

	if (prot & PROT_W)
		b |= HW_PTE_W;
	if (prot & PROT_U)
		b |= HW_PTE_U;
	else
		b |= HW_PTE_G;
	if (prot & PROT_UC)
		b |= HW_PTE_PCD | HW_PTE_PWT;
	if (!(prot & PROT_X) && nx_enabled)
		b |= HW_PTE_NX;
	return b;
}

static uint64_t *new_table(int level)
{
	uint64_t pa = pmm_alloc();

	if (!pa)
		return NULL;
	pv_alloc_pt((uint32_t)level, pa >> 12);
	return phys_ptr(pa);
}

static void write_entry(int level, uint64_t *e, uint64_t val, uint64_t va)
{
	if (*e & HW_PTE_P)
		pv_update_pxe((uint32_t)level, e, val, va);
	else
		pv_set_pxe((uint32_t)level, e, val);
}

/* The entry for 'va' at 'level' (1 = PT), creating tables on the way. */
static uint64_t *walk(struct aspace *as, uint64_t va, int level, bool create,
		      bool user)
{
	uint64_t *t = as->pml4;

	for (int l = 4; l > level; l--) {
		uint64_t *e = &t[idx(va, l)];

		if (!(*e & HW_PTE_P)) {
			uint64_t *nt;

			if (!create || !(nt = new_table(l - 1)))
				return NULL;
			pv_set_pxe((uint32_t)l, e, virt_to_phys(nt) | HW_PTE_P |
				   HW_PTE_W | (user ? HW_PTE_U : 0));
		} else if (*e & HW_PTE_PS) {
			return NULL;	/* inside a large page */
		} else if (user && !(*e & HW_PTE_U)) {
			pv_update_pxe((uint32_t)l, e, *e | HW_PTE_U, va);
		}
		t = phys_ptr(*e & PTE_ADDR);
	}
	return &t[idx(va, level)];
}

uint64_t *vmm_pte(struct aspace *as, uint64_t va, bool create)
{
	return walk(as, va, 1, create, va < USER_TOP);
}

int vmm_map(struct aspace *as, uint64_t va, uint64_t pa, uint64_t len,
	    int prot)
{
	uint64_t bits = vmm_prot_bits(prot);

	for (uint64_t off = 0; off < len; off += PAGE_SIZE) {
		uint64_t *e = walk(as, va + off, 1, true, prot & PROT_U);

		if (!e)
			return -1;
		write_entry(1, e, ((pa + off) & PTE_ADDR) | bits, va + off);
	}
	return 0;
}

/* 2 MiB pages: the direct map. */
static int map_large(struct aspace *as, uint64_t va, uint64_t pa, uint64_t len,
		     int prot)
{
	uint64_t bits = vmm_prot_bits(prot) | HW_PTE_PS;

	for (uint64_t off = 0; off < len; off += 0x200000) {
		uint64_t *e = walk(as, va + off, 2, true, false);

		if (!e)
			return -1;
		write_entry(2, e, (pa + off) | bits, va + off);
	}
	return 0;
}

int vmm_unmap(struct aspace *as, uint64_t va, uint64_t len)
{
	for (uint64_t off = 0; off < len; off += PAGE_SIZE) {
		uint64_t *e = walk(as, va + off, 1, false, false);

		if (e && (*e & HW_PTE_P))
			pv_update_pxe(1, e, 0, va + off);
	}
	return 0;
}

uint64_t vmm_translate(struct aspace *as, uint64_t va)
{
	uint64_t *t = as->pml4;

	for (int l = 4; l >= 1; l--) {
		uint64_t e = t[idx(va, l)];

		if (!(e & HW_PTE_P))
			return ~0ull;
		if (l == 1 || (e & HW_PTE_PS)) {
			uint64_t mask = (1ull << (12 + 9 * (l - 1))) - 1;

			return (e & PTE_ADDR & ~mask) | (va & mask);
		}
		t = phys_ptr(e & PTE_ADDR);
	}
	return ~0ull;
}

static void map_section(char *start, char *end, int prot)
{
	uint64_t va = (uint64_t)start;

	if (vmm_map(&kernel_as, va, va - KERNEL_VMA, (uint64_t)(end - start),
		    prot))
		panic("vmm: cannot map kernel section %p", start);
}


static void enable_nx(void)
{
	struct pvrom_cpuid_regs r;
	uint64_t efer;

	pv_cpuid(HW_CPUID_EXT, 0, &r);
	if (r.eax < HW_CPUID_EXT_FEATURES)
		return;
	pv_cpuid(HW_CPUID_EXT_FEATURES, 0, &r);
	if (!(r.edx & HW_CPUID_81_EDX_NX))
		return;
	if (pv_rdmsr_safe(HW_MSR_EFER, &efer) ||
	    pv_wrmsr_safe(HW_MSR_EFER, efer | HW_EFER_NXE))
		return;
	nx_enabled = true;
}

/* Kernel-half PML4 entries get their PDPT now, so every user address space
 * that copies entries 256..511 sees later kernel mappings too. */
static const uint64_t kernel_regions[] = {
	DIRECT_MAP_BASE, TEST_VA_BASE, DEMAND_VA_BASE, KERNEL_VMA,
};

void vmm_init(void)
{
	uint64_t top = ALIGN_UP(pmm_ram_top(), 0x200000ull);

	enable_nx();
	kernel_as.pml4 = new_table(4);
	if (!kernel_as.pml4)
		panic("vmm: no memory");
	kernel_as.pml4_pa = virt_to_phys(kernel_as.pml4);

	pv_lazy_mmu_enter();
	for (unsigned i = 0; i < ARRAY_SIZE(kernel_regions); i++)
		walk(&kernel_as, kernel_regions[i], 3, true, false);
	map_section(__text_start, __text_end, PROT_R | PROT_X);
	map_section(__rodata_start, __rodata_end, PROT_R);
	map_section(__data_start, __data_end, PROT_R | PROT_W);
	if (map_large(&kernel_as, DIRECT_MAP_BASE, 0, top, PROT_R | PROT_W))
		panic("vmm: cannot build the direct map");
	if (vmm_map(&kernel_as, APIC_VA, HW_APIC_PHYS, PAGE_SIZE,
		    PROT_R | PROT_W | PROT_UC))
		panic("vmm: cannot map the LAPIC");
	pv_lazy_mmu_leave();

	pv_write_cr0(pv_read_cr0() | HW_CR0_WP);
	pv_write_cr3(kernel_as.pml4_pa);
	pv_write_cr4(pv_read_cr4() | HW_CR4_PGE);
	pv_flush_tlb_global();
}

int vmm_new_user(struct aspace *as)
{
	as->pml4 = new_table(4);
	if (!as->pml4)
		return -1;
	as->pml4_pa = virt_to_phys(as->pml4);
	for (int i = 256; i < 512; i++)
		if (kernel_as.pml4[i])
			pv_set_pxe(4, &as->pml4[i], kernel_as.pml4[i]);
	return 0;
}

/* Unlink every entry of table 't' (level 'level') through the pv ops, free
 * what it mapped and the tables below, then announce and free 't' itself. */
static void free_level(uint64_t *t, int level)
{
	for (int i = 0; i < 512; i++) {
		uint64_t e = t[i];

		if (!(e & HW_PTE_P))
			continue;
		pv_set_pxe((uint32_t)level, &t[i], 0);
		if (level > 1 && !(e & HW_PTE_PS))
			free_level(phys_ptr(e & PTE_ADDR), level - 1);
		else if (level == 1)
			pmm_free(e & PTE_ADDR);
	}
	pv_release_pt((uint32_t)level, virt_to_phys(t) >> 12);
	pmm_free(virt_to_phys(t));
}

/* Frees the user half (tables and the pages they map) and the PML4.  The
 * caller runs on another CR3, so no TLB holds the dying user entries (they
 * are not global). */
void vmm_free_user(struct aspace *as)
{
	pv_lazy_mmu_enter();
	for (int i = 0; i < 256; i++) {
		uint64_t e = as->pml4[i];

		if (!(e & HW_PTE_P))
			continue;
		pv_set_pxe(4, &as->pml4[i], 0);
		free_level(phys_ptr(e & PTE_ADDR), 3);
	}
	for (int i = 256; i < 512; i++)
		if (as->pml4[i])
			pv_set_pxe(4, &as->pml4[i], 0);
	pv_lazy_mmu_leave();
	pv_release_pt(4, as->pml4_pa >> 12);
	pmm_free(as->pml4_pa);
	as->pml4 = NULL;
}

/* The demand-paged region: the #PF handler calls this for a not-present
 * fault; a fresh zeroed page is mapped RW+NX. */
bool vmm_demand_fault(uint64_t va, uint64_t err)
{
	uint64_t pa;

	/* kernel accesses only (U=0), and only to pages not present (P=0) */
	if (va < DEMAND_VA_BASE || va >= DEMAND_VA_BASE + DEMAND_VA_SIZE ||
	    (err & 5))
		return false;
	pa = pmm_alloc();
	if (!pa)
		return false;
	return vmm_map(&kernel_as, ALIGN_DOWN(va, (uint64_t)PAGE_SIZE), pa,
		       PAGE_SIZE, PROT_R | PROT_W) == 0;
}

/*
 * An iretq to the next instruction: serialising, so instructions fetched
 * before a write to their bytes through another linear address are
 * fetched again (Intel SDM vol. 3, "Self-modifying code").  Not cpuid: under
 * a hypervisor it exits, and a pv cpuid may answer from a cache without
 * executing it.
 */
static void serialise(void)
{
	uint64_t sp, sel;

	__asm__ volatile("movq %%rsp, %0\n\t"
			 "movl %%ss, %k1\n\t"
			 "pushq %1\n\t"
			 "pushq %0\n\t"
			 "pushfq\n\t"
			 "movl %%cs, %k1\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %0\n\t"
			 "pushq %0\n\t"
			 "iretq\n"
			 "1:"
			 : "=&r"(sp), "=&r"(sel) : : "memory", "cc");
}

/*
 * Write kernel text (the binding library's call-site patcher, pvb_env's
 * text_poke): the text mapping stays R+X; the bytes go through a temporary
 * RW+NX alias of the same physical pages at TEXT_POKE_VA (two pages, as a
 * site may straddle), which is unmapped again before returning.  The write
 * is followed at once by serialise(): the unmapping runs pv ops whose own
 * call sites may be the bytes just written.  Boot CPU, interrupts off.
 */
int vmm_text_poke(uint64_t va, const void *src, uint64_t len)
{
	uint64_t page = ALIGN_DOWN(va, (uint64_t)PAGE_SIZE);
	uint64_t npages = (va - page + len + PAGE_SIZE - 1) / PAGE_SIZE;

	if (!len || npages > 2 || va < (uint64_t)__text_start ||
	    va + len > (uint64_t)__text_end)
		return -1;
	for (uint64_t i = 0; i < npages; i++)
		if (vmm_map(&kernel_as, TEXT_POKE_VA + i * PAGE_SIZE,
			    virt_to_phys((void *)(page + i * PAGE_SIZE)),
			    PAGE_SIZE, PROT_R | PROT_W)) {
			vmm_unmap(&kernel_as, TEXT_POKE_VA, npages * PAGE_SIZE);
			return -1;
		}
	memcpy((void *)(TEXT_POKE_VA + (va - page)), src, len);
	serialise();
	vmm_unmap(&kernel_as, TEXT_POKE_VA, npages * PAGE_SIZE);
	return 0;
}
