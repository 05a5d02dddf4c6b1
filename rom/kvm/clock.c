/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kvmclock: the host publishes, per vCPU, a TSC sample, the system time
 * (ns) at that sample and the TSC-to-ns scale; time is that plus the scaled
 * TSC delta.  Monotonic time is kvmclock minus its value at init, wall clock
 * the host's wall clock at kvmclock 0 plus kvmclock.
 */
#include "rom/kvm/kvm.h"
#include "abi/hw/hw.h"
#include "abi/hw/x86.h"

#define barrier()	__asm__ volatile("" ::: "memory")

static uint64_t pvclock_read(const volatile struct rom_pvclock *p)
{
	uint64_t delta, ns;
	uint32_t v;
	int8_t shift;

	do {
		v = p->version;
		barrier();
		/* ordered: rdtsc must not run ahead of the version read */
		delta = hw_rdtsc_ordered() - p->tsc_timestamp;
		shift = p->tsc_shift;
		delta = shift < 0 ? delta >> -shift : delta << shift;
		ns = p->system_time + hw_mul_shr32(delta, p->tsc_to_system_mul);
		barrier();
	} while ((v & 1) || v != p->version);
	return ns;
}

/*
 * kvm_cpu() registered this CPU's record first.  (The MSR that worked on
 * the boot CPU does on every vCPU; were it to fault on another CPU, the
 * zero record would freeze that CPU's clock, never run it backwards.)
 */
static uint64_t kvm_clock_raw(const struct rom_percpu *pc)
{
	return pvclock_read(&pc->pvclock);
}

/*
 * Never backwards on one CPU, even if the host's update moves the clock
 * back a little; cmpxchg because an NMI may read the clock in between.
 */
uint64_t kvm_monotonic_ns(void)
{
	struct rom_percpu *pc = kvm_cpu();
	uint64_t raw = kvm_clock_raw(pc), base = pvrom_data.kvm_base_ns;
	uint64_t now = raw > base ? raw - base : 0;
	uint64_t last = __atomic_load_n(&pc->last_ns, __ATOMIC_RELAXED);

	do {
		if (now <= last)
			return last;
	} while (!__atomic_compare_exchange_n(&pc->last_ns, &last, now, 0,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return now;
}

uint64_t kvm_wallclock_ns(void)
{
	return pvrom_data.kvm_wall_ns + kvm_clock_raw(kvm_cpu());
}

/*
 * At init on the boot CPU, after its kvmclock MSR write: derive the cycle
 * rate from the scale and read the wall clock.  Non-zero if the host never
 * filled the record.
 */
int kvm_clock_start(struct rom_percpu *pc)
{
	struct rom_data *d = &pvrom_data;
	const volatile struct rom_pvclock *p = &pc->pvclock;
	const volatile struct rom_kvm_wall *w = &d->kvm_wall;
	uint32_t mul = p->tsc_to_system_mul, v, sec, nsec;
	int8_t shift = p->tsc_shift;
	uint64_t hz;

	if (!p->version || !mul)
		return -1;
	/* ns per cycle = mul * 2^shift / 2^32, so Hz = 1e9 * 2^32 / mul
	 * / 2^shift; 1e9 << 32 still fits 64 bits. */
	hz = (1000000000ull << 32) / mul;
	d->tsc_hz = shift < 0 ? hz << -shift : hz >> shift;

	if (!rom_wrmsr_safe(MSR_KVM_WALL_CLOCK_NEW, kvm_pa(w))) {
		do {
			v = w->version;
			barrier();
			sec = w->sec;
			nsec = w->nsec;
			barrier();
		} while ((v & 1) || v != w->version);
		if (v)
			d->kvm_wall_ns = sec * 1000000000ull + nsec;
	}
	d->kvm_base_ns = kvm_clock_raw(pc);
	if (d->kvm_wall_ns)
		d->boot_wallclock_ns = d->kvm_wall_ns + d->kvm_base_ns;
	else
		rom_fallback("kvm: wall clock MSR failed: RTC");
	return 0;
}
