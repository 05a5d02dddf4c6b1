// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host unit tests of the validator (guest/bind/image.c), run under ASan and
 * UBSan: test_image ROM-1.0 ROM-1.1
 *
 * A good image must validate and resolve every op through both hash
 * tables; every malformed variant (a copy of the good image with one thing
 * broken, resealed where needed so that the intended check is reached) must
 * be refused with its own error code.  One PASS:/FAIL: line per check.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/pvrom/ops.h"
#include "guest/bind/elf64.h"
#include "guest/bind/image.h"
#include "linker/seal.h"
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

/* ---- little-endian accessors for mutating copies --------------------- */

static uint16_t g16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t g32(const uint8_t *p) { return g16(p) | (uint32_t)g16(p + 2) << 16; }
static uint64_t g64(const uint8_t *p) { return g32(p) | (uint64_t)g32(p + 4) << 32; }
static void p16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void p32(uint8_t *p, uint32_t v) { p16(p, (uint16_t)v); p16(p + 2, (uint16_t)(v >> 16)); }
static void p64(uint8_t *p, uint64_t v) { p32(p, (uint32_t)v); p32(p + 4, (uint32_t)(v >> 32)); }

#define HDR(f)	(PVROM_HEADER_OFFSET + offsetof(struct pvrom_header, f))

/* The image under mutation. */
static uint8_t *good, *work;
static size_t good_size;
static uint32_t elf_at;		/* ROM offset of the ELF image */
static struct pvb_image good_img;

static uint8_t *elf(void) { return work + elf_at; }

/* ROM-relative offset of program header 'k' of the given type (k-th one). */
static uint8_t *phdr(uint32_t type)
{
	uint8_t *e = elf();
	uint64_t phoff = g64(e + offsetof(struct pvb_ehdr, e_phoff));
	uint16_t n = g16(e + offsetof(struct pvb_ehdr, e_phnum)), i;

	for (i = 0; i < n; i++) {
		uint8_t *ph = e + phoff + i * sizeof(struct pvb_phdr);

		if (g32(ph) == type)
			return ph;
	}
	return NULL;
}

static uint8_t *dyn_entry(int64_t tag)
{
	uint8_t *ph = phdr(PVB_PT_DYNAMIC);
	uint64_t off = g64(ph + offsetof(struct pvb_phdr, p_offset));
	uint64_t size = g64(ph + offsetof(struct pvb_phdr, p_filesz)), k;

	for (k = 0; k + 16 <= size; k += 16) {
		uint8_t *d = elf() + off + k;

		if ((int64_t)g64(d) == tag)
			return d;
		if (g64(d) == PVB_DT_NULL)
			break;
	}
	return NULL;
}

/* Replace the tag of entry 'tag' (keeping its value). */
static void retag(int64_t tag, int64_t newtag)
{
	uint8_t *d = dyn_entry(tag);

	if (d)
		p64(d, (uint64_t)newtag);
}

static void set_dyn(int64_t tag, uint64_t val)
{
	uint8_t *d = dyn_entry(tag);

	if (d)
		p64(d + 8, val);
}

/* Offset in the ELF of the first defined, versioned dynamic symbol. */
static uint32_t first_op_index(void)
{
	uint32_t i;

	for (i = 1; i < good_img.nsyms; i++)
		if (pvb_symbol(&good_img, i, NULL, NULL, NULL, NULL))
			return i;
	return 1;
}

static void reseal(void)
{
	pvrom_seal(work, work[PVROM_OPTROM_LEN_OFF] * 512u);
}

/* ---- mutations: each breaks exactly one thing ------------------------ */

static void m_signature(void) { work[1] = 0xAB; }
static void m_length_beyond(void) { work[2] = 0xff; }
static void m_length_header(void) { p32(work + HDR(image_size), (uint32_t)good_size + 512); reseal(); }
static void m_checksum(void) { work[good_size - 1] ^= 0x5a; }
static void m_crc(void) { work[good_size - 1]++; work[good_size - 2]--; }
static void m_magic(void) { work[PVROM_HEADER_OFFSET + 2] = 'X'; reseal(); }
static void m_header_size(void) { p16(work + HDR(header_size), 8); reseal(); }
static void m_header_pad(void) { work[HDR(_pad0) + 3] = 1; reseal(); }
static void m_major(void) { p16(work + HDR(abi_major), 2); reseal(); }
static void m_elf_offset(void) { p32(work + HDR(elf_offset), 0x10000); reseal(); }
static void m_elf_offset_align(void) { p32(work + HDR(elf_offset), elf_at + 512); reseal(); }
static void m_elf_size(void) { p32(work + HDR(elf_size), (uint32_t)good_size); reseal(); }
static void m_data_size(void) { p32(work + HDR(data_size), 1000); reseal(); }
static void m_elf_trunc(void) { p32(work + HDR(elf_size), 40); reseal(); }
static void m_ident(void) { elf()[1] = 'X'; reseal(); }
static void m_ident_data(void) { elf()[PVB_EI_DATA] = 2; reseal(); }
static void m_class(void) { elf()[PVB_EI_CLASS] = 1; reseal(); }
static void m_machine(void) { p16(elf() + offsetof(struct pvb_ehdr, e_machine), 3); reseal(); }
static void m_type(void) { p16(elf() + offsetof(struct pvb_ehdr, e_type), 2); reseal(); }
static void m_phoff(void) { p64(elf() + offsetof(struct pvb_ehdr, e_phoff), 0xfffff000u); reseal(); }

static void set_phdr_flags(uint32_t type, uint32_t flags)
{
	p32(phdr(type) + offsetof(struct pvb_phdr, p_flags), flags);
	reseal();
}

static void m_writable(void) { set_phdr_flags(PVB_PT_LOAD, PVB_PF_R | PVB_PF_W); }
static void m_wx(void) { set_phdr_flags(PVB_PT_LOAD, PVB_PF_R | PVB_PF_W | PVB_PF_X); }
static void m_stack_exec(void) { set_phdr_flags(PVB_PT_GNU_STACK, PVB_PF_R | PVB_PF_W | PVB_PF_X); }
static void m_note_writable(void) { set_phdr_flags(PVB_PT_NOTE, PVB_PF_R | PVB_PF_W); }

static void m_memsz(void)
{
	uint8_t *ph = phdr(PVB_PT_LOAD);

	p64(ph + offsetof(struct pvb_phdr, p_memsz),
	    g64(ph + offsetof(struct pvb_phdr, p_filesz)) + 4096);
	reseal();
}

static void m_load_vaddr(void)
{
	p64(phdr(PVB_PT_LOAD) + offsetof(struct pvb_phdr, p_vaddr), 0x1000);
	reseal();
}

static void m_two_loads(void)
{
	p32(phdr(PVB_PT_NOTE), PVB_PT_LOAD);
	p32(phdr(PVB_PT_LOAD) + offsetof(struct pvb_phdr, p_flags), PVB_PF_R | PVB_PF_X);
	reseal();
}

static void m_interp(void) { p32(phdr(PVB_PT_NOTE), PVB_PT_INTERP); reseal(); }

static void m_segment_range(void)
{
	p64(phdr(PVB_PT_NOTE) + offsetof(struct pvb_phdr, p_offset), 0x7ffffff0);
	reseal();
}

static void m_no_stack(void) { p32(phdr(PVB_PT_GNU_STACK), PVB_PT_NULL); reseal(); }

static void m_dyn_range(void)
{
	p64(phdr(PVB_PT_DYNAMIC) + offsetof(struct pvb_phdr, p_offset), good_img.text_size);
	p64(phdr(PVB_PT_DYNAMIC) + offsetof(struct pvb_phdr, p_vaddr), good_img.text_size);
	reseal();
}

static void m_dyn_unterminated(void)
{
	uint8_t *ph = phdr(PVB_PT_DYNAMIC);
	uint64_t off = g64(ph + offsetof(struct pvb_phdr, p_offset));
	uint64_t size = g64(ph + offsetof(struct pvb_phdr, p_filesz)), k;

	for (k = 0; k + 16 <= size; k += 16)
		if (g64(elf() + off + k) == PVB_DT_NULL)
			p64(elf() + off + k, 21);	/* DT_DEBUG: harmless, ignored */
	reseal();
}

static void m_dyn_missing(void) { retag(PVB_DT_GNU_HASH, 0x6ffffef0); reseal(); }
static void m_dyn_dup(void) { retag(PVB_DT_SYMENT, PVB_DT_STRSZ); reseal(); }

/* A dynamic relocation entry: overwrite the first DT_NULL if another one
 * follows, else an optional entry (the check runs before any other). */
static void add_dyn_tag(int64_t tag, uint64_t val)
{
	uint8_t *ph = phdr(PVB_PT_DYNAMIC);
	uint64_t off = g64(ph + offsetof(struct pvb_phdr, p_offset));
	uint64_t size = g64(ph + offsetof(struct pvb_phdr, p_filesz));
	uint8_t *d = dyn_entry(PVB_DT_NULL);

	if (!d || (uint64_t)(d - elf()) + 32 > off + size || g64(d + 16) != PVB_DT_NULL)
		d = dyn_entry(PVB_DT_SYMENT);
	if (!d)
		d = dyn_entry(PVB_DT_STRSZ);
	p64(d, (uint64_t)tag);
	p64(d + 8, val);
	reseal();
}

static void m_rela(void) { add_dyn_tag(PVB_DT_RELA, 0x100); }
static void m_textrel(void) { add_dyn_tag(PVB_DT_TEXTREL, 0); }
static void m_needed(void) { add_dyn_tag(PVB_DT_NEEDED, 1); }

static void m_strtab(void) { set_dyn(PVB_DT_STRTAB, 0xfffff0); reseal(); }
static void m_strsz(void) { set_dyn(PVB_DT_STRSZ, 0x7fffffff); reseal(); }
static void m_symtab(void) { set_dyn(PVB_DT_SYMTAB, 0xfffff0); reseal(); }
static void m_syment(void) { set_dyn(PVB_DT_SYMENT, 16); reseal(); }
static void m_hash(void) { set_dyn(PVB_DT_HASH, 0xfffff0); reseal(); }
static void m_gnu_hash(void) { set_dyn(PVB_DT_GNU_HASH, 0xfffff0); reseal(); }
static void m_versym(void) { set_dyn(PVB_DT_VERSYM, 0xfffff0); reseal(); }
static void m_verdef(void) { set_dyn(PVB_DT_VERDEF, 0xfffff0); reseal(); }
static void m_verdefnum(void) { set_dyn(PVB_DT_VERDEFNUM, 100000); reseal(); }

static uint8_t *sysv_hash_tab(void) { return elf() + good_img.hash_off; }

/* A chain that points back to its own start: a walk would never end. */
static void m_hash_loop(void)
{
	uint8_t *h = sysv_hash_tab();
	uint32_t nbucket = g32(h), b, i;

	for (b = 0; b < nbucket; b++) {
		i = g32(h + 8 + 4 * b);
		if (i) {
			p32(h + 8 + 4 * nbucket + 4 * i, i);
			break;
		}
	}
	reseal();
}

static void m_hash_index(void)
{
	uint8_t *h = sysv_hash_tab();

	p32(h + 8, 0x7fffffff);		/* bucket 0 -> beyond nchain */
	reseal();
}

/* Empty every DT_HASH bucket: DT_GNU_HASH still finds the symbols. */
static void m_hash_mismatch(void)
{
	uint8_t *h = sysv_hash_tab();
	uint32_t nbucket = g32(h), b;

	for (b = 0; b < nbucket; b++)
		p32(h + 8 + 4 * b, 0);
	reseal();
}

static uint8_t *gnu_tab(void) { return elf() + good_img.gnu_hash_off; }

static void m_gnu_bloom(void)
{
	uint8_t *g = gnu_tab();

	memset(g + 16, 0, 8 * g32(g + 8));
	reseal();
}

/* The last symbol's chain word loses its end bit: the chain runs off. */
static void m_gnu_unterminated(void)
{
	uint8_t *g = gnu_tab();
	uint32_t nb = g32(g), symoff = g32(g + 4), words = g32(g + 8);
	uint8_t *chain = g + 16 + 8 * words + 4 * nb;
	uint8_t *last = chain + 4 * (good_img.nsyms - 1 - symoff);

	p32(last, g32(last) & ~1u);
	reseal();
}

static void m_gnu_index(void)
{
	uint8_t *g = gnu_tab();
	uint32_t nb = g32(g), b, words = g32(g + 8);

	for (b = 0; b < nb; b++) {
		uint8_t *bk = g + 16 + 8 * words + 4 * b;

		if (g32(bk)) {
			p32(bk, good_img.nsyms + 5);
			break;
		}
	}
	reseal();
}

static void m_version_index(void)
{
	p16(elf() + good_img.versym_off + 2 * first_op_index(), 0x7ff0);
	reseal();
}

static void m_symbol_range(void)
{
	uint8_t *s = elf() + good_img.dynsym_off + first_op_index() * sizeof(struct pvb_sym);

	p64(s + offsetof(struct pvb_sym, st_value), 0xfffffff0);
	reseal();
}

static void m_symbol_name(void)
{
	uint8_t *s = elf() + good_img.dynsym_off + first_op_index() * sizeof(struct pvb_sym);

	p32(s + offsetof(struct pvb_sym, st_name), good_img.dynstr_size + 10);
	reseal();
}

/* The note header sits before its desc: type at -12 - padded name. */
static uint8_t *note_hdr_of(const char *desc, uint32_t namesz_padded)
{
	return work + ((const uint8_t *)desc - good) - namesz_padded - 12;
}

static void m_no_license(void)
{
	p32(note_hdr_of(good_img.license, 8) + 8, 0x99);
	reseal();
}

static void m_license_unterminated(void)
{
	uint8_t *n = note_hdr_of(good_img.license, 8);
	uint32_t descsz = g32(n + 4);

	p32(n + 4, descsz - 1);		/* drop the NUL from the desc */
	reseal();
}

static void m_note_range(void)
{
	p32(note_hdr_of(good_img.license, 8) + 4, 0x100000);
	reseal();
}

static void m_no_build_id(void)
{
	uint8_t *n = work + (good_img.build_id - good) - 4 - 12;	/* "GNU\0" */

	p32(n + 8, 0x99);
	reseal();
}

static void m_layout(void)
{
	p32(work + HDR(data_size), g32(work + HDR(data_size)) + 4096);
	reseal();
}

static void m_extable(void)
{
	if (good_img.layout.extable_size == 0) {
		/* no table in this ROM: point the note at nowhere instead */
		return;
	}
	p32(elf() + good_img.layout.extable_offset, 0x40000000);
	reseal();
}

struct mutation {
	const char *name;
	void (*fn)(void);
	int expect;
};

static const struct mutation mutations[] = {
	{ "wrong 55 AA", m_signature, PVB_E_SIGNATURE },
	{ "length beyond the buffer", m_length_beyond, PVB_E_LENGTH },
	{ "length byte disagrees with image_size", m_length_header, PVB_E_LENGTH },
	{ "bad checksum", m_checksum, PVB_E_CHECKSUM },
	{ "bad CRC", m_crc, PVB_E_CRC },
	{ "wrong magic", m_magic, PVB_E_MAGIC },
	{ "header_size out of range", m_header_size, PVB_E_HEADER },
	{ "reserved header byte set", m_header_pad, PVB_E_HEADER },
	{ "unsupported major in header", m_major, PVB_E_MAJOR },
	{ "ELF offset out of range", m_elf_offset, PVB_E_ELF_RANGE },
	{ "ELF offset misaligned", m_elf_offset_align, PVB_E_ELF_RANGE },
	{ "ELF size out of range", m_elf_size, PVB_E_ELF_RANGE },
	{ "data_size not a page multiple", m_data_size, PVB_E_DATA_SIZE },
	{ "truncated ELF", m_elf_trunc, PVB_E_ELF_TRUNC },
	{ "bad e_ident magic", m_ident, PVB_E_ELF_IDENT },
	{ "bad e_ident data encoding", m_ident_data, PVB_E_ELF_IDENT },
	{ "bad ELF class", m_class, PVB_E_ELF_CLASS },
	{ "bad ELF machine", m_machine, PVB_E_ELF_MACHINE },
	{ "bad ELF type", m_type, PVB_E_ELF_TYPE },
	{ "program headers out of range", m_phoff, PVB_E_PHDR_RANGE },
	{ "writable segment", m_writable, PVB_E_WRITABLE },
	{ "writable PT_NOTE", m_note_writable, PVB_E_WRITABLE },
	{ "W+X segment", m_wx, PVB_E_WX },
	{ "executable stack", m_stack_exec, PVB_E_STACK_EXEC },
	{ "no PT_GNU_STACK", m_no_stack, PVB_E_STACK_EXEC },
	{ "memsz != filesz", m_memsz, PVB_E_MEMSZ },
	{ "PT_LOAD not at address 0", m_load_vaddr, PVB_E_SEGMENTS },
	{ "two PT_LOAD segments", m_two_loads, PVB_E_SEGMENTS },
	{ "PT_INTERP present", m_interp, PVB_E_SEGMENTS },
	{ "segment out of range", m_segment_range, PVB_E_SEGMENT_RANGE },
	{ "PT_DYNAMIC outside the text", m_dyn_range, PVB_E_DYNAMIC },
	{ "dynamic array unterminated", m_dyn_unterminated, PVB_E_DYNAMIC },
	{ "duplicated dynamic entry", m_dyn_dup, PVB_E_DYNAMIC },
	{ "DT_GNU_HASH missing", m_dyn_missing, PVB_E_DYN_MISSING },
	{ "dynamic relocation (DT_RELA)", m_rela, PVB_E_RELOC },
	{ "DT_TEXTREL present", m_textrel, PVB_E_RELOC },
	{ "DT_NEEDED present", m_needed, PVB_E_RELOC },
	{ "string table offset out of range", m_strtab, PVB_E_STRTAB_RANGE },
	{ "string table size out of range", m_strsz, PVB_E_STRTAB_RANGE },
	{ "symbol name outside the string table", m_symbol_name, PVB_E_STRTAB_RANGE },
	{ "symbol table offset out of range", m_symtab, PVB_E_SYMTAB_RANGE },
	{ "symbol entry size wrong", m_syment, PVB_E_SYMTAB_RANGE },
	{ "symbol value outside the text", m_symbol_range, PVB_E_SYMBOL_RANGE },
	{ "hash table offset out of range", m_hash, PVB_E_HASH_RANGE },
	{ "hash bucket index out of range", m_hash_index, PVB_E_HASH_RANGE },
	{ "GNU hash table offset out of range", m_gnu_hash, PVB_E_GNU_HASH_RANGE },
	{ "GNU hash bucket index out of range", m_gnu_index, PVB_E_GNU_HASH_RANGE },
	{ "hash chain that loops", m_hash_loop, PVB_E_HASH_LOOP },
	{ "GNU hash chain that never ends", m_gnu_unterminated, PVB_E_HASH_LOOP },
	{ "DT_HASH misses symbols DT_GNU_HASH has", m_hash_mismatch, PVB_E_HASH_MISMATCH },
	{ "GNU bloom filter rejects symbols", m_gnu_bloom, PVB_E_HASH_MISMATCH },
	{ "version table offset out of range", m_versym, PVB_E_VERSYM_RANGE },
	{ "version definitions offset out of range", m_verdef, PVB_E_VERDEF_RANGE },
	{ "version definition count too large", m_verdefnum, PVB_E_VERDEF_RANGE },
	{ "version index out of range", m_version_index, PVB_E_VERSION_INDEX },
	{ "note overruns PT_NOTE", m_note_range, PVB_E_NOTE_RANGE },
	{ "licence note not NUL-terminated", m_license_unterminated, PVB_E_NOTE_RANGE },
	{ "missing licence note", m_no_license, PVB_E_NO_LICENSE },
	{ "missing build-id note", m_no_build_id, PVB_E_NO_BUILD_ID },
	{ "layout note disagrees with header", m_layout, PVB_E_LAYOUT },
	{ "fault table entry outside the text", m_extable, PVB_E_EXTABLE },
};

static void test_mutations(void)
{
	size_t k;
	char name[160];

	for (k = 0; k < sizeof(mutations) / sizeof(mutations[0]); k++) {
		const struct mutation *m = &mutations[k];
		struct pvb_image img;
		int err;

		if (m->expect == PVB_E_EXTABLE && good_img.layout.extable_size == 0) {
			printf("SKIP: malformed: %s (the ROM has no fault table)\n", m->name);
			continue;
		}
		memcpy(work, good, good_size);
		m->fn();
		err = pvb_validate(work, good_size, PVROM_ABI_MAJOR, &img);
		snprintf(name, sizeof(name), "malformed: %s -> %s", m->name,
			 pvb_errname(m->expect));
		result(err == m->expect, name, "got %s: %s", pvb_errname(err), pvb_strerror(err));
	}
}

/* ---- good images ------------------------------------------------------ */

struct op_def {
	const char *sym, *version;
	unsigned minor;
};

#define OP_DEF(g, name, ret, params, attrs, minor) \
	{ PVROM_SYM_PREFIX #name, PVROM_VERSION_PREFIX "1." #minor, minor },
static const struct op_def ops_1_0[] = { PVROM_OPS_1_0(OP_DEF) };
static const struct op_def ops_1_1[] = { PVROM_OPS_1_1(OP_DEF) };
#undef OP_DEF

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
	size_t k;
	unsigned bad = 0, n = 0;
	char name[128];
	uint32_t off;
	const char *first_bad = "";
	int err;

	for (k = 0; k < sizeof(ops_1_0) / sizeof(ops_1_0[0]); k++) {
		err = lookup_all3(img, ops_1_0[k].sym, ops_1_0[k].version, &off);
		n++;
		if (err != PVB_OK || off >= img->text_size) {
			if (!bad++)
				first_bad = ops_1_0[k].sym;
		}
	}
	snprintf(name, sizeof(name), "%s: all %u ABI 1.0 ops at PVROM_1.0 via lookup, "
		 "DT_HASH and DT_GNU_HASH with equal offsets", what, n);
	result(bad == 0, name, "%u failed, first %s", bad, first_bad);

	err = lookup_all3(img, "pvrom_cpuid", "PVROM_1.1", &off);
	snprintf(name, sizeof(name), "%s: wrong version is not found", what);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
	err = lookup_all3(img, "pvrom_cpuid", "PVROM_2.0", &off);
	snprintf(name, sizeof(name), "%s: unknown version is not found", what);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
	err = lookup_all3(img, "pvrom_no_such_op", "PVROM_1.0", &off);
	snprintf(name, sizeof(name), "%s: wrong name is not found", what);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
	err = lookup_all3(img, "pvrom_cpui", "PVROM_1.0", &off);
	snprintf(name, sizeof(name), "%s: name prefix is not found", what);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
	err = lookup_all3(img, "pvrom_cpuid", "PVROM_1.", &off);
	snprintf(name, sizeof(name), "%s: version prefix is not found", what);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
	err = pvb_lookup(img, "pvrom_cpuid", NULL, &off);
	snprintf(name, sizeof(name), "%s: NULL version is not found", what);
	result(err == PVB_E_NOT_FOUND, name, "got %s", pvb_errname(err));
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
	elf_at = g32(good + HDR(elf_offset));
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
	result(n == sizeof(ops_1_0) / sizeof(ops_1_0[0]), "1.0 ROM: pvb_symbol lists exactly the ABI 1.0 ops",
	       "%u symbols", n);
	err = lookup_all3(&good_img, ops_1_1[0].sym, ops_1_1[0].version, &off);
	result(err == PVB_E_NOT_FOUND, "1.0 ROM: tsc_khz at PVROM_1.1 is not found", "got %s",
	       pvb_errname(err));

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
		err = lookup_all3(&img11, "pvrom_tsc_khz", "PVROM_1.1", &off);
		result(err == PVB_OK, "1.1 ROM: tsc_khz at PVROM_1.1 via all three lookups",
		       "got %s", pvb_errname(err));
		err = lookup_all3(&img11, "pvrom_tsc_khz", "PVROM_1.0", &off);
		result(err == PVB_E_NOT_FOUND, "1.1 ROM: tsc_khz at PVROM_1.0 is not found",
		       "got %s", pvb_errname(err));
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
	unsigned bad = 0;
	char name[128];

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		int got = pvb_license_gpl_compatible(t[k].spdx);

		snprintf(name, sizeof(name), "licence policy: \"%s\" %s", t[k].spdx,
			 t[k].ok ? "accepted" : "refused");
		result(got == t[k].ok, name, "got %d", got);
		bad += got != t[k].ok;
	}
	result(pvb_license_gpl_compatible(NULL) == 0, "licence policy: NULL refused", "accepted");
	(void)bad;
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
	test_mutations();
	test_license();
	test_crc();
	test_strings();
	printf("%d checks, %d failed\n", checks, failures);
	free(good);
	free(work);
	return failures ? 1 : 0;
}
