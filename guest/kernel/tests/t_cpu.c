/* SPDX-License-Identifier: GPL-2.0-only */
/* cpu ops against their native meaning. */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/kernel.h"
#include "guest/kernel/memlayout.h"
#include "guest/kernel/cpu/cpu.h"
#include "guest/kernel/mm/mm.h"
#include "guest/kernel/cmdline.h"
#include "guest/kernel/tests/tests.h"
#include "abi/hw/msr.h"
#include "abi/hw/x86.h"
#include "abi/hw/lapic.h"

/* Unassigned: #GP on hardware and KVM.  QEMU's TCG reads unknown MSRs as 0
 * and ignores writes to them, so the write test uses IA32_PKRS with
 * reserved bits set, which faults everywhere (TCG checks those bits). */
#define BAD_MSR			0x4000ffffu

static bool cpu_has(uint32_t leaf, int reg, int bit)
{
	struct pvrom_cpuid_regs r;
	uint32_t v;

	hw_cpuid(leaf & 0x80000000, 0, &r);
	if (r.eax < leaf)
		return false;
	hw_cpuid(leaf, 0, &r);
	v = reg == 'c' ? r.ecx : reg == 'd' ? r.edx : r.ebx;
	return v & (1u << bit);
}

static bool hypervisor_is(const char *sig)
{
	struct pvrom_cpuid_regs r;
	char s[13];

	hw_cpuid(HW_CPUID_FEATURES, 0, &r);
	if (!(r.ecx & HW_CPUID_1_ECX_HYPERVISOR))
		return false;
	hw_cpuid(HW_CPUID_HV, 0, &r);
	memcpy(s, &r.ebx, 4);
	memcpy(s + 4, &r.ecx, 4);
	memcpy(s + 8, &r.edx, 4);
	s[12] = 0;
	return !strcmp(s, sig);
}

KTEST(cpu_cpuid)
{
	static const uint32_t leaves[] = { HW_CPUID_BASIC, HW_CPUID_FEATURES,
					   HW_CPUID_EXT, HW_CPUID_EXT_FEATURES };
	bool ok = true;

	for (unsigned i = 0; i < ARRAY_SIZE(leaves); i++) {
		struct pvrom_cpuid_regs a, b;

		pv_cpuid(leaves[i], 0, &a);
		hw_cpuid(leaves[i], 0, &b);
		if (memcmp(&a, &b, sizeof(a))) {
			ok = false;
			printf("  leaf %x: op %x %x %x %x, insn %x %x %x %x\n",
			       leaves[i], a.eax, a.ebx, a.ecx, a.edx,
			       b.eax, b.ebx, b.ecx, b.edx);
		}
	}
	check(ok, "op cpuid agrees with the instruction", "mismatch");
}

KTEST(cpu_msr)
{
	uint64_t v = 0, efer, old;
	int32_t r;

	r = pv_rdmsr_safe(HW_MSR_EFER, &efer);
	check(r == 0 && (efer & HW_EFER_LMA) && (efer & HW_EFER_LME),
	      "op rdmsr_safe EFER shows LME and LMA", "ret %d efer %lx", r, efer);
	v = 1;
	r = pv_rdmsr_safe(BAD_MSR, &v);
	if (r == 0 && v == 0 && hypervisor_is("TCGTCGTCGTCG"))
		skip("op rdmsr_safe of a bad MSR returns an error",
		     "TCG reads unknown MSRs as 0");
	else
		check(r == -PVROM_EFAULT && v == 0,
		      "op rdmsr_safe of a bad MSR returns an error",
		      "ret %d val %lx", r, v);
	r = pv_wrmsr_safe(HW_MSR_PKRS, 1ull << 40);
	check(r == -PVROM_EFAULT,
	      "op wrmsr_safe of a faulting write returns an error", "ret %d",
	      r);
	old = pv_read_kernel_gs_base();
	r = pv_wrmsr_safe(HW_MSR_KERNEL_GS_BASE, 0xffff888812345000);
	check(r == 0 && pv_read_kernel_gs_base() == 0xffff888812345000,
	      "op wrmsr_safe then read_kernel_gs_base", "ret %d", r);
	pv_write_kernel_gs_base(old);
	/* a non-canonical base faults on hardware: the op must return, not
	 * crash; TCG does not check it */
	old = pv_read_fs_base();
	r = pv_wrmsr_safe(HW_MSR_FS_BASE, 0x8000000000000000);
	pv_write_fs_base(old);
	if (r == 0)
		skip("op wrmsr_safe of a non-canonical FS base",
		     "this CPU accepts it (TCG)");
	else
		check(r == -PVROM_EFAULT,
		      "op wrmsr_safe of a non-canonical FS base returns an error",
		      "ret %d", r);
}

KTEST(cpu_cr)
{
	uint64_t cr0 = pv_read_cr0(), cr4 = pv_read_cr4(), cr3 = pv_read_cr3();
	uint64_t raw, v, fl;
	uint64_t pml4_pa, *pml4;

	raw = hw_read_cr0();
	check(raw == cr0, "op read_cr0 agrees with mov", "%lx vs %lx", cr0, raw);
	fl = pv_irq_save_flags();
	pv_irq_disable();
	pv_write_cr0(cr0 & ~HW_CR0_WP);	/* WP off and back */
	v = pv_read_cr0();
	pv_write_cr0(cr0);
	pv_irq_restore_flags(fl);
	check(!(v & HW_CR0_WP) && pv_read_cr0() == cr0,
	      "op write_cr0 round trip", "read %lx", v);

	pv_write_cr2(0x1234000);
	v = pv_read_cr2();
	check(v == 0x1234000, "op write_cr2/read_cr2 round trip", "%lx", v);

	raw = hw_read_cr3();
	check(raw == cr3 && cr3 == kernel_as.pml4_pa, "op read_cr3",
	      "op %lx insn %lx", cr3, raw);
	/* another PML4 with the same kernel half: switch, read, switch back */
	pml4_pa = pmm_alloc();
	pml4 = phys_ptr(pml4_pa);
	pv_alloc_pt(4, pml4_pa >> 12);
	for (int i = 256; i < 512; i++)
		pv_set_pxe(4, &pml4[i], kernel_as.pml4[i]);
	pv_write_cr3(pml4_pa);
	v = pv_read_cr3();
	raw = hw_read_cr3();
	pv_write_cr3(cr3);
	check(v == pml4_pa && raw == pml4_pa && pv_read_cr3() == cr3,
	      "op write_cr3 then read_cr3", "wrote %lx read %lx", pml4_pa, v);
	pv_release_pt(4, pml4_pa >> 12);
	pmm_free(pml4_pa);

	pv_write_cr4(cr4 ^ (1ull << 8));	/* PCE: harmless */
	v = pv_read_cr4();
	pv_write_cr4(cr4);
	check(v == (cr4 ^ (1ull << 8)) && pv_read_cr4() == cr4,
	      "op write_cr4/read_cr4 round trip", "read %lx", v);

	pv_write_cr8(5);
	v = pv_read_cr8();
	raw = hw_read_cr8();
	pv_write_cr8(0);
	check(v == 5 && raw == 5, "op write_cr8/read_cr8 round trip",
	      "op %lx insn %lx", v, raw);

	fl = pv_irq_save_flags();
	pv_irq_disable();
	pv_write_cr0(cr0 | HW_CR0_TS);	/* set TS */
	v = pv_read_cr0();
	pv_clts();
	check((v & 8) && !(pv_read_cr0() & 8), "op clts clears CR0.TS",
	      "cr0 %lx then %lx", v, pv_read_cr0());
	pv_irq_restore_flags(fl);
}

KTEST(cpu_desc)
{
	struct pvrom_desc_ptr p, q;
	static uint64_t gdt2[GDT_ENTRIES] __attribute__((aligned(16)));
	uint64_t desc, fl;
	uint16_t sel;

	pv_store_gdt(&p);
	check(p.base == (uint64_t)gdt && p.limit == sizeof(gdt) - 1,
	      "op store_gdt", "base %lx limit %x", p.base, p.limit);
	memcpy(gdt2, gdt, sizeof(gdt2));
	q = (struct pvrom_desc_ptr){ .limit = sizeof(gdt2) - 1,
				     .base = (uint64_t)gdt2 };
	fl = pv_irq_save_flags();
	pv_irq_disable();
	pv_load_gdt(&q);
	pv_store_gdt(&q);
	pv_load_gdt(&p);
	pv_irq_restore_flags(fl);
	check(q.base == (uint64_t)gdt2, "op load_gdt round trip", "base %lx",
	      q.base);

	pv_store_idt(&p);
	check(p.base == (uint64_t)idt && p.limit == sizeof(idt) - 1,
	      "op store_idt", "base %lx limit %x", p.base, p.limit);
	fl = pv_irq_save_flags();
	pv_irq_disable();
	q = (struct pvrom_desc_ptr){ .limit = 0xfff, .base = (uint64_t)idt };
	pv_load_idt(&q);
	pv_store_idt(&q);
	pv_load_idt(&p);
	pv_irq_restore_flags(fl);
	check(q.limit == 0xfff, "op load_idt round trip", "limit %x", q.limit);

	sel = pv_store_tr();
	check(sel == SEL_TSS, "op store_tr", "tr %x", sel);
	cpu_reload();		/* re-marks the TSS available, then load_tr */
	check(pv_store_tr() == SEL_TSS, "op load_tr round trip", "tr %x",
	      pv_store_tr());

	pv_load_ldt(SEL_LDT);
	sel = pv_store_ldt();
	pv_load_ldt(0);
	check(sel == SEL_LDT && pv_store_ldt() == 0, "op load_ldt/store_ldt",
	      "ldt %x", sel);

	/* a data descriptor in the spare GDT entry, then really load it */
	desc = 0x00cf92000000ffffull;
	pv_write_gdt_entry(gdt, SEL_SPARE / 8, &desc, 8);
	check(gdt[SEL_SPARE / 8] == desc, "op write_gdt_entry writes the entry",
	      "%lx", gdt[SEL_SPARE / 8]);
	{
		uint16_t es;

		__asm__ __volatile__("movw %w1, %%es\n movw %%es, %w0\n"
				     "movw %w2, %%es"
				     : "=&r"(es) : "r"(SEL_SPARE), "r"(SEL_KDATA));
		check(es == SEL_SPARE, "descriptor written by the op loads",
		      "es %x", es);
	}
}

static volatile unsigned gate_hits;
static void gate_handler(struct trap_frame *f)
{
	(void)f;
	gate_hits++;
	pv_eoi();
}

KTEST(cpu_idt_gate)
{
	uint8_t saved[16];

	memcpy(saved, &idt[0x42 * 16], 16);
	memset(&idt[0x42 * 16], 0, 16);
	irq_register(0x42, gate_handler);
	idt_set_gate(0x42, isr_table[0x42], 0, 0);	/* pv_write_idt_entry */
	check(!memcmp(saved, &idt[0x42 * 16], 16),
	      "op write_idt_entry writes the gate", "differs");
	/* a self-IPI rather than "int $0x42": the nested KVM here fails to
	 * emulate software interrupts */
	pv_apic_write(HW_APIC_ICR_LO, (1u << 18) | (1u << 14) | 0x42);	/* self, assert */
	for (int i = 0; i < 1000000 && !gate_hits; i++)
		__asm__ __volatile__("pause");
	check(gate_hits == 1, "gate written by the op delivers a self-IPI",
	      "hits %u", gate_hits);
	irq_register(0x42, NULL);
}

KTEST(cpu_kernel_stack)
{
	uint64_t old = tss.rsp[0];

	pv_set_kernel_stack(&tss, 0xffff800000123000);
	check(tss.rsp[0] == 0xffff800000123000, "op set_kernel_stack writes rsp0",
	      "rsp0 %lx", tss.rsp[0]);
	pv_set_kernel_stack(&tss, old);
}

KTEST(cpu_dr)
{
	bool ok = true;
	uint64_t v;

	for (uint32_t r = 0; r < 4; r++) {
		uint64_t want = 0xffffffff80100000ull + r * 0x40;

		if (pv_write_dr(r, want) || pv_read_dr(r, &v) || v != want)
			ok = false;
		pv_write_dr(r, 0);
	}
	check(ok, "op write_dr/read_dr round trip (DR0-DR3)", "mismatch");
	ok = pv_write_dr(7, 0x400) == 0 && pv_read_dr(7, &v) == 0 &&
	     (v & 0xff) == 0;
	check(ok, "op write_dr/read_dr DR7", "dr7 %lx", v);
	check(pv_read_dr(9, &v) == -PVROM_EINVAL && pv_write_dr(9, 0) ==
	      -PVROM_EINVAL, "op read_dr/write_dr refuse a bad register",
	      "accepted DR9");
}

struct pmc_arg { uint64_t v; };
static void do_rdpmc(void *a)
{
	((struct pmc_arg *)a)->v = pv_rdpmc(0);
}

KTEST(cpu_tsc)
{
	uint64_t a, b, c;
	struct pmc_arg pa;

	a = hw_rdtsc();
	b = pv_rdtsc();
	c = hw_rdtsc();
	check(a <= b && b <= c, "op rdtsc between two rdtsc instructions",
	      "%lx %lx %lx", a, b, c);
	if (cpu_has(HW_CPUID_EXT_FEATURES, 'd', 27)) {	/* RDTSCP */
		uint32_t aux = 0xdead;
		uint64_t want;

		pv_rdmsr_safe(HW_MSR_TSC_AUX, &want);
		a = hw_rdtsc();
		b = pv_rdtscp(&aux);
		c = hw_rdtsc();
		check(a <= b && b <= c && aux == (uint32_t)want,
		      "op rdtscp (value and TSC_AUX)", "aux %x want %lx", aux,
		      want);
	} else {
		skip("op rdtscp", "CPU has no RDTSCP");
	}
	if (try_call(do_rdpmc, &pa) == 0)
		pass("op rdpmc returns");
	else if (last_fault.vector == 13 || last_fault.vector == 6)
		skip("op rdpmc", "counter 0 raised %s here (no PMU)",
		     last_fault.vector == 13 ? "#GP" : "#UD");
	else
		check(false, "op rdpmc", "vector %lu", last_fault.vector);
}

KTEST(cpu_misc)
{
	uint64_t fs = pv_read_fs_base(), gs = pv_read_gs_base();
	uint64_t kgs = pv_read_kernel_gs_base(), v, fl;

	pv_wbinvd();
	pass("op wbinvd returns");
	pv_io_delay();
	pass("op io_delay returns");

	pv_write_fs_base(0x7f0000001000);
	check(pv_read_fs_base() == 0x7f0000001000 &&
	      !pv_rdmsr_safe(HW_MSR_FS_BASE, &v) && v == 0x7f0000001000,
	      "op write_fs_base/read_fs_base (and the MSR)", "%lx", v);
	pv_write_gs_base(0xffff800000002000);
	check(pv_read_gs_base() == 0xffff800000002000 &&
	      !pv_rdmsr_safe(HW_MSR_GS_BASE, &v) && v == 0xffff800000002000,
	      "op write_gs_base/read_gs_base (and the MSR)", "%lx", v);
	pv_write_kernel_gs_base(0x3000);
	check(pv_read_kernel_gs_base() == 0x3000 &&
	      !pv_rdmsr_safe(HW_MSR_KERNEL_GS_BASE, &v) && v == 0x3000,
	      "op write_kernel_gs_base/read_kernel_gs_base", "%lx", v);
	fl = pv_irq_save_flags();
	pv_irq_disable();
	pv_swapgs();
	v = pv_read_gs_base();
	check(v == 0x3000 && pv_read_kernel_gs_base() == 0xffff800000002000,
	      "op swapgs exchanges GS base and kernel GS base", "gs %lx", v);
	pv_swapgs();
	pv_irq_restore_flags(fl);
	check(pv_read_gs_base() == 0xffff800000002000, "op swapgs twice",
	      "gs %lx", pv_read_gs_base());
	pv_write_fs_base(fs);
	pv_write_gs_base(gs);
	pv_write_kernel_gs_base(kgs);

	pv_console_write("console_write: hello from the op\n", 33);
	pass("op console_write returns");
	skip("op shutdown", "would end the VM; see tests=shutdown");
	skip("op reboot", "would end the VM (status 0 under -no-reboot)");
}

/* tests=shutdown: the last thing the kernel does. */
KTEST(shutdown)
{
	if (strcmp(kopts.tests, "shutdown"))
		return;
	printf("shutdown: calling the op; QEMU should power off now\n");
	pv_shutdown();
	check(false, "op shutdown", "returned");
}

/* tests=crash: an unexpected fault, to see the register dump (exit 1). */
KTEST(crash)
{
	if (strcmp(kopts.tests, "crash"))
		return;
	printf("crash: reading an unmapped address, expect a register dump\n");
	(void)*(volatile uint64_t *)0xdead000;
	check(false, "crash", "no fault");
}
