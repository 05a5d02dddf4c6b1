// SPDX-License-Identifier: GPL-2.0-only
/*
 * pvrom-info: show what a pvrom image contains and whether the guest's
 * validator accepts it, like readelf does for ELF files.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi/pvrom/ops.h"
#include "guest/bind/image.h"

#define FILE_MAX	(4u * 1024 * 1024)

static const char *prog = "pvrom-info";

static const char usage_text[] =
"NAME\n"
"    pvrom-info - show the contents and validity of a pvrom option-ROM image\n"
"\n"
"SYNOPSIS\n"
"    pvrom-info [--json] [--extract-elf OUT] [--major N] FILE\n"
"    pvrom-info [--json] --catalog\n"
"    pvrom-info --help\n"
"\n"
"DESCRIPTION\n"
"    Reads the pvrom image FILE (for example build/pvrom.rom) and prints the\n"
"    pvrom header fields, the ABI version, the PCI IDs, the ELF notes (licence\n"
"    and whether it is GPL-compatible, release, vendor, backends, GNU\n"
"    build-id, source hash and URL), the data and per-CPU area sizes, every\n"
"    exported op with its symbol version, offset and size and whether this\n"
"    tool's ABI headers know it, then the verdict of the same validator the\n"
"    guest uses: 'valid' or 'INVALID: <error name>: <message>'.  Fields that\n"
"    could be read are shown even for an invalid image.  A FILE over 4 MiB\n"
"    (far more than any option ROM) is refused unread, with its size.\n"
"\n"
"    With --catalog, reads no image and lists the ops this tool's ABI headers\n"
"    know instead, each with its symbol version and the minor that added it.\n"
"\n"
"OPTIONS\n"
"    --json              print a single JSON object instead of text.\n"
"    --extract-elf OUT   write the ELF image embedded in the ROM to OUT, so\n"
"                        that 'readelf --dyn-syms -V OUT' and 'objdump -T OUT'\n"
"                        show the ops and their versions.  OUT is written\n"
"                        through a temporary file in its directory, renamed\n"
"                        to OUT on success; it may not be FILE or anything\n"
"                        but a regular file.\n"
"    --major N           validate for ABI major N (default " PVROM_STR(PVROM_ABI_MAJOR) ").\n"
"    --catalog           list the known ops (every minor up to " PVROM_STR(PVROM_ABI_MAJOR) "."
	PVROM_STR(PVROM_ABI_MINOR_LATEST) ").\n"
"    -h, --help          show this text.\n"
"\n"
"EXIT STATUS\n"
"    0  the image is valid.\n"
"    1  the image is invalid (or the ELF could not be extracted from it).\n"
"    2  usage or I/O error, FILE is a directory or over 4 MiB, or OUT\n"
"       cannot be written.\n"
"\n"
"EXAMPLES\n"
"    pvrom-info build/pvrom.rom\n"
"    pvrom-info --json build/pvrom.rom | python3 -m json.tool\n"
"    pvrom-info --extract-elf rom.elf build/pvrom.rom && readelf --dyn-syms -V rom.elf\n";

/* "yes", "no" (unknown name) or "version" (known name, other version). */
static const char *op_known(const char *name, const char *version)
{
	const char *r = "no";
	size_t k;

	for (k = 0; k < PVROM_OP_COUNT_ALL; k++) {
		if (strcmp(pvb_catalog[k].sym, name))
			continue;
		if (!strcmp(pvb_catalog[k].version, version))
			return "yes";
		r = "version";
	}
	return r;
}

static void usage_error(const char *msg)
{
	fprintf(stderr, "%s: %s\nTry '%s --help'.\n", prog, msg, prog);
	exit(2);
}

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* ---- output helpers -------------------------------------------------- */

static void text_str(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

static void json_str(const char *s)
{
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);	/* never emit invalid UTF-8 */
		else
			putchar(c);
	}
	putchar('"');
}

static void hex(const uint8_t *p, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		printf("%02x", p[i]);
}

struct rom_view {
	const char *path;
	const uint8_t *buf;
	size_t size;
	int have_hdr;			/* magic found, header readable */
	struct pvrom_header hdr;
	int have_pcir;
	struct pvrom_pcir pcir;
	uint16_t pcir_off;
};

static void view_raw(struct rom_view *v)
{
	if (v->size >= PVROM_HEADER_OFFSET + sizeof(v->hdr) &&
	    !memcmp(v->buf + PVROM_HEADER_OFFSET, PVROM_HEADER_MAGIC, 8)) {
		memcpy(&v->hdr, v->buf + PVROM_HEADER_OFFSET, sizeof(v->hdr));
		v->have_hdr = 1;
	}
	if (v->size >= 0x1c) {
		v->pcir_off = get16(v->buf + PVROM_OPTROM_PCIR_PTR);
		if (v->pcir_off && v->pcir_off + sizeof(v->pcir) <= v->size &&
		    !memcmp(v->buf + v->pcir_off, "PCIR", 4)) {
			memcpy(&v->pcir, v->buf + v->pcir_off, sizeof(v->pcir));
			v->have_pcir = 1;
		}
	}
}

static void print_text_note(const char *label, const char *s)
{
	printf("  %-16s", label);
	if (s)
		text_str(s);
	else
		fputs("(none)", stdout);
	putchar('\n');
}

static void print_text(const struct rom_view *v, const struct pvb_image *img, int err)
{
	const struct pvrom_header *h = &v->hdr;
	uint32_t i, nexp = 0, nknown = 0;
	size_t k;

	printf("File: %s (%zu bytes)\n", v->path, v->size);
	if (v->size >= 3 && v->buf[0] == 0x55 && v->buf[1] == 0xAA)
		printf("  %-16s55 AA, %u x 512 = %u bytes\n", "Option ROM:", v->buf[2],
		       v->buf[2] * 512u);
	else
		printf("  %-16s(no 55 AA signature)\n", "Option ROM:");
	if (v->have_pcir)
		printf("  %-16s%04x:%04x class %02x%02x%02x code type %u (PCIR at 0x%x)\n",
		       "PCI:", v->pcir.vendor, v->pcir.device, v->pcir.class_code[2],
		       v->pcir.class_code[1], v->pcir.class_code[0], v->pcir.code_type,
		       v->pcir_off);
	if (v->have_hdr) {
		printf("pvrom header (at 0x%x):\n", PVROM_HEADER_OFFSET);
		printf("  %-16s%u.%u\n", "ABI version:", h->abi_major, h->abi_minor);
		printf("  %-16s%u bytes\n", "Header size:", h->header_size);
		printf("  %-16s0x%04x\n", "Flags:", h->flags);
		printf("  %-16s%u bytes\n", "Image size:", h->image_size);
		printf("  %-16soffset 0x%x, %u bytes\n", "ELF image:", h->elf_offset, h->elf_size);
		printf("  %-16s%u bytes global, %u bytes per CPU\n", "Data area:",
		       h->data_size, h->percpu_size);
		printf("  %-16s0x%08x\n", "CRC-32:", h->crc32);
		printf("  %-16s0x%02x\n", "Checksum:", h->checksum);
	} else {
		printf("pvrom header: (not found)\n");
	}
	if (img->elf) {
		printf("ELF notes:\n");
		print_text_note("Licence:", img->license);
		if (img->license)
			printf("  %-16s%s\n", "GPL-compatible:",
			       pvb_license_gpl_compatible(img->license) ? "yes" : "no");
		print_text_note("Release:", img->release);
		print_text_note("Vendor:", img->vendor);
		print_text_note("Backends:", img->backends);
		printf("  %-16s", "Build-id:");
		if (img->build_id)
			hex(img->build_id, img->build_id_len);
		else
			fputs("(none)", stdout);
		putchar('\n');
		print_text_note("Source hash:", img->source_hash);
		print_text_note("Source URL:", img->source_url);
	}
	if (err == PVB_OK) {
		printf("  %-16s%u bytes global, %u bytes per CPU; fault table at 0x%x, %u entries\n",
		       "Layout:", img->layout.data_size, img->layout.percpu_size,
		       img->layout.extable_offset,
		       img->layout.extable_size / (uint32_t)sizeof(struct pvrom_extable_entry));
		printf("  %-16s%u bytes mapped R+X\n", "Text:", img->text_size);
		printf("Ops:\n  %-10s %6s  %-10s %-7s %s\n", "Offset", "Size", "Version",
		       "Known", "Name");
		for (i = 1; i < img->nsyms; i++) {
			const char *name, *ver, *known;
			uint32_t off, size;

			if (!pvb_symbol(img, i, &name, &ver, &off, &size))
				continue;
			known = op_known(name, ver);
			nexp++;
			nknown += !strcmp(known, "yes");
			printf("  0x%08x %6u  %-10s %-7s ", off, size, *ver ? ver : "(none)", known);
			text_str(name);
			putchar('\n');
		}
		printf("  %u exported, %u known to this tool's ABI headers\n", nexp, nknown);
		for (k = 0; k < PVROM_OP_COUNT_ALL; k++) {
			const struct pvb_op_desc *op = &pvb_catalog[k];
			uint32_t off;

			if (op->minor <= h->abi_minor &&
			    pvb_lookup(img, op->sym, op->version, &off) != PVB_OK)
				printf("  missing: %s@%s\n", op->sym, op->version);
		}
		printf("Verdict: valid\n");
	} else {
		printf("Verdict: INVALID: %s: %s\n", pvb_errname(err), pvb_strerror(err));
	}
}

static void json_kv_str(const char *key, const char *val, int comma)
{
	printf("\"%s\":", key);
	json_str(val);
	if (comma)
		putchar(',');
}

static void print_json(const struct rom_view *v, const struct pvb_image *img, int err)
{
	const struct pvrom_header *h = &v->hdr;
	uint32_t i;
	int first = 1;

	putchar('{');
	json_kv_str("file", v->path, 1);
	printf("\"file_size\":%zu,", v->size);
	printf("\"valid\":%s,", err == PVB_OK ? "true" : "false");
	if (err == PVB_OK)
		printf("\"error\":null,");
	else {
		printf("\"error\":{\"code\":%d,\"name\":\"%s\",\"message\":", err,
		       pvb_errname(err));
		json_str(pvb_strerror(err));
		printf("},");
	}
	if (v->have_hdr)
		printf("\"header\":{\"magic\":\"PVROMHDR\",\"abi_major\":%u,\"abi_minor\":%u,"
		       "\"header_size\":%u,\"flags\":%u,\"image_size\":%u,\"elf_offset\":%u,"
		       "\"elf_size\":%u,\"data_size\":%u,\"percpu_size\":%u,"
		       "\"crc32\":\"0x%08x\",\"checksum\":%u},\"abi\":\"%u.%u\",",
		       h->abi_major, h->abi_minor, h->header_size, h->flags, h->image_size,
		       h->elf_offset, h->elf_size, h->data_size, h->percpu_size, h->crc32,
		       h->checksum, h->abi_major, h->abi_minor);
	else
		printf("\"header\":null,\"abi\":null,");
	if (v->have_pcir)
		printf("\"pci\":{\"vendor\":\"%04x\",\"device\":\"%04x\",\"class\":\"%02x%02x%02x\","
		       "\"code_type\":%u},", v->pcir.vendor, v->pcir.device,
		       v->pcir.class_code[2], v->pcir.class_code[1], v->pcir.class_code[0],
		       v->pcir.code_type);
	else
		printf("\"pci\":null,");
	json_kv_str("license", img->license, 1);
	printf("\"license_gpl_compatible\":%s,",
	       img->license && pvb_license_gpl_compatible(img->license) ? "true" : "false");
	json_kv_str("release", img->release, 1);
	json_kv_str("vendor", img->vendor, 1);
	json_kv_str("backends", img->backends, 1);
	printf("\"build_id\":");
	if (img->build_id) {
		putchar('"');
		hex(img->build_id, img->build_id_len);
		printf("\",");
	} else {
		printf("null,");
	}
	json_kv_str("source_hash", img->source_hash, 1);
	json_kv_str("source_url", img->source_url, 1);
	if (err == PVB_OK)
		printf("\"text_size\":%u,\"layout\":{\"data_size\":%u,\"percpu_size\":%u,"
		       "\"extable_offset\":%u,\"extable_size\":%u},", img->text_size,
		       img->layout.data_size, img->layout.percpu_size,
		       img->layout.extable_offset, img->layout.extable_size);
	printf("\"ops\":[");
	for (i = 1; err == PVB_OK && i < img->nsyms; i++) {
		const char *name, *ver;
		uint32_t off, size;

		if (!pvb_symbol(img, i, &name, &ver, &off, &size))
			continue;
		printf("%s{", first ? "" : ",");
		first = 0;
		json_kv_str("name", name, 1);
		json_kv_str("version", ver, 1);
		printf("\"offset\":%u,\"size\":%u,\"known\":%s}", off, size,
		       !strcmp(op_known(name, ver), "yes") ? "true" : "false");
	}
	printf("]}\n");
}

/* The op catalogue compiled into this tool (guest/bind/catalog.c). */
static void print_catalog(int json)
{
	size_t k;

	if (json)
		printf("{\"abi_major\":%u,\"abi_minor_latest\":%u,\"ops\":[",
		       PVROM_ABI_MAJOR, PVROM_ABI_MINOR_LATEST);
	else
		printf("Ops known to this tool (ABI %u.0 to %u.%u):\n  %-10s %s\n",
		       PVROM_ABI_MAJOR, PVROM_ABI_MAJOR, PVROM_ABI_MINOR_LATEST, "Version",
		       "Name");
	for (k = 0; k < PVROM_OP_COUNT_ALL; k++) {
		const struct pvb_op_desc *op = &pvb_catalog[k];

		if (json)
			printf("%s{\"name\":\"%s\",\"version\":\"%s\",\"minor\":%u}",
			       k ? "," : "", op->sym, op->version, op->minor);
		else
			printf("  %-10s %s\n", op->version, op->sym);
	}
	if (json)
		printf("]}\n");
}

/* ---- files ---------------------------------------------------------- */

/* The whole of FILE, or exit 2 with the reason: a directory, a file over
 * FILE_MAX (its true size given when it is known), a read error. */
static uint8_t *read_rom(const char *path, size_t *size)
{
	struct stat st;
	uint8_t *buf;
	size_t n;
	FILE *f;
	int e;

	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(2);
	}
	if (fstat(fileno(f), &st)) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(2);
	}
	if (S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: %s: is a directory, not a ROM image\n", prog, path);
		exit(2);
	}
	if (S_ISREG(st.st_mode) && st.st_size > (off_t)FILE_MAX) {
		fprintf(stderr, "%s: %s: %lld bytes, over the %u bytes (4 MiB) this tool "
			"reads: not a pvrom image (at most %u bytes)\n", prog, path,
			(long long)st.st_size, FILE_MAX, PVROM_IMAGE_MAX);
		exit(2);
	}
	buf = malloc(FILE_MAX + 1);
	if (!buf) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(2);
	}
	/* One byte more than the limit: a pipe or a growing file is seen. */
	n = fread(buf, 1, FILE_MAX + 1, f);
	e = errno;
	if (ferror(f)) {
		fprintf(stderr, "%s: %s: read error: %s\n", prog, path, strerror(e));
		free(buf);
		exit(2);
	}
	fclose(f);
	if (n > FILE_MAX) {
		fprintf(stderr, "%s: %s: over the %u bytes (4 MiB) this tool reads: not a "
			"pvrom image (at most %u bytes)\n", prog, path, FILE_MAX,
			PVROM_IMAGE_MAX);
		free(buf);
		exit(2);
	}
	*size = n;
	return buf;
}

/* --extract-elf OUT must be new or a regular file, and not the input. */
static void check_output(const char *out, const char *in)
{
	struct stat so, si;

	if (stat(out, &so)) {
		if (errno == ENOENT)
			return;
		fprintf(stderr, "%s: %s: %s\n", prog, out, strerror(errno));
		exit(2);
	}
	if (!S_ISREG(so.st_mode)) {
		fprintf(stderr, "%s: %s: not a regular file, refusing to replace it\n",
			prog, out);
		exit(2);
	}
	if (!stat(in, &si) && si.st_dev == so.st_dev && si.st_ino == so.st_ino) {
		fprintf(stderr, "%s: %s: --extract-elf output is the input FILE, refusing "
			"to overwrite it\n", prog, out);
		exit(2);
	}
}

/* Through a temporary file beside OUT, renamed over it when complete; the
 * temporary file is removed on failure.  0, or -1 with a message. */
static int write_file(const char *out, const void *p, size_t n)
{
	const char *base = strrchr(out, '/');
	size_t dirlen = base ? (size_t)(base - out) + 1 : 0;
	char *tmp = malloc(strlen(out) + 16);
	mode_t mask;
	FILE *f = NULL;
	int fd = -1, e;

	if (!tmp) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return -1;
	}
	sprintf(tmp, "%.*s.%s.XXXXXX", (int)dirlen, out, base ? base + 1 : out);
	fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: cannot create a temporary file: %s\n", prog, tmp,
			strerror(errno));
		free(tmp);
		return -1;
	}
	mask = umask(0);
	umask(mask);
	f = fdopen(fd, "wb");
	if (!f || fchmod(fd, 0666 & ~mask) || fwrite(p, 1, n, f) != n || fflush(f))
		goto fail;
	e = fclose(f);
	f = NULL;
	fd = -1;
	if (e || rename(tmp, out))
		goto fail;
	free(tmp);
	return 0;
fail:
	e = errno;
	if (f)
		fclose(f);
	else if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	fprintf(stderr, "%s: %s: cannot write: %s\n", prog, out, strerror(e));
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "extract-elf", required_argument, NULL, 'x' },
		{ "major", required_argument, NULL, 'm' },
		{ "catalog", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *extract = NULL;
	unsigned long major = PVROM_ABI_MAJOR;
	struct rom_view v;
	struct pvb_image img;
	int c, json = 0, catalog = 0, err, rc;
	uint8_t *buf;
	char *end;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'c': catalog = 1; break;
		case 'x':
			if (!*optarg)
				usage_error("--extract-elf: empty file name");
			extract = optarg;
			break;
		case 'm':
			errno = 0;
			major = strtoul(optarg, &end, 0);
			if (errno || *optarg == '\0' || *end || major > 0xffff)
				usage_error("invalid --major");
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			usage_error("invalid option");
		}
	}
	if (catalog) {
		if (optind != argc || extract)
			usage_error("--catalog reads no FILE");
		print_catalog(json);
		return 0;
	}
	if (optind != argc - 1)
		usage_error("exactly one FILE is needed");

	memset(&v, 0, sizeof(v));
	v.path = argv[optind];
	if (extract)
		check_output(extract, v.path);
	buf = read_rom(v.path, &v.size);
	v.buf = buf;

	err = pvb_validate(buf, v.size, (uint16_t)major, &img);
	view_raw(&v);
	if (json)
		print_json(&v, &img, err);
	else
		print_text(&v, &img, err);
	rc = err == PVB_OK ? 0 : 1;

	if (extract) {
		if (!img.elf) {
			fprintf(stderr, "%s: %s: cannot extract the ELF image: %s\n", prog,
				v.path, pvb_strerror(err));
			rc = 1;
		} else if (write_file(extract, img.elf, img.elf_size)) {
			rc = 2;
		}
	}
	free(buf);
	return rc;
}
