/* SPDX-License-Identifier: GPL-2.0-only */
/* Tiny memory/string helpers usable after ExitBootServices (no firmware). */
#include "loader/efi/pvboot.h"

void *mem_copy(void *d, const void *s, UINTN n)
{
	UINT8 *dp = d;
	const UINT8 *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

void mem_zero(void *d, UINTN n)
{
	UINT8 *dp = d;

	while (n--)
		*dp++ = 0;
}

UINTN str_len(const char *s)
{
	UINTN n = 0;

	while (s[n])
		n++;
	return n;
}

void str_copy(char *d, const char *s, UINTN max)
{
	UINTN i = 0;

	if (!max)
		return;
	for (; i + 1 < max && s[i]; i++)
		d[i] = s[i];
	d[i] = 0;
}
