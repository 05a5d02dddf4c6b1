// SPDX-License-Identifier: GPL-2.0-only
/*
 * Compiled (never run) by bind_standalone.sh: calls every pv_*() wrapper
 * once, so the script can check that each becomes exactly one recorded
 * "call *pv_ops+N(%rip)", and nothing of the sort under PVOPS_NATIVE.
 */
#include "guest/bind/pvops.h"

uint64_t pvb_sites_all(void *p, uint64_t v)
{
	uint64_t acc = 0;
	struct pvrom_init_args *ia = p;
	struct pvrom_init_result *ir = p;
	struct pvrom_info *info = p;
	struct pvrom_cpuid_regs *cr = p;
	struct pvrom_desc_ptr *dp = p;
	uint64_t *e = p;
	uint32_t aux;

	acc += (uint64_t)pv_init(ia, ir);
	acc += (uint64_t)pv_info(info);
	pv_cpuid((uint32_t)v, 0, cr);
	acc += (uint64_t)pv_rdmsr_safe((uint32_t)v, e);
	acc += (uint64_t)pv_wrmsr_safe((uint32_t)v, v);
	acc += pv_read_cr0();
	pv_write_cr0(v);
	acc += pv_read_cr2();
	pv_write_cr2(v);
	acc += pv_read_cr3();
	pv_write_cr3(v);
	acc += pv_read_cr4();
	pv_write_cr4(v);
	acc += pv_read_cr8();
	pv_write_cr8(v);
	pv_load_gdt(dp);
	pv_store_gdt(dp);
	pv_load_idt(dp);
	pv_store_idt(dp);
	pv_load_tr((uint16_t)v);
	acc += pv_store_tr();
	pv_load_ldt((uint16_t)v);
	acc += pv_store_ldt();
	pv_write_gdt_entry(p, 3, e, 16);
	pv_write_idt_entry(p, 14, e);
	pv_set_kernel_stack(p, v);
	acc += (uint64_t)pv_read_dr(7, e);
	acc += (uint64_t)pv_write_dr(7, v);
	acc += pv_rdtsc();
	acc += pv_rdtscp(&aux) + aux;
	acc += pv_rdpmc(0);
	pv_wbinvd();
	pv_clts();
	acc += pv_read_fs_base();
	pv_write_fs_base(v);
	acc += pv_read_gs_base();
	pv_write_gs_base(v);
	acc += pv_read_kernel_gs_base();
	pv_write_kernel_gs_base(v);
	pv_swapgs();
	pv_io_delay();
	pv_halt();
	pv_safe_halt();
	pv_shutdown();
	pv_reboot();
	pv_console_write(p, v);
	pv_irq_disable();
	pv_irq_enable();
	acc += pv_irq_save_flags();
	pv_irq_restore_flags(v);
	pv_eoi();
	acc += pv_apic_read(0x20);
	pv_apic_write(0x80, (uint32_t)v);
	pv_set_pxe(1, e, v);
	pv_update_pxe(1, e, v, v);
	pv_alloc_pt(1, v);
	pv_release_pt(1, v);
	pv_flush_tlb_local();
	pv_flush_tlb_global();
	pv_flush_tlb_page(v);
	pv_lazy_mmu_enter();
	pv_lazy_mmu_leave();
	acc += pv_phys_to_machine(v);
	acc += pv_machine_to_phys(v);
	acc += pv_cycle_frequency();
	acc += pv_cycle_counter();
	acc += pv_monotonic_ns();
	acc += pv_wallclock_ns();
	acc += (uint64_t)pv_set_alarm(v, 0x40);
	pv_cancel_alarm();
	acc += pv_steal_time_ns();
#if PVROM_ABI_MINOR >= 1
	acc += pv_tsc_khz();
	acc += (uint64_t)pv_op_info(p, p);
#endif
	return acc;
}
