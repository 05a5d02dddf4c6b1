/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pvboot.efi: find the pvrom ROM, load the guest kernel and its command
 * line from the ESP, and enter the kernel with a struct pvrom_bootinfo.
 * A missing or bad ROM is not an error (the guest runs on native ops); a
 * kernel that cannot be loaded is, and powers the machine off rather than
 * leaving it in the firmware with nobody watching.
 */
#include "loader/efi/pvboot.h"

static void fatal(const CHAR16 *what, EFI_STATUS st)
{
	Print(L"pvboot: FATAL: %s: %r\n", what, st);
	uefi_call_wrapper(BS->Stall, 1, 1000000);
	uefi_call_wrapper(RT->ResetSystem, 4, EfiResetShutdown, st, 0, NULL);
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* cmdline.txt: first line only; a trailing CR/LF is not part of it. */
static void read_cmdline_file(char *dst)
{
	char *buf;
	UINTN n, i;

	dst[0] = 0;
	if (EFI_ERROR(fs_read(PVBOOT_DEFAULT_CMDLINE, (void **)&buf, &n)))
		return;
	for (i = 0; i < n && i + 1 < PVBOOT_CMDLINE_MAX; i++) {
		if (buf[i] == '\n' || buf[i] == '\r' || !buf[i])
			break;
		dst[i] = buf[i];
	}
	dst[i] = 0;
	FreePool(buf);
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	static char cmdline[PVBOOT_CMDLINE_MAX];
	CHAR16 kernel[256];
	struct rom_found rom;
	struct kernel_image k;
	struct handoff h;
	int have_cmdline;
	void *file;
	UINTN size;
	EFI_STATUS st;

	InitializeLib(image, systab);
	/* the firmware's 5-minute watchdog would reset a long-running guest */
	uefi_call_wrapper(BS->SetWatchdogTimer, 4, 0, 0, 0, NULL);
	Print(L"pvboot: %a\n", PVBOOT_NAME);

	st = fs_init(image);
	if (EFI_ERROR(st))
		fatal(L"cannot open the boot volume", st);
	opts_parse(image, kernel, sizeof(kernel) / sizeof(kernel[0]), cmdline,
		   sizeof(cmdline), &have_cmdline);
	if (!have_cmdline)
		read_cmdline_file(cmdline);

	/* The kernel's fixed addresses first, before our own allocations
	 * could take them. */
	st = fs_read(kernel, &file, &size);
	if (EFI_ERROR(st)) {
		Print(L"pvboot: cannot read the kernel %s\n", kernel);
		fatal(L"no kernel", st);
	}
	st = elf_load(file, size, &k);
	FreePool(file);
	if (EFI_ERROR(st))
		fatal(L"cannot load the kernel", st);
	Print(L"pvboot: kernel %s (%ld bytes) at 0x%lx-0x%lx, entry 0x%lx\n",
	      kernel, (UINT64)size, k.lo, k.hi, k.entry);

	st = handoff_prepare(&h);
	if (EFI_ERROR(st))
		fatal(L"cannot allocate the boot info", st);
	h.entry = k.entry;
	str_copy(h.cmdline, cmdline, PVBOOT_CMDLINE_MAX);
	h.bi->cmdline_addr = h.cmdline[0] ? (UINT64)(UINTN)h.cmdline : 0;
	Print(L"pvboot: command line \"%a\"\n", h.cmdline);

	rom_find(&rom);
	h.bi->rom_addr = rom.addr;
	h.bi->rom_size = rom.size;
	h.bi->rom_source = rom.source;
	if (rom.addr)
		Print(L"pvboot: ROM copied to 0x%lx\n", rom.addr);
	if (h.bi->rsdp_addr)
		Print(L"pvboot: ACPI RSDP at 0x%lx\n", h.bi->rsdp_addr);

	st = handoff_boot(image, &h);
	fatal(L"cannot exit boot services", st);
	return st;
}
