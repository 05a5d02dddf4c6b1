/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Version script of the ROM image, generated from the op catalogue: every
 * op at the version node of the ABI minor that introduced it; nothing else
 * is exported.  cpp output before the marker line is C from the headers and
 * is cut off by rom/rom.mk.
 */
#include "abi/pvrom/ops.h"

#define ROM_X_SYM(g, name, ret, params, attr, minor) pvrom_##name;

PVROM_VERSION_SCRIPT_BEGIN
PVROM_1.0 {
global:
	PVROM_OPS_1_0(ROM_X_SYM)
local:
	*;
};
#if PVROM_ABI_MINOR >= 1
PVROM_1.1 {
global:
	PVROM_OPS_1_1(ROM_X_SYM)
} PVROM_1.0;
#endif
