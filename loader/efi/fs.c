/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Files on the volume pvboot.efi itself came from (the ESP), and the load
 * options that may name the kernel and its command line.
 */
#include "loader/efi/pvboot.h"

static EFI_FILE_HANDLE root;

EFI_STATUS fs_init(EFI_HANDLE image)
{
	EFI_LOADED_IMAGE *li;
	EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *sfs;
	EFI_STATUS st;

	st = uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol,
			       (void **)&li);
	if (EFI_ERROR(st))
		return st;
	st = uefi_call_wrapper(BS->HandleProtocol, 3, li->DeviceHandle,
			       &FileSystemProtocol, (void **)&sfs);
	if (EFI_ERROR(st))
		return st;
	return uefi_call_wrapper(sfs->OpenVolume, 2, sfs, &root);
}

EFI_STATUS fs_read(const CHAR16 *path, void **buf, UINTN *size)
{
	EFI_FILE_HANDLE f;
	EFI_FILE_INFO *info;
	EFI_STATUS st;
	UINTN n;
	void *p;

	*buf = NULL;
	*size = 0;
	if (!root)
		return EFI_NOT_READY;
	st = uefi_call_wrapper(root->Open, 5, root, &f, (CHAR16 *)path,
			       EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(st))
		return st;
	info = LibFileInfo(f);
	if (!info) {
		st = EFI_DEVICE_ERROR;
		goto out;
	}
	n = info->FileSize;
	FreePool(info);
	if (n > PVBOOT_FILE_MAX) {
		st = EFI_BAD_BUFFER_SIZE;
		goto out;
	}
	/* one spare byte so text files can be NUL-terminated by the caller */
	p = AllocatePool(n + 1);
	if (!p) {
		st = EFI_OUT_OF_RESOURCES;
		goto out;
	}
	st = uefi_call_wrapper(f->Read, 3, f, &n, p);
	if (EFI_ERROR(st)) {
		FreePool(p);
		goto out;
	}
	((char *)p)[n] = 0;
	*buf = p;
	*size = n;
out:
	uefi_call_wrapper(f->Close, 1, f);
	return st;
}

/* opts_split() needs our own file path as text: the shell passes our name
 * as the first word. */
void opts_parse(EFI_HANDLE image, CHAR16 *kernel, UINTN kernel_max,
		char *cmdline, UINTN cmdline_max, int *have_cmdline)
{
	EFI_LOADED_IMAGE *li;
	CHAR16 *path;

	if (EFI_ERROR(uefi_call_wrapper(BS->HandleProtocol, 3, image,
					&LoadedImageProtocol, (void **)&li))) {
		*have_cmdline = opts_split(NULL, 0, NULL, kernel, kernel_max,
					   cmdline, cmdline_max);
		return;
	}
	path = li->FilePath ? DevicePathToStr(li->FilePath) : NULL;
	*have_cmdline = opts_split(li->LoadOptions, li->LoadOptionsSize, path,
				   kernel, kernel_max, cmdline, cmdline_max);
	if (path)
		FreePool(path);
}
