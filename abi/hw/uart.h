/* SPDX-License-Identifier: MIT */
/*
 * abi/hw: the 8250/16550 UART, polled, as found at COM1 on every PC and
 * emulated by every hypervisor.  Every wait is bounded: a missing or stuck
 * UART costs time, never a hang.  Not part of the ROM/guest binary contract
 * (abi/hw/README.md).
 */
#ifndef HW_UART_H
#define HW_UART_H

#include "abi/hw/io.h"

#define HW_COM1			0x3f8

/* Registers, as offsets from the base port */
#define HW_UART_THR		0	/* transmit (write) */
#define HW_UART_DLL		0	/* divisor low, with LCR.DLAB */
#define HW_UART_IER		1
#define HW_UART_DLM		1	/* divisor high, with LCR.DLAB */
#define HW_UART_FCR		2
#define HW_UART_LCR		3
#define HW_UART_MCR		4
#define HW_UART_LSR		5
#define HW_UART_SCR		7	/* scratch: only a UART keeps a value */

#define HW_UART_LCR_8N1		0x03
#define HW_UART_LCR_DLAB	0x80
#define HW_UART_FCR_ON_CLEAR	0x07	/* FIFOs on, both cleared */
#define HW_UART_MCR_DTR_RTS	0x03
#define HW_UART_LSR_THRE	0x20	/* transmit holding register empty */
#define HW_UART_DIV_115200	1	/* of the 1.8432 MHz / 16 clock */

/* Polls of LSR per character before declaring the UART stuck. */
#define HW_UART_THRE_POLLS	100000

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * 1 if a UART answers at 'base' (its scratch register keeps what is
 * written), else 0.  A UART nobody set up (LCR 0) is programmed to 115200
 * 8N1, FIFOs on, no interrupts; one already set up (by firmware, or by
 * whoever else uses it) is left as it is.
 */
static inline int hw_uart_probe(uint16_t base)
{
	hw_outb((uint16_t)(base + HW_UART_SCR), 0x5a);
	if (hw_inb((uint16_t)(base + HW_UART_SCR)) != 0x5a)
		return 0;
	if (hw_inb((uint16_t)(base + HW_UART_LCR)) == 0) {
		hw_outb((uint16_t)(base + HW_UART_IER), 0);
		hw_outb((uint16_t)(base + HW_UART_LCR), HW_UART_LCR_DLAB);
		hw_outb((uint16_t)(base + HW_UART_DLL), HW_UART_DIV_115200);
		hw_outb((uint16_t)(base + HW_UART_DLM), 0);
		hw_outb((uint16_t)(base + HW_UART_LCR), HW_UART_LCR_8N1);
		hw_outb((uint16_t)(base + HW_UART_FCR), HW_UART_FCR_ON_CLEAR);
		hw_outb((uint16_t)(base + HW_UART_MCR), HW_UART_MCR_DTR_RTS);
	}
	return 1;
}

/* Send one byte once the transmitter has room: 0, or -1 if it never did. */
static inline int hw_uart_putc(uint16_t base, uint8_t c)
{
	uint32_t n;

	for (n = 0; n < HW_UART_THRE_POLLS; n++)
		if (hw_inb((uint16_t)(base + HW_UART_LSR)) & HW_UART_LSR_THRE) {
			hw_outb((uint16_t)(base + HW_UART_THR), c);
			return 0;
		}
	return -1;
}
#endif /* !__ASSEMBLER__ */

#endif /* HW_UART_H */
