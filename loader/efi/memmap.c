/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The UEFI memory map as the guest's struct pvrom_mmap_entry list.  Runs
 * after ExitBootServices: no firmware calls, no allocation.
 */
#include "loader/efi/pure.h"

UINT32 mem_type(UINT32 efi)
{
	switch (efi) {
	case EfiLoaderCode:		/* pvboot itself: dead once we jump */
	case EfiBootServicesCode:
	case EfiBootServicesData:	/* we no longer run on OVMF's tables */
	case EfiConventionalMemory:
		return PVROM_MEM_USABLE;
	case EfiACPIReclaimMemory:
		return PVROM_MEM_ACPI;
	case EfiACPIMemoryNVS:
		return PVROM_MEM_NVS;
	case EfiUnusableMemory:
		return PVROM_MEM_BAD;
	default:			/* LoaderData holds kernel, ROM, boot info */
		return PVROM_MEM_RESERVED;
	}
}

UINT32 convert_map(const UINT8 *raw, UINTN size, UINTN dsize,
		   struct pvrom_mmap_entry *out, UINT32 cap)
{
	UINT32 n = 0;

	/* a descriptor smaller than the 1.0 layout cannot be read (and 0
	 * would never advance) */
	if (dsize < sizeof(EFI_MEMORY_DESCRIPTOR))
		return 0;
	for (UINTN off = 0; off + dsize <= size; off += dsize) {
		EFI_MEMORY_DESCRIPTOR d;
		struct pvrom_mmap_entry e = { 0 };
		UINT32 j;

		/* a copy: dsize need not keep descriptors 8-byte aligned */
		__builtin_memcpy(&d, raw + off, sizeof(d));
		e.base = d.PhysicalStart;
		e.length = d.NumberOfPages * 4096;
		e.type = mem_type(d.Type);

		if (!e.length)
			continue;
		if (n == cap)
			break;	/* cannot happen: cap has MAP_SLACK spare */
		/* the UEFI map need not be sorted: insertion sort by base */
		for (j = n; j > 0 && out[j - 1].base > e.base; j--)
			out[j] = out[j - 1];
		out[j] = e;
		n++;
	}
	/* merge touching entries of the same type */
	UINT32 m = 0;
	for (UINT32 i = 0; i < n; i++) {
		if (m && out[m - 1].type == out[i].type &&
		    out[m - 1].base + out[m - 1].length == out[i].base) {
			out[m - 1].length += out[i].length;
			continue;
		}
		out[m++] = out[i];
	}
	return m;
}
