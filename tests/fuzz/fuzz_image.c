// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over the validator: pvb_validate, every op lookup through
 * each hash table, pvb_symbol iteration and the licence policy.  Each input
 * is tried as is and again resealed (CRC and checksum fixed up), so that
 * mutations get past the checksum and reach the ELF parser.
 *
 * Invariants checked (a violation aborts, which libFuzzer reports):
 *   - after PVB_OK, an op is found through DT_HASH iff through DT_GNU_HASH,
 *     at an offset inside the mapped text;
 *   - every symbol pvb_symbol lists is found again by its (name, version).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "abi/pvrom/ops.h"
#include "guest/bind/image.h"
#include "linker/seal.h"

static void exercise(const uint8_t *buf, size_t size)
{
	struct pvb_image img;
	uint32_t a, b, c, i, off, sz;
	const char *name, *ver;
	unsigned k;
	int ea, eb, ec;

	if (pvb_validate(buf, size, PVROM_ABI_MAJOR, &img) != PVB_OK)
		return;
	(void)pvb_license_gpl_compatible(img.license);
	(void)pvb_license_gpl_compatible(img.vendor);
	for (k = 0; k < PVROM_OP_COUNT_ALL; k++) {
		const struct pvb_op_desc *op = &pvb_catalog[k];

		ea = pvb_lookup(&img, op->sym, op->version, &a);
		eb = pvb_lookup_sysv(&img, op->sym, op->version, &b);
		ec = pvb_lookup_gnu(&img, op->sym, op->version, &c);
		if ((ea == PVB_OK) != (eb == PVB_OK) || (eb == PVB_OK) != (ec == PVB_OK))
			abort();
		if (ea == PVB_OK && (a >= img.text_size || b >= img.text_size))
			abort();
	}
	for (i = 0; i <= img.nsyms; i++) {
		if (!pvb_symbol(&img, i, &name, &ver, &off, &sz))
			continue;
		if (off >= img.text_size && sz)
			abort();
		if (*ver && (pvb_lookup_sysv(&img, name, ver, &a) != PVB_OK ||
			     pvb_lookup_gnu(&img, name, ver, &b) != PVB_OK))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy;
	uint32_t len;

	if (size > 2 * PVROM_IMAGE_MAX)
		return 0;
	exercise(data, size);
	if (size < 512)
		return 0;
	len = data[PVROM_OPTROM_LEN_OFF] * PVROM_OPTROM_UNIT;
	if (len == 0 || len > size)
		return 0;
	/* An exact-size heap copy, so ASan sees any read past the image. */
	copy = malloc(size);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	pvrom_seal(copy, len);
	exercise(copy, size);
	free(copy);
	return 0;
}
