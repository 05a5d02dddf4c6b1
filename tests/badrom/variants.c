// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bad-ROM variants (variants.h): the mutations, their table and the
 * verdict they are checked against.
 */
#include <string.h>

#include "abi/pvrom/ops.h"
#include "guest/bind/elf64.h"
#include "guest/bind/image.h"
#include "linker/seal.h"
#include "tests/badrom/variants.h"

/* ---- little-endian accessors (the image need not be aligned) --------- */

static uint16_t g16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t g32(const uint8_t *p) { return g16(p) | (uint32_t)g16(p + 2) << 16; }
static uint64_t g64(const uint8_t *p) { return g32(p) | (uint64_t)g32(p + 4) << 32; }
static void p16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void p32(uint8_t *p, uint32_t v) { p16(p, (uint16_t)v); p16(p + 2, (uint16_t)(v >> 16)); }
static void p64(uint8_t *p, uint64_t v) { p32(p, (uint32_t)v); p32(p + 4, (uint32_t)(v >> 32)); }

#define HDR(f)	(PVROM_HEADER_OFFSET + offsetof(struct pvrom_header, f))

/* The writable byte behind a pointer the validator gave into b->rom. */
static uint8_t *at(struct badrom *b, const void *p)
{
	return b->rom + ((const uint8_t *)p - b->img.rom);
}

static uint8_t *elf(struct badrom *b) { return at(b, b->img.elf); }

/* After an edit, fix the CRC and checksum so that later checks are reached. */
static void reseal(struct badrom *b)
{
	pvrom_seal(b->rom, b->rom[PVROM_OPTROM_LEN_OFF] * PVROM_OPTROM_UNIT);
}

/* The first program header of the given type. */
static uint8_t *phdr(struct badrom *b, uint32_t type)
{
	uint8_t *e = elf(b);
	uint64_t phoff = g64(e + offsetof(struct pvb_ehdr, e_phoff));
	uint16_t n = g16(e + offsetof(struct pvb_ehdr, e_phnum)), i;

	for (i = 0; i < n; i++) {
		uint8_t *ph = e + phoff + i * sizeof(struct pvb_phdr);

		if (g32(ph) == type)
			return ph;
	}
	return NULL;
}

static uint8_t *dyn_entry(struct badrom *b, int64_t tag)
{
	uint8_t *ph = phdr(b, PVB_PT_DYNAMIC);
	uint64_t off = g64(ph + offsetof(struct pvb_phdr, p_offset));
	uint64_t size = g64(ph + offsetof(struct pvb_phdr, p_filesz)), k;

	for (k = 0; k + 16 <= size; k += 16) {
		uint8_t *d = elf(b) + off + k;

		if ((int64_t)g64(d) == tag)
			return d;
		if (g64(d) == PVB_DT_NULL)
			break;
	}
	return NULL;
}

/* Replace the tag of entry 'tag' (keeping its value). */
static void retag(struct badrom *b, int64_t tag, int64_t newtag)
{
	uint8_t *d = dyn_entry(b, tag);

	if (d)
		p64(d, (uint64_t)newtag);
	reseal(b);
}

static void set_dyn(struct badrom *b, int64_t tag, uint64_t val)
{
	uint8_t *d = dyn_entry(b, tag);

	if (d)
		p64(d + 8, val);
	reseal(b);
}

/* Index in the dynamic symbol table of the first defined, versioned symbol. */
static uint32_t first_op_index(const struct badrom *b)
{
	uint32_t i;

	for (i = 1; i < b->img.nsyms; i++)
		if (pvb_symbol(&b->img, i, NULL, NULL, NULL, NULL))
			return i;
	return 1;
}

static void set_header16(struct badrom *b, size_t off, uint16_t v)
{
	p16(b->rom + off, v);
	reseal(b);
}

static void set_header32(struct badrom *b, size_t off, uint32_t v)
{
	p32(b->rom + off, v);
	reseal(b);
}

static void set_phdr_flags(struct badrom *b, uint32_t type, uint32_t flags)
{
	p32(phdr(b, type) + offsetof(struct pvb_phdr, p_flags), flags);
	reseal(b);
}

/* ---- the option-ROM and pvrom headers -------------------------------- */

static const char *m_signature(struct badrom *b) { b->rom[1] = 0xAB; return NULL; }
static const char *m_length_beyond(struct badrom *b) { b->rom[2] = 0xff; return NULL; }

static const char *m_length_header(struct badrom *b)
{
	set_header32(b, HDR(image_size), b->img.rom_size + PVROM_OPTROM_UNIT);
	return NULL;
}

/* A padding byte, not resealed. */
static const char *m_checksum(struct badrom *b)
{
	b->rom[b->img.rom_size - 1] ^= 0x5a;
	return NULL;
}

/* Two padding bytes whose changes cancel in the 8-bit sum. */
static const char *m_crc(struct badrom *b)
{
	b->rom[b->img.rom_size - 1]++;
	b->rom[b->img.rom_size - 2]--;
	return NULL;
}

static const char *m_magic(struct badrom *b)
{
	b->rom[PVROM_HEADER_OFFSET + 2] = 'X';
	reseal(b);
	return NULL;
}

static const char *m_header_size(struct badrom *b) { set_header16(b, HDR(header_size), 8); return NULL; }

static const char *m_header_pad(struct badrom *b)
{
	b->rom[HDR(_pad0) + 3] = 1;
	reseal(b);
	return NULL;
}

static const char *m_major(struct badrom *b)
{
	set_header16(b, HDR(abi_major), PVROM_ABI_MAJOR + 1);
	return NULL;
}

static const char *m_elf_offset(struct badrom *b) { set_header32(b, HDR(elf_offset), 0x10000); return NULL; }

static const char *m_elf_offset_align(struct badrom *b)
{
	set_header32(b, HDR(elf_offset), g32(b->rom + HDR(elf_offset)) + 512);
	return NULL;
}

static const char *m_elf_size(struct badrom *b) { set_header32(b, HDR(elf_size), b->img.rom_size); return NULL; }
static const char *m_data_size(struct badrom *b) { set_header32(b, HDR(data_size), 1000); return NULL; }
static const char *m_elf_trunc(struct badrom *b) { set_header32(b, HDR(elf_size), 40); return NULL; }

/* The header claims the next minor without exporting its ops. */
static const char *m_minor_ahead(struct badrom *b)
{
	uint16_t minor = g16(b->rom + HDR(abi_minor));

	if (minor >= PVROM_ABI_MINOR_LATEST)
		return "the ROM already claims the newest minor these headers know";
	set_header16(b, HDR(abi_minor), (uint16_t)(minor + 1));
	return NULL;
}

/* Cut inside the ELF: the length byte then runs past the end. */
static const char *m_truncated(struct badrom *b)
{
	b->size = (uint32_t)(b->img.elf - b->img.rom) + b->img.elf_size / 2;
	return NULL;
}

/* ---- the ELF header and segments ------------------------------------- */

static const char *m_ident(struct badrom *b) { elf(b)[1] = 'X'; reseal(b); return NULL; }
static const char *m_ident_data(struct badrom *b) { elf(b)[PVB_EI_DATA] = 2; reseal(b); return NULL; }
static const char *m_class(struct badrom *b) { elf(b)[PVB_EI_CLASS] = 1; reseal(b); return NULL; }

static const char *m_machine(struct badrom *b)
{
	p16(elf(b) + offsetof(struct pvb_ehdr, e_machine), 3);
	reseal(b);
	return NULL;
}

static const char *m_type(struct badrom *b)
{
	p16(elf(b) + offsetof(struct pvb_ehdr, e_type), 2);
	reseal(b);
	return NULL;
}

static const char *m_phoff(struct badrom *b)
{
	p64(elf(b) + offsetof(struct pvb_ehdr, e_phoff), 0xfffff000u);
	reseal(b);
	return NULL;
}

static const char *m_writable(struct badrom *b)
{
	set_phdr_flags(b, PVB_PT_LOAD, PVB_PF_R | PVB_PF_W);
	return NULL;
}

static const char *m_wx(struct badrom *b)
{
	set_phdr_flags(b, PVB_PT_LOAD, PVB_PF_R | PVB_PF_W | PVB_PF_X);
	return NULL;
}

static const char *m_stack_exec(struct badrom *b)
{
	set_phdr_flags(b, PVB_PT_GNU_STACK, PVB_PF_R | PVB_PF_W | PVB_PF_X);
	return NULL;
}

static const char *m_note_writable(struct badrom *b)
{
	set_phdr_flags(b, PVB_PT_NOTE, PVB_PF_R | PVB_PF_W);
	return NULL;
}

static const char *m_memsz(struct badrom *b)
{
	uint8_t *ph = phdr(b, PVB_PT_LOAD);

	p64(ph + offsetof(struct pvb_phdr, p_memsz),
	    g64(ph + offsetof(struct pvb_phdr, p_filesz)) + 4096);
	reseal(b);
	return NULL;
}

static const char *m_load_vaddr(struct badrom *b)
{
	p64(phdr(b, PVB_PT_LOAD) + offsetof(struct pvb_phdr, p_vaddr), 0x1000);
	reseal(b);
	return NULL;
}

static const char *m_two_loads(struct badrom *b)
{
	p32(phdr(b, PVB_PT_NOTE), PVB_PT_LOAD);
	p32(phdr(b, PVB_PT_LOAD) + offsetof(struct pvb_phdr, p_flags), PVB_PF_R | PVB_PF_X);
	reseal(b);
	return NULL;
}

static const char *m_interp(struct badrom *b)
{
	p32(phdr(b, PVB_PT_NOTE), PVB_PT_INTERP);
	reseal(b);
	return NULL;
}

static const char *m_segment_range(struct badrom *b)
{
	p64(phdr(b, PVB_PT_NOTE) + offsetof(struct pvb_phdr, p_offset), 0x7ffffff0);
	reseal(b);
	return NULL;
}

static const char *m_no_stack(struct badrom *b)
{
	p32(phdr(b, PVB_PT_GNU_STACK), PVB_PT_NULL);
	reseal(b);
	return NULL;
}

/* ---- the dynamic array ----------------------------------------------- */

static const char *m_dyn_range(struct badrom *b)
{
	uint8_t *ph = phdr(b, PVB_PT_DYNAMIC);

	p64(ph + offsetof(struct pvb_phdr, p_offset), b->img.text_size);
	p64(ph + offsetof(struct pvb_phdr, p_vaddr), b->img.text_size);
	reseal(b);
	return NULL;
}

static const char *m_dyn_unterminated(struct badrom *b)
{
	uint8_t *ph = phdr(b, PVB_PT_DYNAMIC);
	uint64_t off = g64(ph + offsetof(struct pvb_phdr, p_offset));
	uint64_t size = g64(ph + offsetof(struct pvb_phdr, p_filesz)), k;

	for (k = 0; k + 16 <= size; k += 16)
		if (g64(elf(b) + off + k) == PVB_DT_NULL)
			p64(elf(b) + off + k, 21);	/* DT_DEBUG: harmless, ignored */
	reseal(b);
	return NULL;
}

static const char *m_dyn_missing(struct badrom *b) { retag(b, PVB_DT_GNU_HASH, 0x6ffffef0); return NULL; }
static const char *m_dyn_dup(struct badrom *b) { retag(b, PVB_DT_SYMENT, PVB_DT_STRSZ); return NULL; }

/* A dynamic relocation entry: overwrite the first DT_NULL if another one
 * follows, else an optional entry (the check runs before any other). */
static void add_dyn_tag(struct badrom *b, int64_t tag, uint64_t val)
{
	uint8_t *ph = phdr(b, PVB_PT_DYNAMIC);
	uint64_t off = g64(ph + offsetof(struct pvb_phdr, p_offset));
	uint64_t size = g64(ph + offsetof(struct pvb_phdr, p_filesz));
	uint8_t *d = dyn_entry(b, PVB_DT_NULL);

	if (!d || (uint64_t)(d - elf(b)) + 32 > off + size || g64(d + 16) != PVB_DT_NULL)
		d = dyn_entry(b, PVB_DT_SYMENT);
	if (!d)
		d = dyn_entry(b, PVB_DT_STRSZ);
	p64(d, (uint64_t)tag);
	p64(d + 8, val);
	reseal(b);
}

static const char *m_rela(struct badrom *b) { add_dyn_tag(b, PVB_DT_RELA, 0x100); return NULL; }
static const char *m_textrel(struct badrom *b) { add_dyn_tag(b, PVB_DT_TEXTREL, 0); return NULL; }
static const char *m_needed(struct badrom *b) { add_dyn_tag(b, PVB_DT_NEEDED, 1); return NULL; }

static const char *m_strtab(struct badrom *b) { set_dyn(b, PVB_DT_STRTAB, 0xfffff0); return NULL; }
static const char *m_strsz(struct badrom *b) { set_dyn(b, PVB_DT_STRSZ, 0x7fffffff); return NULL; }
static const char *m_symtab(struct badrom *b) { set_dyn(b, PVB_DT_SYMTAB, 0xfffff0); return NULL; }
static const char *m_syment(struct badrom *b) { set_dyn(b, PVB_DT_SYMENT, 16); return NULL; }
static const char *m_hash(struct badrom *b) { set_dyn(b, PVB_DT_HASH, 0xfffff0); return NULL; }
static const char *m_gnu_hash(struct badrom *b) { set_dyn(b, PVB_DT_GNU_HASH, 0xfffff0); return NULL; }
static const char *m_versym(struct badrom *b) { set_dyn(b, PVB_DT_VERSYM, 0xfffff0); return NULL; }
static const char *m_verdef(struct badrom *b) { set_dyn(b, PVB_DT_VERDEF, 0xfffff0); return NULL; }
static const char *m_verdefnum(struct badrom *b) { set_dyn(b, PVB_DT_VERDEFNUM, 100000); return NULL; }

/* ---- hash tables ------------------------------------------------------- */

static uint8_t *sysv_hash_tab(struct badrom *b) { return elf(b) + b->img.hash_off; }
static uint8_t *gnu_tab(struct badrom *b) { return elf(b) + b->img.gnu_hash_off; }

/* A chain that points back to its own start: a walk would never end. */
static const char *m_hash_loop(struct badrom *b)
{
	uint8_t *h = sysv_hash_tab(b);
	uint32_t nbucket = g32(h), k, i;

	for (k = 0; k < nbucket; k++) {
		i = g32(h + 8 + 4 * k);
		if (i) {
			p32(h + 8 + 4 * nbucket + 4 * i, i);
			break;
		}
	}
	reseal(b);
	return NULL;
}

static const char *m_hash_index(struct badrom *b)
{
	p32(sysv_hash_tab(b) + 8, 0x7fffffff);		/* bucket 0 -> beyond nchain */
	reseal(b);
	return NULL;
}

/* Empty every DT_HASH bucket: DT_GNU_HASH still finds the symbols. */
static const char *m_hash_mismatch(struct badrom *b)
{
	uint8_t *h = sysv_hash_tab(b);
	uint32_t nbucket = g32(h), k;

	for (k = 0; k < nbucket; k++)
		p32(h + 8 + 4 * k, 0);
	reseal(b);
	return NULL;
}

static const char *m_gnu_bloom(struct badrom *b)
{
	uint8_t *g = gnu_tab(b);

	memset(g + 16, 0, 8 * g32(g + 8));
	reseal(b);
	return NULL;
}

/* A Bloom shift the 32-bit hash cannot take (32..63), with a filter of all
 * ones so that the shift check alone can refuse it. */
static const char *gnu_shift(struct badrom *b, uint32_t shift)
{
	uint8_t *g = gnu_tab(b);

	memset(g + 16, 0xff, 8 * g32(g + 8));
	p32(g + 12, shift);
	reseal(b);
	return NULL;
}
static const char *m_gnu_shift32(struct badrom *b) { return gnu_shift(b, 32); }
static const char *m_gnu_shift41(struct badrom *b) { return gnu_shift(b, 41); }

/* The last symbol's chain word loses its end bit: the chain runs off. */
static const char *m_gnu_unterminated(struct badrom *b)
{
	uint8_t *g = gnu_tab(b);
	uint32_t nb = g32(g), symoff = g32(g + 4), words = g32(g + 8);
	uint8_t *chain = g + 16 + 8 * words + 4 * nb;
	uint8_t *last = chain + 4 * (b->img.nsyms - 1 - symoff);

	p32(last, g32(last) & ~1u);
	reseal(b);
	return NULL;
}

static const char *m_gnu_index(struct badrom *b)
{
	uint8_t *g = gnu_tab(b);
	uint32_t nb = g32(g), k, words = g32(g + 8);

	for (k = 0; k < nb; k++) {
		uint8_t *bk = g + 16 + 8 * words + 4 * k;

		if (g32(bk)) {
			p32(bk, b->img.nsyms + 5);
			break;
		}
	}
	reseal(b);
	return NULL;
}

/* ---- symbols and versions ------------------------------------------- */

static const char *m_version_index(struct badrom *b)
{
	p16(elf(b) + b->img.versym_off + 2 * first_op_index(b), 0x7ff0);
	reseal(b);
	return NULL;
}

static uint8_t *first_op_sym(struct badrom *b)
{
	return elf(b) + b->img.dynsym_off + first_op_index(b) * sizeof(struct pvb_sym);
}

static const char *m_symbol_range(struct badrom *b)
{
	p64(first_op_sym(b) + offsetof(struct pvb_sym, st_value), 0xfffffff0);
	reseal(b);
	return NULL;
}

static const char *m_symbol_name(struct badrom *b)
{
	p32(first_op_sym(b) + offsetof(struct pvb_sym, st_name), b->img.dynstr_size + 10);
	reseal(b);
	return NULL;
}

/* Point op 'sym' at version index 1 (unversioned base): a lookup of it at
 * its version then finds nothing, as if the ROM lacked the op. */
static const char *unversion(struct badrom *b, const char *sym)
{
	uint32_t i;

	for (i = 0; i < b->img.nsyms; i++) {
		const char *n;

		if (!pvb_symbol(&b->img, i, &n, NULL, NULL, NULL) || strcmp(n, sym))
			continue;
		p16(elf(b) + b->img.versym_off + 2 * i, PVB_VER_NDX_GLOBAL);
		reseal(b);
		return NULL;
	}
	return "the ROM does not export the op";
}

static const char *m_noinit(struct badrom *b) { return unversion(b, pvb_catalog[PVROM_OP_init].sym); }
static const char *m_nocpuid(struct badrom *b) { return unversion(b, pvb_catalog[PVROM_OP_cpuid].sym); }

/* ---- notes and the fault table --------------------------------------- */

/* The note header sits before its desc: after it the name, padded. */
static uint8_t *note_hdr_of(struct badrom *b, const void *desc, uint32_t namesz_padded)
{
	return at(b, desc) - namesz_padded - sizeof(struct pvb_nhdr);
}

#define LICENSE_NOTE(b)	note_hdr_of(b, (b)->img.license, 8)	/* "PVROM\0" */

static const char *m_no_license(struct badrom *b)
{
	p32(LICENSE_NOTE(b) + offsetof(struct pvb_nhdr, n_type), 0x99);
	reseal(b);
	return NULL;
}

static const char *m_license_unterminated(struct badrom *b)
{
	uint8_t *n = LICENSE_NOTE(b) + offsetof(struct pvb_nhdr, n_descsz);

	p32(n, g32(n) - 1);		/* drop the NUL from the desc */
	reseal(b);
	return NULL;
}

static const char *m_note_range(struct badrom *b)
{
	p32(LICENSE_NOTE(b) + offsetof(struct pvb_nhdr, n_descsz), 0x100000);
	reseal(b);
	return NULL;
}

/* A well-formed licence the strict policy refuses (same length or less). */
static const char *m_license(struct badrom *b)
{
	static const char other[] = "LicenseRef-vendor-only";
	char *l = (char *)at(b, b->img.license);
	size_t len = strlen(l);

	memset(l, 0, len);
	memcpy(l, other, sizeof(other) - 1 < len ? sizeof(other) - 1 : len);
	reseal(b);
	return NULL;
}

static const char *m_no_build_id(struct badrom *b)
{
	uint8_t *n = note_hdr_of(b, b->img.build_id, 4);	/* "GNU\0" */

	p32(n + offsetof(struct pvb_nhdr, n_type), 0x99);
	reseal(b);
	return NULL;
}

static const char *m_layout(struct badrom *b)
{
	set_header32(b, HDR(data_size), g32(b->rom + HDR(data_size)) + 4096);
	return NULL;
}

static const char *m_extable(struct badrom *b)
{
	if (b->img.layout.extable_size == 0)
		return "the ROM has no fault table";
	p32(elf(b) + b->img.layout.extable_offset, 0x40000000);
	reseal(b);
	return NULL;
}

/* ---- the table ------------------------------------------------------- */

const struct badrom_variant badrom_variants[] = {
	{ "signature", "wrong 55 AA", m_signature, PVB_E_SIGNATURE },
	{ "length-beyond", "length beyond the buffer", m_length_beyond, PVB_E_LENGTH },
	{ "length-header", "length byte disagrees with image_size", m_length_header, PVB_E_LENGTH },
	{ "truncated", "image cut inside the ELF", m_truncated, PVB_E_LENGTH },
	{ "checksum", "bad checksum", m_checksum, PVB_E_CHECKSUM },
	{ "crc", "bad CRC", m_crc, PVB_E_CRC },
	{ "magic", "wrong magic", m_magic, PVB_E_MAGIC },
	{ "header-size", "header_size out of range", m_header_size, PVB_E_HEADER },
	{ "header-pad", "reserved header byte set", m_header_pad, PVB_E_HEADER },
	{ "major2", "unsupported major in header", m_major, PVB_E_MAJOR },
	{ "elf-offset", "ELF offset out of range", m_elf_offset, PVB_E_ELF_RANGE },
	{ "elf-offset-align", "ELF offset misaligned", m_elf_offset_align, PVB_E_ELF_RANGE },
	{ "elf-size", "ELF size out of range", m_elf_size, PVB_E_ELF_RANGE },
	{ "data-size", "data_size not a page multiple", m_data_size, PVB_E_DATA_SIZE },
	{ "elf-trunc", "truncated ELF", m_elf_trunc, PVB_E_ELF_TRUNC },
	{ "elf-ident", "bad e_ident magic", m_ident, PVB_E_ELF_IDENT },
	{ "elf-ident-data", "bad e_ident data encoding", m_ident_data, PVB_E_ELF_IDENT },
	{ "elf-class", "bad ELF class", m_class, PVB_E_ELF_CLASS },
	{ "elf-machine", "bad ELF machine", m_machine, PVB_E_ELF_MACHINE },
	{ "elf-type", "bad ELF type", m_type, PVB_E_ELF_TYPE },
	{ "phdr-range", "program headers out of range", m_phoff, PVB_E_PHDR_RANGE },
	{ "writable", "writable segment", m_writable, PVB_E_WRITABLE },
	{ "note-writable", "writable PT_NOTE", m_note_writable, PVB_E_WRITABLE },
	{ "wx", "W+X segment", m_wx, PVB_E_WX },
	{ "stack-exec", "executable stack", m_stack_exec, PVB_E_STACK_EXEC },
	{ "no-stack", "no PT_GNU_STACK", m_no_stack, PVB_E_STACK_EXEC },
	{ "memsz", "memsz != filesz", m_memsz, PVB_E_MEMSZ },
	{ "load-vaddr", "PT_LOAD not at address 0", m_load_vaddr, PVB_E_SEGMENTS },
	{ "two-loads", "two PT_LOAD segments", m_two_loads, PVB_E_SEGMENTS },
	{ "interp", "PT_INTERP present", m_interp, PVB_E_SEGMENTS },
	{ "segment-range", "segment out of range", m_segment_range, PVB_E_SEGMENT_RANGE },
	{ "dyn-range", "PT_DYNAMIC outside the text", m_dyn_range, PVB_E_DYNAMIC },
	{ "dyn-unterminated", "dynamic array unterminated", m_dyn_unterminated, PVB_E_DYNAMIC },
	{ "dyn-dup", "duplicated dynamic entry", m_dyn_dup, PVB_E_DYNAMIC },
	{ "dyn-missing", "DT_GNU_HASH missing", m_dyn_missing, PVB_E_DYN_MISSING },
	{ "rela", "dynamic relocation (DT_RELA)", m_rela, PVB_E_RELOC },
	{ "textrel", "DT_TEXTREL present", m_textrel, PVB_E_RELOC },
	{ "needed", "DT_NEEDED present", m_needed, PVB_E_RELOC },
	{ "strtab", "string table offset out of range", m_strtab, PVB_E_STRTAB_RANGE },
	{ "strsz", "string table size out of range", m_strsz, PVB_E_STRTAB_RANGE },
	{ "symbol-name", "symbol name outside the string table", m_symbol_name, PVB_E_STRTAB_RANGE },
	{ "symtab", "symbol table offset out of range", m_symtab, PVB_E_SYMTAB_RANGE },
	{ "syment", "symbol entry size wrong", m_syment, PVB_E_SYMTAB_RANGE },
	{ "symbol-range", "symbol value outside the text", m_symbol_range, PVB_E_SYMBOL_RANGE },
	{ "hash", "hash table offset out of range", m_hash, PVB_E_HASH_RANGE },
	{ "hash-index", "hash bucket index out of range", m_hash_index, PVB_E_HASH_RANGE },
	{ "gnu-hash", "GNU hash table offset out of range", m_gnu_hash, PVB_E_GNU_HASH_RANGE },
	{ "gnu-index", "GNU hash bucket index out of range", m_gnu_index, PVB_E_GNU_HASH_RANGE },
	{ "hash-loop", "hash chain that loops", m_hash_loop, PVB_E_HASH_LOOP },
	{ "gnu-unterminated", "GNU hash chain that never ends", m_gnu_unterminated, PVB_E_HASH_LOOP },
	{ "hash-mismatch", "DT_HASH misses symbols DT_GNU_HASH has", m_hash_mismatch,
	  PVB_E_HASH_MISMATCH },
	{ "gnu-bloom", "GNU bloom filter rejects symbols", m_gnu_bloom, PVB_E_HASH_MISMATCH },
	{ "gnu-shift32", "GNU Bloom shift 32 (the hash has 32 bits)", m_gnu_shift32, PVB_E_GNU_HASH_RANGE },
	{ "gnu-shift41", "GNU Bloom shift 41 (the hash has 32 bits)", m_gnu_shift41, PVB_E_GNU_HASH_RANGE },
	{ "versym", "version table offset out of range", m_versym, PVB_E_VERSYM_RANGE },
	{ "verdef", "version definitions offset out of range", m_verdef, PVB_E_VERDEF_RANGE },
	{ "verdefnum", "version definition count too large", m_verdefnum, PVB_E_VERDEF_RANGE },
	{ "version-index", "version index out of range", m_version_index, PVB_E_VERSION_INDEX },
	{ "note-range", "note overruns PT_NOTE", m_note_range, PVB_E_NOTE_RANGE },
	{ "license-unterminated", "licence note not NUL-terminated", m_license_unterminated,
	  PVB_E_NOTE_RANGE },
	{ "no-license", "missing licence note", m_no_license, PVB_E_NO_LICENSE },
	{ "no-build-id", "missing build-id note", m_no_build_id, PVB_E_NO_BUILD_ID },
	{ "layout", "layout note disagrees with header", m_layout, PVB_E_LAYOUT },
	{ "extable", "fault table entry outside the text", m_extable, PVB_E_EXTABLE },
	{ "license", "licence the strict policy refuses", m_license, PVB_E_LICENSE_POLICY },
	{ "noinit", "init op missing", m_noinit, PVB_E_NOT_FOUND },
	{ "nocpuid", "cpuid op missing", m_nocpuid, PVB_E_NOT_FOUND },
	{ "minor-ahead", "header claims a minor whose ops are missing", m_minor_ahead,
	  PVB_E_NOT_FOUND },
};
const size_t badrom_count = sizeof(badrom_variants) / sizeof(badrom_variants[0]);

const struct badrom_variant *badrom_find(const char *name)
{
	size_t k;

	for (k = 0; k < badrom_count; k++)
		if (!strcmp(badrom_variants[k].name, name))
			return &badrom_variants[k];
	return NULL;
}

int badrom_start(struct badrom *b, uint8_t *rom, size_t size)
{
	int err = pvb_validate(rom, size, PVROM_ABI_MAJOR, &b->img);

	b->rom = rom;
	b->size = err ? 0 : b->img.rom_size;
	return err;
}

int badrom_verdict(const uint8_t *rom, size_t size)
{
	struct pvb_image img;
	uint32_t k, off;
	int err = pvb_validate(rom, size, PVROM_ABI_MAJOR, &img);

	if (err)
		return err;
	if (!pvb_license_gpl_compatible(img.license))
		return PVB_E_LICENSE_POLICY;
	for (k = 0; k < PVROM_OP_COUNT_ALL; k++)
		if (pvb_catalog[k].minor <= g16(rom + HDR(abi_minor)) &&
		    pvb_lookup(&img, pvb_catalog[k].sym, pvb_catalog[k].version, &off))
			return PVB_E_NOT_FOUND;
	return PVB_OK;
}
