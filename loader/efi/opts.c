/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Load options: which kernel to boot and its command line.  Pure text
 * handling; fs.c fetches the options and our own file path from the
 * firmware and calls opts_split().
 */
#include "loader/efi/pure.h"

static int is_space(CHAR16 c)
{
	return c == L' ' || c == L'\t' || c == L'\r' || c == L'\n';
}

/* The shell passes "prog.efi args", a boot option its OptionalData, which
 * for OVMF's auto-created entries is a binary GUID: only accept text.
 * Returns the length in characters, 0 if this is not text. */
static UINTN opts_text(const CHAR16 *s, UINTN bytes)
{
	UINTN n = bytes / sizeof(CHAR16);
	UINTN i;

	if (!s || (bytes & 1))
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
static int own_name(const CHAR16 *image_path, const CHAR16 *tok, UINTN n)
{
	const CHAR16 *a, *b;
	UINTN m = 0;
	int same;

	if (ends_with_efi(tok, n))
		return 1;
	if (!image_path)
		return 0;
	while (image_path[m])
		m++;
	a = base_name(image_path, &m);
	b = base_name(tok, &n);
	same = m == n && m > 0;
	for (UINTN i = 0; same && i < n; i++)
		same = lower(a[i]) == lower(b[i]);
	return same;
}

/* Copies at most max - 1 characters of s[0..n) and a NUL. */
static void copy16(CHAR16 *d, UINTN max, const CHAR16 *s, UINTN n)
{
	UINTN k;

	for (k = 0; k < n && s[k] && k + 1 < max; k++)
		d[k] = s[k];
	d[k] = 0;
}

int opts_split(const CHAR16 *opts, UINTN opts_bytes, const CHAR16 *image_path,
	       CHAR16 *kernel, UINTN kernel_max, char *cmdline, UINTN cmdline_max)
{
	const CHAR16 *s = opts;
	UINTN n = opts_text(opts, opts_bytes), i = 0, j, k;

	if (!kernel_max || !cmdline_max)
		return 0;
	copy16(kernel, kernel_max, PVBOOT_DEFAULT_KERNEL,
	       sizeof(PVBOOT_DEFAULT_KERNEL) / sizeof(CHAR16));

	for (int tok = 0; tok < 2; tok++) {
		while (i < n && is_space(s[i]))
			i++;
		for (j = i; j < n && !is_space(s[j]); j++)
			;
		if (j == i)
			return 0;
		if (tok == 0 && own_name(image_path, s + i, j - i)) {
			i = j;		/* our own name, as the shell passes it */
			continue;
		}
		if (s[i] == L'\\') {
			copy16(kernel, kernel_max, s + i, j - i);
			i = j;
		}
		break;
	}
	while (i < n && is_space(s[i]))
		i++;
	while (n > i && is_space(s[n - 1]))
		n--;
	if (i == n)
		return 0;
	for (k = 0; i < n && k + 1 < cmdline_max; i++, k++)
		cmdline[k] = (char)s[i];
	cmdline[k] = 0;
	return 1;
}
