/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The bad-ROM variants: each is a copy of a good image with one thing
 * broken (resealed where needed, so that the check it aims at is reached),
 * and the verdict a guest reaches on it.  One table for the host unit test
 * (tests/host/test_image.c runs every row against the validator) and for
 * mkbad (tests/qemu/mkbad.c writes the files the QEMU cases boot).
 */
#ifndef TESTS_BADROM_VARIANTS_H
#define TESTS_BADROM_VARIANTS_H

#include <stddef.h>
#include <stdint.h>
#include "guest/bind/image.h"

/* A good image being turned into a bad one. */
struct badrom {
	uint8_t *rom;			/* the copy, mutated in place */
	uint32_t size;			/* bytes of it to keep (a variant may cut) */
	struct pvb_image img;		/* the good image, as validated in rom */
};

struct badrom_variant {
	const char *name;		/* mkbad's and cases.cfg's name: "crc" */
	const char *what;		/* what is broken: "bad CRC" */
	/* NULL once applied, or why this ROM cannot have the variant. */
	const char *(*mutate)(struct badrom *b);
	int verdict;			/* badrom_verdict() of the result */
};

extern const struct badrom_variant badrom_variants[];
extern const size_t badrom_count;

/* NULL if no variant has that name. */
const struct badrom_variant *badrom_find(const char *name);

/* Validate the good image of 'size' bytes at 'rom' (which it will mutate)
 * into *b.  Returns the validator's error, PVB_OK to go on. */
int badrom_start(struct badrom *b, uint8_t *rom, size_t size);

/*
 * What a guest makes of an image, in its order: the validator's verdict,
 * then PVB_E_LICENSE_POLICY under the strict licence policy, then
 * PVB_E_NOT_FOUND when an op of the minor the image claims is missing
 * (a broken ROM, refused whole).  PVB_OK when it would bind.
 */
int badrom_verdict(const uint8_t *rom, size_t size);

#endif /* TESTS_BADROM_VARIANTS_H */
