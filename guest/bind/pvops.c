// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pv-ops table.  Statically native, so every pv_*() works before (and
 * without) a ROM; pvb_bind() overwrites the slots the ROM provides.
 */
#include "pvops.h"

#define PVOPS_I_meta(g, n, r, p, a, m) PVOPS_WHEN(meta, g, .n = pvb_native_##n,)
#define PVOPS_I_cpu(g, n, r, p, a, m)  PVOPS_WHEN(cpu, g, .n = pvb_native_##n,)
#define PVOPS_I_irq(g, n, r, p, a, m)  PVOPS_WHEN(irq, g, .n = pvb_native_##n,)
#define PVOPS_I_mmu(g, n, r, p, a, m)  PVOPS_WHEN(mmu, g, .n = pvb_native_##n,)
#define PVOPS_I_time(g, n, r, p, a, m) PVOPS_WHEN(time, g, .n = pvb_native_##n,)

struct pv_ops pv_ops __attribute__((aligned(64))) = {
	.meta = { PVROM_OPS(PVOPS_I_meta) },
	.cpu  = { PVROM_OPS(PVOPS_I_cpu) },
	.irq  = { PVROM_OPS(PVOPS_I_irq) },
	.mmu  = { PVROM_OPS(PVOPS_I_mmu) },
	.time = { PVROM_OPS(PVOPS_I_time) },
};
