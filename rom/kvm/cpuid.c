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

static void cache_range(uint32_t base, uint32_t last)
{
	struct rom_data *d = &pvrom_data;
	struct pvrom_cpuid_regs r;
	uint32_t leaf, top;

	hw_cpuid(base, 0, &r);
	/* Out of range, the instruction answers with the highest basic leaf,
	 * which may be per-CPU: cache only a range the CPU reports. */
	if (r.eax < base || r.eax - base > 0xffff)
		return;
	top = r.eax < last ? r.eax : last;
	for (leaf = base; leaf <= top && d->cpuid_count < ROM_CPUID_CACHE_MAX;
	     leaf++) {
		struct rom_cpuid_ent *e = &d->cpuid_cache[d->cpuid_count++];

		e->leaf = leaf;
		hw_cpuid(leaf, 0, &e->r);
	}
}

void kvm_cpuid_fill(void)
{
	cache_range(HW_CPUID_BASIC, HW_CPUID_BASIC);
	cache_range(KVM_CPUID_SIGNATURE, KVM_CPUID_FEATURES);
	cache_range(HW_CPUID_EXT, HW_CPUID_EXT_ADDR_SIZES);
}

void kvm_cpuid(uint32_t leaf, uint32_t subleaf, struct pvrom_cpuid_regs *out)
{
	const struct rom_data *d = &pvrom_data;
	uint32_t i;

	for (i = 0; i < d->cpuid_count; i++)
		if (d->cpuid_cache[i].leaf == leaf) {
			*out = d->cpuid_cache[i].r;
			return;
		}
	hw_cpuid(leaf, subleaf, out);
}
