/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one boot-info struct the kernel uses, whichever way it was entered
 * (PVH, multiboot2, pvrom bootinfo).  boot/bootinfo.c fills it in.
 */
#ifndef KERNEL_BOOTINFO_H
#define KERNEL_BOOTINFO_H

#include <stdint.h>

#define BOOT_MAX_MEM	128
#define BOOT_CMDLINE	512
#define BOOT_MAX_RESV	8

struct boot_mem {
	uint64_t base, len;
	uint32_t type;			/* E820 numbering (PVROM_MEM_*) */
};

struct boot_info {
	int kind;			/* BOOT_KIND_* */
	const char *via;		/* "PVH", "multiboot2", "pvrom-bootinfo" */
	char loader[32];
	struct boot_mem mem[BOOT_MAX_MEM];
	int nmem;
	char cmdline[BOOT_CMDLINE];
	uint64_t rom_addr;		/* physical, 0: none handed over */
	uint32_t rom_size;
	uint32_t rom_source;		/* PVROM_SRC_* */
	uint64_t rsdp;
	/* physical ranges the page allocator must not hand out */
	struct { uint64_t base, len; } resv[BOOT_MAX_RESV];
	int nresv;
};

extern struct boot_info boot_info;

/* Parse the loader's structure at physical address 'pa' (via the boot
 * direct map).  Returns 0, or -1 if it is not what 'kind' promises. */
int bootinfo_parse(int kind, uint64_t pa, uint32_t magic);

#endif
