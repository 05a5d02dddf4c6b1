/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ROM's debug console: COM1, polled (abi/hw/uart.h).  Every wait is
 * bounded so a missing or stuck UART costs time, never a hang.  A UART the
 * guest already programmed (LCR non-zero) is left as it is.
 */
#include "rom/priv.h"
#include "abi/hw/uart.h"

static int console_ready(void)
{
	struct rom_data *d = &pvrom_data;

	if (d->console == ROM_CONSOLE_UNKNOWN)
		d->console = hw_uart_probe(HW_COM1) ? ROM_CONSOLE_OK :
						      ROM_CONSOLE_ABSENT;
	return d->console == ROM_CONSOLE_OK;
}

void pvrom_console_write(const char *buf, uint64_t len)
{
	uint64_t i;

	if (!buf || !console_ready())
		return;
	for (i = 0; i < len; i++)
		if (hw_uart_putc(HW_COM1, (uint8_t)buf[i]))
			return;		/* stuck: drop the rest */
}

void rom_puts(const char *s)
{
	uint64_t n = 0;

	while (s[n])
		n++;
	pvrom_console_write(s, n);
}
