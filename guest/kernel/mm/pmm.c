/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical page allocator: one bit per 4 KiB page below PMM_LIMIT, set when
 * the page is in use or not RAM.  Built from the boot memory map; the low
 * 1 MiB, the kernel image and whatever the loader handed over (modules, the
 * ROM copy, the multiboot2 info) stay reserved.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/mm/mm.h"
#include "guest/kernel/boot/bootinfo.h"

#define NPAGES	(PMM_LIMIT / PAGE_SIZE)

static uint64_t bitmap[NPAGES / 64];
static uint64_t total, nfree, top, hint;

extern char __kernel_phys_start[], _end[];

static void mark(uint64_t pa, uint64_t len, bool used)
{
	uint64_t first = pa / PAGE_SIZE;
	uint64_t last = ALIGN_UP(pa + len, (uint64_t)PAGE_SIZE) / PAGE_SIZE;

	if (!used) {	/* only whole pages become free */
		first = ALIGN_UP(pa, (uint64_t)PAGE_SIZE) / PAGE_SIZE;
		last = (pa + len) / PAGE_SIZE;
	}
	for (uint64_t p = first; p < last && p < NPAGES; p++) {
		bool was = bitmap[p / 64] & (1ull << (p % 64));

		if (used && !was) {
			bitmap[p / 64] |= 1ull << (p % 64);
			nfree--;
		} else if (!used && was) {
			bitmap[p / 64] &= ~(1ull << (p % 64));
			nfree++;
		}
	}
}

void pmm_init(void)
{
	memset(bitmap, 0xff, sizeof(bitmap));
	for (int i = 0; i < boot_info.nmem; i++) {
		const struct boot_mem *m = &boot_info.mem[i];

		if (m->type != 1)
			continue;
		mark(m->base, m->len, false);
		if (m->base + m->len > top)
			top = MIN(m->base + m->len, PMM_LIMIT);
	}
	total = nfree;
	mark(0, 0x100000, true);
	mark((uint64_t)__kernel_phys_start,
	     (uint64_t)_end - KERNEL_VMA - (uint64_t)__kernel_phys_start, true);
	for (int i = 0; i < boot_info.nresv; i++)
		mark(boot_info.resv[i].base, boot_info.resv[i].len, true);
	hint = 0x100000 / PAGE_SIZE;
}

static bool page_free(uint64_t p)
{
	return !(bitmap[p / 64] & (1ull << (p % 64)));
}

uint64_t pmm_alloc_contig(uint64_t n)
{
	for (int pass = 0; pass < 2; pass++) {
		uint64_t start = pass ? 0 : hint;

		for (uint64_t p = start; p + n <= NPAGES; p++) {
			uint64_t k = 0;

			if (!page_free(p)) {
				/* skip fully used words quickly */
				if (p % 64 == 0 && bitmap[p / 64] == ~0ull)
					p += 63;
				continue;
			}
			while (k < n && page_free(p + k))
				k++;
			if (k == n) {
				uint64_t pa = p * PAGE_SIZE;

				mark(pa, n * PAGE_SIZE, true);
				hint = p + n;
				memset(phys_ptr(pa), 0, n * PAGE_SIZE);
				return pa;
			}
			p += k;
		}
	}
	return 0;
}

uint64_t pmm_alloc(void)
{
	return pmm_alloc_contig(1);
}

void pmm_free(uint64_t pa)
{
	if (pa < 0x100000 || pa >= PMM_LIMIT || page_free(pa / PAGE_SIZE))
		panic("pmm_free: bad page %lx", pa);
	mark(pa, PAGE_SIZE, false);
}

uint64_t pmm_free_pages(void)
{
	return nfree;
}

uint64_t pmm_total_pages(void)
{
	return total;
}

uint64_t pmm_ram_top(void)
{
	return top;
}
