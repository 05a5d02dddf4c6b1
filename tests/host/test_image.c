// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host unit tests of the validator (guest/bind/image.c), run under ASan and
 * UBSan: test_image ROM-1.0 ROM-1.1
 *
 * A good image must validate and resolve every op through both hash
 * tables; every bad-ROM variant of tests/badrom/variants.c (the good image
 * with one thing broken) must reach the verdict its row names.  One
 * PASS:/FAIL: line per check.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/pvrom/ops.h"
#include "guest/bind/image.h"
#include "linker/seal.h"
#include "tests/badrom/variants.h"
#include "tests/host/check.h"

static uint8_t *load(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = malloc(256 * 1024);
	size_t n;

	if (!f || !buf) {
		printf("FAIL: load %s (cannot open)\n", path);
		free(buf);
		if (f)
			fclose(f);
		exit(1);
	}
	n = fread(buf, 1, 256 * 1024, f);
	fclose(f);
	*size = n;
	return buf;
}

static uint16_t g16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t g32(const uint8_t *p) { return g16(p) | (uint32_t)g16(p + 2) << 16; }

#define HDR(f)	(PVROM_HEADER_OFFSET + offsetof(struct pvrom_header, f))

/* The good image (ABI x.0) and a copy to break. */
static uint8_t *good, *work;
static size_t good_size;
static struct pvb_image good_img;

/* Every bad-ROM variant must reach its own verdict. */
static void test_variants(void)
{
	char name[160];
	size_t k;

	for (k = 0; k < badrom_count; k++) {
		const struct badrom_variant *v = &badrom_variants[k];
		struct badrom b;
		const char *why;
		int err;

		memcpy(work, good, good_size);
		err = badrom_start(&b, work, good_size);
		why = err ? "the good image does not validate" : v->mutate(&b);
		if (why) {
			printf("SKIP: malformed: %s (%s)\n", v->what, why);
			continue;
		}
		err = badrom_verdict(work, b.size);
		snprintf(name, sizeof(name), "malformed: %s -> %s", v->what,
			 pvb_errname(v->verdict));
		result(err == v->verdict, name, "got %s: %s", pvb_errname(err), pvb_strerror(err));
	}
}

/* ---- good images ------------------------------------------------------ */

/* How many catalogue ops a ROM of 'minor' must export. */
static unsigned ops_up_to(unsigned minor)
{
	unsigned k, n = 0;

	for (k = 0; k < PVROM_OP_COUNT_ALL; k++)
		n += pvb_catalog[k].minor <= minor;
	return n;
}

/* The first op of a minor after x.0 (ABI x.0 ROMs lack it). */
static const struct pvb_op_desc *newer_op(void)
{
	unsigned k;

	for (k = 0; k < PVROM_OP_COUNT_ALL; k++)
		if (pvb_catalog[k].minor > 0)
			return &pvb_catalog[k];
	return NULL;
}

static int lookup_all3(const struct pvb_image *img, const char *name, const char *ver,
		       uint32_t *off)
{
	uint32_t a = 0, b = 0, c = 0;
	int ea = pvb_lookup(img, name, ver, &a);
	int eb = pvb_lookup_sysv(img, name, ver, &b);
	int ec = pvb_lookup_gnu(img, name, ver, &c);

	if (ea != eb || eb != ec)
		return -1;
	if (ea == PVB_OK && (a != b || b != c))
		return -2;
	*off = a;
	return ea;
}

static void test_ops(const char *what, const struct pvb_image *img)
{
	const char *cpuid = pvb_catalog[PVROM_OP_cpuid].sym, *first_bad = "";
	unsigned minor = g16(img->rom + HDR(abi_minor)), k, bad = 0, n = 0;
	char name[160];
	uint32_t off;
	int err;

	for (k = 0; k < PVROM_OP_COUNT_ALL; k++) {
		const struct pvb_op_desc *op = &pvb_catalog[k];

		if (op->minor > minor)
			continue;
		err = lookup_all3(img, op->sym, op->version, &off);
		n++;
		if (err != PVB_OK || off >= img->text_size) {
			if (!bad++)
				first_bad = op->sym;
		}
	}
	snprintf(name, sizeof(name), "%s: all %u ops of ABI %u.%u at their version nodes via "
		 "lookup, DT_HASH and DT_GNU_HASH with equal offsets", what, n,
		 PVROM_ABI_MAJOR, minor);
	result(bad == 0, name, "%u failed, first %s", bad, first_bad);

	err = lookup_all3(img, cpuid, PVROM_VERSION_NODE(1), &off);
	snprintf(name, sizeof(name), "%s: wrong version is not found", what);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
	err = lookup_all3(img, cpuid, "PVROM_2.0", &off);
	snprintf(name, sizeof(name), "%s: unknown version is not found", what);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
	err = lookup_all3(img, "pvrom_no_such_op", PVROM_VERSION_NODE(0), &off);
	snprintf(name, sizeof(name), "%s: wrong name is not found", what);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
	err = lookup_all3(img, "pvrom_cpui", PVROM_VERSION_NODE(0), &off);
	snprintf(name, sizeof(name), "%s: name prefix is not found", what);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
	err = lookup_all3(img, cpuid, PVROM_VERSION_PREFIX PVROM_STR(PVROM_ABI_MAJOR) ".", &off);
	snprintf(name, sizeof(name), "%s: version prefix is not found", what);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
	err = pvb_lookup(img, cpuid, NULL, &off);
	snprintf(name, sizeof(name), "%s: NULL version is not found", what);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
	err = badrom_verdict(img->rom, img->rom_size);
	snprintf(name, sizeof(name), "%s: the bad-ROM variants' verdict accepts it", what);
	result(err == PVB_OK, name, "got %s", pvb_errname(err));
}

static unsigned count_symbols(const struct pvb_image *img)
{
	uint32_t i;
	unsigned n = 0;

	for (i = 0; i < img->nsyms + 2; i++)
		n += pvb_symbol(img, i, NULL, NULL, NULL, NULL) != 0;
	return n;
}

static void test_good(const char *path10, const char *path11)
{
	struct pvb_image img11, img;
	size_t size11;
	uint8_t *rom11 = load(path11, &size11), *copy;
	const struct pvb_op_desc *newer = newer_op();
	char name[160];
	uint32_t off;
	unsigned n;
	int err;

	err = pvb_validate(good, good_size, PVROM_ABI_MAJOR, &good_img);
	result(err == PVB_OK, "ABI 1.0 ROM validates", "%s: %s", pvb_errname(err),
	       pvb_strerror(err));
	if (err) {
		printf("FAIL: cannot continue without a valid %s\n", path10);
		free(rom11);
		free(good);
		free(work);
		exit(1);
	}
	result(good_img.license && !strcmp(good_img.license, "GPL-2.0-only"),
	       "licence note is GPL-2.0-only", "%s", good_img.license ? good_img.license : "NULL");
	result(good_img.build_id && good_img.build_id_len == 20, "build-id is 20 bytes (sha1)",
	       "len %u", good_img.build_id_len);
	result(good_img.release && good_img.vendor && good_img.backends &&
	       good_img.source_url && good_img.source_hash && strlen(good_img.source_hash) == 64,
	       "release, vendor, backends, source URL and sha256 source hash notes present",
	       "some missing");
	result(good_img.layout.data_size == g32(good + HDR(data_size)) &&
	       good_img.layout.percpu_size == g32(good + HDR(percpu_size)),
	       "layout note matches the header", "mismatch");
	result(good_img.text_size <= good_img.elf_size && good_img.elf_size <= good_img.rom_size,
	       "text within ELF within ROM", "text %u elf %u rom %u", good_img.text_size,
	       good_img.elf_size, good_img.rom_size);
	test_ops("1.0 ROM", &good_img);
	n = count_symbols(&good_img);
	result(n == ops_up_to(0), "1.0 ROM: pvb_symbol lists exactly the ABI 1.0 ops",
	       "%u symbols", n);
	err = lookup_all3(&good_img, newer->sym, newer->version, &off);
	snprintf(name, sizeof(name), "1.0 ROM: %s at %s is not found", newer->sym,
		 newer->version);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));

	err = pvb_validate(good, good_size, 2, &img);
	result(err == PVB_E_MAJOR, "validating for major 2 -> PVB_E_MAJOR", "got %s",
	       pvb_errname(err));
	err = pvb_validate(good, good_size, 0, &img);
	result(err == PVB_E_MAJOR, "validating for major 0 -> PVB_E_MAJOR", "got %s",
	       pvb_errname(err));

	err = pvb_validate(rom11, size11, PVROM_ABI_MAJOR, &img11);
	result(err == PVB_OK, "ABI 1.1 ROM validates", "%s: %s", pvb_errname(err),
	       pvb_strerror(err));
	if (err == PVB_OK) {
		test_ops("1.1 ROM", &img11);
		err = lookup_all3(&img11, newer->sym, newer->version, &off);
		snprintf(name, sizeof(name), "1.1 ROM: %s at %s via all three lookups",
			 newer->sym, newer->version);
		result(err == PVB_OK, name, "got %s", pvb_errname(err));
		err = lookup_all3(&img11, newer->sym, PVROM_VERSION_NODE(0), &off);
		snprintf(name, sizeof(name), "1.1 ROM: %s at %s is not found", newer->sym,
			 PVROM_VERSION_NODE(0));
		result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
		result(g16(rom11 + HDR(abi_minor)) == 1, "1.1 ROM: header says ABI 1.1", "minor %u",
		       g16(rom11 + HDR(abi_minor)));
	}

	/* Buffers shorter than the image: refused, never read past. */
	copy = malloc(good_size);
	{
		static const size_t cuts[] = { 0, 1, 2, 3, 511, 512 };
		unsigned bad = 0;
		size_t k;

		for (k = 0; k < sizeof(cuts) / sizeof(cuts[0]); k++) {
			memcpy(copy, good, cuts[k] < good_size ? cuts[k] : good_size);
			err = pvb_validate(copy, cuts[k], PVROM_ABI_MAJOR, &img);
			if (err != (cuts[k] < 3 ? PVB_E_SIGNATURE : PVB_E_LENGTH))
				bad++;
		}
		memcpy(copy, good, good_size);
		err = pvb_validate(copy, good_size - 1, PVROM_ABI_MAJOR, &img);
		bad += err != PVB_E_LENGTH;
		result(bad == 0, "short buffers -> PVB_E_SIGNATURE / PVB_E_LENGTH", "%u wrong", bad);
	}
	err = pvb_validate(NULL, 100, PVROM_ABI_MAJOR, &img);
	result(err != PVB_OK, "NULL buffer refused", "accepted");
	memcpy(copy, good, good_size);
	pvrom_seal(copy, (uint32_t)good_size);
	result(!memcmp(copy, good, good_size), "resealing a good image changes nothing", "differs");
	free(copy);
	free(rom11);
}

/* ---- licence policy, CRC, error strings ------------------------------- */

static void test_license(void)
{
	static const struct { const char *spdx; int ok; } t[] = {
		{ "GPL-2.0-only", 1 }, { "GPL-2.0-or-later", 1 }, { "GPL-2.0", 1 },
		{ "GPL-2.0+", 1 }, { "MIT", 1 }, { "BSD-2-Clause", 1 }, { "BSD-3-Clause", 1 },
		{ "X11", 1 }, { "ISC", 1 }, { "Zlib", 1 }, { "mit", 1 },
		{ "MIT OR Apache-2.0", 1 }, { "Apache-2.0 OR MIT", 1 },
		{ "(GPL-2.0-only OR Proprietary)", 1 }, { "  MIT  ", 1 },
		{ "GPL-2.0-only AND MIT", 1 }, { "(MIT OR Proprietary) AND ISC", 1 },
		{ "Proprietary", 0 }, { "GPL-3.0-only", 0 }, { "GPL-3.0-or-later", 0 },
		{ "LicenseRef-vendor", 0 }, { "Apache-2.0", 0 }, { "", 0 }, { "GPL", 0 },
		{ "GPL v2", 0 }, { "MIT AND Proprietary", 0 }, { "GPL-3.0-only OR Proprietary", 0 },
		{ "(MIT", 0 }, { "MIT)", 0 }, { "MIT OR", 0 }, { "OR MIT", 0 }, { "MIT MIT", 0 },
		{ "GPL-2.0-only WITH Linux-syscall-note", 0 }, { "MIT-0x", 0 }, { "MITX", 0 },
		{ "((((((((((MIT))))))))))", 0 }, { "(((MIT)))", 1 },
	};
	size_t k;
	char name[128];

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		int got = pvb_license_gpl_compatible(t[k].spdx);

		snprintf(name, sizeof(name), "licence policy: \"%s\" %s", t[k].spdx,
			 t[k].ok ? "accepted" : "refused");
		result(got == t[k].ok, name, "got %d", got);
	}
	result(pvb_license_gpl_compatible(NULL) == 0, "licence policy: NULL refused", "accepted");
}

static void test_crc(void)
{
	static const char fox[] = "The quick brown fox jumps over the lazy dog";
	uint32_t c;

	c = pvb_crc32(0, "123456789", 9);
	result(c == 0xCBF43926u, "CRC32(\"123456789\") = 0xCBF43926", "got 0x%08x", c);
	c = pvb_crc32(0, "", 0);
	result(c == 0, "CRC32(\"\") = 0", "got 0x%08x", c);
	c = pvb_crc32(0, "a", 1);
	result(c == 0xE8B7BE43u, "CRC32(\"a\") = 0xE8B7BE43", "got 0x%08x", c);
	c = pvb_crc32(0, fox, strlen(fox));
	result(c == 0x414FA339u, "CRC32(fox) = 0x414FA339", "got 0x%08x", c);
	c = pvb_crc32(pvb_crc32(0, "1234", 4), "56789", 5);
	result(c == 0xCBF43926u, "CRC32 chained over two pieces", "got 0x%08x", c);
	c = pvb_image_crc(good, (uint32_t)good_size);
	result(c == g32(good + HDR(crc32)), "image CRC matches the header", "got 0x%08x", c);
}

static void test_strings(void)
{
	int e, f, bad = 0;

	for (e = 0; e < PVB_E_MAX; e++) {
		const char *n = pvb_errname(e), *m = pvb_strerror(e);

		if (!n || !m || !*m || strncmp(n, "PVB_", 4) || !strcmp(n, "PVB_E_UNKNOWN"))
			bad++;
		for (f = 0; f < e; f++)
			if (!strcmp(n, pvb_errname(f)) || !strcmp(m, pvb_strerror(f)))
				bad++;
	}
	result(bad == 0, "every error code has its own name and message", "%d bad", bad);
	result(pvb_strerror(-1) && pvb_strerror(PVB_E_MAX) && pvb_errname(9999),
	       "out-of-range error codes give a string", "NULL");
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s ROM-1.0 ROM-1.1\n", argv[0]);
		return 2;
	}
	good = load(argv[1], &good_size);
	work = malloc(good_size);
	test_good(argv[1], argv[2]);
	test_variants();
	test_license();
	test_crc();
	test_strings();
	printf("%d checks, %d failed\n", checks, failures);
	free(good);
	free(work);
	return failures ? 1 : 0;
}
