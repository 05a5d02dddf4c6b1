/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The parts of pvboot.efi that are plain computation: no boot services, no
 * libefi, no globals.  They use only the gnu-efi types, so the host tests
 * (tests/host/test_pvboot.c) build them with -fshort-wchar and the gnu-efi
 * include directories, under ASan and UBSan.
 */
#ifndef PVBOOT_PURE_H
#define PVBOOT_PURE_H

#include <efi.h>
#include "abi/pvrom/bootinfo.h"

#define PVBOOT_DEFAULT_KERNEL	L"\\pvrom\\guest.elf"

/* memmap.c */
/* PVROM_MEM_* for an EFI memory type. */
UINT32 mem_type(UINT32 efi);
/*
 * The UEFI map (size bytes of descriptors dsize bytes apart, as
 * GetMemoryMap returned them) as at most cap entries in out, sorted by
 * base, empty ranges dropped, touching ranges of one type merged.
 * Returns the entry count.  Descriptors that do not fit are dropped.
 */
UINT32 convert_map(const UINT8 *raw, UINTN size, UINTN dsize,
		   struct pvrom_mmap_entry *out, UINT32 cap);

/* opts.c */
/*
 * Load options "[prog[.efi]] [\path\kernel.elf] [cmdline...]": opts and
 * opts_bytes are EFI_LOADED_IMAGE's LoadOptions/LoadOptionsSize,
 * image_path the text of its FilePath (NULL: unknown).  kernel gets the
 * path or PVBOOT_DEFAULT_KERNEL, cmdline the rest; both are cut to fit,
 * silently, and always NUL-terminated.  Returns 1 if there was a command
 * line, else 0 (cmdline untouched).  Options that are not printable ASCII
 * text (binary OptionalData, an odd byte count) count as none.  With
 * kernel_max or cmdline_max 0 nothing is written and 0 returned.
 */
int opts_split(const CHAR16 *opts, UINTN opts_bytes, const CHAR16 *image_path,
	       CHAR16 *kernel, UINTN kernel_max, char *cmdline, UINTN cmdline_max);

#endif /* PVBOOT_PURE_H */
