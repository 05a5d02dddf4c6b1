// SPDX-License-Identifier: GPL-2.0-only
/* Zero-initialised mutable state: a .bss section (memsz > filesz). */
static unsigned long pvrom_test_calls;

unsigned long pvrom_test_count(void);
unsigned long pvrom_test_count(void)
{
	return ++pvrom_test_calls;
}
