/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private header of the ROM's C code: the op prototypes (from the ABI's
 * X-macro, so every definition is checked against its pvrom_<name>_fn type),
 * the backend entry points, and small instruction wrappers.
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

/* Native backend (rom/native/): one function per replaceable op. */
#define ROM_X_NATIVE(name, slot) pvrom_##name##_fn native_##name;
ROM_BACKEND_OPS(ROM_X_NATIVE)
#undef ROM_X_NATIVE
void native_install(struct rom_backend_ops *ops);

/* KVM backend (rom/kvm/): when CPUID says KVM, installs its ops over the
 * native ones and returns the PVROM_FEAT_* bits it uses, else 0. */
uint64_t kvm_install(void);

/* rom/init.c */
void rom_fallback(const char *why);

/* rom/time.c */
int rom_time_init(void);		/* returns PVROM_FEAT_TSC_* bits */
uint64_t rom_rtc_read_ns(void);
uint64_t rom_tsc_to_ns(uint64_t delta);
void rom_tsc_wait(uint64_t ns);

/* rom/apic.c */
uint32_t rom_apic_mode_probe(uint64_t apic_va);
uint32_t rom_apic_rd(uint32_t reg);
void rom_apic_wr(uint32_t reg, uint32_t val);
void rom_apic_timer_init(void);

/* rom/console.c */
void rom_puts(const char *s);

/* rom/fault.S: internal names of the safe MSR accessors. */
int32_t rom_rdmsr_safe(uint32_t msr, uint64_t *val);
int32_t rom_wrmsr_safe(uint32_t msr, uint64_t val);

/* rom/mmu.c */
void rom_flush_all(void);

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

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

/* rdtsc as a 64-bit value: out of line (rom/cpu.S, the cycle_counter op),
 * as the combining code inlined at each of a dozen sites cost bytes. */
__attribute__((visibility("hidden"))) uint64_t rom_rdtsc(void);
#define rdtsc() rom_rdtsc()

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v),
			 "d"((uint32_t)(v >> 32)) : "memory");
}

static inline void cpuid(uint32_t leaf, uint32_t sub, struct pvrom_cpuid_regs *r)
{
	__asm__ volatile("cpuid"
			 : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
			 : "a"(leaf), "c"(sub));
}

static inline uint64_t read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

/* (a * b) >> 32 without losing the high bits: one mul, no libgcc. */
static inline uint64_t mul_shr32(uint64_t a, uint64_t b)
{
	return (uint64_t)(((unsigned __int128)a * b) >> 32);
}

#define MSR_APIC_BASE		0x1b
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102

#define CR4_PGE			(1ull << 7)

#endif /* ROM_PRIV_H */
