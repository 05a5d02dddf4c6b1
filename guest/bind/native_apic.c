// SPDX-License-Identifier: GPL-2.0-only
/*
 * Native LAPIC ops (rom/apic.c is the ROM's twin): apic_read/apic_write and
 * eoi through the xAPIC page at env->apic_va or the x2APIC MSRs, and the
 * alarms on the LAPIC timer.  Registers are named by their xAPIC MMIO
 * offset in both modes.
 */
#include "guest/bind/native_int.h"

/* reg is the xAPIC MMIO offset in both modes (a multiple of 16 below
 * 0x400); x2APIC lacks some registers, hence the safe MSR accessors. */
static uint32_t apic_rd(uint32_t reg)
{
	uint64_t v = 0;

	if (reg & 0xF || reg >= 0x400)
		return 0;
	if (pvb_nat.apic == 1)
		return *(volatile uint32_t *)(pvb_nat.apic_va + reg);
	if (pvb_nat.apic == 2)
		pvb_native_rdmsr_safe(MSR_X2APIC_BASE + (reg >> 4), &v);
	return (uint32_t)v;
}

static void apic_wr(uint32_t reg, uint32_t val)
{
	if (reg & 0xF || reg >= 0x400)
		return;
	if (pvb_nat.apic == 1) {
		*(volatile uint32_t *)(pvb_nat.apic_va + reg) = val;
	} else if (pvb_nat.apic == 2) {
		/* x2APIC has one 64-bit ICR; an xAPIC-style caller writes the
		 * destination (ICR_HI[31:24]) first, then the command. */
		if (reg == APIC_ICR_HI)
			pvb_nat.icr_hi = val;
		else if (reg == APIC_ICR_LO)
			pvb_native_wrmsr_safe(MSR_X2APIC_BASE + (APIC_ICR_LO >> 4),
					      ((uint64_t)(pvb_nat.icr_hi >> 24) << 32) | val);
		else
			pvb_native_wrmsr_safe(MSR_X2APIC_BASE + (reg >> 4), val);
	}
}

uint32_t pvb_native_apic_read(uint32_t reg) { return apic_rd(reg); }
void pvb_native_apic_write(uint32_t reg, uint32_t val) { apic_wr(reg, val); }
void pvb_native_eoi(void) { apic_wr(APIC_EOI, 0); }

void pvb_native_apic_setup(uint64_t apic_va)
{
	struct pvrom_cpuid_regs r;

	if (pvb_nat.apic_done)
		return;
	pvb_nat.apic_done = 1;
	if (apic_va) {
		pvb_nat.apic = 1;
		pvb_nat.apic_va = apic_va;
		return;
	}
	pvn_cpuid(1, 0, &r);
	if (!(r.edx & (1u << 9)))
		return;
	uint64_t base = pvn_rdmsr_raw(MSR_APIC_BASE);
	if ((base & (APIC_BASE_ENABLE | APIC_BASE_X2APIC)) ==
	    (APIC_BASE_ENABLE | APIC_BASE_X2APIC)) {
		pvb_nat.apic = 2;
		pvb_nat.features |= PVROM_FEAT_X2APIC;
	}
}

/* ---- alarms on the LAPIC timer (one-shot, divide by 16) ---- */
int32_t pvb_native_set_alarm(uint64_t deadline_ns, uint32_t vector)
{
	if (vector < 32 || vector > 255)
		return -PVROM_EINVAL;
	if (!pvb_nat.apic || !pvb_nat.apic_hz)
		return -PVROM_ENOSYS;
	uint64_t now = pvb_native_monotonic_ns();
	uint64_t delta = deadline_ns > now ? deadline_ns - now : 0;
	if (delta > (1ull << 62))
		return -PVROM_ERANGE;
	/* Round up: an alarm may fire late, never early. */
	uint64_t ticks = pvb_mul_shr32(delta, pvb_nat.apic_mult) + 1;
	if (ticks > 0xFFFFFFFFull)
		return -PVROM_ERANGE;
	apic_wr(APIC_TIMER_INIT, 0);
	apic_wr(APIC_TIMER_DIV, APIC_DIV_16);
	apic_wr(APIC_LVT_TIMER, vector);	/* one-shot, unmasked */
	apic_wr(APIC_TIMER_INIT, (uint32_t)ticks);
	return 0;
}

void pvb_native_cancel_alarm(void)
{
	if (!pvb_nat.apic)
		return;
	apic_wr(APIC_LVT_TIMER, APIC_LVT_MASKED | 0xFF);
	apic_wr(APIC_TIMER_INIT, 0);
}
