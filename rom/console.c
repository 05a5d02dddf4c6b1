/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ROM's debug console: COM1 (0x3f8), polled.  Every wait is bounded so a
 * missing or stuck UART costs time, never a hang.  A UART the guest already
 * programmed (LCR non-zero) is left as it is.
 */
#include "rom/priv.h"

#define COM1		0x3f8
#define UART_THR	0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_SCR	7
#define LSR_THRE	0x20
#define THRE_POLLS	100000u

static int console_ready(void)
{
	struct rom_data *d = &pvrom_data;

	if (d->console == ROM_CONSOLE_UNKNOWN) {
		/* The scratch register tells a UART from an empty port. */
		outb(COM1 + UART_SCR, 0x5a);
		if (inb(COM1 + UART_SCR) != 0x5a) {
			d->console = ROM_CONSOLE_ABSENT;
			return 0;
		}
		if (inb(COM1 + UART_LCR) == 0) {
			outb(COM1 + UART_IER, 0);
			outb(COM1 + UART_LCR, 0x80);	/* divisor latch */
			outb(COM1 + 0, 1);		/* 115200 baud */
			outb(COM1 + 1, 0);
			outb(COM1 + UART_LCR, 0x03);	/* 8N1 */
			outb(COM1 + UART_FCR, 0x07);	/* FIFO on, cleared */
			outb(COM1 + UART_MCR, 0x03);	/* DTR, RTS */
		}
		d->console = ROM_CONSOLE_OK;
	}
	return d->console == ROM_CONSOLE_OK;
}

void pvrom_console_write(const char *buf, uint64_t len)
{
	uint64_t i;
	uint32_t n;

	if (!buf || !console_ready())
		return;
	for (i = 0; i < len; i++) {
		for (n = 0; n < THRE_POLLS; n++)
			if (inb(COM1 + UART_LSR) & LSR_THRE)
				break;
		if (n == THRE_POLLS)
			return;		/* stuck: drop the rest */
		outb(COM1 + UART_THR, (uint8_t)buf[i]);
	}
}

void rom_puts(const char *s)
{
	uint64_t n = 0;

	while (s[n])
		n++;
	pvrom_console_write(s, n);
}
