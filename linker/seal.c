// SPDX-License-Identifier: GPL-2.0-only
#include <stddef.h>
#include "linker/seal.h"
#include "guest/bind/image.h"

void pvrom_seal(uint8_t *rom, uint32_t size)
{
	uint8_t *h = rom + PVROM_HEADER_OFFSET;
	uint8_t *ck = h + offsetof(struct pvrom_header, checksum);
	uint32_t crc, i;
	uint8_t sum = 0;

	/* The CRC reads crc32 and checksum as zero, so it can go first; the
	 * checksum then covers the CRC bytes too. */
	crc = pvb_image_crc(rom, size);
	for (i = 0; i < 4; i++)
		h[offsetof(struct pvrom_header, crc32) + i] = (uint8_t)(crc >> (8 * i));
	*ck = 0;
	for (i = 0; i < size; i++)
		sum += rom[i];
	*ck = (uint8_t)-sum;
}
