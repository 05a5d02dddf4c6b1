/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host unit tests of pvboot.efi's pure logic, run under ASan and UBSan:
 * the UEFI memory map conversion (loader/efi/memmap.c) and the load
 * options split (loader/efi/opts.c).  Inside QEMU these only ever see
 * OVMF's well-formed inputs; here they get padded descriptors, full
 * output buffers, binary options and oversized paths.  Every buffer handed
 * to the code under test is heap-allocated to its exact size, so ASan
 * catches any write or read past it.  One PASS:/FAIL: line per check.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader/efi/pure.h"
#include "tests/host/check.h"


/* ---- memory map ------------------------------------------------------ */

struct desc {
	UINT32 type;
	UINT64 base, pages;
};

/* A raw map as GetMemoryMap would return it: descriptors dsize bytes
 * apart, the bytes past the 1.0 layout filled with junk. */
static UINT8 *make_map(const struct desc *d, UINTN n, UINTN dsize)
{
	UINT8 *raw = malloc(n && dsize ? n * dsize : 1);

	memset(raw, 0xA5, n * dsize);
	for (UINTN i = 0; i < n; i++) {
		EFI_MEMORY_DESCRIPTOR e = {
			.Type = d[i].type,
			.PhysicalStart = d[i].base,
			.VirtualStart = 0xdead0000,
			.NumberOfPages = d[i].pages,
			.Attribute = EFI_MEMORY_WB,
		};

		memcpy(raw + i * dsize, &e, sizeof(e));
	}
	return raw;
}

static int entry_is(const struct pvrom_mmap_entry *e, UINT64 base,
		    UINT64 len, UINT32 type)
{
	return e->base == base && e->length == len && e->type == type &&
	       e->_pad0 == 0;
}

static void test_mem_types(void)
{
	static const struct {
		UINT32 efi;
		const char *name;
		UINT32 want;
	} t[] = {
		{ EfiReservedMemoryType, "EfiReservedMemoryType", PVROM_MEM_RESERVED },
		{ EfiLoaderCode, "EfiLoaderCode", PVROM_MEM_USABLE },
		/* kernel, ROM copy, boot info, stack, page tables (SPEC 10.2) */
		{ EfiLoaderData, "EfiLoaderData", PVROM_MEM_RESERVED },
		{ EfiBootServicesCode, "EfiBootServicesCode", PVROM_MEM_USABLE },
		{ EfiBootServicesData, "EfiBootServicesData", PVROM_MEM_USABLE },
		{ EfiRuntimeServicesCode, "EfiRuntimeServicesCode", PVROM_MEM_RESERVED },
		{ EfiRuntimeServicesData, "EfiRuntimeServicesData", PVROM_MEM_RESERVED },
		{ EfiConventionalMemory, "EfiConventionalMemory", PVROM_MEM_USABLE },
		{ EfiUnusableMemory, "EfiUnusableMemory", PVROM_MEM_BAD },
		{ EfiACPIReclaimMemory, "EfiACPIReclaimMemory", PVROM_MEM_ACPI },
		{ EfiACPIMemoryNVS, "EfiACPIMemoryNVS", PVROM_MEM_NVS },
		{ EfiMemoryMappedIO, "EfiMemoryMappedIO", PVROM_MEM_RESERVED },
		{ EfiMemoryMappedIOPortSpace, "EfiMemoryMappedIOPortSpace", PVROM_MEM_RESERVED },
		{ EfiPalCode, "EfiPalCode", PVROM_MEM_RESERVED },
		/* newer than these headers, or vendor/OS-defined: never usable */
		{ 14, "EfiPersistentMemory(14)", PVROM_MEM_RESERVED },
		{ 15, "EfiUnacceptedMemoryType(15)", PVROM_MEM_RESERVED },
		{ 0x70000000, "OEM type 0x70000000", PVROM_MEM_RESERVED },
		{ 0x80000000, "OS type 0x80000000", PVROM_MEM_RESERVED },
		{ 0xffffffff, "type 0xffffffff", PVROM_MEM_RESERVED },
	};
	char name[96];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		UINT32 got = mem_type(t[i].efi);

		snprintf(name, sizeof(name), "mem_type %s -> %u", t[i].name,
			 t[i].want);
		result(got == t[i].want, name, "got %u", got);
	}

	/* the same through convert_map, as the guest sees it */
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct desc d = { t[i].efi, 0x100000, 16 };
		UINT8 *raw = make_map(&d, 1, sizeof(EFI_MEMORY_DESCRIPTOR));
		struct pvrom_mmap_entry *out = malloc(sizeof(*out));
		UINT32 n = convert_map(raw, sizeof(EFI_MEMORY_DESCRIPTOR),
				       sizeof(EFI_MEMORY_DESCRIPTOR), out, 1);

		snprintf(name, sizeof(name), "convert_map one %s", t[i].name);
		result(n == 1 && entry_is(out, 0x100000, 16 * 4096, t[i].want),
		       name, "n=%u type=%u", n, n ? out->type : 0);
		free(out);
		free(raw);
	}
}

/* A small map in firmware order (not sorted), with an empty descriptor. */
static const struct desc sample[] = {
	{ EfiConventionalMemory, 0x100000, 0x700 },	/* 1 MiB .. 8 MiB */
	{ EfiBootServicesCode, 0x0, 0xa0 },		/* 0 .. 640 KiB */
	{ EfiLoaderData, 0x800000, 0x10 },
	{ EfiACPIMemoryNVS, 0xa0000, 0 },		/* empty: dropped */
	{ EfiReservedMemoryType, 0xa0000, 0x60 },	/* 640 KiB .. 1 MiB */
};
#define NSAMPLE (sizeof(sample) / sizeof(sample[0]))

static int sample_ok(const struct pvrom_mmap_entry *out, UINT32 n)
{
	return n == 4 &&
	       entry_is(&out[0], 0x0, 0xa0000, PVROM_MEM_USABLE) &&
	       entry_is(&out[1], 0xa0000, 0x60000, PVROM_MEM_RESERVED) &&
	       entry_is(&out[2], 0x100000, 0x700000, PVROM_MEM_USABLE) &&
	       entry_is(&out[3], 0x800000, 0x10000, PVROM_MEM_RESERVED);
}

static void test_dsize(UINTN dsize, const char *name)
{
	UINT8 *raw = make_map(sample, NSAMPLE, dsize);
	struct pvrom_mmap_entry *out = malloc(NSAMPLE * sizeof(*out));
	UINT32 n = convert_map(raw, NSAMPLE * dsize, dsize, out, NSAMPLE);

	result(sample_ok(out, n), name, "dsize %lu: n=%u", (unsigned long)dsize, n);
	free(out);
	free(raw);
}

static void test_map(void)
{
	const UINTN ds = sizeof(EFI_MEMORY_DESCRIPTOR);
	struct pvrom_mmap_entry *out, sentinel;
	UINT8 *raw;
	UINT32 n;

	test_dsize(ds, "convert_map sorts, drops empty, dsize == sizeof");
	/* OVMF reports 48; the UEFI spec lets any firmware pad */
	test_dsize(48, "convert_map padded descriptors (dsize 48)");
	test_dsize(64, "convert_map padded descriptors (dsize 64)");
	test_dsize(ds + 4, "convert_map padded, unaligned descriptors (dsize 44)");

	/* a trailing partial descriptor is not read */
	raw = make_map(sample, NSAMPLE, 48);
	out = malloc(NSAMPLE * sizeof(*out));
	n = convert_map(raw, (NSAMPLE - 1) * 48 + 40, 48, out, NSAMPLE);
	result(n == 3 && entry_is(&out[0], 0x0, 0xa0000, PVROM_MEM_USABLE) &&
	       entry_is(&out[2], 0x800000, 0x10000, PVROM_MEM_RESERVED),
	       "convert_map ignores a trailing partial descriptor", "n=%u", n);
	free(out);
	free(raw);

	/* empty map */
	memset(&sentinel, 0x5a, sizeof(sentinel));
	out = malloc(sizeof(*out));
	*out = sentinel;
	raw = malloc(1);
	n = convert_map(raw, 0, ds, out, 1);
	result(n == 0 && !memcmp(out, &sentinel, sizeof(sentinel)),
	       "convert_map empty map", "n=%u", n);
	/* a descriptor size below the 1.0 layout is refused, and 0 must not
	 * loop for ever */
	n = convert_map(raw, 0, 0, out, 1);
	result(n == 0, "convert_map dsize 0, empty map", "n=%u", n);
	free(raw);
	raw = make_map(sample, NSAMPLE, ds);
	n = convert_map(raw, NSAMPLE * ds, 0, out, 1);
	result(n == 0 && !memcmp(out, &sentinel, sizeof(sentinel)),
	       "convert_map dsize 0 refused", "n=%u", n);
	n = convert_map(raw, NSAMPLE * ds, 24, out, 1);
	result(n == 0 && !memcmp(out, &sentinel, sizeof(sentinel)),
	       "convert_map dsize 24 < sizeof(EFI_MEMORY_DESCRIPTOR) refused",
	       "n=%u", n);
	free(raw);

	/* more descriptors than room: the first cap non-empty ones (in
	 * firmware order) are kept, sorted; nothing is written past out[cap] */
	raw = make_map(sample, NSAMPLE, ds);
	for (UINT32 cap = 0; cap < 4; cap++) {
		struct pvrom_mmap_entry *o = malloc(cap ? cap * sizeof(*o) : 1);
		static const UINT32 want_n[] = { 0, 1, 2, 3 };
		char name[64];
		int ok;

		n = convert_map(raw, NSAMPLE * ds, ds, o, cap);
		ok = n == want_n[cap];
		if (ok && cap == 3)
			ok = entry_is(&o[0], 0x0, 0xa0000, PVROM_MEM_USABLE) &&
			     entry_is(&o[1], 0x100000, 0x700000, PVROM_MEM_USABLE) &&
			     entry_is(&o[2], 0x800000, 0x10000, PVROM_MEM_RESERVED);
		snprintf(name, sizeof(name), "convert_map 5 descriptors, room for %u", cap);
		result(ok, name, "n=%u", n);
		free(o);
	}
	free(raw);
	free(out);

	/* touching ranges of one type merge (after the type mapping), other
	 * types and gaps do not */
	{
		static const struct desc m[] = {
			{ EfiBootServicesData, 0x200000, 0x100 },
			{ EfiConventionalMemory, 0x100000, 0x100 },
			{ EfiLoaderCode, 0x300000, 0x100 },	/* usable too */
			{ EfiLoaderData, 0x400000, 0x100 },
			{ EfiRuntimeServicesData, 0x500000, 0x100 },
			{ EfiConventionalMemory, 0x700000, 0x100 },	/* gap */
			{ EfiConventionalMemory, 0x800000, 0x100 },
		};
		const UINT32 nm = sizeof(m) / sizeof(m[0]);

		raw = make_map(m, nm, 48);
		out = malloc(nm * sizeof(*out));
		n = convert_map(raw, nm * 48, 48, out, nm);
		result(n == 3 &&
		       entry_is(&out[0], 0x100000, 0x300000, PVROM_MEM_USABLE) &&
		       entry_is(&out[1], 0x400000, 0x200000, PVROM_MEM_RESERVED) &&
		       entry_is(&out[2], 0x700000, 0x200000, PVROM_MEM_USABLE),
		       "convert_map merges touching same-type ranges", "n=%u", n);
		free(out);
		free(raw);
	}
}

/* ---- load options ---------------------------------------------------- */

#define KMAX 256
#define CMAX 64

/* LoadOptions of exactly bytes bytes holding the ASCII text s (the
 * shell's LoadOptionsSize counts the NUL). */
static CHAR16 *make_opts(const char *s, size_t len, UINTN bytes)
{
	CHAR16 *o = malloc(bytes ? bytes : 1);

	memset(o, 0, bytes);
	for (size_t i = 0; i < len && 2 * i + 1 < bytes; i++)
		o[i] = (unsigned char)s[i];
	return o;
}

static int eq16(const CHAR16 *a, const char *b)
{
	size_t i;

	for (i = 0; b[i]; i++)
		if (a[i] != (unsigned char)b[i])
			return 0;
	return a[i] == 0;
}

static const char *ascii(const CHAR16 *s)
{
	static char buf[KMAX + 1];
	size_t i;

	for (i = 0; i < KMAX && s[i]; i++)
		buf[i] = s[i] < 0x80 ? (char)s[i] : '?';
	buf[i] = 0;
	return buf;
}

#define OWN	L"\\EFI\\pvrom\\pvboot.efi"
#define DEFK	"\\pvrom\\guest.elf"

/*
 * One check: split the options (bytes long, holding text) with the given
 * image path and buffer sizes; expect kernel and, if want_cmd is not NULL,
 * that command line (else "none", the buffer left alone).
 */
static void opts_case(const char *name, const char *text, size_t len,
		      UINTN bytes, const CHAR16 *image_path, UINTN kmax,
		      UINTN cmax, const char *want_kernel, const char *want_cmd)
{
	CHAR16 *opts = text ? make_opts(text, len, bytes) : NULL;
	CHAR16 *kernel = malloc(kmax * sizeof(CHAR16));
	char *cmd = malloc(cmax);
	int have, ok;

	memset(cmd, 'Z', cmax);
	have = opts_split(opts, text ? bytes : 0, image_path, kernel, kmax,
			  cmd, cmax);
	ok = eq16(kernel, want_kernel) && have == (want_cmd != NULL);
	if (ok && want_cmd)
		ok = !strcmp(cmd, want_cmd);
	if (ok && !want_cmd)
		ok = cmd[0] == 'Z';
	result(ok, name, "kernel \"%s\" have_cmdline %d cmdline \"%.*s\"",
	       ascii(kernel), have, have ? (int)cmax : 0, cmd);
	free(cmd);
	free(kernel);
	free(opts);
}

/* Text options as the shell passes them, NUL counted. */
static void opts_text(const char *name, const char *text,
		      const CHAR16 *image_path, const char *want_kernel,
		      const char *want_cmd)
{
	size_t len = strlen(text);

	opts_case(name, text, len, 2 * (len + 1), image_path, KMAX, CMAX,
		  want_kernel, want_cmd);
}

static void test_opts(void)
{
	static const char guid[16] = {	/* OVMF's auto boot option data */
		0x4e, (char)0xac, 0x08, (char)0x81, 0x11, (char)0x9f, 0x59, 0x4d,
		(char)0x85, 0x0e, (char)0xe2, 0x1a, 0x52, 0x2c, 0x59, (char)0xb2,
	};
	CHAR16 *bin;

	opts_case("opts none (NULL, 0 bytes)", NULL, 0, 0, OWN, KMAX, CMAX,
		  DEFK, NULL);
	opts_case("opts NULL without an image path", NULL, 0, 0, NULL, KMAX,
		  CMAX, DEFK, NULL);
	opts_text("opts empty string", "", OWN, DEFK, NULL);
	opts_case("opts 0 bytes, non-NULL", "x", 1, 0, OWN, KMAX, CMAX, DEFK,
		  NULL);
	opts_text("opts only blanks", " \t \r\n", OWN, DEFK, NULL);

	opts_text("opts own name with .efi", "pvboot.efi", OWN, DEFK, NULL);
	opts_text("opts own name without .efi", "pvboot", OWN, DEFK, NULL);
	opts_text("opts own name, other case, .EFI", "PvBoot.EFI", OWN, DEFK, NULL);
	opts_text("opts own name, other case, no .efi", "PVBOOT", OWN, DEFK, NULL);
	opts_text("opts own name as a shell path", "fs0:\\EFI\\pvrom\\pvboot.efi",
		  OWN, DEFK, NULL);
	opts_text("opts own name, trailing blanks", "  pvboot.efi  ", OWN, DEFK,
		  NULL);
	opts_text("opts own name no .efi, image path upper case",
		  "pvboot", L"\\EFI\\BOOT\\PVBOOT.EFI", DEFK, NULL);
	/* any first word ending in .efi is taken for argv[0] */
	opts_text("opts other .efi name is argv[0]", "other.efi a=1", OWN, DEFK,
		  "a=1");
	/* without .efi only our real file name is: BOOTX64.EFI is not pvboot */
	opts_text("opts bare name that is not ours is command line",
		  "pvboot a=1", L"\\EFI\\BOOT\\BOOTX64.EFI", DEFK, "pvboot a=1");
	opts_text("opts bare name, no image path, is command line", "pvboot",
		  NULL, DEFK, "pvboot");

	opts_text("opts kernel and command line",
		  "pvboot.efi \\k\\tk.elf from=shell  y=2", OWN, "\\k\\tk.elf",
		  "from=shell  y=2");
	opts_text("opts default kernel, command line", "pvboot.efi pvrom=off",
		  OWN, DEFK, "pvrom=off");
	opts_text("opts kernel only", "pvboot.efi \\k\\tk.elf", OWN,
		  "\\k\\tk.elf", NULL);
	opts_text("opts kernel without own name (boot option data)",
		  "\\k\\tk.elf tests=all", OWN, "\\k\\tk.elf", "tests=all");
	opts_text("opts blanks trimmed, inner kept",
		  "\tpvboot.efi \t \\k.elf \r\n a  b \t\r\n", OWN, "\\k.elf",
		  "a  b");
	/* only the first word after our name may be a kernel */
	opts_text("opts second path is command line",
		  "pvboot.efi a=1 \\k\\tk.elf", OWN, DEFK, "a=1 \\k\\tk.elf");
	opts_text("opts no own name: argument only", "pvrom=off", OWN, DEFK,
		  "pvrom=off");

	/* The text ends at the first NUL; what follows is not looked at. */
	opts_case("opts no NUL counted", "pvboot.efi x=1", 14, 28, OWN, KMAX,
		  CMAX, DEFK, "x=1");
	opts_case("opts stops at NUL, junk after it",
		  "pvboot.efi x=1\0\x01\xff junk", 22, 44, OWN, KMAX, CMAX, DEFK,
		  "x=1");

	/* Too long: cut to fit, NUL-terminated, nothing past the buffer
	 * (kernel and cmdline are exactly kmax/cmax long on the heap), and
	 * silently -- the loader has no way to report it but what it then
	 * fails to open.  The words after a cut path are still found. */
	opts_case("opts kernel path longer than the buffer",
		  "pvboot.efi \\a\\very\\long\\kernel.elf x=1", 38, 78, OWN, 8,
		  CMAX, "\\a\\very", "x=1");
	opts_case("opts kernel path exactly fills the buffer",
		  "pvboot.efi \\k\\a.elf x=1", 23, 48, OWN, 9, CMAX,
		  "\\k\\a.elf", "x=1");
	opts_case("opts default kernel longer than the buffer", "", 0, 2, OWN,
		  8, CMAX, "\\pvrom\\", NULL);
	opts_case("opts kernel buffer of one", "pvboot.efi \\k.elf", 17, 36,
		  OWN, 1, CMAX, "", NULL);
	opts_case("opts command line longer than the buffer",
		  "pvboot.efi abcdefghij", 21, 44, OWN, KMAX, 5, DEFK, "abcd");
	opts_case("opts command line buffer of one", "pvboot.efi a=1", 14, 30,
		  OWN, KMAX, 1, DEFK, "");
	{
		/* zero-sized heap blocks: ASan reports any access to them */
		CHAR16 *o = make_opts("pvboot.efi \\k.elf a=1", 21, 44);
		CHAR16 *kernel = malloc(0);
		char *cmd = malloc(0);
		int have = opts_split(o, 44, OWN, kernel, 0, cmd, 0);

		result(!have, "opts zero-sized buffers: nothing written",
		       "have %d", have);
		free(cmd);
		free(kernel);
		free(o);
	}

	/* Not text: ignored whole, defaults used. */
	opts_case("opts odd byte length ignored", "pvboot.efi pvrom=off", 20, 41,
		  OWN, KMAX, CMAX, DEFK, NULL);
	opts_case("opts odd byte length 1", "p", 1, 1, OWN, KMAX, CMAX, DEFK,
		  NULL);
	bin = malloc(sizeof(guid));
	memcpy(bin, guid, sizeof(guid));
	{
		CHAR16 kernel[KMAX];
		char cmd[CMAX] = "untouched";
		int have = opts_split(bin, sizeof(guid), OWN, kernel, KMAX, cmd,
				      CMAX);

		result(!have && eq16(kernel, DEFK) && !strcmp(cmd, "untouched"),
		       "opts binary OptionalData (GUID) ignored",
		       "have %d kernel \"%s\"", have, ascii(kernel));
	}
	free(bin);
	opts_text("opts control character makes it binary",
		  "pvboot.efi \x01 pvrom=off", OWN, DEFK, NULL);
	opts_text("opts DEL makes it binary", "pvboot.efi \x7f", OWN, DEFK, NULL);
	opts_text("opts non-ASCII makes it binary", "pvboot.efi caf\xe9", OWN,
		  DEFK, NULL);
	opts_text("opts '~' is text", "pvboot.efi ~", OWN, DEFK, "~");
}

int main(void)
{
	test_mem_types();
	test_map();
	test_opts();
	printf("test_pvboot: %d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
