/* SPDX-License-Identifier: MIT */
/*
 * abi/hw: the TSC rate a CPU or hypervisor states in CPUID, so nothing has
 * to be measured.  Not part of the ROM/guest binary contract
 * (abi/hw/README.md).
 */
#ifndef HW_TSC_H
#define HW_TSC_H

#include "abi/hw/x86.h"

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * TSC Hz from CPUID, 0 if it does not say:
 *  1. leaf 0x15: crystal Hz (ecx) times the TSC/crystal ratio (ebx/eax),
 *     when the CPU fills all three;
 *  2. else, under a hypervisor (leaf 1 ecx bit 31), the timing leaf
 *     0x40000010 (eax: TSC kHz), if the hypervisor's highest leaf reaches
 *     it.  That highest leaf must lie in the hypervisor range
 *     0x40000000-0x4000ffff: outside it the value is not a hypervisor's
 *     answer (a CPU without the range repeats its highest basic leaf).
 * cpuid is the reader: hw_cpuid, or a test's fake.
 */
HW_INLINE uint64_t hw_tsc_hz_from_cpuid(hw_cpuid_fn *cpuid)
{
	struct pvrom_cpuid_regs r;

	cpuid(HW_CPUID_BASIC, 0, &r);
	if (r.eax >= HW_CPUID_TSC_CRYSTAL) {
		cpuid(HW_CPUID_TSC_CRYSTAL, 0, &r);
		if (r.eax && r.ebx && r.ecx)
			return (uint64_t)r.ecx * r.ebx / r.eax;
	}
	cpuid(HW_CPUID_FEATURES, 0, &r);
	if (r.ecx & HW_CPUID_1_ECX_HYPERVISOR) {
		cpuid(HW_CPUID_HV, 0, &r);
		if (r.eax >= HW_CPUID_HV_TSC_KHZ && r.eax < HW_CPUID_HV_END) {
			cpuid(HW_CPUID_HV_TSC_KHZ, 0, &r);
			if (r.eax)
				return (uint64_t)r.eax * 1000;
		}
	}
	return 0;
}
#endif /* !__ASSEMBLER__ */

#endif /* HW_TSC_H */
