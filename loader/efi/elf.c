/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Loading the guest kernel: an ELF64 x86-64 executable whose PT_LOAD
 * segments go to their physical addresses (p_paddr).  One allocation spans
 * all segments, because neighbouring segments may share a page.
 */
#include "loader/efi/pvboot.h"

struct elf64_ehdr {
	UINT8  e_ident[16];
	UINT16 e_type, e_machine;
	UINT32 e_version;
	UINT64 e_entry, e_phoff, e_shoff;
	UINT32 e_flags;
	UINT16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};
_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header size");

struct elf64_phdr {
	UINT32 p_type, p_flags;
	UINT64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 phdr size");

#define ET_EXEC		2
#define EM_X86_64	62
#define PT_LOAD		1
#define PHYS_LIMIT	(1ull << 46)	/* sanity bound on addresses */

static const struct elf64_phdr *phdr(const UINT8 *f, const struct elf64_ehdr *eh,
				     UINTN i)
{
	return (const struct elf64_phdr *)(f + eh->e_phoff + i * eh->e_phentsize);
}

EFI_STATUS elf_load(const void *file, UINTN size, struct kernel_image *k)
{
	const UINT8 *f = file;
	const struct elf64_ehdr *eh = file;
	UINT64 lo = ~0ull, hi = 0, entry = 0;
	EFI_PHYSICAL_ADDRESS base;
	EFI_STATUS st;
	UINTN i, nload = 0;

	if (size < sizeof(*eh) || f[0] != 0x7f || f[1] != 'E' || f[2] != 'L' ||
	    f[3] != 'F') {
		Print(L"pvboot: kernel is not an ELF file\n");
		return EFI_LOAD_ERROR;
	}
	if (f[4] != 2 || f[5] != 1 || eh->e_machine != EM_X86_64 ||
	    eh->e_type != ET_EXEC) {
		Print(L"pvboot: kernel is not an ELF64 x86-64 executable\n");
		return EFI_UNSUPPORTED;
	}
	if (eh->e_phentsize < sizeof(struct elf64_phdr) || !eh->e_phnum ||
	    eh->e_phoff > size ||
	    (UINT64)eh->e_phnum * eh->e_phentsize > size - eh->e_phoff) {
		Print(L"pvboot: kernel program headers out of range\n");
		return EFI_LOAD_ERROR;
	}

	for (i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = phdr(f, eh, i);

		if (ph->p_type != PT_LOAD || !ph->p_memsz)
			continue;
		if (ph->p_filesz > ph->p_memsz || ph->p_offset > size ||
		    ph->p_filesz > size - ph->p_offset ||
		    ph->p_paddr >= PHYS_LIMIT || ph->p_memsz >= PHYS_LIMIT - ph->p_paddr) {
			Print(L"pvboot: kernel segment %d out of range\n", i);
			return EFI_LOAD_ERROR;
		}
		if (ph->p_paddr < lo)
			lo = ph->p_paddr;
		if (ph->p_paddr + ph->p_memsz > hi)
			hi = ph->p_paddr + ph->p_memsz;
		/* e_entry is virtual; the kernel may link at vaddr != paddr */
		if (eh->e_entry >= ph->p_vaddr &&
		    eh->e_entry - ph->p_vaddr < ph->p_memsz)
			entry = ph->p_paddr + (eh->e_entry - ph->p_vaddr);
		nload++;
	}
	if (!nload || !entry) {
		Print(L"pvboot: kernel has no loadable segment holding its entry\n");
		return EFI_LOAD_ERROR;
	}
	lo &= ~0xfffull;
	hi = (hi + 0xfff) & ~0xfffull;

	base = lo;
	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAddress, EfiLoaderData,
			       (hi - lo) / 4096, &base);
	if (EFI_ERROR(st)) {
		Print(L"pvboot: cannot allocate kernel memory %lx-%lx: %r\n", lo, hi, st);
		return st;
	}
	mem_zero((void *)(UINTN)lo, hi - lo);
	for (i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = phdr(f, eh, i);

		if (ph->p_type == PT_LOAD && ph->p_memsz)
			mem_copy((void *)(UINTN)ph->p_paddr, f + ph->p_offset,
				 ph->p_filesz);
	}
	k->entry = entry;
	k->lo = lo;
	k->hi = hi;
	return EFI_SUCCESS;
}
