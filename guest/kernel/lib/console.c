/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console: COM1 (abi/hw/uart.h) from the first C instruction; once the
 * ROM is bound, its console_write op instead (main.c decides).
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "abi/hw/uart.h"
#include "abi/hw/x86.h"

#define DEBUG_EXIT_PORT	0xf4	/* QEMU's isa-debug-exit (tests/qemu) */

static bool use_rom;

/* Polled, no interrupts; left as firmware set it up, else 115200 8N1. */
void serial_init(void)
{
	hw_uart_probe(HW_COM1);
}

/* bounded wait: a missing UART must not hang the kernel */
static void serial_putc(char c)
{
	hw_uart_putc(HW_COM1, (uint8_t)c);
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
	hw_outl(DEBUG_EXIT_PORT, (uint32_t)code);
	/* no isa-debug-exit device: stop here rather than run on */
	hw_halt_forever();
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
