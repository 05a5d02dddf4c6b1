// SPDX-License-Identifier: GPL-2.0-only
/*
 * Native devices: the COM1 console (rom/console.c is the ROM's twin),
 * shutdown and reboot (rom/power.c).  The devices themselves are abi/hw's
 * (uart.h, power.h); what is left here is remembering whether COM1 is there.
 */
#include "guest/bind/native_int.h"
#include "abi/hw/uart.h"
#include "abi/hw/power.h"

static int uart;			/* 0 unknown, 1 usable, -1 absent */

void pvb_native_console_write(const char *buf, uint64_t len)
{
	if (!buf)
		return;
	if (!uart)
		uart = hw_uart_probe(HW_COM1) ? 1 : -1;
	if (uart < 0)
		return;
	for (uint64_t i = 0; i < len; i++)
		if (hw_uart_putc(HW_COM1, (uint8_t)buf[i]))
			return;		/* stuck: drop the rest */
}

void pvb_native_shutdown(void)
{
	hw_poweroff();
}

void pvb_native_reboot(void)
{
	hw_reset();
}
