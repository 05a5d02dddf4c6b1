/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The paravirt-ops table and the one call mechanism every pv-op goes through.
 *
 * struct pv_ops holds one pointer per op of PVROM_OPS (abi/pvrom/ops.h, for
 * the ABI minor this guest is built against), in catalogue order, so op k
 * is pointer k.  It starts out pointing at the native
 * implementations (native.h), so a kernel can call pv_*() from its first
 * instruction in C; pvb_bind() later swaps in the ROM's entry points.
 *
 * Each pv_<name>() is an inline "call *pv_ops.<name>(%rip)" (FF 15
 * rel32, 6 bytes) and records its own address in section .pvsites, so that
 * pvb_bind() can rewrite the site once (patch.c) into a direct call, the
 * op's native sequence or a NOP, as Linux does with .parainstructions.  The
 * kernel's linker script must keep .pvsites and bracket it with
 * __pvsites_start / __pvsites_end, and hand both to pvb_bind (pvb_env).
 *
 * Clobbers follow the op's ABI attributes: an ordinary op clobbers every
 * SysV caller-saved register; a PVROM_A_CALLEE_SAVE op only %rax and flags,
 * which is what makes such ops cheap enough for interrupt paths.
 *
 * Stack: ops need only 8-byte %rsp alignment at the call (SPEC section 8),
 * as Linux kernel code built with -mpreferred-stack-boundary=3 does.  The
 * compiler cannot see that the asm calls anything, so it keeps no 16-byte
 * alignment here; the ABI does not ask for it, and the site is nothing but
 * the recorded 6-byte call, which is what lets a later pass patch it in place.
 *
 * Build option PVOPS_NATIVE (like a kernel without CONFIG_PARAVIRT): every
 * pv_<name>() becomes the native instruction(s) inline: no table, no
 * indirect call, no site record.  The baseline for measuring pv-ops cost.
 */
#ifndef PVBIND_PVOPS_H
#define PVBIND_PVOPS_H

#include <stdint.h>
#include "abi/pvrom/ops.h"
#include "guest/bind/native.h"

/* ---------------------------------------------------------------------- */
/* The table: one pointer per op, in catalogue (enum pvrom_op) order.      */

struct pv_ops {
#define PVOPS_X_FIELD(g, n, r, p, a, m) pvrom_##n##_fn *n;
	PVROM_OPS(PVOPS_X_FIELD)
#undef PVOPS_X_FIELD
};

/* One pointer per op: nothing else may live in the table, so op k's
 * pointer is at k * 8 (bind.c relies on this). */
PVROM_STATIC_ASSERT(sizeof(struct pv_ops) == PVROM_OP_COUNT * sizeof(void *),
		    "pv_ops has one entry per op");

extern struct pv_ops pv_ops;

/* Per op: offset of its pv_ops entry and its ABI attributes, for the call macros. */
#define PVOPS_X_CONSTS(g, n, r, p, a, m)				\
	PVOP_OFF_##n = __builtin_offsetof(struct pv_ops, n),		\
	PVOP_ATTR_##n = (a),
enum { PVROM_OPS(PVOPS_X_CONSTS) };
#undef PVOPS_X_CONSTS


/* ---------------------------------------------------------------------- */
/* Call-site records.                                                       */

struct pv_site {			/* 8 bytes */
	int32_t site;			/* call instruction - &site */
	uint16_t op;			/* enum pvrom_op (this build's numbering) */
	uint8_t len;			/* bytes of the call instruction (6) */
	uint8_t flags;			/* PVROM_A_* of the op */
};
PVROM_STATIC_ASSERT(sizeof(struct pv_site) == 8, "pv_site size");

/* Bracket symbols the kernel's linker script defines around .pvsites. */
extern const struct pv_site __pvsites_start[], __pvsites_end[];

static inline uint64_t pv_site_addr(const struct pv_site *s)
{
	return (uint64_t)(uintptr_t)&s->site + (uint64_t)(int64_t)s->site;
}

#ifndef PVOPS_NATIVE

/* The call and its record.  The table is named in the asm text (not passed
 * as an operand) so the instruction is always the RIP-relative FF 15 form,
 * whatever the code model (-mcmodel=kernel or -fPIE). */
#define PVOP_SITE_ASM							\
	"771:\n\tcall *pv_ops+%c[pvoff](%%rip)\n772:\n"			\
	"\t.pushsection .pvsites,\"a\"\n\t.balign 8\n"			\
	"\t.long 771b - .\n\t.short %c[pvop]\n"				\
	"\t.byte 772b - 771b\n\t.byte %c[pvfl]\n"			\
	"\t.popsection\n"

#define PVOP_SITE_OPS(op)						\
	[pvoff] "i" (PVOP_OFF_##op), [pvop] "i" (PVROM_OP_##op),	\
	[pvfl] "i" (PVOP_ATTR_##op)

#define PVOP_CLOBBERS "r8", "r9", "r10", "r11", "memory", "cc"

#define PVOP_IS_CS(op, want)						\
	_Static_assert(((PVOP_ATTR_##op & PVROM_A_CALLEE_SAVE) != 0) == (want),	\
		       "wrong call macro for the attributes of " #op)

#define PVOP_ARG(x) ((uint64_t)(x))

/* Ordinary ops: every caller-saved register is clobbered. */
#define __PVOP_CALL0(op) ({						\
	PVOP_IS_CS(op, 0);						\
	uint64_t __r;							\
	__asm__ volatile(PVOP_SITE_ASM					\
		: "=a"(__r)						\
		: PVOP_SITE_OPS(op)					\
		: "rdi", "rsi", "rdx", "rcx", PVOP_CLOBBERS);		\
	__r; })
#define __PVOP_CALL1(op, a0) ({						\
	PVOP_IS_CS(op, 0);						\
	uint64_t __r, __di = PVOP_ARG(a0);				\
	__asm__ volatile(PVOP_SITE_ASM					\
		: "=a"(__r), "+D"(__di)					\
		: PVOP_SITE_OPS(op)					\
		: "rsi", "rdx", "rcx", PVOP_CLOBBERS);			\
	__r; })
#define __PVOP_CALL2(op, a0, a1) ({					\
	PVOP_IS_CS(op, 0);						\
	uint64_t __r, __di = PVOP_ARG(a0), __si = PVOP_ARG(a1);	\
	__asm__ volatile(PVOP_SITE_ASM					\
		: "=a"(__r), "+D"(__di), "+S"(__si)			\
		: PVOP_SITE_OPS(op)					\
		: "rdx", "rcx", PVOP_CLOBBERS);				\
	__r; })
#define __PVOP_CALL3(op, a0, a1, a2) ({					\
	PVOP_IS_CS(op, 0);						\
	uint64_t __r, __di = PVOP_ARG(a0), __si = PVOP_ARG(a1),	\
		__dx = PVOP_ARG(a2);					\
	__asm__ volatile(PVOP_SITE_ASM					\
		: "=a"(__r), "+D"(__di), "+S"(__si), "+d"(__dx)		\
		: PVOP_SITE_OPS(op)					\
		: "rcx", PVOP_CLOBBERS);				\
	__r; })
#define __PVOP_CALL4(op, a0, a1, a2, a3) ({				\
	PVOP_IS_CS(op, 0);						\
	uint64_t __r, __di = PVOP_ARG(a0), __si = PVOP_ARG(a1),	\
		__dx = PVOP_ARG(a2), __cx = PVOP_ARG(a3);		\
	__asm__ volatile(PVOP_SITE_ASM					\
		: "=a"(__r), "+D"(__di), "+S"(__si), "+d"(__dx),	\
		  "+c"(__cx)						\
		: PVOP_SITE_OPS(op)					\
		: PVOP_CLOBBERS);					\
	__r; })

/* Callee-save ops: only %rax (the result) and flags change. */
#define __PVOP_CALLEE0(op) ({						\
	PVOP_IS_CS(op, 1);						\
	uint64_t __r;							\
	__asm__ volatile(PVOP_SITE_ASM					\
		: "=a"(__r)						\
		: PVOP_SITE_OPS(op)					\
		: "memory", "cc");				\
	__r; })
#define __PVOP_CALLEE1(op, a0) ({					\
	PVOP_IS_CS(op, 1);						\
	uint64_t __r;							\
	__asm__ volatile(PVOP_SITE_ASM					\
		: "=a"(__r)						\
		: PVOP_SITE_OPS(op), "D"(PVOP_ARG(a0))			\
		: "memory", "cc");				\
	__r; })

/* Narrow results come back in the low bits of %rax; the cast keeps those. */
#define PVOP_CALL0(t, op)		((t)__PVOP_CALL0(op))
#define PVOP_CALL1(t, op, a)		((t)__PVOP_CALL1(op, a))
#define PVOP_CALL2(t, op, a, b)		((t)__PVOP_CALL2(op, a, b))
#define PVOP_CALL3(t, op, a, b, c)	((t)__PVOP_CALL3(op, a, b, c))
#define PVOP_CALL4(t, op, a, b, c, d)	((t)__PVOP_CALL4(op, a, b, c, d))
#define PVOP_VCALL0(op)			((void)__PVOP_CALL0(op))
#define PVOP_VCALL1(op, a)		((void)__PVOP_CALL1(op, a))
#define PVOP_VCALL2(op, a, b)		((void)__PVOP_CALL2(op, a, b))
#define PVOP_VCALL3(op, a, b, c)	((void)__PVOP_CALL3(op, a, b, c))
#define PVOP_VCALL4(op, a, b, c, d)	((void)__PVOP_CALL4(op, a, b, c, d))
#define PVOP_CALLEE0(t, op)		((t)__PVOP_CALLEE0(op))
#define PVOP_CALLEE1(t, op, a)		((t)__PVOP_CALLEE1(op, a))
#define PVOP_VCALLEE0(op)		((void)__PVOP_CALLEE0(op))
#define PVOP_VCALLEE1(op, a)		((void)__PVOP_CALLEE1(op, a))

#else /* PVOPS_NATIVE: the same one-liners become the native code inline. */

#define PVOP_CALL0(t, op)		((t)pvn_##op())
#define PVOP_CALL1(t, op, a)		((t)pvn_##op(a))
#define PVOP_CALL2(t, op, a, b)		((t)pvn_##op(a, b))
#define PVOP_CALL3(t, op, a, b, c)	((t)pvn_##op(a, b, c))
#define PVOP_CALL4(t, op, a, b, c, d)	((t)pvn_##op(a, b, c, d))
#define PVOP_VCALL0(op)			pvn_##op()
#define PVOP_VCALL1(op, a)		pvn_##op(a)
#define PVOP_VCALL2(op, a, b)		pvn_##op(a, b)
#define PVOP_VCALL3(op, a, b, c)	pvn_##op(a, b, c)
#define PVOP_VCALL4(op, a, b, c, d)	pvn_##op(a, b, c, d)
#define PVOP_CALLEE0(t, op)		PVOP_CALL0(t, op)
#define PVOP_CALLEE1(t, op, a)		PVOP_CALL1(t, op, a)
#define PVOP_VCALLEE0(op)		PVOP_VCALL0(op)
#define PVOP_VCALLEE1(op, a)		PVOP_VCALL1(op, a)

#endif /* PVOPS_NATIVE */

/* ---------------------------------------------------------------------- */
/* One wrapper per op, with exactly the op's prototype (checked below).     */

#define PVOPS_INLINE static inline __attribute__((always_inline))

/* meta: the binding library calls init itself; these exist for completeness. */
PVOPS_INLINE int32_t pv_init(const struct pvrom_init_args *args, struct pvrom_init_result *res)
{ return PVOP_CALL2(int32_t, init, args, res); }
PVOPS_INLINE int32_t pv_info(struct pvrom_info *info)
{ return PVOP_CALL1(int32_t, info, info); }

/* cpu */
PVOPS_INLINE void pv_cpuid(uint32_t leaf, uint32_t subleaf, struct pvrom_cpuid_regs *out)
{ PVOP_VCALL3(cpuid, leaf, subleaf, out); }
PVOPS_INLINE int32_t pv_rdmsr_safe(uint32_t msr, uint64_t *val)
{ return PVOP_CALL2(int32_t, rdmsr_safe, msr, val); }
PVOPS_INLINE int32_t pv_wrmsr_safe(uint32_t msr, uint64_t val)
{ return PVOP_CALL2(int32_t, wrmsr_safe, msr, val); }
PVOPS_INLINE uint64_t pv_read_cr0(void) { return PVOP_CALL0(uint64_t, read_cr0); }
PVOPS_INLINE void pv_write_cr0(uint64_t val) { PVOP_VCALL1(write_cr0, val); }
PVOPS_INLINE uint64_t pv_read_cr2(void) { return PVOP_CALLEE0(uint64_t, read_cr2); }
PVOPS_INLINE void pv_write_cr2(uint64_t val) { PVOP_VCALL1(write_cr2, val); }
PVOPS_INLINE uint64_t pv_read_cr3(void) { return PVOP_CALLEE0(uint64_t, read_cr3); }
PVOPS_INLINE void pv_write_cr3(uint64_t val) { PVOP_VCALL1(write_cr3, val); }
PVOPS_INLINE uint64_t pv_read_cr4(void) { return PVOP_CALL0(uint64_t, read_cr4); }
PVOPS_INLINE void pv_write_cr4(uint64_t val) { PVOP_VCALL1(write_cr4, val); }
PVOPS_INLINE uint64_t pv_read_cr8(void) { return PVOP_CALL0(uint64_t, read_cr8); }
PVOPS_INLINE void pv_write_cr8(uint64_t val) { PVOP_VCALL1(write_cr8, val); }
PVOPS_INLINE void pv_load_gdt(const struct pvrom_desc_ptr *p) { PVOP_VCALL1(load_gdt, p); }
PVOPS_INLINE void pv_store_gdt(struct pvrom_desc_ptr *p) { PVOP_VCALL1(store_gdt, p); }
PVOPS_INLINE void pv_load_idt(const struct pvrom_desc_ptr *p) { PVOP_VCALL1(load_idt, p); }
PVOPS_INLINE void pv_store_idt(struct pvrom_desc_ptr *p) { PVOP_VCALL1(store_idt, p); }
PVOPS_INLINE void pv_load_tr(uint16_t sel) { PVOP_VCALL1(load_tr, sel); }
PVOPS_INLINE uint16_t pv_store_tr(void) { return PVOP_CALL0(uint16_t, store_tr); }
PVOPS_INLINE void pv_load_ldt(uint16_t sel) { PVOP_VCALL1(load_ldt, sel); }
PVOPS_INLINE uint16_t pv_store_ldt(void) { return PVOP_CALL0(uint16_t, store_ldt); }
PVOPS_INLINE void pv_write_gdt_entry(void *gdt, uint32_t index, const void *desc, uint32_t size)
{ PVOP_VCALL4(write_gdt_entry, gdt, index, desc, size); }
PVOPS_INLINE void pv_write_idt_entry(void *idt, uint32_t vector, const void *gate)
{ PVOP_VCALL3(write_idt_entry, idt, vector, gate); }
PVOPS_INLINE void pv_set_kernel_stack(void *tss, uint64_t rsp0)
{ PVOP_VCALL2(set_kernel_stack, tss, rsp0); }
PVOPS_INLINE int32_t pv_read_dr(uint32_t reg, uint64_t *val)
{ return PVOP_CALL2(int32_t, read_dr, reg, val); }
PVOPS_INLINE int32_t pv_write_dr(uint32_t reg, uint64_t val)
{ return PVOP_CALL2(int32_t, write_dr, reg, val); }
PVOPS_INLINE uint64_t pv_rdtsc(void) { return PVOP_CALLEE0(uint64_t, rdtsc); }
PVOPS_INLINE uint64_t pv_rdtscp(uint32_t *aux) { return PVOP_CALL1(uint64_t, rdtscp, aux); }
PVOPS_INLINE uint64_t pv_rdpmc(uint32_t counter) { return PVOP_CALL1(uint64_t, rdpmc, counter); }
PVOPS_INLINE void pv_wbinvd(void) { PVOP_VCALL0(wbinvd); }
PVOPS_INLINE void pv_clts(void) { PVOP_VCALLEE0(clts); }
PVOPS_INLINE uint64_t pv_read_fs_base(void) { return PVOP_CALL0(uint64_t, read_fs_base); }
PVOPS_INLINE void pv_write_fs_base(uint64_t val) { PVOP_VCALL1(write_fs_base, val); }
PVOPS_INLINE uint64_t pv_read_gs_base(void) { return PVOP_CALL0(uint64_t, read_gs_base); }
PVOPS_INLINE void pv_write_gs_base(uint64_t val) { PVOP_VCALL1(write_gs_base, val); }
PVOPS_INLINE uint64_t pv_read_kernel_gs_base(void)
{ return PVOP_CALL0(uint64_t, read_kernel_gs_base); }
PVOPS_INLINE void pv_write_kernel_gs_base(uint64_t val) { PVOP_VCALL1(write_kernel_gs_base, val); }
PVOPS_INLINE void pv_swapgs(void) { PVOP_VCALLEE0(swapgs); }
PVOPS_INLINE void pv_io_delay(void) { PVOP_VCALLEE0(io_delay); }
PVOPS_INLINE void pv_halt(void) { PVOP_VCALL0(halt); }
PVOPS_INLINE void pv_safe_halt(void) { PVOP_VCALL0(safe_halt); }
PVOPS_INLINE void pv_shutdown(void) { PVOP_VCALL0(shutdown); }
PVOPS_INLINE void pv_reboot(void) { PVOP_VCALL0(reboot); }
PVOPS_INLINE void pv_console_write(const char *buf, uint64_t len)
{ PVOP_VCALL2(console_write, buf, len); }

/* irq */
PVOPS_INLINE void pv_irq_disable(void) { PVOP_VCALLEE0(irq_disable); }
PVOPS_INLINE void pv_irq_enable(void) { PVOP_VCALLEE0(irq_enable); }
PVOPS_INLINE uint64_t pv_irq_save_flags(void) { return PVOP_CALLEE0(uint64_t, irq_save_flags); }
PVOPS_INLINE void pv_irq_restore_flags(uint64_t flags) { PVOP_VCALLEE1(irq_restore_flags, flags); }
PVOPS_INLINE void pv_eoi(void) { PVOP_VCALL0(eoi); }
PVOPS_INLINE uint32_t pv_apic_read(uint32_t reg) { return PVOP_CALL1(uint32_t, apic_read, reg); }
PVOPS_INLINE void pv_apic_write(uint32_t reg, uint32_t val) { PVOP_VCALL2(apic_write, reg, val); }

/* mmu */
PVOPS_INLINE void pv_set_pxe(uint32_t level, uint64_t *entry, uint64_t val)
{ PVOP_VCALL3(set_pxe, level, entry, val); }
PVOPS_INLINE void pv_update_pxe(uint32_t level, uint64_t *entry, uint64_t val, uint64_t va)
{ PVOP_VCALL4(update_pxe, level, entry, val, va); }
PVOPS_INLINE void pv_alloc_pt(uint32_t level, uint64_t pfn) { PVOP_VCALL2(alloc_pt, level, pfn); }
PVOPS_INLINE void pv_release_pt(uint32_t level, uint64_t pfn) { PVOP_VCALL2(release_pt, level, pfn); }
PVOPS_INLINE void pv_flush_tlb_local(void) { PVOP_VCALL0(flush_tlb_local); }
PVOPS_INLINE void pv_flush_tlb_global(void) { PVOP_VCALL0(flush_tlb_global); }
PVOPS_INLINE void pv_flush_tlb_page(uint64_t va) { PVOP_VCALL1(flush_tlb_page, va); }
PVOPS_INLINE void pv_lazy_mmu_enter(void) { PVOP_VCALL0(lazy_mmu_enter); }
PVOPS_INLINE void pv_lazy_mmu_leave(void) { PVOP_VCALL0(lazy_mmu_leave); }
PVOPS_INLINE uint64_t pv_phys_to_machine(uint64_t pa) { return PVOP_CALL1(uint64_t, phys_to_machine, pa); }
PVOPS_INLINE uint64_t pv_machine_to_phys(uint64_t ma) { return PVOP_CALL1(uint64_t, machine_to_phys, ma); }

/* time */
PVOPS_INLINE uint64_t pv_cycle_frequency(void) { return PVOP_CALL0(uint64_t, cycle_frequency); }
PVOPS_INLINE uint64_t pv_cycle_counter(void) { return PVOP_CALL0(uint64_t, cycle_counter); }
PVOPS_INLINE uint64_t pv_monotonic_ns(void) { return PVOP_CALL0(uint64_t, monotonic_ns); }
PVOPS_INLINE uint64_t pv_wallclock_ns(void) { return PVOP_CALL0(uint64_t, wallclock_ns); }
PVOPS_INLINE int32_t pv_set_alarm(uint64_t deadline_ns, uint32_t vector)
{ return PVOP_CALL2(int32_t, set_alarm, deadline_ns, vector); }
PVOPS_INLINE void pv_cancel_alarm(void) { PVOP_VCALL0(cancel_alarm); }
PVOPS_INLINE uint64_t pv_steal_time_ns(void) { return PVOP_CALL0(uint64_t, steal_time_ns); }

#if PVROM_ABI_MINOR >= 1
/* ABI 1.1 */
PVOPS_INLINE uint32_t pv_tsc_khz(void) { return PVOP_CALL0(uint32_t, tsc_khz); }
PVOPS_INLINE int32_t pv_op_info(const void *op, struct pvrom_op_info *out)
{ return PVOP_CALL2(int32_t, op_info, op, out); }
#endif

/* Every op of this build's ABI has a wrapper of exactly its ABI type. */
#define PVOPS_X_PROTO(g, n, r, p, a, m)					\
	PVROM_STATIC_ASSERT(__builtin_types_compatible_p(__typeof__(pv_##n),	\
							 pvrom_##n##_fn),	\
			    "pv_" #n " prototype");
PVROM_OPS(PVOPS_X_PROTO)
#undef PVOPS_X_PROTO

#endif /* PVBIND_PVOPS_H */
