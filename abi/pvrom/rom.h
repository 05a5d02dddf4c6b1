/* SPDX-License-Identifier: MIT */
/*
 * pvrom ABI: the option-ROM image.
 *
 *   0x0000  55 AA, length (512-byte units), 16-bit init entry (jmp) at 0x03
 *   0x0018  u16 offset of the PCI data structure ("PCIR", dword aligned)
 *   0x001A  u16 offset of the $PnP header (0 if none)
 *   0x0020  struct pvrom_header (grows up to PVROM_HEADER_MAX bytes)
 *   ...     PCIR, $PnP, 16-bit init code, licence text
 *   elf_offset (4 KiB aligned)  the ELF image (see elf.h)
 *   ...     zero padding to a multiple of 512 bytes
 *
 * The 8-bit sum of all length*512 bytes is zero (the PC option-ROM rule).
 * CRC-32 (IEEE 802.3, reflected, init and final xor 0xFFFFFFFF) covers the
 * same bytes with the crc32 and checksum fields of the header read as zero.
 *
 * Versioning: header_size says how much of the header a ROM filled in.
 * Fields are only ever appended (minor bump); a reader uses the fields it
 * knows and ignores the rest.  abi_major must equal the reader's major.
 */
#ifndef PVROM_ROM_H
#define PVROM_ROM_H

#include "base.h"

#define PVROM_OPTROM_SIG0	0x55
#define PVROM_OPTROM_SIG1	0xAA
#define PVROM_OPTROM_LEN_OFF	0x02	/* u8, 512-byte units */
#define PVROM_OPTROM_INIT_OFF	0x03	/* 16-bit far-called init entry */
#define PVROM_OPTROM_PCIR_PTR	0x18	/* u16 */
#define PVROM_OPTROM_PNP_PTR	0x1A	/* u16 */
#define PVROM_OPTROM_UNIT	512u
#define PVROM_IMAGE_MAX		(255u * 512u)	/* the length byte's limit */

#define PVROM_HEADER_OFFSET	0x20
#define PVROM_HEADER_MAX	0x60	/* room reserved up to offset 0x80 */
#define PVROM_HEADER_MAGIC	"PVROMHDR"	/* 8 bytes, no NUL */
#define PVROM_ELF_ALIGN		4096u
#define PVROM_PAGE_SIZE		4096u

/* Limits on the data area a ROM may ask for (bounds the guest's work). */
#define PVROM_DATA_MAX		(1024u * 1024u)
#define PVROM_PERCPU_ALIGN	64u
#define PVROM_PERCPU_MAX	(64u * 1024u)

/* PCI IDs written into PCIR by default: QEMU's pci-testdev (1b36:0005).
 * SeaBIOS runs a PCI ROM only if PCIR matches the device it sits on, so a
 * hypervisor that ships pvrom on its own device relinks with its IDs. */
#define PVROM_PCI_VENDOR_DEFAULT 0x1b36
#define PVROM_PCI_DEVICE_DEFAULT 0x0005

struct pvrom_header {			/* 48 bytes in ABI 1.0 */
	uint8_t  magic[8];		/* 0x00 PVROM_HEADER_MAGIC */
	uint16_t abi_major;		/* 0x08 */
	uint16_t abi_minor;		/* 0x0A highest minor the ROM implements */
	uint16_t header_size;		/* 0x0C bytes of this header filled in */
	uint16_t flags;			/* 0x0E none defined in 1.0; write 0 */
	uint32_t image_size;		/* 0x10 == length byte * 512 */
	uint32_t elf_offset;		/* 0x14 from image start, 4 KiB aligned */
	uint32_t elf_size;		/* 0x18 */
	uint32_t data_size;		/* 0x1C global data bytes, page multiple */
	uint32_t percpu_size;		/* 0x20 per-CPU slot bytes, 64-multiple */
	uint32_t crc32;			/* 0x24 */
	uint8_t  checksum;		/* 0x28 makes the 8-bit image sum zero */
	uint8_t  _pad0[7];		/* 0x29 zero */
};
PVROM_STATIC_ASSERT(sizeof(struct pvrom_header) == 48, "pvrom_header size");
PVROM_STATIC_ASSERT(__builtin_offsetof(struct pvrom_header, crc32) == 0x24,
		    "crc32 offset");
PVROM_STATIC_ASSERT(__builtin_offsetof(struct pvrom_header, checksum) == 0x28,
		    "checksum offset");
PVROM_STATIC_ASSERT(PVROM_HEADER_OFFSET + sizeof(struct pvrom_header) <=
		    PVROM_HEADER_OFFSET + PVROM_HEADER_MAX, "header room");

#define PVROM_HEADER_SIZE_1_0	48

/* PCI Firmware spec 3.0 data structure, as SeaBIOS and OVMF read it. */
struct pvrom_pcir {			/* 28 bytes */
	uint8_t  signature[4];		/* "PCIR" */
	uint16_t vendor;
	uint16_t device;
	uint16_t device_list;		/* 0: none */
	uint16_t length;		/* sizeof, 0x1C */
	uint8_t  revision;		/* 3 */
	uint8_t  class_code[3];
	uint16_t image_length;		/* 512-byte units */
	uint16_t code_revision;
	uint8_t  code_type;		/* 0: x86 PC-AT */
	uint8_t  indicator;		/* 0x80: last image */
	uint16_t max_runtime_length;
	uint16_t config_util;
	uint16_t dmtf_clp;
};
PVROM_STATIC_ASSERT(sizeof(struct pvrom_pcir) == 28, "pvrom_pcir size");

#endif /* PVROM_ROM_H */
