/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Convert what the loader handed over into struct boot_info.  Runs on the
 * static boot tables, so physical memory below 4 GiB is reachable through
 * the direct map.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/mm/mm.h"
#include "guest/kernel/boot/bootinfo.h"
#include "guest/kernel/boot/bootkind.h"
#include "abi/pvrom/bootinfo.h"

struct boot_info boot_info;

/* Xen's public hvm_start_info, as QEMU's pvh.bin fills it (facts only). */
#define HVM_START_MAGIC 0x336ec578
struct hvm_start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr;
	uint64_t memmap_paddr;		/* version >= 1 */
	uint32_t memmap_entries, reserved;
};
struct hvm_modlist_entry {
	uint64_t paddr, size, cmdline_paddr, reserved;
};
struct hvm_memmap_entry {
	uint64_t addr, size;
	uint32_t type, reserved;
};
_Static_assert(sizeof(struct hvm_start_info) == 56, "hvm_start_info");
_Static_assert(sizeof(struct hvm_modlist_entry) == 32, "modlist");
_Static_assert(sizeof(struct hvm_memmap_entry) == 24, "memmap");

#define MB2_BOOT_MAGIC	0x36d76289

static void add_mem(uint64_t base, uint64_t len, uint32_t type)
{
	if (boot_info.nmem < BOOT_MAX_MEM && len)
		boot_info.mem[boot_info.nmem++] =
			(struct boot_mem){ base, len, type };
}

static void add_resv(uint64_t base, uint64_t len)
{
	if (boot_info.nresv < BOOT_MAX_RESV && len) {
		boot_info.resv[boot_info.nresv].base = base;
		boot_info.resv[boot_info.nresv].len = len;
		boot_info.nresv++;
	}
}

static void set_cmdline(uint64_t pa)
{
	if (pa)
		strlcpy(boot_info.cmdline, phys_ptr(pa), BOOT_CMDLINE);
}

static int parse_pvh(uint64_t pa)
{
	const struct hvm_start_info *si = phys_ptr(pa);

	if (si->magic != HVM_START_MAGIC)
		return -1;
	boot_info.via = "PVH";
	set_cmdline(si->cmdline_paddr);
	boot_info.rsdp = si->rsdp_paddr;
	if (si->version >= 1 && si->memmap_paddr) {
		const struct hvm_memmap_entry *m = phys_ptr(si->memmap_paddr);

		for (uint32_t i = 0; i < si->memmap_entries; i++)
			add_mem(m[i].addr, m[i].size, m[i].type);
	}
	if (si->nr_modules && si->modlist_paddr) {
		const struct hvm_modlist_entry *mod = phys_ptr(si->modlist_paddr);

		/* module 0 (QEMU's -initrd) is the ROM hand-off */
		boot_info.rom_addr = mod[0].paddr;
		boot_info.rom_size = (uint32_t)mod[0].size;
		boot_info.rom_source = PVROM_SRC_MODULE;
		for (uint32_t i = 0; i < si->nr_modules; i++)
			add_resv(mod[i].paddr, mod[i].size);
	}
	return 0;
}

static int parse_mb2(uint64_t pa, uint32_t magic)
{
	const uint8_t *p = phys_ptr(pa);
	uint32_t total = *(const uint32_t *)p;

	if (magic != MB2_BOOT_MAGIC)
		return -1;
	boot_info.via = "multiboot2";
	add_resv(pa, total);
	for (uint32_t off = 8; off + 8 <= total;) {
		uint32_t type = *(const uint32_t *)(p + off);
		uint32_t size = *(const uint32_t *)(p + off + 4);
		const uint8_t *t = p + off;

		if (type == 0 || size < 8)
			break;
		switch (type) {
		case 1:		/* command line */
			strlcpy(boot_info.cmdline, (const char *)t + 8,
				BOOT_CMDLINE);
			break;
		case 2:		/* boot loader name */
			strlcpy(boot_info.loader, (const char *)t + 8,
				sizeof(boot_info.loader));
			break;
		case 3: {	/* module: first one is the ROM */
			uint32_t start = *(const uint32_t *)(t + 8);
			uint32_t end = *(const uint32_t *)(t + 12);

			if (!boot_info.rom_addr) {
				boot_info.rom_addr = start;
				boot_info.rom_size = end - start;
				boot_info.rom_source = PVROM_SRC_MODULE;
			}
			add_resv(start, end - start);
			break;
		}
		case 6: {	/* memory map */
			uint32_t esz = *(const uint32_t *)(t + 8);

			for (uint32_t e = 16; esz && e + esz <= size; e += esz)
				add_mem(*(const uint64_t *)(t + e),
					*(const uint64_t *)(t + e + 8),
					*(const uint32_t *)(t + e + 16));
			break;
		}
		case 14:	/* ACPI 1.0 RSDP (copy) */
		case 15:	/* ACPI 2.0 RSDP (copy) */
			if (!boot_info.rsdp)
				boot_info.rsdp = virt_to_phys(t + 8);
			break;
		}
		off += ALIGN_UP(size, 8u);
	}
	return 0;
}

static int parse_pvrom(uint64_t pa)
{
	const struct pvrom_bootinfo *bi = phys_ptr(pa);

	if (bi->magic != PVROM_BOOTINFO_MAGIC || bi->size < 0x40)
		return -1;
	boot_info.via = "pvrom-bootinfo";
	if (bi->size >= sizeof(*bi))
		strlcpy(boot_info.loader, bi->loader, sizeof(boot_info.loader));
	set_cmdline(bi->cmdline_addr);
	boot_info.rsdp = bi->rsdp_addr;
	boot_info.rom_addr = bi->rom_addr;
	boot_info.rom_size = bi->rom_size;
	boot_info.rom_source = bi->rom_source;
	if (bi->rom_addr)
		add_resv(bi->rom_addr, bi->rom_size);
	if (bi->mmap_addr && bi->mmap_entry_size >= sizeof(struct pvrom_mmap_entry)) {
		const uint8_t *m = phys_ptr(bi->mmap_addr);

		for (uint32_t i = 0; i < bi->mmap_count; i++) {
			const struct pvrom_mmap_entry *e =
				(const void *)(m + (uint64_t)i * bi->mmap_entry_size);
			add_mem(e->base, e->length, e->type);
		}
	}
	return 0;
}

int bootinfo_parse(int kind, uint64_t pa, uint32_t magic)
{
	boot_info.kind = kind;
	boot_info.via = "unknown";
	if (pa == 0 || pa >= (4ull << 30))	/* boot tables map 4 GiB */
		return -1;
	switch (kind) {
	case BOOT_KIND_PVH:
		return parse_pvh(pa);
	case BOOT_KIND_MB2:
		return parse_mb2(pa, magic);
	case BOOT_KIND_PVROM:
		return parse_pvrom(pa);
	}
	return -1;
}
