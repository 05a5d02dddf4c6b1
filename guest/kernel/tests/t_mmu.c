/* SPDX-License-Identifier: GPL-2.0-only */
/* mmu ops: entries, flushes, lazy batches, protections, demand paging. */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/memlayout.h"
#include "guest/kernel/cpu/cpu.h"
#include "guest/kernel/mm/mm.h"
#include "guest/kernel/tests/tests.h"

#define VA(n)	(TEST_VA_BASE + (uint64_t)(n) * PAGE_SIZE)

static bool faults_with(uint64_t va, bool write, unsigned vector)
{
	unsigned before = last_fault.count;
	uint64_t v;
	int r = write ? probe_write64((void *)va, 1) : probe_read64((void *)va, &v);

	return r == -1 && last_fault.count == before + 1 &&
	       last_fault.vector == vector && last_fault.addr == va;
}

KTEST(mmu_pxe)
{
	uint64_t pa = pmm_alloc(), pb = pmm_alloc(), *e, v = 0;
	volatile uint64_t *p = (volatile uint64_t *)VA(0);

	*(uint64_t *)phys_ptr(pa) = 0xaaaa;
	*(uint64_t *)phys_ptr(pb) = 0xbbbb;
	check(faults_with(VA(0), false, 14),
	      "unmapped test page faults (#PF via extable)", "vector %lu",
	      last_fault.vector);
	/* creates the PDPT/PD/PT: alloc_pt + set_pxe at every level */
	e = vmm_pte(&kernel_as, VA(0), true);
	pv_set_pxe(1, e, pa | HW_PTE_P | HW_PTE_W | (nx_enabled ? HW_PTE_NX : 0));
	check(probe_read64(p, &v) == 0 && v == 0xaaaa,
	      "op set_pxe then the mapping works", "read %lx", v);
	*p = 0x1111;
	check(*(uint64_t *)phys_ptr(pa) == 0x1111,
	      "write through the new mapping lands in the page", "%lx",
	      *(uint64_t *)phys_ptr(pa));
	pv_update_pxe(1, e, pb | HW_PTE_P | HW_PTE_W | HW_PTE_NX * nx_enabled, VA(0));
	check(*p == 0xbbbb, "op update_pxe remaps and invalidates",
	      "read %lx", *p);
	pv_update_pxe(1, e, 0, VA(0));
	check(faults_with(VA(0), false, 14),
	      "op update_pxe to 0: access faults once removed", "vector %lu",
	      last_fault.vector);
	check((last_fault.error & 1) == 0, "#PF error code says not-present",
	      "error %lx", last_fault.error);

	/* read-only mapping: a write faults with P=1, W=1 in the error code */
	pv_set_pxe(1, e, pa | HW_PTE_P | HW_PTE_NX * nx_enabled);
	pv_flush_tlb_page(VA(0));
	check(faults_with(VA(0), true, 14) && (last_fault.error & 3) == 3,
	      "read-only page: write faults (protection, write)",
	      "error %lx", last_fault.error);

	/* flush_tlb_page: change the entry behind the TLB's back, then flush */
	pv_set_pxe(1, e, pa | HW_PTE_P | HW_PTE_W | HW_PTE_NX * nx_enabled);
	pv_flush_tlb_page(VA(0));
	v = *p;
	pv_set_pxe(1, e, pb | HW_PTE_P | HW_PTE_W | HW_PTE_NX * nx_enabled);
	pv_flush_tlb_page(VA(0));
	check(v == 0x1111 && *p == 0xbbbb, "op flush_tlb_page", "%lx %lx", v,
	      *p);
	pv_set_pxe(1, e, pa | HW_PTE_P | HW_PTE_W | HW_PTE_NX * nx_enabled);
	pv_flush_tlb_local();
	check(*p == 0x1111, "op flush_tlb_local", "%lx", *p);
	pv_set_pxe(1, e, pb | HW_PTE_P | HW_PTE_W | HW_PTE_G | HW_PTE_NX * nx_enabled);
	pv_flush_tlb_global();
	v = *p;
	pv_set_pxe(1, e, pa | HW_PTE_P | HW_PTE_W | HW_PTE_G | HW_PTE_NX * nx_enabled);
	pv_flush_tlb_global();
	check(v == 0xbbbb && *p == 0x1111, "op flush_tlb_global (global page)",
	      "%lx %lx", v, *p);
	pv_update_pxe(1, e, 0, VA(0));
	pmm_free(pa);
	pmm_free(pb);
}

KTEST(mmu_lazy)
{
	enum { N = 64 };
	uint64_t pa = pmm_alloc_contig(N), v;
	bool ok = true;

	for (int i = 0; i < N; i++)
		*(uint64_t *)phys_ptr(pa + i * PAGE_SIZE) = 0x5000 + i;
	pv_lazy_mmu_enter();
	vmm_map(&kernel_as, VA(16), pa, N * PAGE_SIZE, PROT_R | PROT_W);
	pv_lazy_mmu_leave();
	for (int i = 0; i < N; i++)
		if (probe_read64((void *)VA(16 + i), &v) || v != 0x5000u + i)
			ok = false;
	check(ok, "op lazy_mmu_enter/leave: batched map of 64 pages", "bad");
	pv_lazy_mmu_enter();
	vmm_unmap(&kernel_as, VA(16), N * PAGE_SIZE);
	pv_lazy_mmu_leave();
	check(faults_with(VA(16), false, 14) && faults_with(VA(16 + N - 1),
	      false, 14), "op lazy_mmu_leave: batched unmap takes effect",
	      "still mapped");
	for (int i = 0; i < N; i++)
		pmm_free(pa + i * PAGE_SIZE);
}

KTEST(mmu_pt_notify)
{
	/* a fresh PT in an empty 2 MiB range: alloc_pt(1) + set_pxe(2) */
	uint64_t va = TEST_VA_BASE + 0x10000000, pa = pmm_alloc(), v = 0;
	uint64_t free0 = pmm_free_pages();
	int r;

	vmm_map(&kernel_as, va, pa, PAGE_SIZE, PROT_R | PROT_W);
	*(uint64_t *)phys_ptr(pa) = 77;
	r = probe_read64((void *)va, &v);
	check(r == 0 && v == 77 && pmm_free_pages() < free0,
	      "op alloc_pt: new page-table pages in use", "v %lu", v);
	{
		uint64_t *pde = NULL, *pt;
		uint64_t *t = kernel_as.pml4;

		for (int l = 4; l > 2; l--)
			t = phys_ptr(t[(va >> (12 + 9 * (l - 1))) & 511] &
				     PTE_ADDR);
		pde = &t[(va >> 21) & 511];
		pt = phys_ptr(*pde & PTE_ADDR);
		pv_update_pxe(1, &pt[(va >> 12) & 511], 0, va);
		pv_update_pxe(2, pde, 0, va);
		pv_release_pt(1, virt_to_phys(pt) >> 12);
		pmm_free(virt_to_phys(pt));
	}
	check(faults_with(va, false, 14), "op release_pt after unhooking a PT",
	      "still mapped");
	pmm_free(pa);
}

KTEST(mmu_p2m)
{
	uint64_t pas[] = { 0x100000, 0x200000, pmm_ram_top() - PAGE_SIZE };
	bool ident = true, round = true;

	for (unsigned i = 0; i < ARRAY_SIZE(pas); i++) {
		uint64_t m = pv_phys_to_machine(pas[i]);

		if (m != pas[i])
			ident = false;
		if (pv_machine_to_phys(m) != pas[i])
			round = false;
	}
	check(round, "op machine_to_phys(phys_to_machine(x)) == x", "no");
	check(ident, "op phys_to_machine is the identity (no P2M here)", "no");
}

static void ret_only(void *a)
{
	(void)a;
}

KTEST(mmu_prot)
{
	uint64_t pa = pmm_alloc();
	uint8_t *page = phys_ptr(pa);
	int r;

	/* a copy of a function that only returns: exec from RX works, from
	 * RW+NX faults with the instruction-fetch bit */
	memcpy(page, (void *)ret_only, 16);
	vmm_map(&kernel_as, VA(200), pa, PAGE_SIZE, PROT_R | PROT_X);
	r = try_call((void (*)(void *))VA(200), NULL);
	check(r == 0, "code runs from an RX mapping", "faulted, vector %lu",
	      last_fault.vector);
	vmm_map(&kernel_as, VA(200), pa, PAGE_SIZE, PROT_R | PROT_W);
	if (!nx_enabled) {
		skip("NX page: exec faults", "no NX on this CPU");
	} else {
		r = try_call((void (*)(void *))VA(200), NULL);
		check(r == -1 && last_fault.vector == 14 &&
		      (last_fault.error & 0x10), "NX page: exec faults (I/D set)",
		      "r %d vector %lu error %lx", r, last_fault.vector,
		      last_fault.error);
	}
	vmm_unmap(&kernel_as, VA(200), PAGE_SIZE);
	pmm_free(pa);

	check(faults_with((uint64_t)ret_only, true, 14),
	      "kernel text is read-only (CR0.WP)", "write went through");
	check(faults_with(0x1000, false, 14), "low memory is not mapped",
	      "mapped");
}

KTEST(mmu_demand)
{
	volatile uint64_t *p = (volatile uint64_t *)(DEMAND_VA_BASE + 0x5000);
	uint64_t before = pmm_free_pages();

	check(vmm_translate(&kernel_as, (uint64_t)p) == ~0ull,
	      "demand region starts unmapped", "mapped");
	*p = 0x600d;
	/* one page, plus the tables above it the first time */
	check(*p == 0x600d && vmm_translate(&kernel_as, (uint64_t)p) != ~0ull &&
	      pmm_free_pages() < before,
	      "#PF handler maps a demand page on first touch", "free %lu->%lu",
	      before, pmm_free_pages());
	before = pmm_free_pages();
	p[1] = 1;
	check(pmm_free_pages() == before,
	      "second touch of the same page: no new page", "free %lu",
	      pmm_free_pages());
}
