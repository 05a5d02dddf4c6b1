/* SPDX-License-Identifier: MIT */
/*
 * abi/hw: x86 port I/O.  Not part of the ROM/guest binary contract
 * (abi/hw/README.md).
 */
#ifndef HW_IO_H
#define HW_IO_H

/* The POST-code port: a write to it is the classic ~1 us bus delay. */
#define HW_PORT_POST		0x80

#ifndef __ASSEMBLER__
#include <stdint.h>

static inline uint8_t hw_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint16_t hw_inw(uint16_t port)
{
	uint16_t v;

	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t hw_inl(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void hw_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void hw_outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void hw_outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}
#endif /* !__ASSEMBLER__ */

#endif /* HW_IO_H */
