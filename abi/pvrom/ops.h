/* SPDX-License-Identifier: MIT */
/*
 * pvrom ABI: the catalogue of ops.
 *
 * Each op is exported by the ROM as the function "pvrom_" NAME at the symbol
 * version of the ABI minor that introduced it (PVROM_1.<minor>).  Calls follow
 * the SysV x86-64 convention.  The op numbers of enum pvrom_op are a
 * convenience for C code and are NOT part of the ABI: the ABI is the names.
 *
 * Attributes (part of the ABI, per op):
 *   PVROM_A_CALLEE_SAVE  preserves every register except %rax (and %rflags);
 *                        assembly such as interrupt entry may call it without
 *                        saving caller-saved registers (Linux PV_CALLEE_SAVE).
 *   PVROM_A_IRQ_OFF      may be called with interrupts disabled.
 *   PVROM_A_NMI          may be called from NMI context (touches no shared
 *                        ROM state that another context could hold).
 * Every op uses at most PVROM_STACK_MAX bytes of the caller's stack, touches
 * no SSE/x87/AVX state and never enables interrupts unless its meaning is to
 * (irq_enable, irq_restore_flags, safe_halt).
 *
 * Rules for extending: a new op is appended with the next minor; an op's
 * prototype or meaning never changes within a major.
 */
#ifndef PVROM_OPS_H
#define PVROM_OPS_H

#include "base.h"
#include "cpu.h"
#include "handshake.h"

#define PVROM_STACK_MAX		512

#define PVROM_A_CALLEE_SAVE	(1u << 0)
#define PVROM_A_IRQ_OFF		(1u << 1)
#define PVROM_A_NMI		(1u << 2)

#define PVROM_A_CPU	(PVROM_A_IRQ_OFF | PVROM_A_NMI)
#define PVROM_A_IRQ	(PVROM_A_CALLEE_SAVE | PVROM_A_IRQ_OFF | PVROM_A_NMI)

/*
 * X(group, name, return type, (parameters), attributes, minor)
 * The group (META, CPU, IRQ, MMU, TIME) is the section of SPEC section 9
 * that describes the op; nothing is laid out by it.
 * ABI 1.0.  Semantics, errors and native equivalents: abi/SPEC.md section 9.
 */
#define PVROM_OPS_1_0(X)						\
  X(META, init, int32_t, (const struct pvrom_init_args *args,		\
			  struct pvrom_init_result *res), 0, 0)		\
  X(META, info, int32_t, (struct pvrom_info *info), PVROM_A_IRQ_OFF, 0)	\
  X(CPU, cpuid, void, (uint32_t leaf, uint32_t subleaf,			\
		       struct pvrom_cpuid_regs *out), PVROM_A_CPU, 0)	\
  X(CPU, rdmsr_safe, int32_t, (uint32_t msr, uint64_t *val), PVROM_A_CPU, 0) \
  X(CPU, wrmsr_safe, int32_t, (uint32_t msr, uint64_t val), PVROM_A_CPU, 0) \
  X(CPU, read_cr0, uint64_t, (void), PVROM_A_CPU, 0)			\
  X(CPU, write_cr0, void, (uint64_t val), PVROM_A_CPU, 0)		\
  X(CPU, read_cr2, uint64_t, (void), PVROM_A_CPU | PVROM_A_CALLEE_SAVE, 0) \
  X(CPU, write_cr2, void, (uint64_t val), PVROM_A_CPU, 0)		\
  X(CPU, read_cr3, uint64_t, (void), PVROM_A_CPU | PVROM_A_CALLEE_SAVE, 0) \
  X(CPU, write_cr3, void, (uint64_t val), PVROM_A_CPU, 0)		\
  X(CPU, read_cr4, uint64_t, (void), PVROM_A_CPU, 0)			\
  X(CPU, write_cr4, void, (uint64_t val), PVROM_A_CPU, 0)		\
  X(CPU, read_cr8, uint64_t, (void), PVROM_A_CPU, 0)			\
  X(CPU, write_cr8, void, (uint64_t val), PVROM_A_CPU, 0)		\
  X(CPU, load_gdt, void, (const struct pvrom_desc_ptr *p), PVROM_A_CPU, 0) \
  X(CPU, store_gdt, void, (struct pvrom_desc_ptr *p), PVROM_A_CPU, 0)	\
  X(CPU, load_idt, void, (const struct pvrom_desc_ptr *p), PVROM_A_CPU, 0) \
  X(CPU, store_idt, void, (struct pvrom_desc_ptr *p), PVROM_A_CPU, 0)	\
  X(CPU, load_tr, void, (uint16_t sel), PVROM_A_CPU, 0)			\
  X(CPU, store_tr, uint16_t, (void), PVROM_A_CPU, 0)			\
  X(CPU, load_ldt, void, (uint16_t sel), PVROM_A_CPU, 0)		\
  X(CPU, store_ldt, uint16_t, (void), PVROM_A_CPU, 0)			\
  X(CPU, write_gdt_entry, void, (void *gdt, uint32_t index,		\
				 const void *desc, uint32_t size), PVROM_A_CPU, 0) \
  X(CPU, write_idt_entry, void, (void *idt, uint32_t vector,		\
				 const void *gate), PVROM_A_CPU, 0)	\
  X(CPU, set_kernel_stack, void, (void *tss, uint64_t rsp0), PVROM_A_CPU, 0) \
  X(CPU, read_dr, int32_t, (uint32_t reg, uint64_t *val), PVROM_A_CPU, 0) \
  X(CPU, write_dr, int32_t, (uint32_t reg, uint64_t val), PVROM_A_CPU, 0) \
  X(CPU, rdtsc, uint64_t, (void), PVROM_A_CPU | PVROM_A_CALLEE_SAVE, 0)	\
  X(CPU, rdtscp, uint64_t, (uint32_t *aux), PVROM_A_CPU, 0)		\
  X(CPU, rdpmc, uint64_t, (uint32_t counter), PVROM_A_CPU, 0)		\
  X(CPU, wbinvd, void, (void), PVROM_A_CPU, 0)				\
  X(CPU, clts, void, (void), PVROM_A_CPU | PVROM_A_CALLEE_SAVE, 0)	\
  X(CPU, read_fs_base, uint64_t, (void), PVROM_A_CPU, 0)		\
  X(CPU, write_fs_base, void, (uint64_t val), PVROM_A_CPU, 0)		\
  X(CPU, read_gs_base, uint64_t, (void), PVROM_A_CPU, 0)		\
  X(CPU, write_gs_base, void, (uint64_t val), PVROM_A_CPU, 0)		\
  X(CPU, read_kernel_gs_base, uint64_t, (void), PVROM_A_CPU, 0)		\
  X(CPU, write_kernel_gs_base, void, (uint64_t val), PVROM_A_CPU, 0)	\
  X(CPU, swapgs, void, (void), PVROM_A_CPU | PVROM_A_CALLEE_SAVE, 0)	\
  X(CPU, io_delay, void, (void), PVROM_A_CPU | PVROM_A_CALLEE_SAVE, 0)	\
  X(CPU, halt, void, (void), PVROM_A_CPU, 0)				\
  X(CPU, safe_halt, void, (void), PVROM_A_IRQ_OFF, 0)			\
  X(CPU, shutdown, void, (void), PVROM_A_CPU, 0)			\
  X(CPU, reboot, void, (void), PVROM_A_CPU, 0)				\
  X(CPU, console_write, void, (const char *buf, uint64_t len), PVROM_A_IRQ_OFF, 0) \
  X(IRQ, irq_disable, void, (void), PVROM_A_IRQ, 0)			\
  X(IRQ, irq_enable, void, (void), PVROM_A_IRQ, 0)			\
  X(IRQ, irq_save_flags, uint64_t, (void), PVROM_A_IRQ, 0)		\
  X(IRQ, irq_restore_flags, void, (uint64_t flags), PVROM_A_IRQ, 0)	\
  X(IRQ, eoi, void, (void), PVROM_A_IRQ_OFF | PVROM_A_NMI, 0)		\
  X(IRQ, apic_read, uint32_t, (uint32_t reg), PVROM_A_IRQ_OFF | PVROM_A_NMI, 0) \
  X(IRQ, apic_write, void, (uint32_t reg, uint32_t val), PVROM_A_IRQ_OFF | PVROM_A_NMI, 0) \
  X(MMU, set_pxe, void, (uint32_t level, uint64_t *entry, uint64_t val), PVROM_A_IRQ_OFF, 0) \
  X(MMU, update_pxe, void, (uint32_t level, uint64_t *entry, uint64_t val, \
			    uint64_t va), PVROM_A_IRQ_OFF, 0)		\
  X(MMU, alloc_pt, void, (uint32_t level, uint64_t pfn), PVROM_A_IRQ_OFF, 0) \
  X(MMU, release_pt, void, (uint32_t level, uint64_t pfn), PVROM_A_IRQ_OFF, 0) \
  X(MMU, flush_tlb_local, void, (void), PVROM_A_IRQ_OFF, 0)		\
  X(MMU, flush_tlb_global, void, (void), PVROM_A_IRQ_OFF, 0)		\
  X(MMU, flush_tlb_page, void, (uint64_t va), PVROM_A_IRQ_OFF, 0)	\
  X(MMU, lazy_mmu_enter, void, (void), PVROM_A_IRQ_OFF, 0)		\
  X(MMU, lazy_mmu_leave, void, (void), PVROM_A_IRQ_OFF, 0)		\
  X(MMU, phys_to_machine, uint64_t, (uint64_t pa), PVROM_A_CPU, 0)	\
  X(MMU, machine_to_phys, uint64_t, (uint64_t ma), PVROM_A_CPU, 0)	\
  X(TIME, cycle_frequency, uint64_t, (void), PVROM_A_CPU, 0)		\
  X(TIME, cycle_counter, uint64_t, (void), PVROM_A_CPU, 0)		\
  X(TIME, monotonic_ns, uint64_t, (void), PVROM_A_CPU, 0)		\
  X(TIME, wallclock_ns, uint64_t, (void), PVROM_A_CPU, 0)		\
  X(TIME, set_alarm, int32_t, (uint64_t deadline_ns, uint32_t vector), PVROM_A_IRQ_OFF, 0) \
  X(TIME, cancel_alarm, void, (void), PVROM_A_IRQ_OFF, 0)		\
  X(TIME, steal_time_ns, uint64_t, (void), PVROM_A_CPU, 0)

/* ABI 1.1: selected by a build with PVROM_ABI_MINOR >= 1. */
#define PVROM_OPS_1_1(X)						\
  X(CPU, tsc_khz, uint32_t, (void), PVROM_A_CPU, 1)			\
  X(META, op_info, int32_t, (const void *op, struct pvrom_op_info *out),	\
    PVROM_A_IRQ_OFF, 1)

/* Every op of every minor up to PVROM_ABI_MINOR_LATEST, in order: each
 * minor's list is appended, so the ops of any minor are a prefix of it. */
#define PVROM_OPS_ALL(X) PVROM_OPS_1_0(X) PVROM_OPS_1_1(X)

/* The ops of the minor this build selects. */
#if PVROM_ABI_MINOR >= 1
#define PVROM_OPS(X) PVROM_OPS_1_0(X) PVROM_OPS_1_1(X)
#else
#define PVROM_OPS(X) PVROM_OPS_1_0(X)
#endif

/* Function types: pvrom_<name>_fn. */
#define PVROM_X_TYPEDEF(g, name, ret, params, attr, minor)		\
	typedef ret pvrom_##name##_fn params;
PVROM_OPS_1_0(PVROM_X_TYPEDEF)
PVROM_OPS_1_1(PVROM_X_TYPEDEF)
#undef PVROM_X_TYPEDEF

/* Convenience numbering (not ABI). */
#define PVROM_X_ENUM(g, name, ret, params, attr, minor) PVROM_OP_##name,
enum pvrom_op { PVROM_OPS(PVROM_X_ENUM) PVROM_OP_COUNT };
#undef PVROM_X_ENUM

/* How many ops PVROM_OPS_ALL lists (host tools know every minor). */
#define PVROM_X_ONE(g, name, ret, params, attr, minor) + 1
#define PVROM_OP_COUNT_ALL (0 PVROM_OPS_ALL(PVROM_X_ONE))

#endif /* PVROM_OPS_H */
