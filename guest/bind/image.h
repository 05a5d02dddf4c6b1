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
#include "../../abi/pvrom/rom.h"
#include "../../abi/pvrom/elf.h"
#include "../../abi/pvrom/ops.h"

/* Every refusal has its own code; pvb_strerror() gives the message. */
enum pvb_err {
	PVB_OK = 0,
	PVB_E_SIGNATURE,	/* no 55 AA */
	PVB_E_LENGTH,		/* length byte 0, beyond the buffer, or != image_size */
	PVB_E_CHECKSUM,		/* 8-bit sum not zero */
	PVB_E_MAGIC,		/* no pvrom header magic */
	PVB_E_HEADER,		/* header_size out of range, reserved bytes set */
	PVB_E_MAJOR,		/* ABI major not the one we speak */
	PVB_E_CRC,		/* CRC-32 mismatch */
	PVB_E_ELF_RANGE,	/* ELF offset/size outside the image or misaligned */
	PVB_E_DATA_SIZE,	/* data_size/percpu_size not sane */
	PVB_E_ELF_TRUNC,	/* ELF smaller than its headers */
	PVB_E_ELF_IDENT,	/* bad e_ident magic, data encoding or version */
	PVB_E_ELF_CLASS,	/* not ELFCLASS64 */
	PVB_E_ELF_MACHINE,	/* not EM_X86_64 */
	PVB_E_ELF_TYPE,		/* not ET_DYN */
	PVB_E_PHDR_RANGE,	/* program headers outside the ELF */
	PVB_E_SEGMENTS,		/* not exactly one PT_LOAD at 0, or a forbidden segment */
	PVB_E_SEGMENT_RANGE,	/* a segment outside the ELF */
	PVB_E_MEMSZ,		/* PT_LOAD memsz != filesz */
	PVB_E_WRITABLE,		/* a writable segment */
	PVB_E_WX,		/* a writable and executable segment */
	PVB_E_STACK_EXEC,	/* PT_GNU_STACK missing or executable */
	PVB_E_DYNAMIC,		/* PT_DYNAMIC missing, unterminated, or out of range */
	PVB_E_DYN_MISSING,	/* a required DT_* entry is missing */
	PVB_E_RELOC,		/* a dynamic relocation (or DT_NEEDED/TEXTREL) present */
	PVB_E_STRTAB_RANGE,	/* string table or a name outside the image */
	PVB_E_SYMTAB_RANGE,	/* symbol table outside the image */
	PVB_E_SYMBOL_RANGE,	/* a defined symbol outside the PT_LOAD */
	PVB_E_HASH_RANGE,	/* DT_HASH table outside the image */
	PVB_E_GNU_HASH_RANGE,	/* DT_GNU_HASH table outside the image */
	PVB_E_HASH_LOOP,	/* a hash chain that does not terminate */
	PVB_E_HASH_MISMATCH,	/* a symbol one hash table finds and the other not */
	PVB_E_VERSYM_RANGE,	/* DT_VERSYM table outside the image */
	PVB_E_VERDEF_RANGE,	/* DT_VERDEF chain outside the image or looping */
	PVB_E_VERSION_INDEX,	/* a symbol's version index names no version */
	PVB_E_NOTE_RANGE,	/* a note outside PT_NOTE */
	PVB_E_NO_LICENSE,	/* no licence note */
	PVB_E_NO_BUILD_ID,	/* no GNU build-id note */
	PVB_E_LAYOUT,		/* layout note missing or disagreeing with the header */
	PVB_E_EXTABLE,		/* fault table entry outside the image text */
	PVB_E_NOT_FOUND,	/* lookup: no such (name, version) */
	PVB_E_LICENSE_POLICY,	/* licence not GPL-compatible under the strict policy */
	PVB_E_MAX
};

const char *pvb_strerror(int err);	/* never NULL */
const char *pvb_errname(int err);	/* "PVB_E_CRC" etc., never NULL */

/* Everything the validator learned; pointers point into the caller's buffer. */
struct pvb_image {
	const uint8_t *rom;		/* start of the option ROM */
	uint32_t rom_size;		/* image_size */
	const struct pvrom_header *hdr;
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
 * slot i is not a defined, versioned function/object.  An unversioned
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

/* CRC-32 (IEEE, reflected), chainable: crc = pvb_crc32(crc, p, n), start 0. */
uint32_t pvb_crc32(uint32_t crc, const void *p, size_t n);

/* CRC of an image as the header defines it (crc32 and checksum read as 0). */
uint32_t pvb_image_crc(const uint8_t *rom, uint32_t size);

#endif /* PVBIND_IMAGE_H */
