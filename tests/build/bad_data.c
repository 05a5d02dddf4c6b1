// SPDX-License-Identifier: GPL-2.0-only
/* Initialised mutable state: a writable .data section, which a ROM may not
 * have (its state lives in the guest-provided data area). */
int pvrom_test_counter = 1;

int pvrom_test_bump(void);
int pvrom_test_bump(void)
{
	return ++pvrom_test_counter;
}
