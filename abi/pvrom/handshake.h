/* SPDX-License-Identifier: MIT */
/*
 * pvrom ABI: the init handshake, the info op and (ABI 1.1) op_info.
 *
 * Size rule: each struct starts with a u32 size.  The writer of a struct sets
 * size to the sizeof it was built with; the reader uses min(size, its own
 * sizeof) bytes and treats the rest as zero.  New fields are appended (minor
 * bump) and never move.
 */
#ifndef PVROM_HANDSHAKE_H
#define PVROM_HANDSHAKE_H

#include "base.h"
#include "cpu.h"

/* init_args.flags */
#define PVROM_INIT_FORCE_NATIVE	(1ull << 0)	/* use the native backend */
#define PVROM_INIT_NO_HYPERCALL	(1ull << 1)	/* never issue hypercalls */

/*
 * init_result.features / info.features: what the chosen backend uses.  The
 * one list of them: X(NAME, bit, "short-name"), one row per bit; the short
 * name is what logs and tools print.  Each row's PVROM_FEAT_<NAME> constant
 * is written out below so that it also works in #if; the asserts after them
 * prove that every row has its constant, with its bit, and that no two rows
 * share a bit.  A new feature is one row and one constant.
 */
#define PVROM_FEATURES(X)						\
	X(TSC_CALIBRATED,	0,  "tsc-calibrated")	/* TSC rate measured against the PIT */ \
	X(TSC_CPUID,		1,  "tsc-cpuid")	/* TSC rate from a CPUID leaf */ \
	X(X2APIC,		2,  "x2apic")		/* APIC ops use x2APIC MSRs */ \
	X(KVM_CLOCK,		8,  "kvm-clock")	/* kvmclock time source */ \
	X(KVM_STEAL_TIME,	9,  "kvm-steal-time")				\
	X(KVM_PV_EOI,		10, "kvm-pv-eoi")				\
	X(KVM_NOP_IO_DELAY,	11, "kvm-nop-io-delay")				\
	X(CPUID_CACHE,		12, "cpuid-cache")

#define PVROM_FEAT_TSC_CALIBRATED   (1ull << 0)
#define PVROM_FEAT_TSC_CPUID	    (1ull << 1)
#define PVROM_FEAT_X2APIC	    (1ull << 2)
#define PVROM_FEAT_KVM_CLOCK	    (1ull << 8)
#define PVROM_FEAT_KVM_STEAL_TIME   (1ull << 9)
#define PVROM_FEAT_KVM_PV_EOI	    (1ull << 10)
#define PVROM_FEAT_KVM_NOP_IO_DELAY (1ull << 11)
#define PVROM_FEAT_CPUID_CACHE	    (1ull << 12)

#define PVROM_FEAT_X_CHECK(name, bit, str)				\
	PVROM_STATIC_ASSERT(PVROM_FEAT_##name == 1ull << (bit),		\
			    "PVROM_FEAT_" #name " is the bit of its row");
PVROM_FEATURES(PVROM_FEAT_X_CHECK)
#undef PVROM_FEAT_X_CHECK
#define PVROM_FEAT_X_OR(name, bit, str)		| 1ull << (bit)
#define PVROM_FEAT_X_SUM(name, bit, str)	+ (1ull << (bit))
PVROM_STATIC_ASSERT((0 PVROM_FEATURES(PVROM_FEAT_X_OR)) ==
		    (0 PVROM_FEATURES(PVROM_FEAT_X_SUM)), "two features share a bit");
#undef PVROM_FEAT_X_OR
#undef PVROM_FEAT_X_SUM

/* init_args.max_cpus: 1..this, as the slot index is IA32_TSC_AUX[11:0]. */
#define PVROM_MAX_CPUS		4096

#define PVROM_NAME_LEN		32
#define PVROM_BACKEND_LEN	16

struct pvrom_init_args {		/* 136 bytes in ABI 1.0 */
	uint32_t size;			/* 0x00 sizeof as the guest knows it */
	uint16_t abi_major;		/* 0x04 ABI the guest was built against */
	uint16_t abi_minor;		/* 0x06 */
	uint64_t flags;			/* 0x08 PVROM_INIT_* */
	uint64_t apic_va;		/* 0x10 guest VA of the xAPIC page; 0: x2APIC */
	uint32_t max_cpus;		/* 0x18 per-CPU slots provided (>= 1) */
	uint32_t _pad0;			/* 0x1C zero */
	char guest_name[PVROM_NAME_LEN];	/* 0x20 NUL-terminated */
	char guest_version[PVROM_NAME_LEN];	/* 0x40 */
	char guest_license[PVROM_NAME_LEN];	/* 0x60 SPDX id */
	uint64_t data_pa;		/* 0x80 guest-physical address of the lowest
					 * byte of the data area, which is physically
					 * contiguous; 0: unknown (backends that must
					 * give the host an address then stay native) */
};
PVROM_STATIC_ASSERT(sizeof(struct pvrom_init_args) == 136, "init_args size");

struct pvrom_init_result {		/* 96 bytes in ABI 1.0 */
	uint32_t size;			/* 0x00 sizeof as the ROM knows it */
	uint16_t abi_major;		/* 0x04 ABI the ROM implements */
	uint16_t abi_minor;		/* 0x06 */
	uint64_t features;		/* 0x08 PVROM_FEAT_* */
	char backend[PVROM_BACKEND_LEN];	/* 0x10 "native", "kvm", ... */
	char release[PVROM_NAME_LEN];	/* 0x20 ROM release */
	char _reserved[32];		/* 0x40 zero */
};
PVROM_STATIC_ASSERT(sizeof(struct pvrom_init_result) == 96, "init_result size");

struct pvrom_info {			/* 128 bytes in ABI 1.0 */
	uint32_t size;			/* 0x00 */
	uint16_t abi_major;		/* 0x04 */
	uint16_t abi_minor;		/* 0x06 */
	uint64_t features;		/* 0x08 PVROM_FEAT_* in use */
	char backend[PVROM_BACKEND_LEN];	/* 0x10 */
	uint64_t cycle_hz;		/* 0x20 cycle counter rate */
	uint64_t apic_timer_hz;		/* 0x28 LAPIC timer input rate, after divide */
	uint64_t boot_wallclock_ns;	/* 0x30 wall clock when init ran */
	uint32_t max_cpus;		/* 0x38 as given to init */
	uint32_t fallbacks;		/* 0x3C ops that fell back to native */
	char note[64];			/* 0x40 why, if fallbacks != 0 */
};
PVROM_STATIC_ASSERT(sizeof(struct pvrom_info) == 128, "info size");

/*
 * ABI 1.1, the op_info op: what an op is on the backend init chose, so that
 * a guest can rewrite its call sites (SPEC section 9.7.2).  kind says what a
 * call of the op may become; target is always callable: the address of an
 * implementation with the op's prototype, attributes and calling convention
 * (a callee-save op's target is callee-save), often not the export itself
 * (no dispatch left on the way).  A kind a guest does not know (a later
 * minor's) it treats as PVROM_KIND_CALL.
 */
#define PVROM_KIND_CALL		0	/* call target */
#define PVROM_KIND_NATIVE	1	/* target is [endbr64] + the op's native
					 * sequence (SPEC 9.7.3) + ret: the guest
					 * may put its own copy of the sequence
					 * where the call was */
#define PVROM_KIND_NOP		2	/* the op does nothing here (void ops
					 * only): the call may go */

struct pvrom_op_info {			/* 16 bytes in ABI 1.1 */
	uint32_t size;			/* 0x00 size rule, as pvrom_info */
	uint32_t kind;			/* 0x04 PVROM_KIND_* */
	uint64_t target;		/* 0x08 VA of the implementation to call */
};
PVROM_STATIC_ASSERT(sizeof(struct pvrom_op_info) == 16, "op_info size");

/*
 * The argument checks of init (SPEC section 9.1.1) as code, for every
 * implementation of init (a ROM's, a guest's native one): in the spec's
 * order, returning the first error.  On success *a holds init_args under
 * the size rule (the bytes the guest sent, the rest zero).  cpuid reads
 * CPUID (the cpuid op's shape); it is called only when max_cpus > 1, which
 * needs RDTSCP (CPUID 0x80000001 EDX bit 27) to find a CPU's slot.
 */
static inline int32_t pvrom_init_check(const struct pvrom_init_args *args,
				       const struct pvrom_init_result *res,
				       struct pvrom_init_args *a,
				       void (*cpuid)(uint32_t leaf, uint32_t subleaf,
						     struct pvrom_cpuid_regs *out))
{
	const unsigned char *s = (const unsigned char *)args;
	unsigned char *d = (unsigned char *)a;
	struct pvrom_cpuid_regs c;
	uint32_t i, n;

	if (!args || !res)
		return -PVROM_EINVAL;
	/* size, abi_major and abi_minor are the minimum any guest sends. */
	if (args->size < 8)
		return -PVROM_EINVAL;
	if (args->abi_major != PVROM_ABI_MAJOR)
		return -PVROM_EVERSION;
	if (res->size < 16)
		return -PVROM_EINVAL;
	n = args->size < sizeof(*a) ? args->size : (uint32_t)sizeof(*a);
	for (i = 0; i < sizeof(*a); i++)
		d[i] = i < n ? s[i] : 0;
	if (a->max_cpus == 0 || a->max_cpus > PVROM_MAX_CPUS)
		return -PVROM_EINVAL;
	if (a->apic_va & 0xfff)
		return -PVROM_EINVAL;
	if (a->max_cpus > 1) {
		cpuid(0x80000000, 0, &c);
		if (c.eax < 0x80000001)
			return -PVROM_ENOSYS;
		cpuid(0x80000001, 0, &c);
		if (!(c.edx & (1u << 27)))
			return -PVROM_ENOSYS;
	}
	return PVROM_OK;
}

#endif /* PVROM_HANDSHAKE_H */
