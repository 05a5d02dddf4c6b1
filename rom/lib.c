/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small helpers every part of the ROM uses: memcpy and memset (a
 * freestanding compiler may still emit calls to them for struct copies and
 * clears; byte loops keep them small, the ROM never moves much), string
 * copies into fixed fields, and the fallback record info reports.
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

/* src into a field of cap bytes: cut to leave a NUL, the rest zero.  (One
 * loop: src stops advancing at its NUL, and the last byte is always 0.) */
void rom_copy_str(char *dst, const char *src, uint32_t cap)
{
	while (cap--)
		*dst++ = cap && *src ? *src++ : 0;
}

/* Record that a facility fell back to a lesser method; info reports the
 * count and the last reason. */
void rom_fallback(const char *why)
{
	pvrom_data.fallbacks++;
	rom_copy_str(pvrom_data.note, why, sizeof(pvrom_data.note));
}
