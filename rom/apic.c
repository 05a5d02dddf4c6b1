/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Local APIC access for apic_read/apic_write, the choice of the EOI every
 * backend falls back to (rom/eoi.S), and the timer rate the alarms use.  Registers are named by their
 * xAPIC MMIO offset in both modes (abi/hw/lapic.h).  The one register that
 * differs, the 64-bit x2APIC ICR, is assembled from the xAPIC pair: a write
 * to ICR high (0x310) is kept per CPU and its destination is used by the
 * next write to ICR low (0x300), which sends the IPI, as in xAPIC mode.
 */
#include "rom/priv.h"
#include "abi/hw/lapic.h"
#include "abi/hw/msr.h"

uint32_t rom_apic_mode_probe(uint64_t apic_va)
{
	uint64_t base;

	if (apic_va)
		return ROM_APIC_XAPIC;
	if (rom_rdmsr_safe(HW_MSR_APIC_BASE, &base))
		return ROM_APIC_NONE;
	if (hw_apic_base_is_x2apic(base))
		return ROM_APIC_X2APIC;
	return ROM_APIC_NONE;
}

uint32_t rom_apic_rd(uint32_t reg)
{
	const struct rom_data *d = &pvrom_data;
	uint64_t v;

	if (!hw_apic_reg_valid(reg))
		return 0;
	switch (d->apic_mode) {
	case ROM_APIC_XAPIC:
		return *(volatile uint32_t *)(uintptr_t)(d->apic_va + reg);
	case ROM_APIC_X2APIC:
		if (reg == HW_APIC_ICR_HI)
			return rom_this_cpu()->icr_high;
		/* Registers x2APIC lacks fault: answer 0 instead. */
		if (rom_rdmsr_safe(hw_x2apic_msr(reg), &v))
			return 0;
		return (uint32_t)v;
	default:
		return 0;
	}
}

void rom_apic_wr(uint32_t reg, uint32_t val)
{
	const struct rom_data *d = &pvrom_data;

	if (!hw_apic_reg_valid(reg))
		return;
	switch (d->apic_mode) {
	case ROM_APIC_XAPIC:
		*(volatile uint32_t *)(uintptr_t)(d->apic_va + reg) = val;
		break;
	case ROM_APIC_X2APIC:
		if (reg == HW_APIC_ICR_HI)
			rom_this_cpu()->icr_high = val;
		else if (reg == HW_APIC_ICR_LO)
			rom_wrmsr_safe(HW_X2APIC_ICR,
				       hw_x2apic_icr(rom_this_cpu()->icr_high, val));
		else
			rom_wrmsr_safe(hw_x2apic_msr(reg), val);
		break;
	default:
		break;
	}
}

/* The native EOI, and the one a hypervisor's EOI falls back to: the write
 * of the mode init found, or nothing without an APIC. */
pvrom_eoi_fn *rom_apic_eoi_impl(void)
{
	switch (pvrom_data.apic_mode) {
	case ROM_APIC_XAPIC:
		return rom_eoi_xapic;
	case ROM_APIC_X2APIC:
		return rom_eoi_x2apic;
	default:
		return rom_nop;
	}
}

uint32_t pvrom_apic_read(uint32_t reg)
{
	return rom_apic_rd(reg);
}

void pvrom_apic_write(uint32_t reg, uint32_t val)
{
	rom_apic_wr(reg, val);
}

/* After rom_time_init: the timer rate (after /16) the alarms convert with. */
void rom_apic_timer_init(void)
{
	struct rom_data *d = &pvrom_data;

	if (d->apic_mode == ROM_APIC_NONE)
		return;
	d->apic_timer_hz = hw_apic_timer_hz(rom_apic_rd, rom_apic_wr, rom_rdtsc,
					    d->tsc_hz);
	if (!d->apic_timer_hz) {
		rom_fallback("LAPIC timer did not count: no alarms");
		return;
	}
	d->apic_mult = (d->apic_timer_hz << 32) / 1000000000ull;
}
