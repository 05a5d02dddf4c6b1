/* SPDX-License-Identifier: MIT */
/*
 * abi/hw: leaving the machine without firmware tables: ACPI soft-off at the
 * PM1a control ports firmware commonly uses, and reset through every
 * controller that can do it.  Not part of the ROM/guest binary contract
 * (abi/hw/README.md).
 */
#ifndef HW_POWER_H
#define HW_POWER_H

#include "abi/hw/io.h"
#include "abi/hw/x86.h"

/*
 * PM1a control: QEMU 7.2's PIIX4 PM under SeaBIOS has it at 0x604 (measured:
 * powers off; 0xb004 does nothing there), Bochs and older QEMU at 0xb004.
 * S5 is sleep type 0 on both, so the value is SLP_EN alone.
 */
#define HW_PM1A_CNT_QEMU	0x604
#define HW_PM1A_CNT_BOCHS	0xb004
#define HW_PM1_SLP_EN		0x2000		/* with SLP_TYP 0: S5 */

#define HW_KBC_STATUS		0x64		/* 8042 status (read) */
#define HW_KBC_CMD		0x64		/* 8042 command (write) */
#define HW_KBC_STATUS_IBF	0x02		/* input buffer full: busy */
#define HW_KBC_PULSE_RESET	0xfe		/* pulse output line 0: reset */
#define HW_KBC_POLLS		100000

#define HW_PCI_RST_CNT		0xcf9		/* PIIX/ICH reset control */
#define HW_RST_CNT_SYS		0x02		/* full (not just CPU) reset */
#define HW_RST_CNT_CPU		0x04		/* 0 -> 1 starts the reset */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* ACPI S5 at both ports; a machine that does not power off stops. */
static inline __attribute__((noreturn)) void hw_poweroff(void)
{
	hw_outw(HW_PM1A_CNT_QEMU, HW_PM1_SLP_EN);
	hw_outw(HW_PM1A_CNT_BOCHS, HW_PM1_SLP_EN);
	hw_halt_forever();
}

/* Reset: the 8042's reset line, then the PCI reset control register, then
 * an empty IDT, which turns the next exception into a triple fault. */
static inline __attribute__((noreturn)) void hw_reset(void)
{
	struct hw_desc_ptr none;
	uint32_t n;

	for (n = 0; n < HW_KBC_POLLS && (hw_inb(HW_KBC_STATUS) & HW_KBC_STATUS_IBF); n++)
		;
	hw_outb(HW_KBC_CMD, HW_KBC_PULSE_RESET);
	hw_outb(HW_PCI_RST_CNT, HW_RST_CNT_SYS);
	hw_outb(HW_PCI_RST_CNT, HW_RST_CNT_SYS | HW_RST_CNT_CPU);
	none.limit = 0;
	none.base = 0;
	__asm__ volatile("lidt %0; int3" : : "m"(none) : "memory");
	hw_halt_forever();
}
#endif /* !__ASSEMBLER__ */

#endif /* HW_POWER_H */
