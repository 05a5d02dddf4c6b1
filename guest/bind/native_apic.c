// SPDX-License-Identifier: GPL-2.0-only
/*
 * Native LAPIC ops (rom/apic.c is the ROM's twin): apic_read/apic_write and
 * eoi through the xAPIC page at env->apic_va or the x2APIC MSRs, and the
 * alarms on the LAPIC timer.  Registers are named by their xAPIC MMIO
 * offset in both modes; the register facts, the x2APIC ICR, the timer rate
 * measurement and the alarm arithmetic are abi/hw/lapic.h's.
 */
#include "guest/bind/native_int.h"

/* x2APIC lacks some registers, hence the safe MSR accessors. */
uint32_t pvb_native_apic_read(uint32_t reg)
{
	uint64_t v = 0;

	if (!hw_apic_reg_valid(reg))
		return 0;
	if (pvb_nat.apic == 1)
		return *(volatile uint32_t *)(pvb_nat.apic_va + reg);
	if (pvb_nat.apic == 2)
		pvb_native_rdmsr_safe(hw_x2apic_msr(reg), &v);
	return (uint32_t)v;
}

void pvb_native_apic_write(uint32_t reg, uint32_t val)
{
	if (!hw_apic_reg_valid(reg))
		return;
	if (pvb_nat.apic == 1) {
		*(volatile uint32_t *)(pvb_nat.apic_va + reg) = val;
	} else if (pvb_nat.apic == 2) {
		/* One 64-bit ICR: an xAPIC-style caller writes the destination
		 * (ICR high) first, then the command, which sends.  One CPU,
		 * so one kept ICR high (the ROM keeps one per CPU). */
		if (reg == HW_APIC_ICR_HI)
			pvb_nat.icr_hi = val;
		else if (reg == HW_APIC_ICR_LO)
			pvb_native_wrmsr_safe(HW_X2APIC_ICR,
					      hw_x2apic_icr(pvb_nat.icr_hi, val));
		else
			pvb_native_wrmsr_safe(hw_x2apic_msr(reg), val);
	}
}

void pvb_native_eoi(void)
{
	pvb_native_apic_write(HW_APIC_EOI, 0);
}

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
	hw_cpuid(HW_CPUID_FEATURES, 0, &r);
	if (!(r.edx & HW_CPUID_1_EDX_APIC))
		return;
	if (hw_apic_base_is_x2apic(hw_rdmsr(HW_MSR_APIC_BASE))) {
		pvb_nat.apic = 2;
		pvb_nat.features |= PVROM_FEAT_X2APIC;
	}
}

/* The LAPIC timer's rate, against the TSC (10 ms), once.  Only what arms a
 * native alarm needs it: a bound ROM's alarms own the timer otherwise. */
void pvb_nat_need_timer(void)
{
	uint64_t hz;

	if (pvb_nat.timer_done || !pvb_nat.apic)
		return;
	pvb_nat.timer_done = 1;
	pvb_nat_need_tsc();
	uint64_t flags = hw_save_flags();
	hw_cli();
	hz = hw_apic_timer_hz(pvb_native_apic_read, pvb_native_apic_write,
			      hw_rdtsc, pvb_nat.tsc_hz);
	hw_restore_flags(flags);
	if (hz && hz < (1ull << 32)) {		/* keeps apic_mult in 64 bits */
		pvb_nat.apic_hz = hz;
		pvb_nat.apic_mult = (hz << 32) / NSEC;
	} else {
		pvb_nat.fallbacks++;
		if (!pvb_nat.note)
			pvb_nat.note = "LAPIC timer did not count: no alarms";
	}
}

/* ---- alarms on the LAPIC timer (one-shot, divide by 16) ---- */
int32_t pvb_native_set_alarm(uint64_t deadline_ns, uint32_t vector)
{
	if (vector < 32 || vector > 255)
		return -PVROM_EINVAL;
	pvb_nat_need_timer();
	if (!pvb_nat.apic || !pvb_nat.apic_hz)
		return -PVROM_ENOSYS;
	uint64_t now = pvb_native_monotonic_ns();
	uint64_t delta = deadline_ns > now ? deadline_ns - now : 0;
	uint64_t ticks = hw_apic_alarm_ticks(delta, pvb_nat.apic_mult);
	if (ticks > 0xFFFFFFFFull)
		return -PVROM_ERANGE;
	hw_apic_timer_oneshot(pvb_native_apic_write, vector, (uint32_t)ticks);
	return 0;
}

void pvb_native_cancel_alarm(void)
{
	if (!pvb_nat.apic)
		return;
	hw_apic_timer_stop(pvb_native_apic_read, pvb_native_apic_write);
}
