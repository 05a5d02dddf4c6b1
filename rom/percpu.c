/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which per-CPU slot is ours: slot 0 on a uniprocessor guest, else the
 * index the guest put in IA32_TSC_AUX[11:0] (abi/pvrom/elf.h).
 */
#include "rom/priv.h"
#include "abi/hw/x86.h"

struct rom_percpu *rom_this_cpu(void)
{
	uint32_t n = 0;

	if (pvrom_data.max_cpus > 1) {
		uint32_t aux;

		hw_rdtscp(&aux);
		n = aux & (PVROM_MAX_CPUS - 1);
		/* A guest that forgot TSC_AUX must not make us scribble
		 * below its data area. */
		if (n >= pvrom_data.max_cpus)
			n = 0;
	}
	return rom_cpu_slot(n);
}
