/* SPDX-License-Identifier: MIT */
/*
 * abi/hw: model-specific registers (Intel SDM vol. 4, AMD APM vol. 2) and
 * the raw rdmsr/wrmsr.  The numbers are usable from assembly.  Not part of
 * the ROM/guest binary contract (abi/hw/README.md).
 */
#ifndef HW_MSR_H
#define HW_MSR_H

#include "abi/hw/hw.h"

#define HW_MSR_APIC_BASE	0x1b
#define HW_APIC_BASE_BSP	HW_BIT(8)	/* this is the boot CPU */
#define HW_APIC_BASE_EXTD	HW_BIT(10)	/* x2APIC mode (with EN) */
#define HW_APIC_BASE_EN		HW_BIT(11)	/* APIC globally enabled */

#define HW_MSR_PKRS		0x6e1		/* supervisor protection keys */

#define HW_MSR_EFER		0xc0000080
#define HW_EFER_SCE		HW_BIT(0)	/* syscall/sysret */
#define HW_EFER_LME		HW_BIT(8)	/* long mode enable */
#define HW_EFER_LMA		HW_BIT(10)	/* long mode active */
#define HW_EFER_NXE		HW_BIT(11)	/* no-execute page bit */

#define HW_MSR_STAR		0xc0000081	/* syscall/sysret selectors */
#define HW_MSR_LSTAR		0xc0000082	/* 64-bit syscall entry */
#define HW_MSR_CSTAR		0xc0000083	/* compat-mode syscall entry */
#define HW_MSR_FMASK		0xc0000084	/* rflags cleared on syscall */
#define HW_MSR_FS_BASE		0xc0000100
#define HW_MSR_GS_BASE		0xc0000101
#define HW_MSR_KERNEL_GS_BASE	0xc0000102	/* swapgs exchanges it with GS */
#define HW_MSR_TSC_AUX		0xc0000103	/* what rdtscp returns in ecx */

#define HW_MSR_AMD_DE_CFG	0xc0011029
#define HW_AMD_DE_CFG_LFENCE_SERIALIZE	HW_BIT(1)

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Raw: an MSR the CPU lacks raises #GP.  Code that probes needs a fault
 * fix-up around the instruction (the ROM's rdmsr_safe/wrmsr_safe ops). */
static inline uint64_t hw_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void hw_wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v),
			 "d"((uint32_t)(v >> 32)) : "memory");
}
#endif /* !__ASSEMBLER__ */

#endif /* HW_MSR_H */
