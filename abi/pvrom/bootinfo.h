/* SPDX-License-Identifier: MIT */
/*
 * pvrom ABI: the boot info a pvrom-aware loader (e.g. pvboot.efi) hands to
 * the guest's 64-bit entry point in %rdi.
 *
 * Entry state: long mode, paging on with physical memory identity-mapped at
 * least up to the highest address in the memory map below 4 GiB, interrupts
 * disabled, boot services exited, %rsp 16-byte aligned on a usable stack.
 *
 * Versioning: size says how much the loader filled in; fields are only
 * appended (minor bump).  mmap_entry_size lets entries grow the same way.
 */
#ifndef PVROM_BOOTINFO_H
#define PVROM_BOOTINFO_H

#include "base.h"

#define PVROM_BOOTINFO_MAGIC	0x4f464e49544f4f42ull	/* "BOOTINFO" */

/* How the loader found the ROM (bootinfo.rom_source). */
#define PVROM_SRC_NONE		0
#define PVROM_SRC_PCI		1	/* PCI option ROM (EFI_PCI_IO RomImage) */
#define PVROM_SRC_FILE		2	/* a file on the boot medium */
#define PVROM_SRC_FW_CFG	3	/* QEMU fw_cfg opt/org.pvrom/rom */
#define PVROM_SRC_MODULE	4	/* a boot module (multiboot, PVH) */
#define PVROM_SRC_SCAN		5	/* legacy scan of 0xC0000-0xEFFFF */

/* Memory types (bootinfo memory map), E820 numbering. */
#define PVROM_MEM_USABLE	1
#define PVROM_MEM_RESERVED	2
#define PVROM_MEM_ACPI		3
#define PVROM_MEM_NVS		4
#define PVROM_MEM_BAD		5

struct pvrom_mmap_entry {		/* 24 bytes */
	uint64_t base;
	uint64_t length;
	uint32_t type;			/* PVROM_MEM_* */
	uint32_t _pad0;			/* zero */
};
PVROM_STATIC_ASSERT(sizeof(struct pvrom_mmap_entry) == 24, "mmap entry size");

struct pvrom_bootinfo {			/* 96 bytes in ABI 1.0 */
	uint64_t magic;			/* 0x00 PVROM_BOOTINFO_MAGIC */
	uint32_t size;			/* 0x08 sizeof as the loader knows it */
	uint16_t abi_major;		/* 0x0C */
	uint16_t abi_minor;		/* 0x0E */
	uint64_t rom_addr;		/* 0x10 physical address of the ROM copy, 0: none */
	uint32_t rom_size;		/* 0x18 bytes */
	uint32_t rom_source;		/* 0x1C PVROM_SRC_* */
	uint64_t mmap_addr;		/* 0x20 physical address of the entries */
	uint32_t mmap_count;		/* 0x28 */
	uint32_t mmap_entry_size;	/* 0x2C >= 24 */
	uint64_t cmdline_addr;		/* 0x30 NUL-terminated, 0: none */
	uint64_t rsdp_addr;		/* 0x38 ACPI RSDP, 0: unknown */
	char loader[32];		/* 0x40 loader name and version */
};
PVROM_STATIC_ASSERT(sizeof(struct pvrom_bootinfo) == 96, "bootinfo size");

#endif /* PVROM_BOOTINFO_H */
