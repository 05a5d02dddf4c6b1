// SPDX-License-Identifier: GPL-2.0-only
/*
 * pvrom-link: turn the 16-bit option-ROM head and the linked ROM ELF into a
 * pvrom image, checking everything the ABI forbids first (as the Linux vDSO's
 * post-link checker does) and validating the result with the same validator
 * the guest runs.  Any problem fails the build with a message naming it.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi/pvrom/ops.h"
#include "guest/bind/elf64.h"
#include "guest/bind/image.h"
#include "linker/seal.h"

/* Section headers: only this tool reads them (the validator, like the
 * guest, works from segments and the dynamic array). */
struct pvb_shdr {			/* 64 bytes */
	uint32_t sh_name;
	uint32_t sh_type;
	uint64_t sh_flags;
	uint64_t sh_addr;
	uint64_t sh_offset;
	uint64_t sh_size;
	uint32_t sh_link;
	uint32_t sh_info;
	uint64_t sh_addralign;
	uint64_t sh_entsize;
};
_Static_assert(sizeof(struct pvb_shdr) == 64, "Elf64_Shdr");

#define PVB_SHT_RELA		4
#define PVB_SHT_DYNAMIC		6
#define PVB_SHT_REL		9
#define PVB_SHT_DYNSYM		11
#define PVB_SHT_RELR		19
#define PVB_SHF_WRITE		1u
#define PVB_SHF_ALLOC		2u

/* The head fills the space before the ELF image, which starts at 0x1000. */
#define HEAD_MAX	PVROM_ELF_ALIGN
#define ELF_FILE_MAX	(PVROM_IMAGE_MAX - PVROM_ELF_ALIGN)

struct elf_file {
	const uint8_t *p;
	size_t size;
	struct pvb_ehdr eh;
};

/* One link: the options, the inputs, the image being assembled. */
struct link {
	const char *head_path, *elf_path, *out_path;
	unsigned minor;
	unsigned long max_size;		/* the build's budget (--max-size) */
	uint16_t vendor, device;
	uint8_t *head;
	size_t head_size;
	struct elf_file ef;
	uint8_t *rom;
	uint32_t size;
	unsigned nops;			/* ops checked, for the summary line */
};

static const char *prog = "pvrom-link";
static const char *elf_path;		/* --elf, for messages */
static int errors;
/* Freed at exit, so error paths can simply return.  The output is written
 * to a temporary file that is renamed only on success: a failed link
 * leaves whatever -o names as it was, and removes nothing it did not
 * create. */
static struct link lk;
static char *tmp_path;			/* the temporary output, while it exists */

static void at_exit(void)
{
	if (tmp_path)
		unlink(tmp_path);
	free(tmp_path);
	free(lk.head);
	free((void *)lk.ef.p);
	free(lk.rom);
}

static const char usage_text[] =
"NAME\n"
"    pvrom-link - build and check a pvrom option-ROM image\n"
"\n"
"SYNOPSIS\n"
"    pvrom-link --head FILE --elf FILE -o OUT [--abi-minor N]\n"
"               [--pci-id VVVV:DDDD] [--max-size BYTES]\n"
"    pvrom-link --help\n"
"\n"
"DESCRIPTION\n"
"    Places the 16-bit option-ROM head (at most 4096 bytes, from nasm) at\n"
"    offset 0 and the ROM's ELF image at offset 0x1000, then writes the pvrom\n"
"    header at 0x20 (magic, ABI " PVROM_STR(PVROM_ABI_MAJOR) ".N, sizes, data and per-CPU sizes\n"
"    taken from the ELF's PVROM layout note), the PCI data structure at the\n"
"    head's 0x18 pointer, the $PnP header checksum (if the head has one at\n"
"    its 0x1A pointer), the length byte, zero padding to 512 bytes, the\n"
"    CRC-32 and the checksum byte.  The result is checked with the guest's\n"
"    own validator.\n"
"\n"
"    The link fails, naming the problem, on: a dynamic relocation (a\n"
"    non-empty .rela.dyn/.rel.dyn/.relr.dyn section, DT_RELA, DT_REL,\n"
"    DT_JMPREL, DT_RELR, DT_TEXTREL), DT_NEEDED, a writable or W+X segment,\n"
"    more than one PT_LOAD, memsz != filesz, an undefined dynamic symbol, a\n"
"    non-empty writable allocated section (.data, .bss, .got, ...), an op of\n"
"    the ABI missing or exported at the wrong version, an op newer than\n"
"    --abi-minor, an image over --max-size, a head over 4096 bytes or with\n"
"    non-zero bytes in the pvrom header area 0x20..0x7F.\n"
"\n"
"OPTIONS\n"
"    --head FILE         16-bit head (55 AA, entry, PCIR and $PnP pointers).\n"
"    --elf FILE          the linked ROM ELF (ET_DYN, one R+X PT_LOAD).\n"
"    -o, --output OUT    the ROM image to write, only when valid: through a\n"
"                        temporary file in OUT's directory renamed to OUT, so\n"
"                        a failed link leaves OUT as it was.  OUT may not be\n"
"                        an input or anything but a regular file.\n"
"    --abi-minor N       ABI minor the ROM implements, in decimal (default\n"
"                        0, at most " PVROM_STR(PVROM_ABI_MINOR_LATEST) ", the newest these headers know);\n"
"                        every op of " PVROM_VERSION_NODE(0) " .. " PVROM_VERSION_NODE(N) " must be exported.\n"
"    --pci-id VVVV:DDDD  PCIR vendor:device, 1 to 4 hex digits each (default\n"
"                        1b36:0005, QEMU's pci-testdev).\n"
"    --max-size BYTES    fail if the image is larger, in decimal (default:\n"
"                        the option-ROM limit, 255 x 512 bytes; a build\n"
"                        passes its budget).\n"
"    -h, --help          show this text.\n"
"\n"
"EXIT STATUS\n"
"    0 on success, 1 if a check failed, 2 on a usage or I/O error (an\n"
"    option given twice or without its value, an output that is an input\n"
"    or not a regular file).\n"
"\n"
"EXAMPLES\n"
"    pvrom-link --head build/rom/head.bin --elf build/rom/pvrom.elf \\\n"
"               -o build/pvrom.rom\n"
"    pvrom-link --head h.bin --elf rom11.elf --abi-minor 1 -o pvrom-1.1.rom\n";

static void fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: error: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	errors++;
}

static void usage_error(const char *msg)
{
	fprintf(stderr, "%s: %s\nTry '%s --help'.\n", prog, msg, prog);
	exit(2);
}

static uint8_t *read_file(const char *path, size_t max, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	size_t n;

	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(2);
	}
	buf = malloc(max + 1);
	if (!buf) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(2);
	}
	n = fread(buf, 1, max + 1, f);
	if (ferror(f)) {
		fprintf(stderr, "%s: %s: read error: %s\n", prog, path, strerror(errno));
		exit(2);
	}
	fclose(f);
	*size = n;
	return buf;
}

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static int in_file(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

/* ---- checks on the ELF file, before it goes into the ROM ------------- */

static const char *section_name(const struct elf_file *ef, const struct pvb_shdr *strsec,
				uint32_t off)
{
	if (!strsec || off >= strsec->sh_size ||
	    !in_file(strsec->sh_offset, strsec->sh_size, ef->size) ||
	    !memchr(ef->p + strsec->sh_offset + off, 0, strsec->sh_size - off))
		return "?";
	return (const char *)ef->p + strsec->sh_offset + off;
}

static int check_segments(struct elf_file *ef)
{
	unsigned i, nload = 0;

	if (!in_file(ef->eh.e_phoff, (uint64_t)ef->eh.e_phnum * sizeof(struct pvb_phdr),
		     ef->size) || ef->eh.e_phentsize != sizeof(struct pvb_phdr)) {
		fail("%s: program headers outside the file", elf_path);
		return -1;
	}
	for (i = 0; i < ef->eh.e_phnum; i++) {
		struct pvb_phdr ph;

		memcpy(&ph, ef->p + ef->eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PVB_PT_GNU_STACK) {
			if (ph.p_flags & PVB_PF_X)
				fail("%s: executable stack (PT_GNU_STACK has X): link with -z noexecstack",
				     elf_path);
			continue;
		}
		if (ph.p_type == PVB_PT_NULL)
			continue;
		if ((ph.p_flags & PVB_PF_W) && (ph.p_flags & PVB_PF_X))
			fail("%s: segment %u (type 0x%x) is writable and executable (W+X)",
			     elf_path, i, ph.p_type);
		else if (ph.p_flags & PVB_PF_W)
			fail("%s: segment %u (type 0x%x) is writable: the ROM may not have "
			     "writable segments (use the guest's data area)", elf_path, i, ph.p_type);
		if (ph.p_type == PVB_PT_LOAD) {
			nload++;
			if (ph.p_memsz != ph.p_filesz)
				fail("%s: PT_LOAD memsz 0x%llx != filesz 0x%llx (.bss or padding "
				     "not in the file)", elf_path,
				     (unsigned long long)ph.p_memsz,
				     (unsigned long long)ph.p_filesz);
			if (ph.p_offset != 0 || ph.p_vaddr != 0)
				fail("%s: PT_LOAD at offset 0x%llx vaddr 0x%llx, must be 0/0",
				     elf_path, (unsigned long long)ph.p_offset,
				     (unsigned long long)ph.p_vaddr);
		}
	}
	if (nload != 1)
		fail("%s: %u PT_LOAD segments, exactly one (R+X) is allowed", elf_path, nload);
	return 0;
}

static void check_dynsym(const struct elf_file *ef, const struct pvb_shdr *sh)
{
	const struct pvb_shdr *str;
	struct pvb_shdr strsh;
	uint64_t n, i;

	if (sh->sh_link >= ef->eh.e_shnum)
		return;
	memcpy(&strsh, ef->p + ef->eh.e_shoff + sh->sh_link * sizeof(strsh), sizeof(strsh));
	str = &strsh;
	n = sh->sh_size / sizeof(struct pvb_sym);
	for (i = 1; i < n; i++) {
		struct pvb_sym s;

		memcpy(&s, ef->p + sh->sh_offset + i * sizeof(s), sizeof(s));
		if (s.st_shndx == PVB_SHN_UNDEF)
			fail("%s: undefined dynamic symbol '%s': the ROM cannot import anything",
			     elf_path, section_name(ef, str, s.st_name));
	}
}

static void check_sections(const struct elf_file *ef)
{
	struct pvb_shdr strsh, sh;
	const struct pvb_shdr *str = NULL;
	unsigned i;

	if (ef->eh.e_shnum == 0)
		return;		/* no section headers: the segment checks remain */
	if (ef->eh.e_shentsize != sizeof(sh) ||
	    !in_file(ef->eh.e_shoff, (uint64_t)ef->eh.e_shnum * sizeof(sh), ef->size)) {
		fail("%s: section headers outside the file", elf_path);
		return;
	}
	if (ef->eh.e_shstrndx < ef->eh.e_shnum) {
		memcpy(&strsh, ef->p + ef->eh.e_shoff + ef->eh.e_shstrndx * sizeof(sh),
		       sizeof(sh));
		str = &strsh;
	}
	for (i = 1; i < ef->eh.e_shnum; i++) {
		const char *name;

		memcpy(&sh, ef->p + ef->eh.e_shoff + i * sizeof(sh), sizeof(sh));
		name = section_name(ef, str, sh.sh_name);
		if ((sh.sh_type == PVB_SHT_RELA || sh.sh_type == PVB_SHT_REL ||
		     sh.sh_type == PVB_SHT_RELR) && (sh.sh_flags & PVB_SHF_ALLOC) &&
		    sh.sh_size > 0)
			fail("%s: dynamic relocation section %s (%llu bytes): the ROM must "
			     "run unrelocated (no absolute addresses, no static pointer "
			     "initialisers)", elf_path, name, (unsigned long long)sh.sh_size);
		/* .dynamic carries SHF_WRITE by convention; its segment is checked. */
		if ((sh.sh_flags & (PVB_SHF_ALLOC | PVB_SHF_WRITE)) ==
		    (PVB_SHF_ALLOC | PVB_SHF_WRITE) && sh.sh_size > 0 &&
		    sh.sh_type != PVB_SHT_DYNAMIC)
			fail("%s: writable section %s (%llu bytes): the ROM may not have "
			     ".data/.bss/.got (state lives in the guest's data area)",
			     elf_path, name, (unsigned long long)sh.sh_size);
		if (sh.sh_type == PVB_SHT_DYNSYM && in_file(sh.sh_offset, sh.sh_size, ef->size) &&
		    sh.sh_link < ef->eh.e_shnum)
			check_dynsym(ef, &sh);
	}
}

static void check_dynamic(const struct elf_file *ef)
{
	unsigned i;

	for (i = 0; i < ef->eh.e_phnum; i++) {
		struct pvb_phdr ph;
		uint64_t k;

		memcpy(&ph, ef->p + ef->eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PVB_PT_DYNAMIC || !in_file(ph.p_offset, ph.p_filesz, ef->size))
			continue;
		for (k = 0; k + sizeof(struct pvb_dyn) <= ph.p_filesz; k += sizeof(struct pvb_dyn)) {
			struct pvb_dyn d;
			const char *what = NULL;

			memcpy(&d, ef->p + ph.p_offset + k, sizeof(d));
			if (d.d_tag == PVB_DT_NULL)
				break;
			switch (d.d_tag) {
			case PVB_DT_RELA:	what = "DT_RELA"; break;
			case PVB_DT_REL:	what = "DT_REL"; break;
			case PVB_DT_JMPREL:	what = "DT_JMPREL"; break;
			case PVB_DT_RELR:	what = "DT_RELR"; break;
			case PVB_DT_TEXTREL:	what = "DT_TEXTREL"; break;
			case PVB_DT_NEEDED:	what = "DT_NEEDED"; break;
			case PVB_DT_VERNEED:	what = "DT_VERNEED"; break;
			case PVB_DT_RELASZ:
				what = d.d_val ? "DT_RELASZ != 0" : NULL;
				break;
			case PVB_DT_RELSZ:
				what = d.d_val ? "DT_RELSZ != 0" : NULL;
				break;
			case PVB_DT_PLTRELSZ:
				what = d.d_val ? "DT_PLTRELSZ != 0" : NULL;
				break;
			case PVB_DT_RELRSZ:
				what = d.d_val ? "DT_RELRSZ != 0" : NULL;
				break;
			case PVB_DT_FLAGS:
				if (d.d_val & PVB_DF_TEXTREL)
					what = "DF_TEXTREL";
				break;
			default:
				break;
			}
			if (what)
				fail("%s: dynamic section has %s: dynamic relocations and "
				     "imports are forbidden", elf_path, what);
		}
	}
}

static void check_elf(struct elf_file *ef)
{
	const uint8_t *id = ef->p;

	if (ef->size > ELF_FILE_MAX) {
		fail("%s: ELF file over %u bytes cannot fit an option ROM", elf_path,
		     ELF_FILE_MAX);
		return;
	}
	if (ef->size < sizeof(ef->eh) || memcmp(id, "\177ELF", 4) ||
	    id[PVB_EI_CLASS] != PVB_ELFCLASS64 || id[PVB_EI_DATA] != PVB_ELFDATA2LSB) {
		fail("%s: not a little-endian ELF64 file", elf_path);
		return;
	}
	memcpy(&ef->eh, ef->p, sizeof(ef->eh));
	if (ef->eh.e_machine != PVB_EM_X86_64 || ef->eh.e_type != PVB_ET_DYN) {
		fail("%s: not an x86-64 ET_DYN (shared) object: link with ld -shared", elf_path);
		return;
	}
	if (check_segments(ef))
		return;
	check_sections(ef);
	check_dynamic(ef);
}

/* ---- ops ------------------------------------------------------------- */

/* Returns the number of ops checked. */
static unsigned check_ops(const struct pvb_image *img, unsigned minor)
{
	unsigned k, n = 0, i;

	for (k = 0; k < PVROM_OP_COUNT_ALL; k++) {
		const struct pvb_op_desc *op = &pvb_catalog[k];
		uint32_t off, off2;
		const char *name, *ver, *found = NULL;

		if (op->minor > minor)
			continue;
		n++;
		if (pvb_lookup(img, op->sym, op->version, &off) == PVB_OK) {
			if (pvb_lookup_sysv(img, op->sym, op->version, &off2) != PVB_OK ||
			    off2 != off)
				fail("%s: op %s@%s: DT_HASH and DT_GNU_HASH disagree",
				     elf_path, op->sym, op->version);
			continue;
		}
		for (i = 1; i < img->nsyms; i++)
			if (pvb_symbol(img, i, &name, &ver, NULL, NULL) && !strcmp(name, op->sym))
				found = ver;
		if (found)
			fail("%s: op %s exported at version '%s', expected %s (check the "
			     "version script)", elf_path, op->sym, *found ? found : "(none)",
			     op->version);
		else
			fail("%s: op %s of ABI %u.%u is missing (expected %s@%s)", elf_path,
			     op->sym + strlen(PVROM_SYM_PREFIX), PVROM_ABI_MAJOR, op->minor,
			     op->sym, op->version);
	}
	/* A ROM must not export a node newer than the minor it claims. */
	for (i = 1; i < img->nsyms; i++) {
		const char *name, *ver;
		unsigned maj, min;
		char tail;

		if (!pvb_symbol(img, i, &name, &ver, NULL, NULL))
			continue;
		if (sscanf(ver, PVROM_VERSION_PREFIX "%u.%u%c", &maj, &min, &tail) == 2 &&
		    (maj != PVROM_ABI_MAJOR || min > minor))
			fail("%s: %s is exported at %s, newer than the ABI %u.%u this ROM "
			     "claims (--abi-minor)", elf_path, name, ver, PVROM_ABI_MAJOR, minor);
	}
	return n;
}

/* ---- the image ------------------------------------------------------- */

static void put_pcir(uint8_t *rom, uint32_t at, uint16_t vendor, uint16_t device,
		     uint32_t size)
{
	struct pvrom_pcir p;

	memset(&p, 0, sizeof(p));
	memcpy(p.signature, "PCIR", 4);
	p.vendor = vendor;
	p.device = device;
	p.length = sizeof(p);
	p.revision = 3;
	/* class 0xff0000: "device does not fit any defined class" */
	p.class_code[0] = 0x00;
	p.class_code[1] = 0x00;
	p.class_code[2] = 0xff;
	p.image_length = (uint16_t)(size / PVROM_OPTROM_UNIT);
	p.code_revision = 0;
	p.code_type = 0;
	p.indicator = 0x80;
	p.max_runtime_length = (uint16_t)(size / PVROM_OPTROM_UNIT);
	memcpy(rom + at, &p, sizeof(p));	/* host is little-endian x86 */
}

static void put_header(uint8_t *rom, unsigned minor, uint32_t size, uint32_t elf_size,
		       const struct pvrom_note_layout *l)
{
	uint8_t *h = rom + PVROM_HEADER_OFFSET;

	memcpy(h, PVROM_HEADER_MAGIC, 8);
	put16(h + offsetof(struct pvrom_header, abi_major), PVROM_ABI_MAJOR);
	put16(h + offsetof(struct pvrom_header, abi_minor), (uint16_t)minor);
	put16(h + offsetof(struct pvrom_header, header_size), PVROM_HEADER_SIZE_1_0);
	put16(h + offsetof(struct pvrom_header, flags), 0);
	put32(h + offsetof(struct pvrom_header, image_size), size);
	put32(h + offsetof(struct pvrom_header, elf_offset), PVROM_ELF_ALIGN);
	put32(h + offsetof(struct pvrom_header, elf_size), elf_size);
	put32(h + offsetof(struct pvrom_header, data_size), l->data_size);
	put32(h + offsetof(struct pvrom_header, percpu_size), l->percpu_size);
}

static int fix_pnp(uint8_t *rom, size_t head_size)
{
	uint16_t at = get16(rom + PVROM_OPTROM_PNP_PTR);
	unsigned len, i;
	uint8_t sum = 0;

	if (at == 0)
		return 0;
	if (at < PVROM_HEADER_OFFSET + PVROM_HEADER_MAX || at + 32u > head_size ||
	    memcmp(rom + at, "$PnP", 4)) {
		fail("head: 0x1A points to 0x%x, which holds no $PnP header inside the head", at);
		return -1;
	}
	len = rom[at + 5] * 16u;
	if (len < 32 || at + len > head_size) {
		fail("head: $PnP header length %u bytes is invalid", len);
		return -1;
	}
	rom[at + 9] = 0;
	for (i = 0; i < len; i++)
		sum += rom[at + i];
	rom[at + 9] = (uint8_t)-sum;
	return 0;
}

/* A decimal number, digits only: no sign, space, base prefix or suffix. */
static unsigned long parse_num(const char *s, const char *what, unsigned long max)
{
	unsigned long v = 0;
	const char *p;
	char msg[160];

	for (p = s; *p >= '0' && *p <= '9'; p++) {
		unsigned long d = (unsigned long)(*p - '0');

		if (v > max / 10 || d > max - v * 10)
			break;
		v = v * 10 + d;
	}
	if (p == s || *p != '\0') {
		if (*p >= '0' && *p <= '9')
			snprintf(msg, sizeof(msg), "invalid %s '%s': at most %lu", what, s, max);
		else
			snprintf(msg, sizeof(msg), "invalid %s '%s': want a decimal number "
				 "(0 to %lu)", what, s, max);
		usage_error(msg);
	}
	return v;
}

/* 1 to 4 hex digits, nothing else; *end is where they stop. */
static int parse_hex16(const char *s, const char **end, uint16_t *v)
{
	unsigned n = 0, x = 0;

	for (; n < 5; n++, s++) {
		if (*s >= '0' && *s <= '9')
			x = x * 16 + (unsigned)(*s - '0');
		else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			x = x * 16 + (unsigned)((*s | 0x20) - 'a' + 10);
		else
			break;
	}
	*end = s;
	*v = (uint16_t)x;
	return n >= 1 && n <= 4;
}

static void parse_pci_id(const char *s, struct link *l)
{
	const char *end;
	char msg[160];

	if (!parse_hex16(s, &end, &l->vendor) || *end != ':' ||
	    !parse_hex16(end + 1, &end, &l->device) || *end != '\0') {
		snprintf(msg, sizeof(msg), "invalid --pci-id '%s': want VVVV:DDDD, "
			 "1 to 4 hex digits each", s);
		usage_error(msg);
	}
}

/* A path option: given once, not empty. */
static void set_path(const char **dst, const char *opt)
{
	char msg[160];

	if (*dst) {
		snprintf(msg, sizeof(msg), "%s given twice", opt);
		usage_error(msg);
	}
	if (!*optarg) {
		snprintf(msg, sizeof(msg), "%s: empty file name", opt);
		usage_error(msg);
	}
	*dst = optarg;
}

static void once(int *seen, const char *opt)
{
	char msg[160];

	if ((*seen)++) {
		snprintf(msg, sizeof(msg), "%s given twice", opt);
		usage_error(msg);
	}
}

static void parse_args(int argc, char **argv, struct link *l)
{
	static const struct option longopts[] = {
		{ "head", required_argument, NULL, 'H' },
		{ "elf", required_argument, NULL, 'E' },
		{ "output", required_argument, NULL, 'o' },
		{ "abi-minor", required_argument, NULL, 'm' },
		{ "pci-id", required_argument, NULL, 'p' },
		{ "max-size", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, seen_m = 0, seen_p = 0, seen_s = 0;
	char msg[160];

	l->max_size = PVROM_IMAGE_MAX;
	l->vendor = PVROM_PCI_VENDOR_DEFAULT;
	l->device = PVROM_PCI_DEVICE_DEFAULT;
	opterr = 0;		/* our messages, naming the option */
	while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'H': set_path(&l->head_path, "--head"); break;
		case 'E': set_path(&l->elf_path, "--elf"); break;
		case 'o': set_path(&l->out_path, "-o/--output"); break;
		case 'm':
			once(&seen_m, "--abi-minor");
			l->minor = (unsigned)parse_num(optarg, "--abi-minor",
						       PVROM_ABI_MINOR_LATEST);
			break;
		case 's':
			once(&seen_s, "--max-size");
			l->max_size = parse_num(optarg, "--max-size", PVROM_IMAGE_MAX);
			break;
		case 'p':
			once(&seen_p, "--pci-id");
			parse_pci_id(optarg, l);
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		case ':':
			snprintf(msg, sizeof(msg), "option '%s' needs a value", argv[optind - 1]);
			usage_error(msg);
			break;
		default:
			snprintf(msg, sizeof(msg), "invalid option '%s'", argv[optind - 1]);
			usage_error(msg);
		}
	}
	if (optind != argc) {
		snprintf(msg, sizeof(msg), "unexpected argument '%s' (inputs are given "
			 "with --head and --elf)", argv[optind]);
		usage_error(msg);
	}
	if (!l->head_path)
		usage_error("missing --head FILE (the 16-bit option-ROM head)");
	if (!l->elf_path)
		usage_error("missing --elf FILE (the linked ROM ELF)");
	if (!l->out_path)
		usage_error("missing -o OUT (the ROM image to write)");
	elf_path = l->elf_path;
}

/* The output must be new or a regular file, and none of the inputs: it is
 * replaced only after a successful link, and never deleted. */
static void check_output(const struct link *l)
{
	const char *in[2] = { l->head_path, l->elf_path };
	struct stat out, st;
	unsigned i;

	if (stat(l->out_path, &out)) {
		if (errno == ENOENT)
			return;
		fprintf(stderr, "%s: %s: %s\n", prog, l->out_path, strerror(errno));
		exit(2);
	}
	if (!S_ISREG(out.st_mode)) {
		fprintf(stderr, "%s: %s: output is not a regular file, refusing to "
			"replace it\n", prog, l->out_path);
		exit(2);
	}
	for (i = 0; i < 2; i++)
		if (!stat(in[i], &st) && st.st_dev == out.st_dev && st.st_ino == out.st_ino) {
			fprintf(stderr, "%s: %s: output is the input %s, refusing to "
				"overwrite it\n", prog, l->out_path, in[i]);
			exit(2);
		}
}

/* One byte more than allowed is read, so that an oversized file is seen. */
static void read_inputs(struct link *l)
{
	size_t elf_size;

	l->head = read_file(l->head_path, HEAD_MAX, &l->head_size);
	l->ef.p = read_file(l->elf_path, ELF_FILE_MAX, &elf_size);
	l->ef.size = elf_size;
}

/* The head: the option-ROM signature, and room left for the pvrom header. */
static void check_head(const struct link *l)
{
	const uint8_t *head = l->head;
	uint32_t i;

	if (l->head_size > HEAD_MAX)
		fail("%s: head is over %u bytes: the ELF image starts at 0x%x", l->head_path,
		     HEAD_MAX, PVROM_ELF_ALIGN);
	if (l->head_size < PVROM_HEADER_OFFSET || head[0] != PVROM_OPTROM_SIG0 ||
	    head[1] != PVROM_OPTROM_SIG1)
		fail("%s: head does not start with the 55 AA option-ROM signature",
		     l->head_path);
	for (i = PVROM_HEADER_OFFSET; i < PVROM_HEADER_OFFSET + PVROM_HEADER_MAX &&
	     i < l->head_size && i < HEAD_MAX; i++)
		if (head[i]) {
			fail("%s: byte 0x%x of the pvrom header area 0x20..0x7f is not zero",
			     l->head_path, i);
			break;
		}
}

/*
 * Head and ELF into one image, its headers filled in and sealed, then
 * checked by the guest's validator and against the op catalogue.  The data
 * sizes come from the ELF's layout note, which only the validator parses:
 * a first pass with zero sizes in the header reads the note (and is refused
 * with PVB_E_LAYOUT when the note asks for any data), the second must pass.
 */
static int assemble(struct link *l)
{
	static const struct pvrom_note_layout no_layout;
	struct pvb_image img;
	uint8_t *rom;
	uint16_t pcir;
	int err;

	l->size = (uint32_t)((PVROM_ELF_ALIGN + l->ef.size + PVROM_OPTROM_UNIT - 1) /
			     PVROM_OPTROM_UNIT * PVROM_OPTROM_UNIT);
	if (l->size > l->max_size) {
		fail("image would be %u bytes, over the --max-size limit of %lu", l->size,
		     l->max_size);
		return -1;
	}
	rom = l->rom = calloc(1, l->size);
	if (!rom) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(2);
	}
	memcpy(rom, l->head, l->head_size);
	memcpy(rom + PVROM_ELF_ALIGN, l->ef.p, l->ef.size);

	pcir = get16(rom + PVROM_OPTROM_PCIR_PTR);
	if (pcir < PVROM_HEADER_OFFSET + PVROM_HEADER_MAX || pcir % 4 ||
	    pcir + sizeof(struct pvrom_pcir) > l->head_size) {
		fail("%s: the PCIR pointer at 0x18 (0x%x) must be dword aligned, past 0x80 "
		     "and inside the head", l->head_path, pcir);
		return -1;
	}
	rom[PVROM_OPTROM_LEN_OFF] = (uint8_t)(l->size / PVROM_OPTROM_UNIT);
	put_pcir(rom, pcir, l->vendor, l->device, l->size);
	if (fix_pnp(rom, l->head_size))
		return -1;

	put_header(rom, l->minor, l->size, (uint32_t)l->ef.size, &no_layout);
	pvrom_seal(rom, l->size);
	err = pvb_validate(rom, l->size, PVROM_ABI_MAJOR, &img);
	if (err == PVB_E_LAYOUT) {
		/* img.layout was read before the header comparison failed;
		 * all zero, it can only mean the note is missing. */
		if (!memcmp(&img.layout, &no_layout, sizeof(no_layout))) {
			fail("%s: no PVROM layout note (type %d): the linker script must "
			     "emit it", elf_path, PVROM_NOTE_LAYOUT);
			return -1;
		}
		put_header(rom, l->minor, l->size, (uint32_t)l->ef.size, &img.layout);
		pvrom_seal(rom, l->size);
		err = pvb_validate(rom, l->size, PVROM_ABI_MAJOR, &img);
	}
	if (err) {
		fail("the linked image does not validate: %s: %s", pvb_errname(err),
		     pvb_strerror(err));
		return -1;
	}
	l->nops = check_ops(&img, l->minor);
	return errors ? -1 : 0;
}

/* Into a temporary file beside the output, renamed over it when complete:
 * the output is either the old file or the whole new image. */
static int write_output(const struct link *l)
{
	const char *base = strrchr(l->out_path, '/');
	size_t dirlen = base ? (size_t)(base - l->out_path) + 1 : 0;
	mode_t mask;
	FILE *f;
	int fd;

	tmp_path = malloc(dirlen + strlen(base ? base + 1 : l->out_path) + 16);
	if (!tmp_path) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 2;
	}
	sprintf(tmp_path, "%.*s.%s.XXXXXX", (int)dirlen, l->out_path,
		base ? base + 1 : l->out_path);
	fd = mkstemp(tmp_path);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: cannot create a temporary file: %s\n", prog,
			tmp_path, strerror(errno));
		free(tmp_path);
		tmp_path = NULL;
		return 2;
	}
	mask = umask(0);
	umask(mask);
	f = fdopen(fd, "wb");
	if (!f) {
		close(fd);
		goto fail;
	}
	if (fchmod(fd, 0666 & ~mask) || fwrite(l->rom, 1, l->size, f) != l->size ||
	    fflush(f)) {
		int e = errno;

		fclose(f);
		errno = e;
		goto fail;
	}
	if (fclose(f) || rename(tmp_path, l->out_path))
		goto fail;
	free(tmp_path);
	tmp_path = NULL;
	printf("%s: %u bytes (limit %lu), %u ops, ABI %u.%u\n",
	       base ? base + 1 : l->out_path, l->size, l->max_size, l->nops,
	       PVROM_ABI_MAJOR, l->minor);
	return 0;
fail:
	fprintf(stderr, "%s: %s: cannot write: %s\n", prog, l->out_path, strerror(errno));
	return 2;		/* at_exit removes the temporary file */
}

int main(int argc, char **argv)
{
	parse_args(argc, argv, &lk);
	atexit(at_exit);
	check_output(&lk);
	read_inputs(&lk);
	check_head(&lk);
	check_elf(&lk.ef);
	if (errors || assemble(&lk))
		return 1;
	return write_output(&lk);
}
