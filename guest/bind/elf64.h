/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few ELF64 structures the validator reads (pvrom-link adds the section
 * headers, which only it checks).  Our own definitions (no <elf.h>): the
 * validator is freestanding.  Fields are read byte-wise through offsetof(),
 * never through a cast pointer, because an image in a buffer is not
 * guaranteed to be aligned.
 */
#ifndef PVBIND_ELF64_H
#define PVBIND_ELF64_H

#include <stdint.h>

struct pvb_ehdr {			/* 64 bytes */
	uint8_t  e_ident[16];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};
_Static_assert(sizeof(struct pvb_ehdr) == 64, "Elf64_Ehdr");

struct pvb_phdr {			/* 56 bytes */
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;
	uint64_t p_memsz;
	uint64_t p_align;
};
_Static_assert(sizeof(struct pvb_phdr) == 56, "Elf64_Phdr");

struct pvb_dyn {			/* 16 bytes */
	int64_t  d_tag;
	uint64_t d_val;
};
_Static_assert(sizeof(struct pvb_dyn) == 16, "Elf64_Dyn");

struct pvb_sym {			/* 24 bytes */
	uint32_t st_name;
	uint8_t  st_info;
	uint8_t  st_other;
	uint16_t st_shndx;
	uint64_t st_value;
	uint64_t st_size;
};
_Static_assert(sizeof(struct pvb_sym) == 24, "Elf64_Sym");

struct pvb_verdef {			/* 20 bytes */
	uint16_t vd_version;
	uint16_t vd_flags;
	uint16_t vd_ndx;
	uint16_t vd_cnt;
	uint32_t vd_hash;
	uint32_t vd_aux;
	uint32_t vd_next;
};
_Static_assert(sizeof(struct pvb_verdef) == 20, "Elf64_Verdef");

struct pvb_verdaux {			/* 8 bytes */
	uint32_t vda_name;
	uint32_t vda_next;
};
_Static_assert(sizeof(struct pvb_verdaux) == 8, "Elf64_Verdaux");

struct pvb_nhdr {			/* 12 bytes */
	uint32_t n_namesz;
	uint32_t n_descsz;
	uint32_t n_type;
};
_Static_assert(sizeof(struct pvb_nhdr) == 12, "Elf64_Nhdr");

/* e_ident */
#define PVB_EI_CLASS		4
#define PVB_EI_DATA		5
#define PVB_EI_VERSION		6
#define PVB_ELFCLASS64		2
#define PVB_ELFDATA2LSB		1
#define PVB_EV_CURRENT		1

#define PVB_ET_DYN		3
#define PVB_EM_X86_64		62

/* segments */
#define PVB_PT_NULL		0
#define PVB_PT_LOAD		1
#define PVB_PT_DYNAMIC		2
#define PVB_PT_INTERP		3
#define PVB_PT_NOTE		4
#define PVB_PT_SHLIB		5
#define PVB_PT_TLS		7
#define PVB_PT_GNU_STACK	0x6474e551u
#define PVB_PT_GNU_RELRO	0x6474e552u
#define PVB_PF_X		1u
#define PVB_PF_W		2u
#define PVB_PF_R		4u

/* dynamic tags */
#define PVB_DT_NULL		0
#define PVB_DT_NEEDED		1
#define PVB_DT_PLTRELSZ		2
#define PVB_DT_HASH		4
#define PVB_DT_STRTAB		5
#define PVB_DT_SYMTAB		6
#define PVB_DT_RELA		7
#define PVB_DT_RELASZ		8
#define PVB_DT_STRSZ		10
#define PVB_DT_SYMENT		11
#define PVB_DT_REL		17
#define PVB_DT_RELSZ		18
#define PVB_DT_TEXTREL		22
#define PVB_DT_JMPREL		23
#define PVB_DT_FLAGS		30
#define PVB_DT_RELRSZ		35
#define PVB_DT_RELR		36
#define PVB_DT_GNU_HASH		0x6ffffef5
#define PVB_DT_VERSYM		0x6ffffff0
#define PVB_DT_RELACOUNT	0x6ffffff9
#define PVB_DT_RELCOUNT		0x6ffffffa
#define PVB_DT_VERDEF		0x6ffffffc
#define PVB_DT_VERDEFNUM	0x6ffffffd
#define PVB_DT_VERNEED		0x6ffffffe
#define PVB_DT_VERNEEDNUM	0x6fffffff
#define PVB_DF_TEXTREL		0x4

/* symbols */
#define PVB_SHN_UNDEF		0
#define PVB_SHN_ABS		0xfff1
#define PVB_STB_GLOBAL		1
#define PVB_STB_WEAK		2
#define PVB_STT_OBJECT		1
#define PVB_STT_FUNC		2
#define PVB_ST_BIND(i)		((i) >> 4)
#define PVB_ST_TYPE(i)		((i) & 0xf)

/* versions */
#define PVB_VER_DEF_CURRENT	1
#define PVB_VERSYM_INDEX	0x7fffu
#define PVB_VER_NDX_LOCAL	0
#define PVB_VER_NDX_GLOBAL	1

#endif /* PVBIND_ELF64_H */
