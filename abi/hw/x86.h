/* SPDX-License-Identifier: MIT */
/*
 * abi/hw: the x86-64 architecture (Intel SDM, AMD APM): CPUID leaves and
 * bits, the TSC, control and debug registers, page-table and flag bits,
 * the lgdt/lidt operand.  Constants are usable from assembly.  Not part of
 * the ROM/guest binary contract (abi/hw/README.md).
 */
#ifndef HW_X86_H
#define HW_X86_H

#include "abi/hw/hw.h"

/* CPUID leaves */
#define HW_CPUID_BASIC		0x00000000	/* eax: highest basic leaf */
#define HW_CPUID_FEATURES	0x00000001
#define HW_CPUID_TSC_CRYSTAL	0x00000015	/* eax/ebx TSC:crystal ratio, ecx crystal Hz */
#define HW_CPUID_HV		0x40000000	/* eax: highest hypervisor leaf; vendor */
#define HW_CPUID_HV_TSC_KHZ	0x40000010	/* eax: TSC kHz (VMware's timing leaf) */
#define HW_CPUID_HV_END		0x40010000	/* hypervisor leaves lie below */
#define HW_CPUID_EXT		0x80000000	/* eax: highest extended leaf */
#define HW_CPUID_EXT_FEATURES	0x80000001
#define HW_CPUID_EXT_ADDR_SIZES	0x80000008	/* physical/linear address bits */

/* CPUID 1 edx, ecx */
#define HW_CPUID_1_EDX_TSC	HW_BIT(4)
#define HW_CPUID_1_EDX_MSR	HW_BIT(5)
#define HW_CPUID_1_EDX_APIC	HW_BIT(9)
#define HW_CPUID_1_ECX_X2APIC	HW_BIT(21)
#define HW_CPUID_1_ECX_HYPERVISOR HW_BIT(31)	/* running under a hypervisor */
/* CPUID 0x80000001 edx */
#define HW_CPUID_81_EDX_NX	HW_BIT(20)
#define HW_CPUID_81_EDX_PAGE1GB	HW_BIT(26)
#define HW_CPUID_81_EDX_RDTSCP	HW_BIT(27)
#define HW_CPUID_81_EDX_LM	HW_BIT(29)

#define HW_CR0_PE		HW_BIT(0)
#define HW_CR0_MP		HW_BIT(1)
#define HW_CR0_EM		HW_BIT(2)
#define HW_CR0_TS		HW_BIT(3)
#define HW_CR0_NE		HW_BIT(5)
#define HW_CR0_WP		HW_BIT(16)
#define HW_CR0_AM		HW_BIT(18)
#define HW_CR0_PG		HW_BIT(31)

#define HW_CR4_DE		HW_BIT(3)	/* dr4/dr5 fault instead of aliasing */
#define HW_CR4_PSE		HW_BIT(4)
#define HW_CR4_PAE		HW_BIT(5)
#define HW_CR4_PGE		HW_BIT(7)	/* global pages */
#define HW_CR4_OSFXSR		HW_BIT(9)
#define HW_CR4_OSXMMEXCPT	HW_BIT(10)
#define HW_CR4_LA57		HW_BIT(12)
#define HW_CR4_FSGSBASE		HW_BIT(16)
#define HW_CR4_PCIDE		HW_BIT(17)
#define HW_CR4_OSXSAVE		HW_BIT(18)
#define HW_CR4_SMEP		HW_BIT(20)
#define HW_CR4_SMAP		HW_BIT(21)

#define HW_RFLAGS_IF		HW_BIT(9)

/* Page-table entries, every level */
#define HW_PTE_P		HW_BIT(0)
#define HW_PTE_W		HW_BIT(1)
#define HW_PTE_U		HW_BIT(2)
#define HW_PTE_PWT		HW_BIT(3)
#define HW_PTE_PCD		HW_BIT(4)
#define HW_PTE_A		HW_BIT(5)
#define HW_PTE_D		HW_BIT(6)
#define HW_PTE_PS		HW_BIT(7)	/* levels 2, 3: maps a large page */
#define HW_PTE_G		HW_BIT(8)
#define HW_PTE_NX		HW_BIT(63)

#ifndef __ASSEMBLER__
#include <stdint.h>
#include "abi/pvrom/cpu.h"

/* The shape of the cpuid op: a helper that reads CPUID takes one of these,
 * so a test can feed it made-up leaves. */
typedef void hw_cpuid_fn(uint32_t leaf, uint32_t subleaf,
			 struct pvrom_cpuid_regs *out);
/* A TSC reader: the ROM keeps its own out of line (rom/priv.h). */
typedef uint64_t hw_rdtsc_fn(void);

static inline void hw_cpuid(uint32_t leaf, uint32_t subleaf,
			    struct pvrom_cpuid_regs *out)
{
	__asm__ volatile("cpuid"
			 : "=a"(out->eax), "=b"(out->ebx), "=c"(out->ecx),
			   "=d"(out->edx)
			 : "a"(leaf), "c"(subleaf));
}

static inline uint64_t hw_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* lfence first: rdtsc does not run ahead of earlier loads (a seqlock's
 * version read, the start of a timed region). */
static inline uint64_t hw_rdtsc_ordered(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* aux (IA32_TSC_AUX) may be NULL. */
static inline uint64_t hw_rdtscp(uint32_t *aux)
{
	uint32_t lo, hi, c;

	__asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(c));
	if (aux)
		*aux = c;
	return ((uint64_t)hi << 32) | lo;
}

static inline void hw_pause(void)
{
	__asm__ volatile("pause" : : : "memory");
}

static inline uint64_t hw_read_cr0(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v) : : "memory");
	return v;
}

static inline void hw_write_cr0(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline uint64_t hw_read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v) : : "memory");
	return v;
}

static inline void hw_write_cr2(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr2" : : "r"(v) : "memory");
}

static inline uint64_t hw_read_cr3(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v) : : "memory");
	return v;
}

static inline void hw_write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint64_t hw_read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v) : : "memory");
	return v;
}

static inline void hw_write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline uint64_t hw_read_cr8(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr8, %0" : "=r"(v) : : "memory");
	return v;
}

static inline void hw_write_cr8(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr8" : : "r"(v) : "memory");
}

static inline void hw_invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline uint64_t hw_save_flags(void)
{
	uint64_t f;

	__asm__ volatile("pushfq; popq %0" : "=r"(f) : : "memory");
	return f;
}

static inline void hw_restore_flags(uint64_t f)
{
	__asm__ volatile("pushq %0; popfq" : : "r"(f) : "memory", "cc");
}

static inline void hw_cli(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline void hw_sti(void)
{
	__asm__ volatile("sti" : : : "memory");
}

/* The end of a machine that would not power off or reset. */
static inline __attribute__((noreturn)) void hw_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* The 10-byte operand lgdt/lidt/sgdt/sidt really take; the ABI's
 * struct pvrom_desc_ptr is the same, padded to 16 bytes. */
struct hw_desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));
PVROM_STATIC_ASSERT(sizeof(struct hw_desc_ptr) == 10, "lgdt operand is 10 bytes");

static inline void hw_lgdt(const struct pvrom_desc_ptr *p)
{
	struct hw_desc_ptr h;

	h.limit = p->limit;
	h.base = p->base;
	__asm__ volatile("lgdt %0" : : "m"(h) : "memory");
}

static inline void hw_lidt(const struct pvrom_desc_ptr *p)
{
	struct hw_desc_ptr h;

	h.limit = p->limit;
	h.base = p->base;
	__asm__ volatile("lidt %0" : : "m"(h) : "memory");
}

static inline void hw_sgdt(struct pvrom_desc_ptr *p)
{
	struct hw_desc_ptr h;

	__asm__ volatile("sgdt %0" : "=m"(h));
	p->limit = h.limit;
	p->_pad0[0] = p->_pad0[1] = p->_pad0[2] = 0;
	p->base = h.base;
}

static inline void hw_sidt(struct pvrom_desc_ptr *p)
{
	struct hw_desc_ptr h;

	__asm__ volatile("sidt %0" : "=m"(h));
	p->limit = h.limit;
	p->_pad0[0] = p->_pad0[1] = p->_pad0[2] = 0;
	p->base = h.base;
}

/*
 * Debug registers by number: 0-3 addresses, 6 status, 7 control.  4 and 5
 * alias 6 and 7 but fault when CR4.DE is set, so they are refused
 * (-PVROM_EINVAL).  The number is part of the instruction encoding, hence
 * one case per register.
 */
static inline int32_t hw_read_dr(uint32_t reg, uint64_t *val)
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

static inline int32_t hw_write_dr(uint32_t reg, uint64_t v)
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
#endif /* !__ASSEMBLER__ */

#endif /* HW_X86_H */
