/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pvboot.efi internals: a UEFI application (gnu-efi) that finds the pvrom
 * option ROM, loads a guest kernel ELF64 from the ESP and enters it with a
 * struct pvrom_bootinfo (abi/pvrom/bootinfo.h) after ExitBootServices.
 */
#ifndef PVBOOT_H
#define PVBOOT_H

#include <efi.h>
#include <efilib.h>
#include "abi/pvrom/bootinfo.h"
#include "loader/efi/pure.h"

#define PVBOOT_NAME		"pvboot 1.0"
#define PVBOOT_DEFAULT_CMDLINE	L"\\pvrom\\cmdline.txt"
#define PVBOOT_ROM_FILE		L"\\pvrom\\pvrom.rom"
#define PVBOOT_FWCFG_ROM	"opt/org.pvrom/rom"
#define PVBOOT_FWCFG_ROM_W	L"opt/org.pvrom/rom"
#define PVBOOT_CMDLINE_MAX	4096u
#define PVBOOT_STACK_SIZE	(64u * 1024u)
/* Largest file we read: the ROM is at most 127.5 KiB, kernels are small. */
#define PVBOOT_FILE_MAX		(64u * 1024u * 1024u)

#define PAGES(bytes)	(((UINT64)(bytes) + 4095) / 4096)

/* fs.c: files on the volume pvboot.efi was loaded from. */
EFI_STATUS fs_init(EFI_HANDLE image);
/* Reads a whole file into pool memory; caller frees with FreePool. */
EFI_STATUS fs_read(const CHAR16 *path, void **buf, UINTN *size);
/* Load options: "[prog.efi] [\path\kernel.elf [cmdline...]]" (opts_split). */
void opts_parse(EFI_HANDLE image, CHAR16 *kernel, UINTN kernel_max,
		char *cmdline, UINTN cmdline_max, int *have_cmdline);

/* rom.c: find, validate and copy the ROM below 4 GiB. */
struct rom_found {
	UINT64 addr;		/* page-aligned copy, 0: none */
	UINT32 size;
	UINT32 source;		/* PVROM_SRC_* */
};
void rom_find(struct rom_found *out);

/* fwcfg.c: QEMU fw_cfg over I/O ports; NULL/0 when absent. */
int fwcfg_present(void);
EFI_STATUS fwcfg_read_file(const char *name, void **buf, UINTN *size);

/* elf.c: load the guest ELF64 at its physical addresses. */
struct kernel_image {
	UINT64 entry;		/* physical entry address */
	UINT64 lo, hi;		/* physical range allocated [lo, hi) */
};
EFI_STATUS elf_load(const void *file, UINTN size, struct kernel_image *k);

/* handoff.c: build boot info, exit boot services, enter the kernel. */
struct handoff {
	struct pvrom_bootinfo *bi;
	char *cmdline;		/* PVBOOT_CMDLINE_MAX bytes inside the block */
	UINT64 entry;
};
EFI_STATUS handoff_prepare(struct handoff *h);
EFI_STATUS handoff_boot(EFI_HANDLE image, struct handoff *h);	/* no return on success */

/* enter.S: switch GDT, CR3 and stack, then jump to entry with %rdi = bi. */
void pvboot_enter(UINT64 entry, UINT64 bootinfo, UINT64 stack_top,
		  UINT64 cr3, const void *gdtr) __attribute__((noreturn));

/* serial.c: raw COM1, the only console left after ExitBootServices. */
void serial_puts(const char *s);
void serial_hex(UINT64 v);

/* small helpers (util.c) */
void *mem_copy(void *d, const void *s, UINTN n);
void mem_zero(void *d, UINTN n);
UINTN str_len(const char *s);
void str_copy(char *d, const char *s, UINTN max);

#endif /* PVBOOT_H */
