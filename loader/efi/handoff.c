/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hand-over: boot info, our own identity page tables and GDT (so the
 * guest may reuse every boot-services page, OVMF's tables included), the
 * final memory map, ExitBootServices, and the jump.
 *
 * One EfiLoaderData block below 4 GiB holds what must outlive the loader:
 *   page 0     struct pvrom_bootinfo, then the GDT and its descriptor
 *   page 1     command line (PVBOOT_CMDLINE_MAX bytes)
 *   pages 2..  the guest's initial stack (PVBOOT_STACK_SIZE)
 * Page tables and the converted memory map get their own blocks, sized at
 * boot time.  All of it is LoaderData, which the map hands over as
 * reserved, so the guest never allocates over what it is running on.
 */
#include "abi/hw/x86.h"
#include "loader/efi/pvboot.h"

#define BLOCK_BYTES	(2 * 4096 + PVBOOT_STACK_SIZE)
#define GDT_OFF		128
#define GDTR_OFF	160
#define EBS_TRIES	16
#define MAP_SLACK	64	/* descriptors our own allocations may add */


static EFI_GUID acpi20_guid = { 0x8868e871, 0xe4f1, 0x11d3,
	{ 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81 } };
static EFI_GUID acpi10_guid = { 0xeb9d2d30, 0x2d88, 0x11d3,
	{ 0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d } };

static UINT64 find_rsdp(void)
{
	UINT64 v1 = 0;

	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &ST->ConfigurationTable[i];

		if (!CompareGuid(&t->VendorGuid, &acpi20_guid))
			return (UINT64)(UINTN)t->VendorTable;
		if (!CompareGuid(&t->VendorGuid, &acpi10_guid))
			v1 = (UINT64)(UINTN)t->VendorTable;
	}
	return v1;
}

static EFI_STATUS alloc_low(UINTN pages, UINT64 *addr)
{
	EFI_PHYSICAL_ADDRESS a = 0xFFFFFFFFull;
	EFI_STATUS st;

	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateMaxAddress,
			       EfiLoaderData, pages, &a);
	if (!EFI_ERROR(st)) {
		mem_zero((void *)(UINTN)a, pages * 4096);
		*addr = a;
	}
	return st;
}

EFI_STATUS handoff_prepare(struct handoff *h)
{
	static const UINT64 gdt[3] = {
		0,
		0x00af9a000000ffffull,	/* 0x08: 64-bit code, DPL 0 */
		0x00cf92000000ffffull,	/* 0x10: data, DPL 0 */
	};
	struct pvrom_bootinfo *bi;
	UINT64 blk;
	UINT8 *p;
	EFI_STATUS st;

	st = alloc_low(PAGES(BLOCK_BYTES), &blk);
	if (EFI_ERROR(st))
		return st;
	p = (UINT8 *)(UINTN)blk;
	bi = (struct pvrom_bootinfo *)p;
	bi->magic = PVROM_BOOTINFO_MAGIC;
	bi->size = sizeof(*bi);
	bi->abi_major = PVROM_ABI_MAJOR;
	bi->abi_minor = PVROM_ABI_MINOR;
	bi->mmap_entry_size = sizeof(struct pvrom_mmap_entry);
	bi->rsdp_addr = find_rsdp();
	str_copy(bi->loader, PVBOOT_NAME, sizeof(bi->loader));

	mem_copy(p + GDT_OFF, gdt, sizeof(gdt));
	*(UINT16 *)(p + GDTR_OFF) = sizeof(gdt) - 1;
	*(UINT64 *)(p + GDTR_OFF + 2) = blk + GDT_OFF;

	h->bi = bi;
	h->cmdline = (char *)(p + 4096);
	return EFI_SUCCESS;
}

/* Identity map [0, top) with 2 MiB pages; top is a multiple of 1 GiB. */
static EFI_STATUS build_page_tables(UINT64 top, UINT64 *cr3)
{
	UINT64 npd = top >> 30, npdpt = (npd + 511) / 512, base;
	UINT64 *pml4, *pdpt, *pd;
	EFI_STATUS st;

	st = alloc_low(1 + npdpt + npd, &base);
	if (EFI_ERROR(st))
		return st;
	pml4 = (UINT64 *)(UINTN)base;
	pdpt = pml4 + 512;
	pd = pdpt + 512 * npdpt;
	for (UINT64 i = 0; i < npdpt; i++)
		pml4[i] = (UINT64)(UINTN)(pdpt + 512 * i) | HW_PTE_P | HW_PTE_W;
	for (UINT64 i = 0; i < npd; i++)
		pdpt[i] = (UINT64)(UINTN)(pd + 512 * i) | HW_PTE_P | HW_PTE_W;
	for (UINT64 i = 0; i < npd * 512; i++)
		pd[i] = (i << 21) | HW_PTE_P | HW_PTE_W | HW_PTE_PS;
	*cr3 = base;
	return EFI_SUCCESS;
}

EFI_STATUS handoff_boot(EFI_HANDLE image, struct handoff *h)
{
	UINTN size = 0, cap, key, dsize = 0, ndesc;
	UINT32 dver, cap_entries;
	UINT64 top = 4ull << 30, cr3 = 0, conv;
	UINT8 *raw;
	EFI_STATUS st;
	int tries;

	st = uefi_call_wrapper(BS->GetMemoryMap, 5, &size, NULL, &key, &dsize, &dver);
	if (st != EFI_BUFFER_TOO_SMALL || !dsize)
		return EFI_ERROR(st) ? st : EFI_DEVICE_ERROR;
	cap = size + MAP_SLACK * dsize;
	raw = AllocatePool(cap);
	if (!raw)
		return EFI_OUT_OF_RESOURCES;
	size = cap;
	st = uefi_call_wrapper(BS->GetMemoryMap, 5, &size, (EFI_MEMORY_DESCRIPTOR *)raw, &key, &dsize, &dver);
	if (EFI_ERROR(st))
		return st;
	for (UINTN off = 0; off + dsize <= size; off += dsize) {
		const EFI_MEMORY_DESCRIPTOR *d = (const void *)(raw + off);
		UINT64 end = d->PhysicalStart + d->NumberOfPages * 4096;

		if (end > top && end <= (1ull << 46))
			top = end;
	}
	top = (top + (1ull << 30) - 1) & ~((1ull << 30) - 1);

	if (hw_read_cr4() & HW_CR4_LA57) {
		Print(L"pvboot: 5-level paging on; keeping the firmware's page tables\n");
	} else {
		st = build_page_tables(top, &cr3);
		if (EFI_ERROR(st))
			return st;
	}

	ndesc = cap / dsize + MAP_SLACK;
	cap_entries = (UINT32)ndesc;
	st = alloc_low(PAGES(ndesc * sizeof(struct pvrom_mmap_entry)), &conv);
	if (EFI_ERROR(st))
		return st;

	Print(L"pvboot: entering the guest at 0x%lx, boot info at 0x%lx, identity map up to 0x%lx\n",
	      h->entry, (UINT64)(UINTN)h->bi, top);

	/* From here on nothing may allocate or print through the firmware:
	 * the map key must stay that of the last GetMemoryMap. */
	for (tries = 0; tries < EBS_TRIES; tries++) {
		size = cap;
		st = uefi_call_wrapper(BS->GetMemoryMap, 5, &size, (EFI_MEMORY_DESCRIPTOR *)raw, &key,
				       &dsize, &dver);
		if (EFI_ERROR(st))
			break;
		st = uefi_call_wrapper(BS->ExitBootServices, 2, image, key);
		if (st != EFI_INVALID_PARAMETER)
			break;
	}
	if (EFI_ERROR(st)) {
		/* ConOut may be half torn down: only COM1 and runtime services */
		serial_puts("pvboot: FATAL: ExitBootServices failed, status ");
		serial_hex(st);
		serial_puts("\n");
		uefi_call_wrapper(RT->ResetSystem, 4, EfiResetShutdown, st, 0, NULL);
		return st;
	}

	/* the firmware stopped its timer, but nothing may interrupt us now */
	hw_cli();
	h->bi->mmap_addr = conv;
	h->bi->mmap_count = convert_map(raw, size, dsize,
					(struct pvrom_mmap_entry *)(UINTN)conv,
					cap_entries);
	serial_puts("pvboot: boot services exited, jumping to the guest\n");
	pvboot_enter(h->entry, (UINT64)(UINTN)h->bi,
		     (UINT64)(UINTN)h->bi + BLOCK_BYTES, cr3,
		     (UINT8 *)h->bi + GDTR_OFF);
}
