// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkbad: make a deliberately broken ROM from a good one, for the QEMU cases
 * that check the guest refuses it (or falls back per op) without crashing.
 * Each variant breaks exactly one thing and keeps everything else valid, so
 * the guest's refusal names the intended check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guest/bind/image.h"
#include "linker/seal.h"

static uint8_t rom[PVROM_IMAGE_MAX];

static void die(const char *msg)
{
	fprintf(stderr, "mkbad: %s\n", msg);
	exit(2);
}

/* Point symbol 'name' at version index 1 (unversioned base): a lookup of
 * (name, PVROM_1.0) then finds nothing, as if the ROM lacked the op. */
static void unversion(struct pvb_image *img, const char *name)
{
	for (uint32_t i = 0; i < img->nsyms; i++) {
		const char *n, *v;
		uint32_t off, size;
		if (!pvb_symbol(img, i, &n, &v, &off, &size) || strcmp(n, name))
			continue;
		uint8_t *vs = (uint8_t *)img->elf + img->versym_off + 2 * i;
		vs[0] = 1;
		vs[1] = 0;
		return;
	}
	die("symbol not found");
}

static void usage(void)
{
	fputs("usage: mkbad VARIANT GOOD.rom OUT.rom\n"
	      "variants: checksum crc major2 license noinit nocpuid truncated\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc != 4)
		usage();
	const char *variant = argv[1];
	FILE *f = fopen(argv[2], "rb");
	if (!f)
		die("cannot open input");
	size_t n = fread(rom, 1, sizeof(rom), f);
	fclose(f);

	struct pvb_image img;
	int err = pvb_validate(rom, n, PVROM_ABI_MAJOR, &img);
	if (err)
		die(pvb_strerror(err));
	uint32_t size = img.rom_size;
	struct pvrom_header *hdr = (struct pvrom_header *)(rom + PVROM_HEADER_OFFSET);

	if (!strcmp(variant, "checksum")) {
		rom[size - 1] ^= 0x5a;			/* padding byte, no reseal */
	} else if (!strcmp(variant, "crc")) {
		rom[size - 1] ^= 0x5a;			/* then make the sum right again */
		uint8_t sum = 0;
		for (uint32_t i = 0; i < size; i++)
			sum += rom[i];
		hdr->checksum -= sum;
	} else if (!strcmp(variant, "major2")) {
		hdr->abi_major = 2;
		pvrom_seal(rom, size);
	} else if (!strcmp(variant, "license")) {
		char *l = (char *)img.license;
		size_t len = strlen(l);
		const char *bad = "LicenseRef-vendor-only";
		memset(l, 0, len);
		memcpy(l, bad, strlen(bad) < len ? strlen(bad) : len);
		pvrom_seal(rom, size);
	} else if (!strcmp(variant, "noinit")) {
		unversion(&img, "pvrom_init");
		pvrom_seal(rom, size);
	} else if (!strcmp(variant, "nocpuid")) {
		unversion(&img, "pvrom_cpuid");
		pvrom_seal(rom, size);
	} else if (!strcmp(variant, "truncated")) {
		size = img.hdr->elf_offset + img.elf_size / 2;	/* cut inside the ELF */
	} else {
		usage();
	}

	f = fopen(argv[3], "wb");
	if (!f || fwrite(rom, 1, size, f) != size || fclose(f))
		die("cannot write output");
	return 0;
}
