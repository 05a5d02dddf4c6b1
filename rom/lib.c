/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memcpy and memset: a freestanding compiler may still emit calls to them
 * for struct copies and clears.  Byte loops keep them small; the ROM never
 * moves much.
 */
#include "rom/priv.h"

void *memcpy(void *dst, const void *src, unsigned long n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, unsigned long n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}
