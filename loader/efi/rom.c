/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Finding the pvrom image: PCI option ROMs first (EFI_PCI_IO RomImage),
 * then \pvrom\pvrom.rom on the ESP, then QEMU fw_cfg opt/org.pvrom/rom.
 * Every candidate goes through the shared validator; a bad one is reported
 * and skipped, so a broken ROM never stops the guest from booting.
 */
#include "loader/efi/pvboot.h"
#include "guest/bind/image.h"

static UINT16 rd16(const UINT8 *p)
{
	return (UINT16)(p[0] | p[1] << 8);
}

static int has_magic(const UINT8 *b, UINTN n, UINTN o)
{
	const char *m = PVROM_HEADER_MAGIC;

	if (o + PVROM_HEADER_OFFSET + 8 > n)
		return 0;
	for (int i = 0; i < 8; i++)
		if (b[o + PVROM_HEADER_OFFSET + i] != (UINT8)m[i])
			return 0;
	return 1;
}

/*
 * A ROM BAR may hold several images (e.g. legacy + EFI), each 55 AA with
 * its own PCIR whose image length leads to the next, until the one with
 * the last-image bit.  Returns 1 and the offset of the pvrom image.
 */
static int find_image(const UINT8 *b, UINTN n, UINTN *off)
{
	UINTN o = 0;

	for (int i = 0; i < 32 && o + 0x1C <= n; i++) {
		const UINT8 *pcir;
		UINTN p, len;

		if (b[o] != PVROM_OPTROM_SIG0 || b[o + 1] != PVROM_OPTROM_SIG1)
			return 0;
		if (has_magic(b, n, o)) {
			*off = o;
			return 1;
		}
		p = o + rd16(b + o + PVROM_OPTROM_PCIR_PTR);
		if (p + sizeof(struct pvrom_pcir) > n)
			return 0;
		pcir = b + p;
		if (pcir[0] != 'P' || pcir[1] != 'C' || pcir[2] != 'I' || pcir[3] != 'R')
			return 0;
		len = (UINTN)rd16(pcir + 0x10) * PVROM_OPTROM_UNIT;
		if (!len || (pcir[0x15] & 0x80))
			return 0;
		o += len;
	}
	return 0;
}

/* Validates the candidate; on success copies it below 4 GiB into 'out'. */
static int try_rom(const UINT8 *buf, UINTN n, int explicit, UINT32 source,
		   const CHAR16 *where, struct rom_found *out)
{
	struct pvb_image img;
	EFI_PHYSICAL_ADDRESS addr = 0xFFFFFFFFull;
	EFI_STATUS st;
	UINTN off = 0;
	int err;

	if (!find_image(buf, n, &off) && !explicit)
		return 0;	/* some other device's ROM: not ours, say nothing */
	err = pvb_validate(buf + off, n - off, PVROM_ABI_MAJOR, &img);
	if (err != PVB_OK) {
		Print(L"pvboot: ROM found via %s (%ld bytes at +0x%lx), invalid: %a (%a)\n",
		      where, (UINT64)(n - off), (UINT64)off, pvb_strerror(err),
		      pvb_errname(err));
		return 0;
	}
	Print(L"pvboot: ROM found via %s (%d bytes), valid, ABI %d.%d\n",
	      where, img.rom_size, img.hdr->abi_major, img.hdr->abi_minor);
	Print(L"pvboot: ROM release %a, licence %a, backends %a\n",
	      img.release ? img.release : "?", img.license ? img.license : "?",
	      img.backends ? img.backends : "?");

	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateMaxAddress,
			       EfiLoaderData, PAGES(img.rom_size), &addr);
	if (EFI_ERROR(st)) {
		Print(L"pvboot: no memory below 4 GiB for the ROM copy: %r\n", st);
		return 0;
	}
	mem_copy((void *)(UINTN)addr, img.rom, img.rom_size);
	out->addr = addr;
	out->size = img.rom_size;
	out->source = source;
	return 1;
}

/* "PCI 1b36:0005": lower case as lspci prints it (Print's %x is upper). */
static void pci_name(CHAR16 *w, UINT16 vendor, UINT16 device)
{
	static const CHAR16 pre[] = L"PCI ";
	UINTN i;

	for (i = 0; pre[i]; i++)
		w[i] = pre[i];
	for (int k = 12; k >= 0; k -= 4)
		w[i++] = L"0123456789abcdef"[(vendor >> k) & 15];
	w[i++] = L':';
	for (int k = 12; k >= 0; k -= 4)
		w[i++] = L"0123456789abcdef"[(device >> k) & 15];
	w[i] = 0;
}

static int from_pci(struct rom_found *out)
{
	EFI_HANDLE *handles = NULL;
	UINTN count = 0;
	int found = 0;

	if (EFI_ERROR(uefi_call_wrapper(BS->LocateHandleBuffer, 5, ByProtocol,
					&PciIoProtocol, NULL, &count, &handles)))
		return 0;
	for (UINTN i = 0; i < count && !found; i++) {
		EFI_PCI_IO_PROTOCOL *pci;
		UINT16 id[2] = { 0, 0 };
		CHAR16 where[32];

		if (EFI_ERROR(uefi_call_wrapper(BS->HandleProtocol, 3, handles[i],
						&PciIoProtocol, (void **)&pci)))
			continue;
		if (!pci->RomImage || !pci->RomSize)
			continue;
		uefi_call_wrapper(pci->Pci.Read, 5, pci, EfiPciIoWidthUint16, 0, 2, id);
		pci_name(where, id[0], id[1]);
		found = try_rom(pci->RomImage, pci->RomSize, 0, PVROM_SRC_PCI,
				where, out);
	}
	FreePool(handles);
	return found;
}

static int from_file(struct rom_found *out)
{
	void *buf;
	UINTN n;
	int found;

	if (EFI_ERROR(fs_read(PVBOOT_ROM_FILE, &buf, &n)))
		return 0;
	found = try_rom(buf, n, 1, PVROM_SRC_FILE, L"file " PVBOOT_ROM_FILE, out);
	FreePool(buf);
	return found;
}

static int from_fwcfg(struct rom_found *out)
{
	void *buf;
	UINTN n;
	int found;

	if (EFI_ERROR(fwcfg_read_file(PVBOOT_FWCFG_ROM, &buf, &n)))
		return 0;
	found = try_rom(buf, n, 1, PVROM_SRC_FW_CFG, L"fw_cfg " PVBOOT_FWCFG_ROM_W, out);
	FreePool(buf);
	return found;
}

void rom_find(struct rom_found *out)
{
	out->addr = 0;
	out->size = 0;
	out->source = PVROM_SRC_NONE;
	if (from_pci(out) || from_file(out) || from_fwcfg(out))
		return;
	Print(L"pvboot: no valid ROM found; booting the guest without it\n");
}
