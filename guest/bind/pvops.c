// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pv-ops table.  Statically native, so every pv_*() works before (and
 * without) a ROM; pvb_bind() overwrites the entries of the ops the ROM provides.
 */
#include "guest/bind/pvops.h"

struct pv_ops pv_ops __attribute__((aligned(64))) = {
#define PVOPS_X_INIT(g, n, r, p, a, m) .n = pvb_native_##n,
	PVROM_OPS(PVOPS_X_INIT)
#undef PVOPS_X_INIT
};
