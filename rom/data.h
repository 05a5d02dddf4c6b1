/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ROM's only mutable state: the data area the guest provides below the
 * image (abi/pvrom/elf.h).  Included by C, by assembly and by the linker
 * script, so everything but the sizes and backend-op indices is C-only.
 *
 *   pvrom_data - (n + 1) * ROM_PERCPU_SIZE   struct rom_percpu of slot n
 *   pvrom_data                               struct rom_data
 *   pvrom_data + ROM_DATA_SIZE               the image (offset 0)
 */
#ifndef ROM_DATA_H
#define ROM_DATA_H

#define ROM_DATA_SIZE	4096	/* a page: the guest maps it RW+NX */
#define ROM_PERCPU_SIZE	256	/* a multiple of 64 (cache line) */
#define ROM_LAZY_MAX	12	/* deferred invlpg's before a full flush */

/*
 * Backend ops: the ops a backend may replace, each with its index in the
 * table rom_data.ops (8 bytes an entry, at offset 0 of rom_data).  Init
 * fills the table at run time (native_install, then e.g. kvm_install) with
 * the implementation specialised for what it found (e.g. the EOI of the
 * APIC mode), so the image carries no pointer and no op tests the mode on
 * each call; rom/dispatch.S exports each op as a jump through its entry,
 * one line per op, and op_info (ABI 1.1) hands the entry itself to guests
 * that patch their call sites.  A backend's implementation of op X is
 * named <backend>_X or <backend>_X_<variant>, or is a shared one
 * (rom_eoi_*, rom_nop) (rom/stack-check.awk relies on it).  The time ops
 * cycle_frequency, tsc_khz, set_alarm and cancel_alarm are not here: they
 * read what the backend set up (rom_data.tsc_hz, the monotonic_ns entry),
 * so every backend so far shares them (rom/time.c).
 */
#define ROM_BOP_MONOTONIC_NS	0
#define ROM_BOP_WALLCLOCK_NS	1
#define ROM_BOP_STEAL_TIME_NS	2
#define ROM_BOP_EOI		3
#define ROM_BOP_IO_DELAY	4
#define ROM_BOP_CPUID		5
#define ROM_BOP_COUNT		6

/* Offsets assembly reads (asserted below). */
#define ROM_DATA_APIC_VA	0x48	/* rom_data.apic_va */

#ifndef __ASSEMBLER__
#include "abi/pvrom/ops.h"

struct rom_backend_ops {		/* 48 bytes, in ROM_BOP_* order */
	pvrom_monotonic_ns_fn *monotonic_ns;
	pvrom_wallclock_ns_fn *wallclock_ns;
	pvrom_steal_time_ns_fn *steal_time_ns;
	pvrom_eoi_fn *eoi;
	pvrom_io_delay_fn *io_delay;
	pvrom_cpuid_fn *cpuid;
};
#define ROM_BOP_AT(field, index)					\
	PVROM_STATIC_ASSERT(__builtin_offsetof(struct rom_backend_ops, field) == \
			    (index) * 8, "backend op " #field " at its index")
ROM_BOP_AT(monotonic_ns, ROM_BOP_MONOTONIC_NS);
ROM_BOP_AT(wallclock_ns, ROM_BOP_WALLCLOCK_NS);
ROM_BOP_AT(steal_time_ns, ROM_BOP_STEAL_TIME_NS);
ROM_BOP_AT(eoi, ROM_BOP_EOI);
ROM_BOP_AT(io_delay, ROM_BOP_IO_DELAY);
ROM_BOP_AT(cpuid, ROM_BOP_CPUID);
#undef ROM_BOP_AT
PVROM_STATIC_ASSERT(sizeof(struct rom_backend_ops) == ROM_BOP_COUNT * 8,
		    "8 bytes per backend op");

/*
 * KVM's shared records (Linux Documentation/virt/kvm/x86/msr.rst).  The host
 * writes them at the guest-physical address given by an MSR write; the ROM
 * only reads them, under their version seqlock (odd: being updated).
 */
struct rom_pvclock {			/* 32 bytes, MSR_KVM_SYSTEM_TIME_NEW */
	uint32_t version;
	uint32_t _pad0;
	uint64_t tsc_timestamp;		/* TSC when system_time was sampled */
	uint64_t system_time;		/* ns */
	uint32_t tsc_to_system_mul;	/* ns = (tsc delta <<>> shift) * mul >> 32 */
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t _pad1[2];
};
PVROM_STATIC_ASSERT(sizeof(struct rom_pvclock) == 32, "pvclock is 32 bytes");

struct rom_kvm_steal {			/* 64 bytes, 64-aligned, MSR_KVM_STEAL_TIME */
	uint64_t steal;			/* ns this vCPU was runnable, not running */
	uint32_t version;
	uint32_t flags;
	uint8_t preempted;
	uint8_t _pad0[3];
	uint32_t _pad1[11];
};
PVROM_STATIC_ASSERT(sizeof(struct rom_kvm_steal) == 64, "steal time is 64 bytes");

struct rom_kvm_wall {			/* 12 bytes, MSR_KVM_WALL_CLOCK_NEW */
	uint32_t version;
	uint32_t sec;			/* wall clock at kvmclock 0 */
	uint32_t nsec;
};

/* Per-CPU records the KVM backend registers (rom_data.kvm_cpu_feat,
 * rom_percpu.kvm_on). */
#define ROM_KVM_CLOCK	(1u << 0)
#define ROM_KVM_STEAL	(1u << 1)
#define ROM_KVM_EOI	(1u << 2)
#define ROM_KVM_TRIED	(1u << 31)	/* this CPU made its MSR writes */

/* The CPUID cache (rom/kvm/cpuid.c says which leaves and why): three
 * ranges of leaves, each at a fixed place, so a lookup is a subtraction
 * and a compare per range, not a search. */
#define ROM_CPUID_RANGES	3
#define ROM_CPUID_CACHE_MAX	12	/* 1 + 2 + 9 leaves */

#define ROM_DATA_MAGIC	0x41544144u	/* "DATA": init has run */
#define ROM_CONSOLE_UNKNOWN	0
#define ROM_CONSOLE_OK		1
#define ROM_CONSOLE_ABSENT	2

struct rom_data {
	struct rom_backend_ops ops;	/* 0x00 backend ops: first (dispatch.S) */
	uint32_t magic;			/* ROM_DATA_MAGIC once init succeeded */
	uint32_t max_cpus;		/* from init_args; 0 before init */
	uint64_t init_flags;		/* PVROM_INIT_* as given */
	uint64_t features;		/* PVROM_FEAT_* of the chosen backend */
	uint64_t apic_va;		/* xAPIC page, 0: x2APIC or none */
	uint32_t apic_mode;		/* ROM_APIC_* */
	uint32_t console;		/* ROM_CONSOLE_* */
	uint64_t tsc_hz;
	uint64_t tsc_base;		/* TSC at init: monotonic time 0 */
	uint64_t ns_mult;		/* ns = (tsc delta * ns_mult) >> 32 */
	uint64_t apic_timer_hz;		/* after the divider */
	uint64_t apic_mult;		/* ticks = (ns * apic_mult) >> 32 */
	uint64_t boot_wallclock_ns;	/* RTC at init, ns since 1970 */
	uint32_t fallbacks;
	uint32_t _pad0;
	char backend[PVROM_BACKEND_LEN];
	char note[64];
	/* KVM backend (rom/kvm/) */
	uint64_t data_pa;		/* init_args.data_pa; 0: unknown */
	uint64_t kvm_base_ns;		/* kvmclock at init: monotonic 0 */
	uint64_t kvm_wall_ns;		/* wall clock at kvmclock 0 */
	uint32_t kvm_cpu_feat;		/* ROM_KVM_*: records each CPU registers */
	uint8_t cpuid_n[ROM_CPUID_RANGES];	/* leaves cached per range */
	uint8_t _pad1;
	struct rom_kvm_wall kvm_wall;	/* host-written, MSR_KVM_WALL_CLOCK_NEW */
	uint32_t _pad2;
	struct pvrom_cpuid_regs cpuid_cache[ROM_CPUID_CACHE_MAX];
};
PVROM_STATIC_ASSERT(__builtin_offsetof(struct rom_data, ops) == 0,
		    "dispatch.S reads the backend ops at offset 0");
PVROM_STATIC_ASSERT(__builtin_offsetof(struct rom_data, apic_va) == ROM_DATA_APIC_VA,
		    "rom/eoi.S reads apic_va at ROM_DATA_APIC_VA");
PVROM_STATIC_ASSERT(sizeof(struct rom_data) <= ROM_DATA_SIZE,
		    "rom_data fits the global data area");

#define ROM_APIC_NONE	0		/* no LAPIC access: apic ops are no-ops */
#define ROM_APIC_XAPIC	1		/* MMIO at apic_va */
#define ROM_APIC_X2APIC	2		/* MSRs 0x800.. */

struct rom_percpu {
	uint32_t lazy_mmu;		/* inside lazy_mmu_enter/leave */
	uint32_t lazy_count;		/* vas recorded in lazy_va[] */
	uint32_t lazy_full;		/* overflowed: flush everything at leave */
	uint32_t icr_high;		/* x2APIC: last write to ICR high (0x310) */
	uint64_t lazy_va[ROM_LAZY_MAX];
	/* KVM backend: host-written records get their own cache lines */
	uint32_t kvm_on;		/* 0x70 ROM_KVM_*: registered on this CPU */
	uint32_t pv_eoi;		/* 0x74 MSR_KVM_PV_EOI_EN: host sets bit 0 */
	uint64_t last_ns;		/* 0x78 last monotonic_ns returned here */
	struct rom_pvclock pvclock;	/* 0x80 */
	uint8_t _pad0[32];
	struct rom_kvm_steal steal;	/* 0xc0 */
};
PVROM_STATIC_ASSERT(__builtin_offsetof(struct rom_percpu, kvm_on) == 0x70,
		    "per-CPU layout");
PVROM_STATIC_ASSERT(__builtin_offsetof(struct rom_percpu, pvclock) % 64 == 0,
		    "pvclock on its own cache line");
PVROM_STATIC_ASSERT(__builtin_offsetof(struct rom_percpu, steal) % 64 == 0,
		    "KVM wants the steal-time record 64-byte aligned");
PVROM_STATIC_ASSERT(__builtin_offsetof(struct rom_percpu, pv_eoi) % 4 == 0,
		    "KVM wants the PV EOI word 4-byte aligned");
PVROM_STATIC_ASSERT(sizeof(struct rom_percpu) == ROM_PERCPU_SIZE,
		    "per-CPU slot size");
PVROM_STATIC_ASSERT(ROM_PERCPU_SIZE % 64 == 0, "per-CPU slots are 64-multiples");
PVROM_STATIC_ASSERT(ROM_DATA_SIZE % 4096 == 0, "data area is a page multiple");

/* Below the image at a fixed distance; defined by the linker script. */
extern struct rom_data pvrom_data __attribute__((visibility("hidden")));
#endif /* !__ASSEMBLER__ */

#endif /* ROM_DATA_H */
