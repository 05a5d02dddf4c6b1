/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console: COM1 (8250 UART at 0x3f8) from the first C instruction; once the
 * ROM is bound, its console_write op instead (main.c decides).
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"

#define COM1	0x3f8

static bool use_rom;

void serial_init(void)
{
	outb(COM1 + 1, 0x00);	/* no interrupts: we poll */
	outb(COM1 + 3, 0x80);	/* DLAB */
	outb(COM1 + 0, 0x01);	/* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);	/* 8N1 */
	outb(COM1 + 2, 0xc7);	/* FIFO on, cleared */
	outb(COM1 + 4, 0x03);	/* DTR, RTS */
}

static void serial_putc(char c)
{
	/* bounded wait: a missing UART must not hang the kernel */
	for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++)
		;
	outb(COM1, (uint8_t)c);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

void console_use_rom(bool on)
{
	use_rom = on;
}

bool console_on_rom(void)
{
	return use_rom;
}

/* The ROM's console writes bytes as they are; QEMU's -serial stdio puts
 * the terminal in raw mode, so line ends get their \r here. */
static void rom_write(const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n') {
			if (i > start)
				pv_console_write(s + start, i - start);
			pv_console_write("\r\n", 2);
			start = i + 1;
		}
	if (n > start)
		pv_console_write(s + start, n - start);
}

void console_write(const char *s, size_t n)
{
	if (use_rom)
		rom_write(s, n);
	else
		serial_write(s, n);
}

void qemu_exit(int code)
{
	outl(0xf4, (uint32_t)code);
	/* no isa-debug-exit device: stop here rather than run on */
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	use_rom = false;	/* the ROM may be what broke */
	printf("PANIC: %s\n", buf);
	printf("FAIL: kernel panic\n");
	qemu_exit(EXIT_FAIL);
}
