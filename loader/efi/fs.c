/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Files on the volume pvboot.efi itself came from (the ESP), and the load
 * options that may name the kernel and its command line.
 */
#include "pvboot.h"

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

static int is_space(CHAR16 c)
{
	return c == L' ' || c == L'\t' || c == L'\r' || c == L'\n';
}

/* The shell passes "prog.efi args", a boot option its OptionalData, which
 * for OVMF's auto-created entries is a binary GUID: only accept text. */
static UINTN opts_text(const EFI_LOADED_IMAGE *li, const CHAR16 **text)
{
	const CHAR16 *s = li->LoadOptions;
	UINTN n = li->LoadOptionsSize / sizeof(CHAR16);
	UINTN i;

	*text = s;
	if (!s || (li->LoadOptionsSize & 1))
		return 0;
	for (i = 0; i < n && s[i]; i++)
		if (s[i] > 0x7e || (s[i] < 0x20 && !is_space(s[i])))
			return 0;
	return i;
}

static int ends_with_efi(const CHAR16 *s, UINTN n)
{
	if (n < 4)
		return 0;
	s += n - 4;
	return s[0] == L'.' && (s[1] | 0x20) == L'e' && (s[2] | 0x20) == L'f' &&
	       (s[3] | 0x20) == L'i';
}

static CHAR16 lower(CHAR16 c)
{
	return c >= L'A' && c <= L'Z' ? c + 32 : c;
}

/* The part of s[0..n) after the last '\\', '/' or ':', less any ".efi". */
static const CHAR16 *base_name(const CHAR16 *s, UINTN *n)
{
	UINTN start = 0;

	for (UINTN i = 0; i < *n; i++)
		if (s[i] == L'\\' || s[i] == L'/' || s[i] == L':')
			start = i + 1;
	*n -= start;
	if (ends_with_efi(s + start, *n))
		*n -= 4;
	return s + start;
}

/* Is this token our own name (the shell's argv[0]), with or without
 * ".efi"?  Compared with the file we were loaded from. */
static int own_name(const EFI_LOADED_IMAGE *li, const CHAR16 *tok, UINTN n)
{
	const CHAR16 *a, *b;
	CHAR16 *path;
	UINTN m;
	int same;

	if (ends_with_efi(tok, n))
		return 1;
	path = li->FilePath ? DevicePathToStr(li->FilePath) : NULL;
	if (!path)
		return 0;
	m = StrLen(path);
	a = base_name(path, &m);
	b = base_name(tok, &n);
	same = m == n && m > 0;
	for (UINTN i = 0; same && i < n; i++)
		same = lower(a[i]) == lower(b[i]);
	FreePool(path);
	return same;
}

void opts_parse(EFI_HANDLE image, CHAR16 *kernel, UINTN kernel_max,
		char *cmdline, UINTN cmdline_max, int *have_cmdline)
{
	EFI_LOADED_IMAGE *li;
	const CHAR16 *s;
	UINTN n, i = 0, j, k;

	StrnCpy(kernel, PVBOOT_DEFAULT_KERNEL, kernel_max - 1);
	kernel[kernel_max - 1] = 0;
	*have_cmdline = 0;
	if (EFI_ERROR(uefi_call_wrapper(BS->HandleProtocol, 3, image,
					&LoadedImageProtocol, (void **)&li)))
		return;
	n = opts_text(li, &s);

	for (int tok = 0; tok < 2; tok++) {
		while (i < n && is_space(s[i]))
			i++;
		for (j = i; j < n && !is_space(s[j]); j++)
			;
		if (j == i)
			return;
		if (tok == 0 && own_name(li, s + i, j - i)) {
			i = j;		/* our own name, as the shell passes it */
			continue;
		}
		if (s[i] == L'\\') {
			for (k = 0; k < j - i && k + 1 < kernel_max; k++)
				kernel[k] = s[i + k];
			kernel[k] = 0;
			i = j;
		}
		break;
	}
	while (i < n && is_space(s[i]))
		i++;
	while (n > i && is_space(s[n - 1]))
		n--;
	if (i == n)
		return;
	for (k = 0; i < n && k + 1 < cmdline_max; i++, k++)
		cmdline[k] = (char)s[i];
	cmdline[k] = 0;
	*have_cmdline = 1;
}
