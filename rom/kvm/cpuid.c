/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CPUID from a cache: under a hypervisor every cpuid instruction exits.
 * Cached (filled once at init, on the boot CPU), only leaves whose output
 * cannot change while the guest runs and is the same on every CPU:
 *
 *   0x00000000             vendor and highest basic leaf
 *   0x40000000-0x40000001  KVM signature and feature bits
 *   0x80000000-0x80000008  highest extended leaf, extended features, brand
 *                          string, cache/TLB info, power management and
 *                          address sizes
 *
 * Only leaves inside the range the CPU reports, and none of these has
 * subleaves (the instruction ignores ECX for them).  Not cached, so they go
 * to the instruction: leaf 1 (EBX[31:24] is the APIC id of the CPU asking,
 * ECX bit 27 mirrors CR4.OSXSAVE), leaf 7 (subleaves; ECX bit 4 mirrors
 * CR4.PKE), leaf 0xD (depends on XCR0), 0xB/0x1F (x2APIC id of the CPU
 * asking), 4 and 0x8000001D (subleaves, per-core sharing), and anything
 * else: a small cache, and a wrong answer costs more than an exit.
 */
#include "rom/kvm/kvm.h"
#include "abi/hw/x86.h"

/* The ranges, in cache order: first leaf, last leaf, first cache slot.
 * Plain numbers (no pointer, no relocation). */
#define AT_HV	1
#define AT_EXT	(AT_HV + KVM_CPUID_FEATURES - KVM_CPUID_SIGNATURE + 1)
static const struct {
	uint32_t base, last;
	uint8_t at;
} range[ROM_CPUID_RANGES] = {
	{ HW_CPUID_BASIC, HW_CPUID_BASIC, 0 },
	{ KVM_CPUID_SIGNATURE, KVM_CPUID_FEATURES, AT_HV },
	{ HW_CPUID_EXT, HW_CPUID_EXT_ADDR_SIZES, AT_EXT },
};
PVROM_STATIC_ASSERT(AT_EXT + HW_CPUID_EXT_ADDR_SIZES - HW_CPUID_EXT + 1 ==
		    ROM_CPUID_CACHE_MAX, "the ranges fill the cache exactly");

void kvm_cpuid_fill(void)
{
	struct rom_data *d = &pvrom_data;
	struct pvrom_cpuid_regs r;
	uint32_t i, n;

	for (i = 0; i < ROM_CPUID_RANGES; i++) {
		hw_cpuid(range[i].base, 0, &r);
		/* Out of range, the instruction answers with the highest
		 * basic leaf, which may be per-CPU: cache only leaves the CPU
		 * reports. */
		if (r.eax < range[i].base || r.eax - range[i].base > 0xffff)
			continue;
		n = (r.eax < range[i].last ? r.eax : range[i].last) -
		    range[i].base + 1;
		d->cpuid_n[i] = (uint8_t)n;
		while (n--)
			hw_cpuid(range[i].base + n, 0,
				 &d->cpuid_cache[range[i].at + n]);
	}
}

/* A cached leaf is one subtraction and compare per range, then a copy. */
void kvm_cpuid(uint32_t leaf, uint32_t subleaf, struct pvrom_cpuid_regs *out)
{
	const struct rom_data *d = &pvrom_data;
	uint32_t i, k;

	for (i = 0; i < ROM_CPUID_RANGES; i++) {
		k = leaf - range[i].base;
		if (k < d->cpuid_n[i]) {
			*out = d->cpuid_cache[range[i].at + k];
			return;
		}
	}
	hw_cpuid(leaf, subleaf, out);
}
