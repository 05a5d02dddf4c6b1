/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Leaving the machine: ACPI soft-off and reset, each with fallbacks that
 * need no firmware tables (abi/hw/power.h says which ports and why).
 */
#include "rom/priv.h"
#include "abi/hw/power.h"

void pvrom_shutdown(void)
{
	hw_poweroff();
}

void pvrom_reboot(void)
{
	hw_reset();
}
