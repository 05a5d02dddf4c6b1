/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * "Native" names three families: pvn_<op>() is the instruction inline (this
 * file), pvb_native_<op>() the guest's out-of-line fallback (native*.c),
 * native_<op>() the ROM's native backend (rom/, never linked here); a
 * PVOPS_NATIVE build is a kernel whose pv_<op>() are pvn_<op>() inline.
 *
 * Native implementations of every pvrom op, in two forms:
 *
 *   pvn_<name>()        static inline, the instruction(s) the op stands for.
 *                       A PVOPS_NATIVE kernel compiles these straight into
 *                       its code (pvops.h), so it is the "no paravirt" baseline.
 *   pvb_native_<name>() out of line, same prototype as pvrom_<name>_fn: the
 *                       initial value of every pv_ops entry and the fallback
 *                       for ops the ROM does not provide.  Callee-save ops are
 *                       assembly (native_cs.S) so they really keep every
 *                       register but %rax, as the ABI attribute promises.
 *
 * Ops that need state (time, APIC, console) or a fault fix-up (the *_safe
 * MSR ops) exist only out of line; their pvn_ form just calls it.
 */
#ifndef PVBIND_NATIVE_H
#define PVBIND_NATIVE_H

#include <stdint.h>
#include "abi/pvrom/ops.h"
#include "abi/hw/io.h"
#include "abi/hw/msr.h"
#include "abi/hw/x86.h"

/* Out-of-line natives: one per op of the catalogue, both minors, so a guest
 * built against 1.1 always has a fallback for the 1.1 ops. */
#define PVB_X_NATIVE_DECL(g, name, ret, params, attr, minor)		\
	pvrom_##name##_fn pvb_native_##name;
PVROM_OPS_1_0(PVB_X_NATIVE_DECL)
PVROM_OPS_1_1(PVB_X_NATIVE_DECL)
#undef PVB_X_NATIVE_DECL

/* The instructions themselves are abi/hw's (x86.h, msr.h), shared with the
 * ROM's native backend; the pvn_ forms give them the ops' names and shapes. */

/* ---- meta ---- */
static inline int32_t pvn_init(const struct pvrom_init_args *a,
			       struct pvrom_init_result *r)
{ return pvb_native_init(a, r); }
static inline int32_t pvn_info(struct pvrom_info *i) { return pvb_native_info(i); }

/* ---- cpu ---- */
static inline void pvn_cpuid(uint32_t leaf, uint32_t subleaf,
			     struct pvrom_cpuid_regs *out)
{ hw_cpuid(leaf, subleaf, out); }
static inline int32_t pvn_rdmsr_safe(uint32_t msr, uint64_t *val)
{ return pvb_native_rdmsr_safe(msr, val); }
static inline int32_t pvn_wrmsr_safe(uint32_t msr, uint64_t val)
{ return pvb_native_wrmsr_safe(msr, val); }

#define PVB_CR_ACCESSORS(n)						\
static inline uint64_t pvn_read_cr##n(void) { return hw_read_cr##n(); }	\
static inline void pvn_write_cr##n(uint64_t v) { hw_write_cr##n(v); }
PVB_CR_ACCESSORS(0)
PVB_CR_ACCESSORS(2)
PVB_CR_ACCESSORS(3)
PVB_CR_ACCESSORS(4)
PVB_CR_ACCESSORS(8)
#undef PVB_CR_ACCESSORS

static inline void pvn_load_gdt(const struct pvrom_desc_ptr *p) { hw_lgdt(p); }
static inline void pvn_store_gdt(struct pvrom_desc_ptr *p) { hw_sgdt(p); }
static inline void pvn_load_idt(const struct pvrom_desc_ptr *p) { hw_lidt(p); }
static inline void pvn_store_idt(struct pvrom_desc_ptr *p) { hw_sidt(p); }
static inline void pvn_load_tr(uint16_t sel)
{ __asm__ volatile("ltr %0" : : "r"(sel) : "memory"); }
static inline uint16_t pvn_store_tr(void)
{ uint16_t s; __asm__ volatile("str %0" : "=r"(s)); return s; }
static inline void pvn_load_ldt(uint16_t sel)
{ __asm__ volatile("lldt %0" : : "r"(sel) : "memory"); }
static inline uint16_t pvn_store_ldt(void)
{ uint16_t s; __asm__ volatile("sldt %0" : "=r"(s)); return s; }

/* Descriptor writes are plain stores natively; 8 or 16 bytes (system
 * descriptors are 16), anything else is ignored. */
static inline void pvn_write_gdt_entry(void *gdt, uint32_t index,
				       const void *desc, uint32_t size)
{
	volatile uint64_t *d = (volatile uint64_t *)((char *)gdt + (uint64_t)index * 8);
	const uint64_t *s = (const uint64_t *)desc;
	if (size != 8 && size != 16)
		return;
	d[0] = s[0];
	if (size == 16)
		d[1] = s[1];
}
static inline void pvn_write_idt_entry(void *idt, uint32_t vector, const void *gate)
{
	volatile uint64_t *d = (volatile uint64_t *)((char *)idt + (uint64_t)vector * 16);
	const uint64_t *s = (const uint64_t *)gate;
	if (vector > 255)
		return;
	d[0] = s[0];
	d[1] = s[1];
}
/* rsp0 sits at offset 4 of the 64-bit TSS, not 8-byte aligned: two
 * 32-bit stores, as the hardware layout suggests. */
static inline void pvn_set_kernel_stack(void *tss, uint64_t rsp0)
{
	volatile uint32_t *p = (volatile uint32_t *)((char *)tss + PVROM_TSS_RSP0_OFFSET);
	p[0] = (uint32_t)rsp0;
	p[1] = (uint32_t)(rsp0 >> 32);
}

static inline int32_t pvn_read_dr(uint32_t reg, uint64_t *val)
{ return hw_read_dr(reg, val); }
static inline int32_t pvn_write_dr(uint32_t reg, uint64_t v)
{ return hw_write_dr(reg, v); }

static inline uint64_t pvn_rdtsc(void) { return hw_rdtsc(); }
static inline uint64_t pvn_rdtscp(uint32_t *aux) { return hw_rdtscp(aux); }
static inline uint64_t pvn_rdpmc(uint32_t counter)
{
	uint32_t lo, hi;
	__asm__ volatile("rdpmc" : "=a"(lo), "=d"(hi) : "c"(counter));
	return ((uint64_t)hi << 32) | lo;
}
static inline void pvn_wbinvd(void) { __asm__ volatile("wbinvd" : : : "memory"); }
static inline void pvn_clts(void) { __asm__ volatile("clts" : : : "memory"); }

static inline uint64_t pvn_read_fs_base(void) { return hw_rdmsr(HW_MSR_FS_BASE); }
static inline void pvn_write_fs_base(uint64_t v) { hw_wrmsr(HW_MSR_FS_BASE, v); }
static inline uint64_t pvn_read_gs_base(void) { return hw_rdmsr(HW_MSR_GS_BASE); }
static inline void pvn_write_gs_base(uint64_t v) { hw_wrmsr(HW_MSR_GS_BASE, v); }
static inline uint64_t pvn_read_kernel_gs_base(void)
{ return hw_rdmsr(HW_MSR_KERNEL_GS_BASE); }
static inline void pvn_write_kernel_gs_base(uint64_t v)
{ hw_wrmsr(HW_MSR_KERNEL_GS_BASE, v); }
static inline void pvn_swapgs(void) { __asm__ volatile("swapgs" : : : "memory"); }
/* The POST-code port is the traditional bus-settling write. */
static inline void pvn_io_delay(void) { hw_outb(HW_PORT_POST, 0); }
static inline void pvn_halt(void) { __asm__ volatile("hlt" : : : "memory"); }
/* sti's one-instruction shadow makes "sti; hlt" race-free against a
 * wake-up interrupt arriving in between. */
static inline void pvn_safe_halt(void) { __asm__ volatile("sti; hlt" : : : "memory"); }
static inline void pvn_shutdown(void) { pvb_native_shutdown(); }
static inline void pvn_reboot(void) { pvb_native_reboot(); }
static inline void pvn_console_write(const char *buf, uint64_t len)
{ pvb_native_console_write(buf, len); }

/* ---- irq ---- */
static inline void pvn_irq_disable(void) { hw_cli(); }
static inline void pvn_irq_enable(void) { hw_sti(); }
static inline uint64_t pvn_irq_save_flags(void) { return hw_save_flags(); }
static inline void pvn_irq_restore_flags(uint64_t f) { hw_restore_flags(f); }
static inline void pvn_eoi(void) { pvb_native_eoi(); }
static inline uint32_t pvn_apic_read(uint32_t reg) { return pvb_native_apic_read(reg); }
static inline void pvn_apic_write(uint32_t reg, uint32_t val) { pvb_native_apic_write(reg, val); }

/* ---- mmu ---- */
static inline void pvn_set_pxe(uint32_t level, uint64_t *entry, uint64_t val)
{
	(void)level;
	*(volatile uint64_t *)entry = val;
}
static inline void pvn_invlpg(uint64_t va) { hw_invlpg(va); }
/* An entry that points to a table may have been cached for its whole range
 * (paging-structure caches): changing it needs a full flush, not invlpg. */
static inline int pvn_pxe_is_table(uint32_t level, uint64_t v)
{
	return level >= 2 && (v & HW_PTE_P) && (level == 4 || !(v & HW_PTE_PS));
}
static inline void pvn_flush_tlb_global(void);
static inline void pvn_update_pxe(uint32_t level, uint64_t *entry, uint64_t val,
				  uint64_t va)
{
	uint64_t old = *(volatile uint64_t *)entry;
	*(volatile uint64_t *)entry = val;
	if (pvn_pxe_is_table(level, old) || pvn_pxe_is_table(level, val))
		pvn_flush_tlb_global();
	else
		pvn_invlpg(va);
}
/* Page-table page notifications only matter to shadow-paging backends. */
static inline void pvn_alloc_pt(uint32_t level, uint64_t pfn) { (void)level; (void)pfn; }
static inline void pvn_release_pt(uint32_t level, uint64_t pfn) { (void)level; (void)pfn; }
static inline void pvn_flush_tlb_local(void) { pvn_write_cr3(pvn_read_cr3()); }
/* Toggling CR4.PGE drops global entries too; without PGE there are none. */
static inline void pvn_flush_tlb_global(void)
{
	uint64_t cr4 = pvn_read_cr4();
	if (cr4 & HW_CR4_PGE) {
		pvn_write_cr4(cr4 & ~HW_CR4_PGE);
		pvn_write_cr4(cr4);
	} else {
		pvn_flush_tlb_local();
	}
}
static inline void pvn_flush_tlb_page(uint64_t va) { pvn_invlpg(va); }
/* Natively every update is immediate, so there is nothing to batch. */
static inline void pvn_lazy_mmu_enter(void) { }
static inline void pvn_lazy_mmu_leave(void) { }
static inline uint64_t pvn_phys_to_machine(uint64_t pa) { return pa; }
static inline uint64_t pvn_machine_to_phys(uint64_t ma) { return ma; }

/* ---- time ---- */
static inline uint64_t pvn_cycle_frequency(void) { return pvb_native_cycle_frequency(); }
static inline uint64_t pvn_cycle_counter(void) { return pvn_rdtsc(); }
static inline uint64_t pvn_monotonic_ns(void) { return pvb_native_monotonic_ns(); }
static inline uint64_t pvn_wallclock_ns(void) { return pvb_native_wallclock_ns(); }
static inline int32_t pvn_set_alarm(uint64_t deadline_ns, uint32_t vector)
{ return pvb_native_set_alarm(deadline_ns, vector); }
static inline void pvn_cancel_alarm(void) { pvb_native_cancel_alarm(); }
static inline uint64_t pvn_steal_time_ns(void) { return 0; }

/* ---- ABI 1.1 ---- */
static inline uint32_t pvn_tsc_khz(void) { return pvb_native_tsc_khz(); }
static inline int32_t pvn_op_info(const void *op, struct pvrom_op_info *out)
{ return pvb_native_op_info(op, out); }

/*
 * The native sequence of each op a call site may hold inline instead of the
 * call (abi/SPEC.md section 9.7.3), the one text of them: patch.c assembles
 * this list into the bytes it writes (pvb_native_seq()), the host test of
 * the patcher and the in-guest check of a ROM's "native" claims read them
 * from there.  X(op, regs, "AT&T text"): the registers are those of the op's
 * SysV call (arguments in %rdi, %rsi, %rdx, the result in %rax); regs says
 * what the sequence may change besides flags and memory: PVN_RAX (at most
 * %rax, so a callee-save op's site can hold it) or PVN_SYSV (any register a
 * call may clobber).  "" is an op that natively does nothing: its sites
 * become one NOP.  Each sequence fits a call site's 6 bytes.  The pvn_<op>()
 * forms above are the same instructions with the registers the compiler
 * picks.
 */
#define PVN_RAX		1
#define PVN_SYSV	0
#define PVN_SEQS(X)							\
	X(read_cr0,		PVN_RAX,	"movq %cr0, %rax")		\
	X(write_cr0,		PVN_RAX,	"movq %rdi, %cr0")		\
	X(read_cr2,		PVN_RAX,	"movq %cr2, %rax")		\
	X(write_cr2,		PVN_RAX,	"movq %rdi, %cr2")		\
	X(read_cr3,		PVN_RAX,	"movq %cr3, %rax")		\
	X(write_cr3,		PVN_RAX,	"movq %rdi, %cr3")		\
	X(read_cr4,		PVN_RAX,	"movq %cr4, %rax")		\
	X(write_cr4,		PVN_RAX,	"movq %rdi, %cr4")		\
	X(read_cr8,		PVN_RAX,	"movq %cr8, %rax")		\
	X(write_cr8,		PVN_RAX,	"movq %rdi, %cr8")		\
	X(load_tr,		PVN_RAX,	"ltr %di")			\
	X(store_tr,		PVN_RAX,	"str %eax")			\
	X(load_ldt,		PVN_RAX,	"lldt %di")			\
	X(store_ldt,		PVN_RAX,	"sldt %eax")			\
	X(wbinvd,		PVN_RAX,	"wbinvd")			\
	X(clts,			PVN_RAX,	"clts")				\
	X(swapgs,		PVN_RAX,	"swapgs")			\
	X(io_delay,		PVN_RAX,	"outb %al, $0x80")		\
	X(halt,			PVN_RAX,	"hlt")				\
	X(safe_halt,		PVN_RAX,	"sti; hlt")			\
	X(irq_disable,		PVN_RAX,	"cli")				\
	X(irq_enable,		PVN_RAX,	"sti")				\
	X(irq_save_flags,	PVN_RAX,	"pushfq; popq %rax")		\
	X(irq_restore_flags,	PVN_RAX,	"pushq %rdi; popfq")		\
	X(set_pxe,		PVN_RAX,	"movq %rdx, (%rsi)")		\
	X(alloc_pt,		PVN_RAX,	"")				\
	X(release_pt,		PVN_RAX,	"")				\
	X(flush_tlb_local,	PVN_SYSV,	"movq %cr3, %rax; movq %rax, %cr3") \
	X(flush_tlb_page,	PVN_RAX,	"invlpg (%rdi)")		\
	X(lazy_mmu_enter,	PVN_RAX,	"")				\
	X(lazy_mmu_leave,	PVN_RAX,	"")				\
	X(phys_to_machine,	PVN_RAX,	"movq %rdi, %rax")		\
	X(machine_to_phys,	PVN_RAX,	"movq %rdi, %rax")		\
	X(steal_time_ns,	PVN_RAX,	"xorl %eax, %eax")

/* io_delay's port in the text above is abi/hw's. */
PVROM_STATIC_ASSERT(HW_PORT_POST == 0x80, "io_delay's native sequence names port 0x80");

/* The bytes of op's native sequence and what it may change (PVN_RAX or
 * PVN_SYSV in *regs); NULL if the op has none (then *len is 0).  An op
 * with an empty sequence gives a non-NULL pointer and *len 0.  patch.c. */
const uint8_t *pvb_native_seq(unsigned op, uint32_t *len, unsigned *regs);

#endif /* PVBIND_NATIVE_H */
