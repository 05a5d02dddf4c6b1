// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one ROM image validator (see image.h, abi/SPEC.md "Discovery").
 *
 * Compiled freestanding into the guest and hosted into the host tools, the
 * unit tests and the fuzzer.  Rules that keep it safe on hostile input:
 *   - no libc, no allocation, no recursion;
 *   - every multi-byte field is read byte-wise (buffers may be unaligned);
 *   - every offset is checked with in_range() in 64-bit arithmetic before a
 *     byte is read, and every walk (hash chains, version chain, notes,
 *     dynamic array) has an upper bound derived from validated sizes;
 *   - each check has its own error code, so a refusal says what was wrong.
 * The whole image is limited to 255 * 512 bytes, so 64-bit sums of 32-bit
 * quantities cannot overflow.
 */
#include "guest/bind/image.h"
#include "guest/bind/elf64.h"

#define OFF(T, f)	((uint32_t)__builtin_offsetof(T, f))
#define VERDEF_MAX	256u	/* version nodes a ROM may define */
#define NAME_MAX_LEN	256u	/* bounds every name scan: no quadratic blow-up */

/* ---- freestanding helpers ------------------------------------------- */

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
	return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* [off, off + len) lies inside [0, limit) (empty ranges at limit too). */
static int in_range(uint64_t off, uint64_t len, uint64_t limit)
{
	return off <= limit && len <= limit - off;
}

static int bytes_equal(const uint8_t *a, const char *b, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (a[i] != (uint8_t)b[i])
			return 0;
	return 1;
}

void pvb_zero(void *p, size_t n)
{
	volatile uint8_t *b = p;	/* volatile: no memset call emitted */

	while (n--)
		*b++ = 0;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* ---- error strings -------------------------------------------------- */

static const struct { const char *name, *msg; } errs[PVB_E_MAX] = {
#define X(name, msg) [name] = { #name, msg },
	PVB_ERRORS(X)
#undef X
};

const char *pvb_strerror(int err)
{
	if (err < 0 || err >= PVB_E_MAX)
		return "unknown pvrom validation error";
	return errs[err].msg;
}

const char *pvb_errname(int err)
{
	if (err < 0 || err >= PVB_E_MAX)
		return "PVB_E_UNKNOWN";
	return errs[err].name;
}

/* ---- hashes ---------------------------------------------------------- */

static uint32_t sysv_hash(const char *s)
{
	uint32_t h = 0, g;

	while (*s) {
		h = (h << 4) + (uint8_t)*s++;
		g = h & 0xf0000000u;
		if (g)
			h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

static uint32_t gnu_hash(const char *s)
{
	uint32_t h = 5381;

	while (*s)
		h = h * 33 + (uint8_t)*s++;
	return h;
}

/* ---- symbol-table accessors (valid only on checked tables) ----------- */

static const uint8_t *sym_at(const struct pvb_image *img, uint32_t i)
{
	return img->elf + img->dynsym_off + (uint64_t)i * sizeof(struct pvb_sym);
}

/* Name at string-table offset 'off', or NULL if it leaves the table or is
 * longer than any symbol or version name has a reason to be. */
static const char *str_at(const struct pvb_image *img, uint32_t off)
{
	const uint8_t *s = img->elf + img->dynstr_off;
	uint32_t i;

	for (i = 0; i < NAME_MAX_LEN && off < img->dynstr_size - i; i++)
		if (s[off + i] == '\0')
			return (const char *)s + off;
	return (const char *)0;
}

static int sym_defined(const uint8_t *sym)
{
	uint16_t shndx = rd16(sym + OFF(struct pvb_sym, st_shndx));
	uint8_t bind = PVB_ST_BIND(sym[OFF(struct pvb_sym, st_info)]);

	return shndx != PVB_SHN_UNDEF &&
	       (bind == PVB_STB_GLOBAL || bind == PVB_STB_WEAK);
}

static uint16_t sym_verndx(const struct pvb_image *img, uint32_t i)
{
	return rd16(img->elf + img->versym_off + 2ull * i) & PVB_VERSYM_INDEX;
}

/* Name of version definition 'ndx' (>= 1), or NULL. */
static const char *version_name(const struct pvb_image *img, uint32_t ndx)
{
	uint64_t pos = img->verdef_off;
	uint32_t k;

	if (ndx == 0 || ndx > img->verdef_num)
		return (const char *)0;
	for (k = 1; k < ndx; k++) {
		uint32_t next = rd32(img->elf + pos + OFF(struct pvb_verdef, vd_next));

		pos += next;
	}
	pos += rd32(img->elf + pos + OFF(struct pvb_verdef, vd_aux));
	return str_at(img, rd32(img->elf + pos + OFF(struct pvb_verdaux, vda_name)));
}

/* ---- header ---------------------------------------------------------- */

static int check_header(const uint8_t *rom, size_t avail, uint16_t major,
			struct pvb_image *img)
{
	const uint8_t *h = rom + PVROM_HEADER_OFFSET;
	uint32_t len, sum = 0, i, hsize, elf_off, elf_size, data, percpu;

	if (avail < 3 || rom[0] != PVROM_OPTROM_SIG0 || rom[1] != PVROM_OPTROM_SIG1)
		return PVB_E_SIGNATURE;
	len = rom[PVROM_OPTROM_LEN_OFF] * PVROM_OPTROM_UNIT;
	if (len == 0 || len > avail)
		return PVB_E_LENGTH;
	for (i = 0; i < len; i++)
		sum += rom[i];
	if (sum & 0xff)
		return PVB_E_CHECKSUM;
	/* len >= 512 here, so the whole header area 0x20..0x7f is readable. */
	if (!bytes_equal(h, PVROM_HEADER_MAGIC, 8))
		return PVB_E_MAGIC;
	hsize = rd16(h + OFF(struct pvrom_header, header_size));
	if (hsize < PVROM_HEADER_SIZE_1_0 || hsize > PVROM_HEADER_MAX)
		return PVB_E_HEADER;
	for (i = OFF(struct pvrom_header, _pad0); i < sizeof(struct pvrom_header); i++)
		if (h[i])
			return PVB_E_HEADER;
	if (rd16(h + OFF(struct pvrom_header, abi_major)) != major)
		return PVB_E_MAJOR;
	if (rd32(h + OFF(struct pvrom_header, image_size)) != len)
		return PVB_E_LENGTH;
	if (rd32(h + OFF(struct pvrom_header, crc32)) != pvb_image_crc(rom, len))
		return PVB_E_CRC;
	elf_off = rd32(h + OFF(struct pvrom_header, elf_offset));
	elf_size = rd32(h + OFF(struct pvrom_header, elf_size));
	if (elf_off == 0 || elf_off % PVROM_ELF_ALIGN || elf_size == 0 ||
	    !in_range(elf_off, elf_size, len))
		return PVB_E_ELF_RANGE;
	data = rd32(h + OFF(struct pvrom_header, data_size));
	percpu = rd32(h + OFF(struct pvrom_header, percpu_size));
	if (data % PVROM_PAGE_SIZE || data > PVROM_DATA_MAX ||
	    percpu % PVROM_PERCPU_ALIGN || percpu > PVROM_PERCPU_MAX)
		return PVB_E_DATA_SIZE;

	img->rom = rom;
	img->rom_size = len;
	img->hdr = (const struct pvrom_header *)(const void *)h;
	img->abi_major = major;
	img->abi_minor = rd16(h + OFF(struct pvrom_header, abi_minor));
	img->data_size = data;
	img->percpu_size = percpu;
	img->elf = rom + elf_off;
	img->elf_size = elf_size;
	return PVB_OK;
}

/* ---- ELF header and segments ----------------------------------------- */

struct elf_state {
	uint64_t dyn_off, dyn_size;
	uint32_t nnotes;
	uint64_t note_off[8], note_size[8], note_align[8];
	/* dynamic entries */
	uint64_t strtab, strsz, symtab, syment, hash, gnu_hash;
	uint64_t versym, verdef, verdefnum;
	uint32_t have;
	uint32_t ndef;			/* defined dynamic symbols */
};

#define HAVE_STRTAB	(1u << 0)
#define HAVE_STRSZ	(1u << 1)
#define HAVE_SYMTAB	(1u << 2)
#define HAVE_SYMENT	(1u << 3)
#define HAVE_HASH	(1u << 4)
#define HAVE_GNU_HASH	(1u << 5)
#define HAVE_VERSYM	(1u << 6)
#define HAVE_VERDEF	(1u << 7)
#define HAVE_VERDEFNUM	(1u << 8)
#define HAVE_REQUIRED	(HAVE_STRTAB | HAVE_STRSZ | HAVE_SYMTAB | HAVE_HASH | \
			 HAVE_GNU_HASH | HAVE_VERSYM | HAVE_VERDEF | HAVE_VERDEFNUM)

static int check_ehdr(const struct pvb_image *img, uint64_t *phoff, uint32_t *phnum)
{
	const uint8_t *e = img->elf;
	uint16_t phentsize;

	if (img->elf_size < sizeof(struct pvb_ehdr))
		return PVB_E_ELF_TRUNC;
	if (!bytes_equal(e, "\177ELF", 4))
		return PVB_E_ELF_IDENT;
	if (e[PVB_EI_CLASS] != PVB_ELFCLASS64)
		return PVB_E_ELF_CLASS;
	if (e[PVB_EI_DATA] != PVB_ELFDATA2LSB || e[PVB_EI_VERSION] != PVB_EV_CURRENT ||
	    rd32(e + OFF(struct pvb_ehdr, e_version)) != PVB_EV_CURRENT)
		return PVB_E_ELF_IDENT;
	if (rd16(e + OFF(struct pvb_ehdr, e_machine)) != PVB_EM_X86_64)
		return PVB_E_ELF_MACHINE;
	if (rd16(e + OFF(struct pvb_ehdr, e_type)) != PVB_ET_DYN)
		return PVB_E_ELF_TYPE;
	phentsize = rd16(e + OFF(struct pvb_ehdr, e_phentsize));
	*phoff = rd64(e + OFF(struct pvb_ehdr, e_phoff));
	*phnum = rd16(e + OFF(struct pvb_ehdr, e_phnum));
	if (phentsize != sizeof(struct pvb_phdr) ||
	    !in_range(*phoff, (uint64_t)*phnum * sizeof(struct pvb_phdr), img->elf_size))
		return PVB_E_PHDR_RANGE;
	if (*phnum == 0)
		return PVB_E_SEGMENTS;
	return PVB_OK;
}

static int check_segments(struct pvb_image *img, struct elf_state *st)
{
	uint64_t phoff, off, vaddr, filesz, memsz, align, text = 0;
	uint32_t phnum, i, type, flags, nload = 0, ndyn = 0, stack = 0;
	int err = check_ehdr(img, &phoff, &phnum);

	if (err)
		return err;
	for (i = 0; i < phnum; i++) {
		const uint8_t *ph = img->elf + phoff + (uint64_t)i * sizeof(struct pvb_phdr);

		type = rd32(ph + OFF(struct pvb_phdr, p_type));
		flags = rd32(ph + OFF(struct pvb_phdr, p_flags));
		off = rd64(ph + OFF(struct pvb_phdr, p_offset));
		vaddr = rd64(ph + OFF(struct pvb_phdr, p_vaddr));
		filesz = rd64(ph + OFF(struct pvb_phdr, p_filesz));
		memsz = rd64(ph + OFF(struct pvb_phdr, p_memsz));
		align = rd64(ph + OFF(struct pvb_phdr, p_align));

		switch (type) {
		case PVB_PT_INTERP:
		case PVB_PT_SHLIB:
		case PVB_PT_TLS:
		case PVB_PT_GNU_RELRO:
			return PVB_E_SEGMENTS;
		case PVB_PT_NULL:
			continue;
		case PVB_PT_GNU_STACK:
			/* Not a mapping: its R+W flags only describe the stack. */
			stack++;
			if (flags & PVB_PF_X)
				return PVB_E_STACK_EXEC;
			continue;
		default:
			break;
		}
		if (!in_range(off, filesz, img->elf_size))
			return PVB_E_SEGMENT_RANGE;
		if ((flags & PVB_PF_W) && (flags & PVB_PF_X))
			return PVB_E_WX;
		if (flags & PVB_PF_W)
			return PVB_E_WRITABLE;
		switch (type) {
		case PVB_PT_LOAD:
			if (++nload > 1 || off != 0 || vaddr != 0 ||
			    (flags & (PVB_PF_R | PVB_PF_X)) != (PVB_PF_R | PVB_PF_X))
				return PVB_E_SEGMENTS;
			if (memsz != filesz)
				return PVB_E_MEMSZ;
			text = filesz;
			break;
		case PVB_PT_DYNAMIC:
			if (++ndyn > 1 || vaddr != off)
				return PVB_E_DYNAMIC;
			st->dyn_off = off;
			st->dyn_size = filesz;
			break;
		case PVB_PT_NOTE:
			if (vaddr != off)
				return PVB_E_NOTE_RANGE;
			if (st->nnotes >= sizeof(st->note_off) / sizeof(st->note_off[0]))
				return PVB_E_SEGMENTS;
			st->note_off[st->nnotes] = off;
			st->note_size[st->nnotes] = filesz;
			st->note_align[st->nnotes] = align == 8 ? 8 : 4;
			st->nnotes++;
			break;
		default:
			break;
		}
	}
	if (nload != 1 || text < sizeof(struct pvb_ehdr))
		return PVB_E_SEGMENTS;
	if (!stack)
		return PVB_E_STACK_EXEC;
	img->text_size = (uint32_t)text;
	if (ndyn != 1 || !in_range(st->dyn_off, st->dyn_size, text))
		return PVB_E_DYNAMIC;
	for (i = 0; i < st->nnotes; i++)
		if (!in_range(st->note_off[i], st->note_size[i], text))
			return PVB_E_NOTE_RANGE;
	return PVB_OK;
}

/* ---- dynamic array --------------------------------------------------- */

static int dyn_set(struct elf_state *st, uint32_t bit, uint64_t *dst, uint64_t val)
{
	if (st->have & bit)
		return PVB_E_DYNAMIC;	/* duplicated: which one would a reader use? */
	st->have |= bit;
	*dst = val;
	return PVB_OK;
}

static int check_dynamic(const struct pvb_image *img, struct elf_state *st)
{
	uint64_t n = st->dyn_size / sizeof(struct pvb_dyn), i;
	int err = PVB_OK, terminated = 0;

	for (i = 0; i < n && !terminated && !err; i++) {
		const uint8_t *d = img->elf + st->dyn_off + i * sizeof(struct pvb_dyn);
		uint64_t tag = rd64(d + OFF(struct pvb_dyn, d_tag));
		uint64_t val = rd64(d + OFF(struct pvb_dyn, d_val));

		switch (tag) {
		case PVB_DT_NULL:
			terminated = 1;
			break;
		case PVB_DT_NEEDED: case PVB_DT_PLTRELSZ: case PVB_DT_RELA:
		case PVB_DT_RELASZ: case PVB_DT_REL: case PVB_DT_RELSZ:
		case PVB_DT_TEXTREL: case PVB_DT_JMPREL: case PVB_DT_RELR:
		case PVB_DT_RELRSZ: case PVB_DT_RELACOUNT: case PVB_DT_RELCOUNT:
		case PVB_DT_VERNEED: case PVB_DT_VERNEEDNUM:
			return PVB_E_RELOC;
		case PVB_DT_FLAGS:
			if (val & PVB_DF_TEXTREL)
				return PVB_E_RELOC;
			break;
		case PVB_DT_STRTAB:   err = dyn_set(st, HAVE_STRTAB, &st->strtab, val); break;
		case PVB_DT_STRSZ:    err = dyn_set(st, HAVE_STRSZ, &st->strsz, val); break;
		case PVB_DT_SYMTAB:   err = dyn_set(st, HAVE_SYMTAB, &st->symtab, val); break;
		case PVB_DT_SYMENT:   err = dyn_set(st, HAVE_SYMENT, &st->syment, val); break;
		case PVB_DT_HASH:     err = dyn_set(st, HAVE_HASH, &st->hash, val); break;
		case PVB_DT_GNU_HASH: err = dyn_set(st, HAVE_GNU_HASH, &st->gnu_hash, val); break;
		case PVB_DT_VERSYM:   err = dyn_set(st, HAVE_VERSYM, &st->versym, val); break;
		case PVB_DT_VERDEF:   err = dyn_set(st, HAVE_VERDEF, &st->verdef, val); break;
		case PVB_DT_VERDEFNUM: err = dyn_set(st, HAVE_VERDEFNUM, &st->verdefnum, val); break;
		default:
			break;
		}
	}
	if (err)
		return err;
	if (!terminated)
		return PVB_E_DYNAMIC;
	if ((st->have & HAVE_REQUIRED) != HAVE_REQUIRED)
		return PVB_E_DYN_MISSING;
	return PVB_OK;
}

/* ---- tables ---------------------------------------------------------- */

static int check_tables(struct pvb_image *img, struct elf_state *st)
{
	const uint64_t t = img->text_size;
	uint64_t nbucket, nchain, nsyms, gnb, symoff, bloom, shift, pos;
	uint32_t k;

	if (st->strsz == 0 || !in_range(st->strtab, st->strsz, t))
		return PVB_E_STRTAB_RANGE;
	img->dynstr_off = (uint32_t)st->strtab;
	img->dynstr_size = (uint32_t)st->strsz;

	/* DT_HASH's nchain is the symbol count (DT_GNU_HASH has none). */
	if (st->hash % 4 || !in_range(st->hash, 8, t))
		return PVB_E_HASH_RANGE;
	nbucket = rd32(img->elf + st->hash);
	nchain = rd32(img->elf + st->hash + 4);
	if (nbucket == 0 || !in_range(st->hash + 8, (nbucket + nchain) * 4, t))
		return PVB_E_HASH_RANGE;
	img->hash_off = (uint32_t)st->hash;
	nsyms = nchain;

	if ((st->have & HAVE_SYMENT) && st->syment != sizeof(struct pvb_sym))
		return PVB_E_SYMTAB_RANGE;
	if (nsyms < 2 || st->symtab % 8 ||
	    !in_range(st->symtab, nsyms * sizeof(struct pvb_sym), t))
		return PVB_E_SYMTAB_RANGE;
	img->dynsym_off = (uint32_t)st->symtab;
	img->nsyms = (uint32_t)nsyms;

	if (st->gnu_hash % 8 || !in_range(st->gnu_hash, 16, t))
		return PVB_E_GNU_HASH_RANGE;
	gnb = rd32(img->elf + st->gnu_hash);
	symoff = rd32(img->elf + st->gnu_hash + 4);
	bloom = rd32(img->elf + st->gnu_hash + 8);
	shift = rd32(img->elf + st->gnu_hash + 12);
	/* The second Bloom bit is the 32-bit hash shifted right by 'shift':
	 * 32 or more would leave no bits (and is undefined in C). */
	if (gnb == 0 || bloom == 0 || (bloom & (bloom - 1)) || shift >= 32 ||
	    symoff == 0 || symoff > nsyms ||
	    !in_range(st->gnu_hash + 16, bloom * 8 + gnb * 4 + (nsyms - symoff) * 4, t))
		return PVB_E_GNU_HASH_RANGE;
	img->gnu_hash_off = (uint32_t)st->gnu_hash;

	if (st->versym % 2 || !in_range(st->versym, nsyms * 2, t))
		return PVB_E_VERSYM_RANGE;
	img->versym_off = (uint32_t)st->versym;

	/* Version chain: nodes numbered 1..n in order, as linkers write
	 * them, so a version index is valid iff 1 <= index <= n. */
	if (st->verdefnum == 0 || st->verdefnum > VERDEF_MAX)
		return PVB_E_VERDEF_RANGE;
	pos = st->verdef;
	for (k = 1; k <= st->verdefnum; k++) {
		const uint8_t *vd;
		uint64_t aux;
		uint32_t next;

		if (pos % 4 || !in_range(pos, sizeof(struct pvb_verdef), t))
			return PVB_E_VERDEF_RANGE;
		vd = img->elf + pos;
		aux = pos + rd32(vd + OFF(struct pvb_verdef, vd_aux));
		next = rd32(vd + OFF(struct pvb_verdef, vd_next));
		if (rd16(vd + OFF(struct pvb_verdef, vd_version)) != PVB_VER_DEF_CURRENT ||
		    rd16(vd + OFF(struct pvb_verdef, vd_ndx)) != k ||
		    rd16(vd + OFF(struct pvb_verdef, vd_cnt)) == 0 ||
		    aux % 4 || !in_range(aux, sizeof(struct pvb_verdaux), t) ||
		    (k < st->verdefnum && next == 0))
			return PVB_E_VERDEF_RANGE;
		if (!str_at(img, rd32(img->elf + aux + OFF(struct pvb_verdaux, vda_name))))
			return PVB_E_STRTAB_RANGE;
		pos += next;
	}
	img->verdef_off = (uint32_t)st->verdef;
	img->verdef_num = (uint32_t)st->verdefnum;
	return PVB_OK;
}

static int check_symbols(const struct pvb_image *img, struct elf_state *st)
{
	uint64_t value;
	uint32_t i;

	st->ndef = 0;
	for (i = 1; i < img->nsyms; i++)
		if (!str_at(img, rd32(sym_at(img, i) + OFF(struct pvb_sym, st_name))))
			return PVB_E_STRTAB_RANGE;
	for (i = 1; i < img->nsyms; i++) {
		const uint8_t *s = sym_at(img, i);
		uint16_t shndx = rd16(s + OFF(struct pvb_sym, st_shndx));

		if (!sym_defined(s))
			continue;
		st->ndef++;
		value = rd64(s + OFF(struct pvb_sym, st_value));
		/* Strictly inside: an entry point at the very end is no entry. */
		if (shndx != PVB_SHN_ABS &&
		    (value >= img->text_size ||
		     !in_range(value, rd64(s + OFF(struct pvb_sym, st_size)), img->text_size)))
			return PVB_E_SYMBOL_RANGE;
	}
	for (i = 1; i < img->nsyms; i++)
		if (sym_verndx(img, i) > img->verdef_num)
			return PVB_E_VERSION_INDEX;
	return PVB_OK;
}

/*
 * Every defined symbol must be reachable through both tables.  Each chain is
 * walked once and every symbol met must hash to the bucket being walked, so
 * no symbol can sit on two chains; a walk longer than the symbol count is
 * therefore a loop.  Counting the defined symbols met then proves each one
 * is found, in time linear in the table size.
 */
static int check_sysv_hash(const struct pvb_image *img, const struct elf_state *st)
{
	const uint8_t *h = img->elf + img->hash_off;
	uint32_t nbucket = rd32(h), nchain = rd32(h + 4), b, i;
	const uint8_t *bucket = h + 8, *chain = h + 8 + 4ull * nbucket;
	uint64_t steps = 0;
	uint32_t found = 0;

	for (b = 0; b < nbucket; b++) {
		for (i = rd32(bucket + 4ull * b); i != 0; i = rd32(chain + 4ull * i)) {
			const uint8_t *s;

			if (i >= nchain)
				return PVB_E_HASH_RANGE;
			if (++steps >= nchain)
				return PVB_E_HASH_LOOP;
			s = sym_at(img, i);
			if (sysv_hash(str_at(img, rd32(s))) % nbucket != b)
				return PVB_E_HASH_MISMATCH;
			if (sym_defined(s))
				found++;
		}
	}
	return found == st->ndef ? PVB_OK : PVB_E_HASH_MISMATCH;
}

static int gnu_bloom_ok(const struct pvb_image *img, uint32_t hash)
{
	const uint8_t *g = img->elf + img->gnu_hash_off;
	uint32_t nwords = rd32(g + 8), shift = rd32(g + 12);
	uint64_t word = rd64(g + 16 + 8ull * ((hash / 64) & (nwords - 1)));

	/* check_tables refused shift >= 32; the mask keeps this defined even
	 * for a caller that skipped it. */
	return (word >> (hash % 64) & 1) && (word >> ((hash >> (shift & 31)) % 64) & 1);
}

static int check_gnu_hash(const struct pvb_image *img, const struct elf_state *st)
{
	const uint8_t *g = img->elf + img->gnu_hash_off;
	uint32_t nb = rd32(g), symoff = rd32(g + 4), nwords = rd32(g + 8);
	const uint8_t *bucket = g + 16 + 8ull * nwords;
	const uint8_t *chain = bucket + 4ull * nb;
	uint32_t b, i, found = 0;
	uint64_t steps = 0;

	for (b = 0; b < nb; b++) {
		i = rd32(bucket + 4ull * b);
		if (i == 0)
			continue;
		if (i < symoff || i >= img->nsyms)
			return PVB_E_GNU_HASH_RANGE;
		for (;;) {
			const uint8_t *s = sym_at(img, i);
			uint32_t h = gnu_hash(str_at(img, rd32(s)));
			uint32_t c = rd32(chain + 4ull * (i - symoff));

			if (++steps > img->nsyms)
				return PVB_E_HASH_LOOP;
			if ((h | 1) != (c | 1) || h % nb != b)
				return PVB_E_HASH_MISMATCH;
			if (sym_defined(s)) {
				if (!gnu_bloom_ok(img, h))
					return PVB_E_HASH_MISMATCH;
				found++;
			}
			if (c & 1)
				break;
			if (++i >= img->nsyms)
				return PVB_E_HASH_LOOP;	/* chain never ends */
		}
	}
	return found == st->ndef ? PVB_OK : PVB_E_HASH_MISMATCH;
}

/* ---- notes ----------------------------------------------------------- */

static const char *note_string(const uint8_t *desc, uint32_t descsz)
{
	uint32_t i;

	for (i = 0; i < descsz; i++)
		if (desc[i] == '\0')
			return (const char *)desc;
	return (const char *)0;
}

static int note_one(struct pvb_image *img, const uint8_t *name, uint32_t namesz,
		    uint32_t type, const uint8_t *desc, uint32_t descsz, int *have_layout)
{
	const char **field;
	const char *s;

	if (namesz == 4 && bytes_equal(name, "GNU", 4)) {
		if (type == PVROM_NOTE_GNU_BUILD_ID && descsz && !img->build_id) {
			img->build_id = desc;
			img->build_id_len = descsz;
		}
		return PVB_OK;
	}
	if (namesz != sizeof(PVROM_NOTE_NAME) ||
	    !bytes_equal(name, PVROM_NOTE_NAME, sizeof(PVROM_NOTE_NAME)))
		return PVB_OK;		/* someone else's note */
	switch (type) {
	case PVROM_NOTE_LICENSE:	field = &img->license; break;
	case PVROM_NOTE_RELEASE:	field = &img->release; break;
	case PVROM_NOTE_VENDOR:		field = &img->vendor; break;
	case PVROM_NOTE_BACKENDS:	field = &img->backends; break;
	case PVROM_NOTE_SOURCE_URL:	field = &img->source_url; break;
	case PVROM_NOTE_SOURCE_HASH:	field = &img->source_hash; break;
	case PVROM_NOTE_LAYOUT:
		if (descsz != sizeof(struct pvrom_note_layout) || *have_layout)
			return PVB_E_LAYOUT;
		img->layout.data_size = rd32(desc);
		img->layout.percpu_size = rd32(desc + 4);
		img->layout.extable_offset = rd32(desc + 8);
		img->layout.extable_size = rd32(desc + 12);
		*have_layout = 1;
		return PVB_OK;
	default:
		return PVB_OK;		/* a later minor's note */
	}
	s = note_string(desc, descsz);
	if (!s)
		return PVB_E_NOTE_RANGE;
	if (!*field)
		*field = s;
	return PVB_OK;
}

static int check_notes(struct pvb_image *img, const struct elf_state *st, int *have_layout)
{
	uint32_t n;
	int err;

	for (n = 0; n < st->nnotes; n++) {
		const uint8_t *seg = img->elf + st->note_off[n];
		uint64_t size = st->note_size[n], a = st->note_align[n], pos = 0;

		/* Offsets are relative to the segment, which is aligned. */
		while (pos < size) {
			uint32_t namesz, descsz, type;
			uint64_t desc_off, next;

			if (size - pos < sizeof(struct pvb_nhdr))
				return PVB_E_NOTE_RANGE;
			namesz = rd32(seg + pos + OFF(struct pvb_nhdr, n_namesz));
			descsz = rd32(seg + pos + OFF(struct pvb_nhdr, n_descsz));
			type = rd32(seg + pos + OFF(struct pvb_nhdr, n_type));
			desc_off = align_up(pos + sizeof(struct pvb_nhdr) + namesz, a);
			if (!in_range(desc_off, descsz, size))
				return PVB_E_NOTE_RANGE;
			err = note_one(img, seg + pos + sizeof(struct pvb_nhdr), namesz,
				       type, seg + desc_off, descsz, have_layout);
			if (err)
				return err;
			next = align_up(desc_off + descsz, a);
			pos = next < size ? next : size;
		}
	}
	return PVB_OK;
}

static int check_extable(const struct pvb_image *img)
{
	uint64_t off = img->layout.extable_offset, size = img->layout.extable_size, e;

	if (off % 4 || size % sizeof(struct pvrom_extable_entry) ||
	    !in_range(off, size, img->text_size))
		return PVB_E_EXTABLE;
	for (e = off; e < off + size; e += 4) {
		/* insn and fixup alike: self-relative to their own field */
		int64_t target = (int64_t)e + (int32_t)rd32(img->elf + e);

		if (target < 0 || (uint64_t)target >= img->text_size)
			return PVB_E_EXTABLE;
	}
	return PVB_OK;
}

/* ---- entry point ------------------------------------------------------ */

int pvb_validate(const void *buf, size_t avail, uint16_t major, struct pvb_image *img)
{
	struct elf_state st;
	int err, have_layout = 0;

	if (!img)
		return PVB_E_SIGNATURE;
	pvb_zero(img, sizeof(*img));
	if (!buf)
		return PVB_E_SIGNATURE;
	pvb_zero(&st, sizeof(st));
	err = check_header(buf, avail, major, img);
	if (!err)
		err = check_segments(img, &st);
	if (!err)
		err = check_dynamic(img, &st);
	if (!err)
		err = check_tables(img, &st);
	if (!err)
		err = check_symbols(img, &st);
	if (!err)
		err = check_sysv_hash(img, &st);
	if (!err)
		err = check_gnu_hash(img, &st);
	if (!err)
		err = check_notes(img, &st, &have_layout);
	if (err)
		return err;
	if (!img->license)
		return PVB_E_NO_LICENSE;
	img->license_gpl = pvb_license_gpl_compatible(img->license);
	if (!img->build_id)
		return PVB_E_NO_BUILD_ID;
	if (!have_layout || img->layout.data_size != img->data_size ||
	    img->layout.percpu_size != img->percpu_size)
		return PVB_E_LAYOUT;
	return check_extable(img);
}

/* ---- lookup ---------------------------------------------------------- */

static int name_equal(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Only a validated image has nsyms >= 2 (see check_tables). */
static int image_ready(const struct pvb_image *img)
{
	return img && img->elf && img->nsyms >= 2 && img->verdef_num;
}

static int sym_match(const struct pvb_image *img, uint32_t i, const char *name,
		     const char *version, uint32_t *offset)
{
	const uint8_t *s = sym_at(img, i);
	const char *sname = str_at(img, rd32(s)), *vname;
	uint16_t v;

	if (!sym_defined(s) || rd16(s + OFF(struct pvb_sym, st_shndx)) == PVB_SHN_ABS ||
	    !sname || !name_equal(sname, name))
		return 0;
	v = sym_verndx(img, i);
	if (v == PVB_VER_NDX_LOCAL)
		return 0;
	vname = version_name(img, v);
	if (v == PVB_VER_NDX_GLOBAL || !vname || !name_equal(vname, version))
		return 0;
	*offset = (uint32_t)rd64(s + OFF(struct pvb_sym, st_value));
	return 1;
}

int pvb_lookup_sysv(const struct pvb_image *img, const char *name,
		    const char *version, uint32_t *offset)
{
	const uint8_t *h;
	uint32_t nbucket, nchain, i, steps = 0;

	if (!image_ready(img) || !name || !version || !offset)
		return PVB_E_NOT_FOUND;
	h = img->elf + img->hash_off;
	nbucket = rd32(h);
	nchain = rd32(h + 4);
	i = rd32(h + 8 + 4ull * (sysv_hash(name) % nbucket));
	while (i != 0 && i < nchain && steps++ < nchain) {
		if (sym_match(img, i, name, version, offset))
			return PVB_OK;
		i = rd32(h + 8 + 4ull * nbucket + 4ull * i);
	}
	return PVB_E_NOT_FOUND;
}

int pvb_lookup_gnu(const struct pvb_image *img, const char *name,
		   const char *version, uint32_t *offset)
{
	const uint8_t *g, *bucket, *chain;
	uint32_t nb, symoff, nwords, h, i, c;

	if (!image_ready(img) || !name || !version || !offset)
		return PVB_E_NOT_FOUND;
	g = img->elf + img->gnu_hash_off;
	nb = rd32(g);
	symoff = rd32(g + 4);
	nwords = rd32(g + 8);
	bucket = g + 16 + 8ull * nwords;
	chain = bucket + 4ull * nb;
	h = gnu_hash(name);
	if (!gnu_bloom_ok(img, h))
		return PVB_E_NOT_FOUND;
	i = rd32(bucket + 4ull * (h % nb));
	if (i == 0 || i < symoff)
		return PVB_E_NOT_FOUND;
	for (; i < img->nsyms; i++) {
		c = rd32(chain + 4ull * (i - symoff));
		if ((c | 1) == (h | 1) && sym_match(img, i, name, version, offset))
			return PVB_OK;
		if (c & 1)
			break;
	}
	return PVB_E_NOT_FOUND;
}

int pvb_lookup(const struct pvb_image *img, const char *name,
	       const char *version, uint32_t *offset)
{
	return pvb_lookup_gnu(img, name, version, offset);
}

int pvb_symbol(const struct pvb_image *img, uint32_t i, const char **name,
	       const char **version, uint32_t *offset, uint32_t *size)
{
	const uint8_t *s;
	uint8_t type;
	uint16_t v;
	const char *sname, *vname;

	if (!image_ready(img) || i == 0 || i >= img->nsyms)
		return 0;
	s = sym_at(img, i);
	type = PVB_ST_TYPE(s[OFF(struct pvb_sym, st_info)]);
	if (!sym_defined(s) || rd16(s + OFF(struct pvb_sym, st_shndx)) == PVB_SHN_ABS ||
	    (type != PVB_STT_FUNC && type != PVB_STT_OBJECT))
		return 0;
	v = sym_verndx(img, i);
	sname = str_at(img, rd32(s));
	vname = v == PVB_VER_NDX_GLOBAL ? "" : version_name(img, v);
	if (v == PVB_VER_NDX_LOCAL || !sname || !vname)
		return 0;
	if (name)
		*name = sname;
	if (version)
		*version = vname;
	if (offset)
		*offset = (uint32_t)rd64(s + OFF(struct pvb_sym, st_value));
	if (size)
		*size = (uint32_t)rd64(s + OFF(struct pvb_sym, st_size));
	return 1;
}
