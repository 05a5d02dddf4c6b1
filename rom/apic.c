/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Local APIC access for apic_read/apic_write/eoi and the alarm.  Registers
 * are named by their xAPIC MMIO offset in both modes; in x2APIC mode offset
 * R is MSR 0x800 + R/16.  The one register that differs, the 64-bit x2APIC
 * ICR, is assembled from the xAPIC pair: a write to ICR high (0x310) is kept
 * per CPU and the destination in its bits 31:24 is used by the next write to
 * ICR low (0x300), which sends the IPI, as in xAPIC mode.
 */
#include "rom/priv.h"

#define APIC_EOI	0x0b0
#define APIC_ICR_LO	0x300
#define APIC_ICR_HI	0x310
#define APIC_LVT_TIMER	0x320
#define APIC_TMR_INIT	0x380
#define APIC_TMR_CUR	0x390
#define APIC_TMR_DIV	0x3e0

#define LVT_MASKED	(1u << 16)
#define TMR_DIV_16	0x3		/* divide configuration for /16 */
#define TMR_CAL_NS	10000000ull	/* 10 ms */

#define APIC_BASE_EXTD	(1ull << 10)
#define APIC_BASE_EN	(1ull << 11)

uint32_t rom_apic_mode_probe(uint64_t apic_va)
{
	uint64_t base;

	if (apic_va)
		return ROM_APIC_XAPIC;
	if (rom_rdmsr_safe(MSR_APIC_BASE, &base))
		return ROM_APIC_NONE;
	if ((base & (APIC_BASE_EN | APIC_BASE_EXTD)) ==
	    (APIC_BASE_EN | APIC_BASE_EXTD))
		return ROM_APIC_X2APIC;
	return ROM_APIC_NONE;
}

static int reg_ok(uint32_t reg)
{
	return reg < 0x400 && !(reg & 0xf);
}

uint32_t rom_apic_rd(uint32_t reg)
{
	const struct rom_data *d = &pvrom_data;
	uint64_t v;

	if (!reg_ok(reg))
		return 0;
	switch (d->apic_mode) {
	case ROM_APIC_XAPIC:
		return *(volatile uint32_t *)(uintptr_t)(d->apic_va + reg);
	case ROM_APIC_X2APIC:
		if (reg == APIC_ICR_HI)
			return rom_this_cpu()->icr_high;
		/* Registers x2APIC lacks fault: answer 0 instead. */
		if (rom_rdmsr_safe(0x800 + (reg >> 4), &v))
			return 0;
		return (uint32_t)v;
	default:
		return 0;
	}
}

void rom_apic_wr(uint32_t reg, uint32_t val)
{
	const struct rom_data *d = &pvrom_data;

	if (!reg_ok(reg))
		return;
	switch (d->apic_mode) {
	case ROM_APIC_XAPIC:
		*(volatile uint32_t *)(uintptr_t)(d->apic_va + reg) = val;
		break;
	case ROM_APIC_X2APIC:
		if (reg == APIC_ICR_HI) {
			rom_this_cpu()->icr_high = val;
		} else if (reg == APIC_ICR_LO) {
			uint64_t dest = rom_this_cpu()->icr_high >> 24;

			rom_wrmsr_safe(0x830, (dest << 32) | val);
		} else if (reg == APIC_EOI) {
			wrmsr(0x80b, 0);	/* hot path, never faults */
		} else {
			rom_wrmsr_safe(0x800 + (reg >> 4), val);
		}
		break;
	default:
		break;
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

/*
 * Measure the LAPIC timer input rate (after the /16 divider) against the
 * TSC, then leave the timer stopped with the guest's LVT entry restored.
 */
void rom_apic_timer_init(void)
{
	struct rom_data *d = &pvrom_data;
	uint32_t lvt, cur;
	uint64_t t0, t1, ticks;

	if (d->apic_mode == ROM_APIC_NONE)
		return;
	lvt = rom_apic_rd(APIC_LVT_TIMER);
	rom_apic_wr(APIC_LVT_TIMER, LVT_MASKED | 0xff);
	rom_apic_wr(APIC_TMR_DIV, TMR_DIV_16);
	/*
	 * Time each APIC access by its midpoint: under a hypervisor both
	 * exit, and counting their whole cost against the timer would
	 * underestimate its rate, making alarms fire early.
	 */
	t0 = rdtsc();
	rom_apic_wr(APIC_TMR_INIT, 0xffffffffu);
	t0 += (rdtsc() - t0) / 2;
	rom_tsc_wait(TMR_CAL_NS);
	t1 = rdtsc();
	cur = rom_apic_rd(APIC_TMR_CUR);
	t1 += (rdtsc() - t1) / 2;
	rom_apic_wr(APIC_TMR_INIT, 0);
	rom_apic_wr(APIC_LVT_TIMER, lvt);
	ticks = 0xffffffffu - cur;
	if (!ticks || t1 <= t0 || cur == 0) {
		rom_fallback("LAPIC timer did not count: no alarms");
		return;
	}
	/* ticks < 2^32 and tsc_hz < 2^34 in any real machine: no overflow
	 * worth a 128-bit divide. */
	d->apic_timer_hz = ticks * d->tsc_hz / (t1 - t0);
	if (d->apic_timer_hz)
		d->apic_mult = (d->apic_timer_hz << 32) / 1000000000ull;
}
