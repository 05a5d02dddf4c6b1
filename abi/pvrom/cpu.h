/* SPDX-License-Identifier: MIT */
/*
 * pvrom ABI: types the cpu ops take.
 */
#ifndef PVROM_CPU_H
#define PVROM_CPU_H

#include "base.h"

struct pvrom_cpuid_regs {		/* 16 bytes */
	uint32_t eax, ebx, ecx, edx;
};
PVROM_STATIC_ASSERT(sizeof(struct pvrom_cpuid_regs) == 16, "cpuid_regs size");

/* The operand of lgdt/lidt/sgdt/sidt, padded to 16 bytes. */
struct pvrom_desc_ptr {			/* 16 bytes */
	uint16_t limit;			/* 0x00 */
	uint16_t _pad0[3];		/* 0x02 zero */
	uint64_t base;			/* 0x08 */
};
PVROM_STATIC_ASSERT(sizeof(struct pvrom_desc_ptr) == 16, "desc_ptr size");

/* Page-table levels for set_pxe/update_pxe/alloc_pt/release_pt. */
#define PVROM_LEVEL_PT		1	/* entries map 4 KiB pages */
#define PVROM_LEVEL_PD		2
#define PVROM_LEVEL_PDP		3
#define PVROM_LEVEL_PML4	4

/* Where set_kernel_stack writes: the 64-bit TSS's rsp0. */
#define PVROM_TSS_RSP0_OFFSET	4

#endif /* PVROM_CPU_H */
