// SPDX-License-Identifier: MIT
/*
 * The op catalogue as an ELF, for the ABI baseline (abi/abi.mk): every op
 * of abi/pvrom/ops.h defined with its prototype, exported at its version
 * by the ROM's version script.  The ROM's own ELF has no prototypes for
 * the ops written in assembly; this one has them all, so abidiff compares
 * every op's parameter and return types as the headers declare them.
 * Never run: each body is a trap.
 */
#include "abi/pvrom/ops.h"

#define CATALOG_STUB(group, name, ret, params, attrs, minor)		\
	__attribute__((visibility("default"))) ret pvrom_##name params;	\
	ret pvrom_##name params { __builtin_trap(); }
PVROM_OPS(CATALOG_STUB)
