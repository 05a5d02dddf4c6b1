/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debug registers: 0-3 addresses, 6 status, 7 control.  4 and 5 are aliases
 * of 6 and 7 that fault when CR4.DE is set, so the ABI refuses them.  The
 * register number is an instruction encoding, hence one case per register.
 */
#include "rom/priv.h"

int32_t pvrom_read_dr(uint32_t reg, uint64_t *val)
{
	uint64_t v;

	switch (reg) {
	case 0: __asm__ volatile("mov %%db0, %0" : "=r"(v)); break;
	case 1: __asm__ volatile("mov %%db1, %0" : "=r"(v)); break;
	case 2: __asm__ volatile("mov %%db2, %0" : "=r"(v)); break;
	case 3: __asm__ volatile("mov %%db3, %0" : "=r"(v)); break;
	case 6: __asm__ volatile("mov %%db6, %0" : "=r"(v)); break;
	case 7: __asm__ volatile("mov %%db7, %0" : "=r"(v)); break;
	default: return -PVROM_EINVAL;
	}
	*val = v;
	return PVROM_OK;
}

int32_t pvrom_write_dr(uint32_t reg, uint64_t v)
{
	switch (reg) {
	case 0: __asm__ volatile("mov %0, %%db0" : : "r"(v)); break;
	case 1: __asm__ volatile("mov %0, %%db1" : : "r"(v)); break;
	case 2: __asm__ volatile("mov %0, %%db2" : : "r"(v)); break;
	case 3: __asm__ volatile("mov %0, %%db3" : : "r"(v)); break;
	case 6: __asm__ volatile("mov %0, %%db6" : : "r"(v)); break;
	case 7: __asm__ volatile("mov %0, %%db7" : : "r"(v)); break;
	default: return -PVROM_EINVAL;
	}
	return PVROM_OK;
}
