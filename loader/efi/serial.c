/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Raw COM1 output for the last words before the jump: after
 * ExitBootServices ConOut is gone.  OVMF has already programmed the UART;
 * the poll is bounded (abi/hw/uart.h) so a machine without COM1 does not
 * hang us.
 */
#include "abi/hw/uart.h"
#include "loader/efi/pvboot.h"

static void serial_putc(char c)
{
	(void)hw_uart_putc(HW_COM1, (UINT8)c);
}

void serial_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s);
	}
}

void serial_hex(UINT64 v)
{
	char buf[19];

	buf[0] = '0';
	buf[1] = 'x';
	for (int i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
	buf[18] = 0;
	serial_puts(buf);
}
