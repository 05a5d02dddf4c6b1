/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debug registers: 0-3 addresses, 6 status, 7 control; 4 and 5 are refused
 * (abi/hw/x86.h says why).
 */
#include "rom/priv.h"
#include "abi/hw/x86.h"

int32_t pvrom_read_dr(uint32_t reg, uint64_t *val)
{
	return hw_read_dr(reg, val);
}

int32_t pvrom_write_dr(uint32_t reg, uint64_t v)
{
	return hw_write_dr(reg, v);
}
