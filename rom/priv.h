/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private header of the ROM's C code: the op prototypes (from the ABI's
 * X-macro, so every definition is checked against its pvrom_<name>_fn type)
 * and the functions one file of rom/ offers the others.  Instructions and
 * device access come from abi/hw/, included by each file that uses them.
 */
#ifndef ROM_PRIV_H
#define ROM_PRIV_H

#include "abi/pvrom/ops.h"
#include "abi/pvrom/elf.h"
#include "rom/data.h"

/* Exported ops: default visibility; the version script gives the version. */
#define ROM_X_DECL(g, name, ret, params, attr, minor)			\
	__attribute__((visibility("default"))) pvrom_##name##_fn pvrom_##name;
PVROM_OPS(ROM_X_DECL)
#undef ROM_X_DECL

/* Everything below is internal to the image. */
#pragma GCC visibility push(hidden)

/* The compiler may emit calls to these even with -fno-builtin. */
void *memcpy(void *dst, const void *src, unsigned long n);
void *memset(void *dst, int c, unsigned long n);

/* Native backend (rom/native/): the backend ops on real instructions and
 * devices; its eoi is the APIC write of rom/apic.c. */
void native_install(struct rom_backend_ops *ops);
pvrom_monotonic_ns_fn native_monotonic_ns;
pvrom_wallclock_ns_fn native_wallclock_ns;
pvrom_steal_time_ns_fn native_steal_time_ns;	/* rom/native/ops.S */
pvrom_io_delay_fn native_io_delay;		/* rom/native/ops.S */
pvrom_cpuid_fn native_cpuid;

/* rom/mmu_insn.S: a bare ret, the implementation of an op that does
 * nothing on the chosen backend (op_info reports PVROM_KIND_NOP). */
void rom_nop(void);

/* KVM backend (rom/kvm/): when CPUID says KVM, installs its ops over the
 * native ones and returns the PVROM_FEAT_* bits it uses, else 0. */
uint64_t kvm_install(void);

/* rom/lib.c */
void rom_fallback(const char *why);
void rom_copy_str(char *dst, const char *src, uint32_t cap);

/* rom/time.c */
int rom_time_init(void);		/* returns PVROM_FEAT_TSC_* bits */

/* rom/apic.c */
uint32_t rom_apic_mode_probe(uint64_t apic_va);
uint32_t rom_apic_rd(uint32_t reg);
void rom_apic_wr(uint32_t reg, uint32_t val);
pvrom_eoi_fn *rom_apic_eoi_impl(void);	/* for rom_data.apic_mode */
void rom_apic_timer_init(void);

/* rom/eoi.S: the EOI of each APIC mode, chosen once at init. */
pvrom_eoi_fn rom_eoi_xapic, rom_eoi_x2apic;

/* rom/console.c */
void rom_puts(const char *s);

/* rom/fault.S: internal names of the safe MSR accessors. */
int32_t rom_rdmsr_safe(uint32_t msr, uint64_t *val);
int32_t rom_wrmsr_safe(uint32_t msr, uint64_t val);

/* rom/cpu.S: rdtsc as a 64-bit value, out of line (it is the cycle_counter
 * op), as abi/hw's inline hw_rdtsc at each of a dozen sites cost bytes.
 * Also the TSC reader passed to abi/hw's calibration helpers. */
uint64_t rom_rdtsc(void);

/* Slot of the running CPU (rom/percpu.c; out of line, as rdtscp and the
 * bounds check are not small). */
struct rom_percpu *rom_this_cpu(void);

#pragma GCC visibility pop

/* Per-CPU slot n (elf.h: below the global data). */
static inline struct rom_percpu *rom_cpu_slot(uint32_t n)
{
	return (struct rom_percpu *)((uintptr_t)&pvrom_data -
				     (uintptr_t)(n + 1) * ROM_PERCPU_SIZE);
}

#endif /* ROM_PRIV_H */
