// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host test of the binding library's discovery, copy, validation and licence
 * policy (guest/bind/discover.c), run over a fake "physical memory" holding
 * the option-ROM window 0xC0000-0xFFFFF and a hand-off area, with decoys:
 * a VGA-like ROM, SeaBIOS's bad-checksum headers at 0xE8000/0xE8800, broken
 * pvrom images.  Usage: bind_discover [build/pvrom.rom]; the checks needing
 * the real ROM SKIP when it is missing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guest/bind/bind_int.h"
#include "tests/host/check.h"

#define WIN_BASE	0xC0000ull
#define WIN_SIZE	0x40000ull		/* up to 1 MiB */
#define HANDOFF_PA	0x200000ull
#define HANDOFF_SIZE	0x20000ull

static uint8_t mem[WIN_SIZE];
static uint8_t handoff[HANDOFF_SIZE];

/* Check names keep the suite's name, as the other bind-* checks do. */
#define check(ok, name, ...)	result(ok, "bind-host " name, __VA_ARGS__)

static const void *phys_ptr(uint64_t pa, uint64_t len)
{
	if (pa >= WIN_BASE && pa + len <= WIN_BASE + WIN_SIZE)
		return mem + (pa - WIN_BASE);
	if (pa >= HANDOFF_PA && pa + len <= HANDOFF_PA + HANDOFF_SIZE)
		return handoff + (pa - HANDOFF_PA);
	return NULL;
}

static const struct pvb_env env = { .phys_ptr = phys_ptr };

static void fix_sum(uint8_t *rom, uint32_t len, uint32_t at)
{
	uint8_t sum = 0;

	rom[at] = 0;
	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + rom[i]);
	rom[at] = (uint8_t)-sum;
}

/* A non-pvrom option ROM with a correct checksum (like the VGA BIOS). */
static void put_plain_rom(uint64_t pa, uint32_t units)
{
	uint8_t *p = mem + (pa - WIN_BASE);

	memset(p, 0x90, units * 512u);
	p[0] = 0x55;
	p[1] = 0xAA;
	p[2] = (uint8_t)units;
	fix_sum(p, units * 512u, units * 512u - 1);
}

/* Recompute CRC and checksum after a deliberate edit. */
static void reseal(uint8_t *rom, uint32_t len)
{
	struct pvrom_header *h = (struct pvrom_header *)(rom + PVROM_HEADER_OFFSET);

	h->crc32 = pvb_image_crc(rom, len);
	fix_sum(rom, len, PVROM_HEADER_OFFSET + 0x28);
}

static int discover(struct pvb_config *cfg, struct pvb_candidate *c)
{
	return pvb_discover(&env, cfg, c, PVB_MAX_CANDIDATES);
}

static void synthetic(void)
{
	struct pvb_config cfg = { 0 };
	struct pvb_candidate c[PVB_MAX_CANDIDATES];
	static uint8_t buf[PVB_COPY_MAX];
	struct pvb_image img;
	int n;

	memset(mem, 0, sizeof(mem));
	check(discover(&cfg, c) == 0, "empty window: no candidate", "found some");

	put_plain_rom(0xC0000, 64);			/* 32 KiB "VGA BIOS" */
	memcpy(mem + (0xE8000 - WIN_BASE), "\x55\xAA\x01", 3);	/* SeaBIOS decoys */
	memcpy(mem + (0xE8800 - WIN_BASE), "\x55\xAA\x04", 3);
	check(discover(&cfg, c) == 0, "VGA ROM and bad-checksum 55 AA headers are skipped",
	      "a candidate");

	/* pvrom magic but a bad checksum: a refused candidate, with its reason */
	uint8_t *p = mem + (0xD0000 - WIN_BASE);
	memset(p, 0, 2048);
	p[0] = 0x55; p[1] = 0xAA; p[2] = 4;
	memcpy(p + PVROM_HEADER_OFFSET, PVROM_HEADER_MAGIC, 8);
	p[100] = 1;
	n = discover(&cfg, c);
	check(n == 1 && c[0].pa == 0xD0000 && c[0].err == PVB_E_CHECKSUM &&
	      c[0].source == PVROM_SRC_SCAN, "pvrom with bad checksum refused (PVB_E_CHECKSUM)",
	      "%d candidates", n);

	/* right checksum, garbage inside: found, then refused by the validator */
	fix_sum(p, 2048, 2047);
	n = discover(&cfg, c);
	check(n == 1 && c[0].err == PVB_OK, "pvrom-looking ROM with good checksum is a candidate",
	      "%d candidates", n);
	int err = n == 1 ? pvb_fetch(&env, &c[0], buf, sizeof(buf), 0, &img) : -1;
	check(err != PVB_OK && err > 0 && err < PVB_E_MAX, "garbage pvrom refused by the validator",
	      "got %d", err);
	printf("  (garbage refused with %s: %s)\n", pvb_errname(err), pvb_bind_strerror(err));

	/* a length running past the end of the window */
	memset(p, 0, 2048);
	p = mem + (0xEF800 - WIN_BASE);
	p[0] = 0x55; p[1] = 0xAA; p[2] = 8;
	memcpy(p + PVROM_HEADER_OFFSET, PVROM_HEADER_MAGIC, 8);
	n = discover(&cfg, c);
	check(n == 1 && c[0].pa == 0xEF800 && c[0].err == PVB_E_LENGTH,
	      "pvrom running past 0xEFFFF refused (PVB_E_LENGTH)", "%d candidates", n);
	memset(p, 0, 2048);

	/* a hand-off that phys_ptr cannot reach */
	cfg.handoff_pa = 0x9000000;
	cfg.handoff_size = 4096;
	cfg.handoff_source = PVROM_SRC_FW_CFG;
	n = discover(&cfg, c);
	check(n == 1 && c[0].source == PVROM_SRC_FW_CFG &&
	      pvb_fetch(&env, &c[0], buf, sizeof(buf), 0, &img) == PVB_B_UNREACHABLE,
	      "unreachable hand-off refused (PVB_B_UNREACHABLE)", "%d candidates", n);
}

static void with_rom(const uint8_t *rom, uint32_t len)
{
	struct pvb_config cfg = { 0 };
	struct pvb_candidate c[PVB_MAX_CANDIDATES];
	static uint8_t buf[PVB_COPY_MAX];
	struct pvb_image img;
	uint32_t off;
	int n;

	/* the real ROM at a 2 KiB (not 4 KiB) boundary among decoys */
	memset(mem, 0, sizeof(mem));
	put_plain_rom(0xC0000, 64);
	memcpy(mem + (0xD0800 - WIN_BASE), rom, len);
	memcpy(mem + (0xE8000 - WIN_BASE), "\x55\xAA\x01", 3);
	memcpy(mem + (0xE8800 - WIN_BASE), "\x55\xAA\x01", 3);
	n = discover(&cfg, c);
	check(n == 1 && c[0].pa == 0xD0800 && c[0].size == len && c[0].err == PVB_OK,
	      "scan finds the pvrom among decoys", "%d candidates", n);
	int err = n >= 1 ? pvb_fetch(&env, &c[0], buf, sizeof(buf), 0, &img) : -1;
	check(err == PVB_OK, "copy of the found ROM validates", "%s",
	      pvb_bind_strerror(err));
	if (err != PVB_OK)
		printf("  (refused: %s)\n", pvb_bind_strerror(err));
	check(err == PVB_OK && img.rom == buf && memcmp(buf, rom, len) == 0,
	      "validation ran on the private copy", "%s", "another buffer");
	check(err == PVB_OK && pvb_lookup(&img, pvb_catalog[PVROM_OP_cpuid].sym,
				 pvb_catalog[PVROM_OP_cpuid].version, &off) == PVB_OK &&
	      pvb_lookup(&img, pvb_catalog[PVROM_OP_init].sym,
			 pvb_catalog[PVROM_OP_init].version, &off) == PVB_OK,
	      "ops resolve by (name, version) in the copy", "%s", "not found");

	/* changing the original after the copy does not affect the copy */
	mem[0xD0800 - WIN_BASE + len - 1] ^= 0xFF;
	check(err == PVB_OK && pvb_validate(buf, len, PVROM_ABI_MAJOR, &img) == PVB_OK,
	      "copy unaffected by later changes to ROM space", "%s", "refused");
	mem[0xD0800 - WIN_BASE + len - 1] ^= 0xFF;

	/* hand-off first: a corrupt hand-off is refused, the scan still finds one */
	memcpy(handoff, rom, len);
	handoff[len - 16] ^= 0x5A;			/* in the ELF or padding */
	fix_sum(handoff, len, PVROM_HEADER_OFFSET + 0x28);
	cfg.handoff_pa = HANDOFF_PA;
	cfg.handoff_size = HANDOFF_SIZE;
	cfg.handoff_source = PVROM_SRC_PCI;
	n = discover(&cfg, c);
	check(n == 2 && c[0].pa == HANDOFF_PA && c[0].source == PVROM_SRC_PCI &&
	      c[1].pa == 0xD0800, "hand-off candidate comes before the scan",
	      "%d candidates", n);
	err = pvb_fetch(&env, &c[0], buf, sizeof(buf), 0, &img);
	check(err == PVB_E_CRC, "corrupt hand-off refused (PVB_E_CRC)", "%s",
	      pvb_bind_errname(err));
	check(pvb_fetch(&env, &c[1], buf, sizeof(buf), 0, &img) == PVB_OK,
	      "scan candidate still valid after a refused hand-off", "%s", "refused");

	/* a good hand-off (larger buffer than the ROM) validates */
	memcpy(handoff, rom, len);
	check(pvb_fetch(&env, &c[0], buf, sizeof(buf), 0, &img) == PVB_OK,
	      "good hand-off validates", "%s", "refused");

	/* licence policy: rewrite the licence note to a non-GPL id */
	const char *gpl = "GPL-2.0-only", *other = "LicenseRef-X";
	const struct pvrom_header *h = (const struct pvrom_header *)(rom + PVROM_HEADER_OFFSET);
	int patched = 0;
	for (uint32_t i = h->elf_offset; i + 12 <= len; i++)
		if (!memcmp(handoff + i, gpl, 12) && handoff[i + 12] == 0) {
			memcpy(handoff + i, other, 12);
			patched++;
		}
	reseal(handoff, len);
	if (!patched) {
		printf("SKIP: bind-host licence policy (no GPL-2.0-only licence note)\n");
	} else {
		err = pvb_fetch(&env, &c[0], buf, sizeof(buf), 0, &img);
		check(err == PVB_E_LICENSE_POLICY, "non-GPL ROM refused under the strict policy",
		      "%s", pvb_bind_errname(err));
		err = pvb_fetch(&env, &c[0], buf, sizeof(buf), 1, &img);
		check(err == PVB_OK && !strcmp(img.license, other),
		      "non-GPL ROM accepted with license=any", "%s", pvb_bind_errname(err));
	}

	/* two good ROMs in the window: both found, in address order */
	cfg.handoff_pa = 0;
	memcpy(mem + (0xC8000 - WIN_BASE), rom, len);
	n = discover(&cfg, c);
	check(n == 2 && c[0].pa == 0xC8000 && c[1].pa == 0xD0800,
	      "several ROMs listed in address order", "%d candidates", n);
}

static void misc(void)
{
	char b[64];
	int n = pvb_snprintf(b, sizeof(b), "%s %d %u %x %08llx %5s|%c%%",
			     "a", -12, 34u, 0xbeefu, 0x1234ull, "z", 'q');
	check(!strcmp(b, "a -12 34 beef 00001234     z|q%") && n == (int)strlen(b),
	      "pvb_snprintf formats", "got \"%s\"", b);
	n = pvb_snprintf(b, 8, "%s", "0123456789");
	check(n == 10 && !strcmp(b, "0123456"), "pvb_snprintf truncates and terminates",
	      "got %d \"%s\"", n, b);

	int distinct = 1;
	for (int e = PVB_B_FIRST; e < PVB_B_MAX; e++)
		for (int f = PVB_B_FIRST; f < e; f++)
			if (!strcmp(pvb_bind_strerror(e), pvb_bind_strerror(f)))
				distinct = 0;
	for (int e = PVB_B_FIRST; e < PVB_B_MAX; e++)
		if (strncmp(pvb_bind_errname(e), "PVB_B_", 6))
			distinct = 0;
	check(distinct && pvb_bind_strerror(PVB_E_CRC) == pvb_strerror(PVB_E_CRC) &&
	      !strcmp(pvb_bind_errname(PVB_B_MISSING_OP), "PVB_B_MISSING_OP") &&
	      !strcmp(pvb_bind_errname(PVB_E_CRC), "PVB_E_CRC"),
	      "every binding error has its own message and name", "%s",
	      "a duplicate or misnamed one");
	check(!strcmp(pvb_op_name(PVROM_OP_cpuid), "cpuid") &&
	      !strcmp(pvb_op_name(PVROM_OP_COUNT - 1),
		      PVROM_ABI_MINOR ? "tsc_khz" : "steal_time_ns") &&
	      !strcmp(pvb_catalog[PVROM_OP_init].version, PVROM_VERSION_NODE(0)),
	      "op names follow the catalogue", "%s", "a mismatch");
}

int main(int argc, char **argv)
{
	synthetic();
	misc();
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
	if (!f) {
		printf("SKIP: bind-host checks on the real ROM (%s missing)\n",
		       argc > 1 ? argv[1] : "no ROM given");
		return failures ? 1 : 0;
	}
	static uint8_t rom[PVROM_IMAGE_MAX + 1];
	size_t len = fread(rom, 1, sizeof(rom), f);
	fclose(f);
	if (len == 0 || len > PVROM_IMAGE_MAX || len % 512) {
		check(0, "read the ROM image", "%zu bytes", len);
		return 1;
	}
	with_rom(rom, (uint32_t)len);
	return failures ? 1 : 0;
}
