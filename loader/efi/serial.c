/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Raw COM1 output for the last words before the jump: after
 * ExitBootServices ConOut is gone.  OVMF has already programmed the UART;
 * the poll is bounded so a machine without COM1 does not hang us.
 */
#include "loader/efi/pvboot.h"

#define COM1		0x3f8
#define LSR_THRE	0x20

static inline UINT8 inb(UINT16 port)
{
	UINT8 v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(UINT16 port, UINT8 v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static void serial_putc(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + 5) & LSR_THRE); i++)
		;
	outb(COM1, (UINT8)c);
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
