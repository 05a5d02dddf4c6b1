/* SPDX-License-Identifier: GPL-2.0-only */
/* irq ops: the interrupt flag, EOI, APIC registers. */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/memlayout.h"
#include "guest/kernel/time/time.h"
#include "guest/kernel/cpu/cpu.h"
#include "guest/kernel/tests/tests.h"
#include "abi/hw/lapic.h"

KTEST(irq_flags)
{
	uint64_t saved = pv_irq_save_flags(), f;

	check(saved & HW_RFLAGS_IF, "interrupts are on in the test runner",
	      "flags %lx", saved);
	pv_irq_disable();
	f = pv_irq_save_flags();
	check(!(f & HW_RFLAGS_IF) && !(hw_save_flags() & HW_RFLAGS_IF),
	      "op irq_disable then save_flags shows IF=0", "flags %lx", f);
	pv_irq_enable();
	f = pv_irq_save_flags();
	check((f & HW_RFLAGS_IF) && (hw_save_flags() & HW_RFLAGS_IF),
	      "op irq_enable then save_flags shows IF=1", "flags %lx", f);
	pv_irq_disable();
	pv_irq_restore_flags(saved);
	check(pv_irq_save_flags() & HW_RFLAGS_IF,
	      "op irq_restore_flags restores IF=1", "flags %lx",
	      pv_irq_save_flags());
	pv_irq_restore_flags(saved & ~HW_RFLAGS_IF);
	f = pv_irq_save_flags();
	pv_irq_restore_flags(saved);
	check(!(f & HW_RFLAGS_IF), "op irq_restore_flags restores IF=0",
	      "flags %lx", f);
}

KTEST(irq_halt)
{
	uint64_t t0 = ticks, f;

	pv_halt();		/* IF=1: the next tick wakes us */
	check(ticks > t0, "op halt returns after an interrupt",
	      "ticks %lu", ticks);
	pv_irq_disable();
	t0 = ticks;
	pv_safe_halt();		/* sti; hlt */
	f = pv_irq_save_flags();
	check((f & HW_RFLAGS_IF) && ticks > t0,
	      "op safe_halt enables interrupts and wakes on the tick",
	      "flags %lx ticks %lu->%lu", f, t0, ticks);
	pv_irq_enable();
}

KTEST(irq_apic)
{
	uint32_t v = pv_apic_read(HW_APIC_VERSION);
	uint32_t raw = *(volatile uint32_t *)(APIC_VA + HW_APIC_VERSION);
	uint32_t tpr;
	uint64_t cr8;

	check(v == raw && (v & 0xff) >= 0x10, "op apic_read (version register)",
	      "op %x mmio %x", v, raw);
	pv_apic_write(HW_APIC_TPR, 0x20);
	tpr = pv_apic_read(HW_APIC_TPR);
	cr8 = pv_read_cr8();
	pv_apic_write(HW_APIC_TPR, 0);
	check(tpr == 0x20 && cr8 == 2, "op apic_write TPR (seen in CR8 too)",
	      "tpr %x cr8 %lx", tpr, cr8);
	{
		uint64_t t0 = ticks, start = pv_monotonic_ns();

		while (ticks < t0 + 3 && pv_monotonic_ns() - start < 2000000000)
			pv_safe_halt();
		check(ticks >= t0 + 3, "op eoi: the tick keeps coming",
		      "ticks %lu -> %lu", t0, ticks);
	}
}

/*
 * EOI under a timer-interrupt load: EOI_LOAD_N alarms back to back, each
 * handler re-arming the next one EOI_LOAD_GAP_NS ahead and then calling
 * pv_eoi.  A lost EOI leaves the vector in service, which blocks every later
 * interrupt of its priority class: the chain stops short.  Busy-waits (with
 * the tick stopped a halt might never wake).
 */
#define EOI_LOAD_N		1000
#define EOI_LOAD_GAP_NS		10000		/* 10 us */
#define EOI_LOAD_LIMIT_NS	5000000000ull	/* nested KVM is slow */

static volatile unsigned load_hits, load_rearm_errors;

static void load_irq(struct trap_frame *f)
{
	(void)f;
	if (++load_hits < EOI_LOAD_N &&
	    pv_set_alarm(pv_monotonic_ns() + EOI_LOAD_GAP_NS, VEC_TEST_ALARM))
		load_rearm_errors++;
	pv_eoi();
}

static bool vector_in_service(unsigned vec)
{
	return pv_apic_read(HW_APIC_ISR + (vec / 32) * 0x10) & (1u << (vec % 32));
}

KTEST(irq_eoi_load)
{
	uint64_t start, spent, t0;
	unsigned hits;

	tick_stop();	/* one alarm per CPU */
	irq_register(VEC_TEST_ALARM, load_irq);
	load_hits = load_rearm_errors = 0;
	start = pv_monotonic_ns();
	pv_set_alarm(start + EOI_LOAD_GAP_NS, VEC_TEST_ALARM);
	while (load_hits < EOI_LOAD_N &&
	       pv_monotonic_ns() - start < EOI_LOAD_LIMIT_NS)
		__asm__ __volatile__("pause");
	spent = pv_monotonic_ns() - start;
	t0 = pv_monotonic_ns();
	while (pv_monotonic_ns() - t0 < 5000000)	/* 5 ms: nothing extra */
		__asm__ __volatile__("pause");
	hits = load_hits;
	check(hits == EOI_LOAD_N && load_rearm_errors == 0,
	      "op eoi under load: 1000 back-to-back alarms (10 us apart) all arrive, none extra",
	      "%u of %u arrived, %u re-arm errors, %lu ms", hits, EOI_LOAD_N,
	      load_rearm_errors, spent / 1000000);
	printf("  %u alarm interrupts in %lu us (%lu us each)\n", hits,
	       spent / 1000, hits ? spent / 1000 / hits : 0);
	check(!vector_in_service(VEC_TEST_ALARM) &&
	      (pv_apic_read(HW_APIC_PPR) & 0xf0) == 0,
	      "op eoi under load: nothing left in service (ISR, PPR)",
	      "ISR bit %d PPR %x", vector_in_service(VEC_TEST_ALARM),
	      pv_apic_read(HW_APIC_PPR));
	pv_cancel_alarm();
	irq_register(VEC_TEST_ALARM, NULL);
	tick_start();
	{
		uint64_t t = ticks, s = pv_monotonic_ns();

		while (ticks < t + 3 && pv_monotonic_ns() - s < 2000000000)
			pv_safe_halt();
		check(ticks >= t + 3, "op eoi under load: the tick keeps coming after it",
		      "ticks %lu -> %lu", t, ticks);
	}
}

KTEST(irq_nmi_ist)
{
	unsigned before = nmi_count;
	uint32_t id = pv_apic_read(HW_APIC_ID) >> 24;

	/* an NMI to our own APIC ID (delivery mode NMI, physical) */
	pv_apic_write(HW_APIC_ICR_HI, id << 24);
	pv_apic_write(HW_APIC_ICR_LO, (4u << 8) | (1u << 14));
	for (int i = 0; i < 1000000 && nmi_count == before; i++)
		__asm__ __volatile__("pause");
	check(nmi_count == before + 1, "self-NMI delivered", "count %u",
	      nmi_count - before);
	check(nmi_frame >= (uint64_t)nmi_stack &&
	      nmi_frame < (uint64_t)nmi_stack + sizeof(nmi_stack),
	      "NMI handler runs on its IST stack (TSS IST2)", "frame %lx",
	      nmi_frame);
}

static void touch_unmapped(void *a)
{
	(void)*(volatile uint64_t *)a;
}

KTEST(irq_df_ist)
{
	uint8_t saved[16], gate[16];
	uint64_t fl = pv_irq_save_flags();
	int r;

	/* a #PF whose gate is not present raises #NP while delivering it,
	 * which the CPU turns into a double fault */
	memcpy(saved, &idt[14 * 16], 16);
	memcpy(gate, saved, 16);
	gate[5] &= 0x7f;		/* P = 0 */
	pv_irq_disable();
	pv_write_idt_entry(idt, 14, gate);
	r = try_call(touch_unmapped, (void *)0x10);
	pv_write_idt_entry(idt, 14, saved);
	pv_irq_restore_flags(fl);
	check(r == -1 && last_fault.vector == 8,
	      "#PF through a not-present gate becomes #DF", "r %d vector %lu",
	      r, last_fault.vector);
	check(df_frame >= (uint64_t)df_stack &&
	      df_frame < (uint64_t)df_stack + sizeof(df_stack),
	      "#DF handler runs on its IST stack (TSS IST1)", "frame %lx",
	      df_frame);
}
