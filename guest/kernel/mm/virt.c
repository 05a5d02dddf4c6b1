/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel virtual to physical for the two linear regions. */
#include "guest/kernel/lib.h"
#include "guest/kernel/mm/mm.h"

uint64_t virt_to_phys(const void *va)
{
	uint64_t v = (uint64_t)va;

	if (v >= KERNEL_VMA && v < KERNEL_VMA + 0x40000000)
		return v - KERNEL_VMA;
	if (v >= DIRECT_MAP_BASE && v < DIRECT_MAP_BASE + (1ull << 46))
		return v - DIRECT_MAP_BASE;
	return vmm_translate(&kernel_as, v);
}
