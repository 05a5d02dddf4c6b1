/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KVM ops that are one shared record or nothing at all: steal time, PV EOI
 * and io_delay.
 */
#include "rom/kvm/kvm.h"

uint64_t kvm_steal_time_ns(void)
{
	const volatile struct rom_kvm_steal *s = &kvm_cpu()->steal;
	uint64_t t;
	uint32_t v;

	do {
		v = s->version;
		__asm__ volatile("" ::: "memory");
		t = s->steal;
		__asm__ volatile("" ::: "memory");
	} while ((v & 1) || v != s->version);
	return t;
}

/*
 * The host sets bit 0 of the word when it injected an interrupt whose EOI
 * it can do itself at the next exit.  Clearing the bit atomically claims
 * that EOI (the host may clear it too, on a VM exit); otherwise the APIC
 * write is needed, the same as without KVM (rom/apic.c).
 */
void kvm_eoi(void)
{
	uint8_t was_set;

	__asm__ volatile("lock btrl $0, %0"
			 : "+m"(kvm_cpu()->pv_eoi), "=@ccc"(was_set)
			 : : "memory");
	if (!was_set)
		rom_apic_eoi();
}

/* NOP_IO_DELAY: the host does not need port 0x80 delays.  Stays a bare
 * ret, so the op is still callee-save. */
void kvm_io_delay(void)
{
}
