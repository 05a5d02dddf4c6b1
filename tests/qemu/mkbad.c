// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkbad: write the bad-ROM variants of tests/badrom/variants.c, made from a
 * good ROM, for the QEMU cases that check a guest refuses them (or falls
 * back per op) without crashing; cases.cfg names the files it boots.
 *
 *   mkbad VARIANT GOOD.rom OUT.rom   one variant
 *   mkbad --all GOOD.rom DIR         every variant as DIR/<name>.rom
 *   mkbad --list                     the variant names
 *
 * Each file is checked to reach its row's verdict before it is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guest/bind/image.h"
#include "tests/badrom/variants.h"

static uint8_t good[PVROM_IMAGE_MAX], work[PVROM_IMAGE_MAX];
static size_t good_size;

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "mkbad: %s: %s\n", what, msg);
	exit(2);
}

static void usage(void)
{
	size_t k;

	fputs("usage: mkbad VARIANT GOOD.rom OUT.rom\n"
	      "       mkbad --all GOOD.rom DIR\n"
	      "       mkbad --list\n"
	      "variants (and the verdict a guest reaches on each):\n", stderr);
	for (k = 0; k < badrom_count; k++)
		fprintf(stderr, "  %-22s %-22s %s\n", badrom_variants[k].name,
			pvb_errname(badrom_variants[k].verdict), badrom_variants[k].what);
	exit(2);
}

static void read_good(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		die(path, "cannot open");
	good_size = fread(good, 1, sizeof(good), f);
	fclose(f);
}

/* Returns 0 when written, 1 when the variant does not apply to this ROM. */
static int make(const struct badrom_variant *v, const char *out)
{
	struct badrom b;
	const char *why;
	FILE *f;
	int err;

	memcpy(work, good, good_size);
	err = badrom_start(&b, work, good_size);
	if (err)
		die("the good ROM", pvb_strerror(err));
	why = v->mutate(&b);
	if (why) {
		fprintf(stderr, "mkbad: %s: not made: %s\n", v->name, why);
		return 1;
	}
	err = badrom_verdict(work, b.size);
	if (err != v->verdict) {
		fprintf(stderr, "mkbad: %s: verdict %s, not %s\n", v->name, pvb_errname(err),
			pvb_errname(v->verdict));
		exit(1);
	}
	f = fopen(out, "wb");
	if (!f || fwrite(work, 1, b.size, f) != b.size || fclose(f))
		die(out, "cannot write");
	return 0;
}

int main(int argc, char **argv)
{
	const struct badrom_variant *v;
	char path[4096];
	size_t k;

	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (k = 0; k < badrom_count; k++)
			puts(badrom_variants[k].name);
		return 0;
	}
	if (argc != 4)
		usage();
	read_good(argv[2]);
	if (!strcmp(argv[1], "--all")) {
		for (k = 0; k < badrom_count; k++) {
			v = &badrom_variants[k];
			if (snprintf(path, sizeof(path), "%s/%s.rom", argv[3], v->name) >=
			    (int)sizeof(path))
				die(argv[3], "path too long");
			make(v, path);
		}
		return 0;
	}
	v = badrom_find(argv[1]);
	if (!v)
		usage();
	return make(v, argv[3]) ? 1 : 0;
}
