/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KVM ops that read one shared record: steal time and PV EOI.  (io_delay
 * under NOP_IO_DELAY is rom_nop.)
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
 * write is needed, the same as without KVM (rom/eoi.S).  One variant per
 * APIC mode, chosen at init, so neither asks which mode it is in.
 */
static int kvm_eoi_claimed(void)
{
	uint8_t was_set;

	__asm__ volatile("lock btrl $0, %0"
			 : "+m"(kvm_cpu()->pv_eoi), "=@ccc"(was_set)
			 : : "memory");
	return was_set;
}

void kvm_eoi_xapic(void)
{
	if (!kvm_eoi_claimed())
		rom_eoi_xapic();
}

void kvm_eoi_x2apic(void)
{
	if (!kvm_eoi_claimed())
		rom_eoi_x2apic();
}
