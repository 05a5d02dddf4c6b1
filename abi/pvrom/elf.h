/* SPDX-License-Identifier: MIT */
/*
 * pvrom ABI: the ELF image inside the ROM, its notes and its data area.
 *
 * The image is ELF64 ET_DYN for EM_X86_64 with exactly one PT_LOAD (R+X,
 * vaddr 0, offset 0, memsz == filesz), a PT_DYNAMIC and a PT_NOTE inside it,
 * a non-executable PT_GNU_STACK, no writable segment and no dynamic
 * relocation: it runs unmodified at any page-aligned address.
 *
 * Entry table: the dynamic symbol table.  Op NAME is the function symbol
 * "pvrom_" NAME, versioned (DT_VERSYM/DT_VERDEF) with the node of the ABI
 * version that introduced it, "PVROM_<major>.<minor>".  Nodes are appended,
 * never renamed.  Both DT_HASH and DT_GNU_HASH are present.
 *
 * Data area: the ROM keeps no state in itself (option-ROM memory is read-only
 * after POST).  The guest provides data_size + max_cpus * percpu_size bytes of
 * zeroed, writable, non-executable memory that ends exactly where the image
 * starts; the ROM reaches it RIP-relative, as the Linux vDSO reaches its data
 * pages:
 *
 *     image - data_size - (n + 1) * percpu_size   per-CPU slot n
 *     image - data_size                            global data
 *     image                                        ELF image (R+X)
 */
#ifndef PVROM_ELF_H
#define PVROM_ELF_H

#include "base.h"

#define PVROM_SYM_PREFIX	"pvrom_"
#define PVROM_VERSION_PREFIX	"PVROM_"	/* + "<major>.<minor>" */
#define PVROM_STR_(x)		#x
#define PVROM_STR(x)		PVROM_STR_(x)
/* The version node of minor m of this major: "PVROM_1.0" for m = 0. */
#define PVROM_VERSION_NODE(m)	\
	PVROM_VERSION_PREFIX PVROM_STR(PVROM_ABI_MAJOR) "." PVROM_STR(m)

/* Notes: owner name "PVROM" (namesz 6), desc as described per type.
 * String notes hold a NUL-terminated UTF-8 string. */
#define PVROM_NOTE_NAME		"PVROM"
#define PVROM_NOTE_LICENSE	1	/* string: SPDX licence expression (required) */
#define PVROM_NOTE_RELEASE	2	/* string: ROM release, e.g. "0.1.0" */
#define PVROM_NOTE_VENDOR	3	/* string: who built/ships it */
#define PVROM_NOTE_BACKENDS	4	/* string: backends built in, comma-separated */
#define PVROM_NOTE_SOURCE_URL	5	/* string: where the source lives */
#define PVROM_NOTE_SOURCE_HASH	6	/* string: sha256 hex of the source tree */
#define PVROM_NOTE_LAYOUT	7	/* struct pvrom_note_layout */
/* The GNU build-id note (owner "GNU", type 3) is also required. */
#define PVROM_NOTE_GNU_BUILD_ID	3

struct pvrom_note_layout {		/* 16 bytes */
	uint32_t data_size;		/* global data area, page multiple */
	uint32_t percpu_size;		/* per-CPU slot, multiple of 64 */
	uint32_t extable_offset;	/* image offset of the fault table */
	uint32_t extable_size;		/* bytes; a multiple of 8 */
};
PVROM_STATIC_ASSERT(sizeof(struct pvrom_note_layout) == 16, "layout note size");

/*
 * Fault table.  A few ops execute instructions that may fault by design
 * (rdmsr_safe, wrmsr_safe).  The ROM cannot own the IDT, so it lists each
 * such instruction: when the guest's #GP/#UD handler sees a fault whose RIP
 * is in the ROM image at an entry's insn, it resumes at the entry's fixup.
 * Offsets are self-relative (no relocation needed), like Linux's extable.
 */
struct pvrom_extable_entry {		/* 8 bytes */
	int32_t insn;			/* target - &insn */
	int32_t fixup;			/* target - &fixup */
};
PVROM_STATIC_ASSERT(sizeof(struct pvrom_extable_entry) == 8, "extable entry");

#endif /* PVROM_ELF_H */
