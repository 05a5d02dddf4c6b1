// SPDX-License-Identifier: GPL-2.0-only
/*
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, init and final xor
 * 0xFFFFFFFF).  Four bits per step with a 16-entry table: small enough for
 * a freestanding guest, fast enough for a 16 KiB ROM.
 */
#include "guest/bind/image.h"

static const uint32_t crc_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
	0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
	0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

uint32_t pvb_crc32(uint32_t crc, const void *p, size_t n)
{
	const uint8_t *b = p;

	crc = ~crc;
	while (n--) {
		crc ^= *b++;
		crc = (crc >> 4) ^ crc_nibble[crc & 15];
		crc = (crc >> 4) ^ crc_nibble[crc & 15];
	}
	return ~crc;
}

uint32_t pvb_image_crc(const uint8_t *rom, uint32_t size)
{
	/* The crc32 (4 bytes) and checksum (1 byte) fields are adjacent; the
	 * CRC reads them as zero so that sealing is order-independent. */
	static const uint8_t zero[5];
	const uint32_t f = PVROM_HEADER_OFFSET +
			   (uint32_t)__builtin_offsetof(struct pvrom_header, crc32);
	uint32_t crc;

	_Static_assert(__builtin_offsetof(struct pvrom_header, checksum) ==
		       __builtin_offsetof(struct pvrom_header, crc32) + 4,
		       "crc32 and checksum adjacent");
	if (size <= f + 5)
		return pvb_crc32(0, rom, size);
	crc = pvb_crc32(0, rom, f);
	crc = pvb_crc32(crc, zero, 5);
	return pvb_crc32(crc, rom + f + 5, size - f - 5);
}
