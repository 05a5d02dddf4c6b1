/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ROM image validation and op lookup: the one implementation shared by the
 * guest's binding library, the host tools (pvrom-link, pvrom-info), the host
 * unit tests and the fuzzer.  Freestanding: no libc, no allocation; it only
 * reads the buffer it is given and never trusts a byte of it.
 */
#ifndef PVBIND_IMAGE_H
#define PVBIND_IMAGE_H

#include <stddef.h>
#include <stdint.h>
#include "abi/pvrom/rom.h"
#include "abi/pvrom/elf.h"
#include "abi/pvrom/ops.h"

/*
 * Every refusal has its own code: one row per code, X(name, message), from
 * which the enum, pvb_errname() and pvb_strerror() are made.  Logs print
 * both and tests grep the names: a row's name and message never change.
 */
#define PVB_ERRORS(X) \
	X(PVB_OK,               "valid pvrom image") \
	X(PVB_E_SIGNATURE,      "no 55 AA option-ROM signature") \
	X(PVB_E_LENGTH,         "ROM length byte is zero, exceeds the buffer, or disagrees with the header's image_size") \
	X(PVB_E_CHECKSUM,       "bad checksum: the 8-bit sum of the ROM bytes is not zero") \
	X(PVB_E_MAGIC,          "no \"PVROMHDR\" pvrom header magic at offset 0x20") \
	X(PVB_E_HEADER,         "pvrom header_size out of range or reserved header bytes not zero") \
	X(PVB_E_MAJOR,          "pvrom header ABI major differs from the one requested") \
	X(PVB_E_CRC,            "bad CRC: the CRC-32 of the ROM does not match the header") \
	X(PVB_E_ELF_RANGE,      "ELF image offset/size outside the ROM or offset not 4 KiB aligned") \
	X(PVB_E_DATA_SIZE,      "data_size or percpu_size not a proper multiple or over the limit") \
	X(PVB_E_ELF_TRUNC,      "ELF image smaller than its ELF header") \
	X(PVB_E_ELF_IDENT,      "bad ELF identification (magic, data encoding or version)") \
	X(PVB_E_ELF_CLASS,      "ELF image is not ELFCLASS64") \
	X(PVB_E_ELF_MACHINE,    "ELF image is not for EM_X86_64") \
	X(PVB_E_ELF_TYPE,       "ELF image is not ET_DYN") \
	X(PVB_E_PHDR_RANGE,     "ELF program headers outside the image or of the wrong size") \
	X(PVB_E_SEGMENTS,       "not exactly one R+X PT_LOAD at offset 0 and address 0, or a forbidden segment type") \
	X(PVB_E_SEGMENT_RANGE,  "an ELF segment lies outside the image") \
	X(PVB_E_MEMSZ,          "PT_LOAD memsz differs from filesz") \
	X(PVB_E_WRITABLE,       "a writable segment") \
	X(PVB_E_WX,             "a writable and executable segment") \
	X(PVB_E_STACK_EXEC,     "PT_GNU_STACK missing or executable") \
	X(PVB_E_DYNAMIC,        "PT_DYNAMIC missing, duplicated, unterminated or outside the loaded text") \
	X(PVB_E_DYN_MISSING,    "a required dynamic entry (STRTAB, STRSZ, SYMTAB, HASH, GNU_HASH, VERSYM, VERDEF, VERDEFNUM) is missing") \
	X(PVB_E_RELOC,          "dynamic relocations, DT_TEXTREL, DT_NEEDED or DT_VERNEED present") \
	X(PVB_E_STRTAB_RANGE,   "dynamic string table or a name in it outside the loaded text, or a name over 255 bytes") \
	X(PVB_E_SYMTAB_RANGE,   "dynamic symbol table outside the loaded text or bad entry size") \
	X(PVB_E_SYMBOL_RANGE,   "a defined symbol lies outside the loaded text") \
	X(PVB_E_HASH_RANGE,     "DT_HASH table or an index in it out of range") \
	X(PVB_E_GNU_HASH_RANGE, "DT_GNU_HASH table or an index in it out of range") \
	X(PVB_E_HASH_LOOP,      "a hash chain does not terminate") \
	X(PVB_E_HASH_MISMATCH,  "DT_HASH and DT_GNU_HASH disagree: a defined symbol is not found through both") \
	X(PVB_E_VERSYM_RANGE,   "DT_VERSYM table outside the loaded text") \
	X(PVB_E_VERDEF_RANGE,   "DT_VERDEF chain outside the loaded text, malformed or too long") \
	X(PVB_E_VERSION_INDEX,  "a symbol's version index names no version definition") \
	X(PVB_E_NOTE_RANGE,     "an ELF note overruns its PT_NOTE or a string note is not NUL-terminated") \
	X(PVB_E_NO_LICENSE,     "no PVROM licence note") \
	X(PVB_E_NO_BUILD_ID,    "no GNU build-id note") \
	X(PVB_E_LAYOUT,         "PVROM layout note missing, malformed, or disagreeing with the header") \
	X(PVB_E_EXTABLE,        "fault table outside the loaded text or an entry pointing outside it") \
	X(PVB_E_NOT_FOUND,      "no such symbol at that version") \
	X(PVB_E_LICENSE_POLICY, "ROM licence is not GPL-compatible")

enum pvb_err {
#define PVB_X_ENUM(name, msg) name,
	PVB_ERRORS(PVB_X_ENUM)
#undef PVB_X_ENUM
	PVB_E_MAX
};

const char *pvb_strerror(int err);	/* never NULL */
const char *pvb_errname(int err);	/* "PVB_E_CRC" etc., never NULL */

/* Everything the validator learned; pointers point into the caller's buffer. */
struct pvb_image {
	const uint8_t *rom;		/* start of the option ROM */
	uint32_t rom_size;		/* image_size */
	/* the header fields a binder needs, as checked (read byte-wise: the
	 * buffer may be unaligned, so use these, not hdr->) */
	uint16_t abi_major, abi_minor;
	uint32_t data_size, percpu_size;
	const struct pvrom_header *hdr;	/* the raw header, for tools that show it */
	const uint8_t *elf;		/* start of the ELF image (rom + elf_offset) */
	uint32_t elf_size;
	uint32_t text_size;		/* PT_LOAD filesz: bytes to map R+X */
	/* dynamic tables, as offsets into elf[] (validated) */
	uint32_t dynsym_off, nsyms;
	uint32_t dynstr_off, dynstr_size;
	uint32_t hash_off, gnu_hash_off;
	uint32_t versym_off, verdef_off, verdef_num;
	/* notes (NUL-terminated strings inside the buffer, or NULL) */
	const char *license, *release, *vendor, *backends, *source_url, *source_hash;
	int license_gpl;		/* pvb_license_gpl_compatible(license) */
	const uint8_t *build_id;
	uint32_t build_id_len;
	struct pvrom_note_layout layout;
};

/*
 * Validate a ROM of at most 'avail' bytes at 'buf'.  'major' is the ABI
 * major the caller speaks.  On PVB_OK, *img describes it.  On failure,
 * *img holds only what was checked before the failing step (the rest is
 * zero/NULL): enough for an inspector to show, never to bind with.
 */
int pvb_validate(const void *buf, size_t avail, uint16_t major,
		 struct pvb_image *img);

/* Look up op symbol 'name' (e.g. "pvrom_cpuid") at exact 'version'
 * (e.g. "PVROM_1.0").  On PVB_OK, *offset is its offset in the ELF image. */
int pvb_lookup(const struct pvb_image *img, const char *name,
	       const char *version, uint32_t *offset);
/* The same through one hash table only (tests check they agree). */
int pvb_lookup_sysv(const struct pvb_image *img, const char *name,
		    const char *version, uint32_t *offset);
int pvb_lookup_gnu(const struct pvb_image *img, const char *name,
		   const char *version, uint32_t *offset);

/* Iterate defined dynamic symbols: i from 0 to img->nsyms; returns 0 when
 * symbol i is not a defined, versioned function/object.  An unversioned
 * global symbol (version index 1) is listed with *version == "" so that
 * tools can show it; lookups never match it. */
int pvb_symbol(const struct pvb_image *img, uint32_t i, const char **name,
	       const char **version, uint32_t *offset, uint32_t *size);

/*
 * The op catalogue of every minor these headers know (PVROM_OPS_ALL order:
 * entry op of enum pvrom_op for op < PVROM_OP_COUNT, then newer minors'
 * ops): what the guest binds, what pvrom-link requires, what pvrom-info
 * lists and the tests look up.  catalog.c.
 */
struct pvb_op_desc {
	const char *sym;		/* "pvrom_cpuid" */
	const char *version;		/* "PVROM_1.0" */
	uint8_t minor;			/* the minor that introduced it */
	uint8_t attr;			/* PVROM_A_* */
};
extern const struct pvb_op_desc pvb_catalog[PVROM_OP_COUNT_ALL];

/* Licence policy: 1 if the SPDX expression is GPL-compatible (any
 * alternative of an "A OR B" expression being accepted is enough). */
int pvb_license_gpl_compatible(const char *spdx);

/* Clear n bytes; the one way the library clears memory.  It is built so
 * that no memset call is emitted, which neither the freestanding guest nor
 * the validator's other hosts may be assumed to provide. */
void pvb_zero(void *p, size_t n);

/* CRC-32 (IEEE, reflected), chainable: crc = pvb_crc32(crc, p, n), start 0. */
uint32_t pvb_crc32(uint32_t crc, const void *p, size_t n);

/* CRC of an image as the header defines it (crc32 and checksum read as 0). */
uint32_t pvb_image_crc(const uint8_t *rom, uint32_t size);

#endif /* PVBIND_IMAGE_H */
