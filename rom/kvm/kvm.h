/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private header of the KVM backend.  Numbers from Linux's
 * Documentation/virt/kvm/x86/cpuid.rst and msr.rst: KVM's interface, used
 * only here, so not in abi/hw.
 */
#ifndef ROM_KVM_H
#define ROM_KVM_H

#include "rom/priv.h"
#include "abi/hw/x86.h"

#define KVM_CPUID_SIGNATURE	HW_CPUID_HV	/* the first hypervisor leaf */
#define KVM_CPUID_FEATURES	0x40000001

/* 0x40000001 EAX bits */
#define KVM_F_NOP_IO_DELAY	(1u << 1)
#define KVM_F_CLOCKSOURCE2	(1u << 3)
#define KVM_F_STEAL_TIME	(1u << 5)
#define KVM_F_PV_EOI		(1u << 6)

#define MSR_KVM_WALL_CLOCK_NEW	0x4b564d00
#define MSR_KVM_SYSTEM_TIME_NEW	0x4b564d01
#define MSR_KVM_STEAL_TIME	0x4b564d03
#define MSR_KVM_PV_EOI_EN	0x4b564d04
#define KVM_MSR_ENABLE		1ull	/* bit 0 of the three per-CPU MSRs */

#pragma GCC visibility push(hidden)

/* rom/kvm/kvm.c */
uint64_t kvm_pa(const volatile void *p);
uint32_t kvm_cpu_enable(struct rom_percpu *pc);
struct rom_percpu *kvm_cpu(void);

/* rom/kvm/clock.c */
int kvm_clock_start(struct rom_percpu *pc);

/* rom/kvm/cpuid.c */
void kvm_cpuid_fill(void);

/* The ops this backend installs. */
pvrom_monotonic_ns_fn kvm_monotonic_ns;
pvrom_wallclock_ns_fn kvm_wallclock_ns;
pvrom_steal_time_ns_fn kvm_steal_time_ns;
pvrom_eoi_fn kvm_eoi_xapic, kvm_eoi_x2apic;
pvrom_cpuid_fn kvm_cpuid;

#pragma GCC visibility pop

#endif /* ROM_KVM_H */
