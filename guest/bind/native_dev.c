// SPDX-License-Identifier: GPL-2.0-only
/*
 * Native devices: the COM1 console (rom/console.c is the ROM's twin),
 * shutdown and reboot (rom/power.c).
 */
#include "guest/bind/native_int.h"

/* ---- console: COM1, polled ---- */
#define COM1		0x3F8
#define UART_SPIN	100000u

static int uart;			/* 0 unknown, 1 usable, -1 absent */

/* Set up COM1 only if nobody did (LCR 0): 115200 8N1, FIFOs on.  A UART is
 * present if its scratch register keeps what we write. */
static void uart_probe(void)
{
	outb(COM1 + 7, 0x5A);
	if (inb(COM1 + 7) != 0x5A) {
		uart = -1;
		return;
	}
	if (inb(COM1 + 3) == 0) {
		outb(COM1 + 1, 0x00);		/* no UART interrupts */
		outb(COM1 + 3, 0x80);		/* DLAB */
		outb(COM1 + 0, 0x01);		/* divisor 1: 115200 */
		outb(COM1 + 1, 0x00);
		outb(COM1 + 3, 0x03);		/* 8N1 */
		outb(COM1 + 2, 0x07);		/* FIFOs on and cleared */
	}
	uart = 1;
}

void pvb_native_console_write(const char *buf, uint64_t len)
{
	if (!buf)
		return;
	if (!uart)
		uart_probe();
	if (uart < 0)
		return;
	for (uint64_t i = 0; i < len; i++) {
		uint32_t spins = 0;
		/* LSR bit 5: transmit holding register empty. */
		while (!(inb(COM1 + 5) & 0x20))
			if (++spins >= UART_SPIN)
				return;		/* stuck: drop the rest */
		outb(COM1, (uint8_t)buf[i]);
	}
}

/* ---- power ---- */
/* No ACPI parser here: the PM1a control ports of QEMU's PIIX4 PM under
 * SeaBIOS (0x604) and of Bochs/older QEMU (0xB004), SLP_TYP 0 + SLP_EN. */
void pvb_native_shutdown(void)
{
	outw(0x604, 0x2000);
	outw(0xB004, 0x2000);
	for (;;)
		__asm__ volatile("cli; hlt");
}

void pvb_native_reboot(void)
{
	static const struct pvb_packed_desc null_idt = { 0, 0 };

	for (int i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
		;
	outb(0x64, 0xFE);		/* 8042: pulse the reset line */
	outb(0xCF9, 0x02);		/* PCI reset control: hard reset */
	outb(0xCF9, 0x06);
	/* Last resort: any exception with an empty IDT triple-faults. */
	__asm__ volatile("lidt %0; int3" : : "m"(null_idt));
	for (;;)
		__asm__ volatile("cli; hlt");
}
