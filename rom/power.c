/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Leaving the machine: ACPI soft-off and reset, each with fallbacks that
 * need no firmware tables.
 */
#include "rom/priv.h"

static void __attribute__((noreturn)) stop(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

/*
 * ACPI soft-off without parsing ACPI: write SLP_TYPa=0 | SLP_EN to the PM1a
 * control ports firmware commonly sets up.  QEMU 7.2's PIIX4 PM under
 * SeaBIOS has it at 0x604 (measured: powers off; 0xb004 does nothing there);
 * 0xb004 is the Bochs/older QEMU location.  S5 is sleep type 0 on both.  If
 * neither powers off, stop the CPU.
 */
void pvrom_shutdown(void)
{
	outw(0x604, 0x2000);
	outw(0xb004, 0x2000);
	stop();
}

void pvrom_reboot(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) none = { 0, 0 };
	uint32_t n;

	/* 8042 keyboard controller: pulse the reset line. */
	for (n = 0; n < 100000 && (inb(0x64) & 0x02); n++)
		;
	outb(0x64, 0xfe);
	/* PCI reset control register (PIIX/ICH): full reset. */
	outb(0xcf9, 0x02);
	outb(0xcf9, 0x06);
	/* Last resort: an empty IDT turns the next exception into a triple
	 * fault. */
	__asm__ volatile("lidt %0; int3" : : "m"(none) : "memory");
	stop();
}
