/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linker script of the ROM's ELF image (abi/pvrom/elf.h): everything in one
 * R+X PT_LOAD at address 0 whose file offsets equal its addresses, the data
 * area below address 0, vDSO style.  Preprocessed by cpp; with ROM_LDS_LAX
 * the layout ASSERTs are left out and writable sections get their own
 * segment, so the build-failure tests can hand broken objects to pvrom-link
 * and see the tool (not ld) refuse them.
 */
#include "rom/data.h"
#include "rom/asm.h"

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)

PHDRS
{
	text	PT_LOAD FILEHDR PHDRS FLAGS(5);		/* R+X */
#ifdef ROM_LDS_LAX
	data	PT_LOAD FLAGS(6);			/* RW: only broken images */
#endif
	dynamic	PT_DYNAMIC FLAGS(4);
	note	PT_NOTE FLAGS(4);
	stack	PT_GNU_STACK FLAGS(6);			/* RW, not X */
}

SECTIONS
{
	/* The guest maps the global data here, per-CPU slots below it. */
	HIDDEN(pvrom_data = . - ROM_DATA_SIZE);

	. = SIZEOF_HEADERS;

	.hash		: { *(.hash) }			:text
	.gnu.hash	: { *(.gnu.hash) }
	.dynsym		: { *(.dynsym) }
	.dynstr		: { *(.dynstr) }
	.gnu.version	: { *(.gnu.version) }
	.gnu.version_d	: { *(.gnu.version_d) }
	.gnu.version_r	: { *(.gnu.version_r) }
	.rela.dyn	: { *(.rela.dyn) *(.rela.*) }
	.rela.plt	: { *(.rela.plt) }

	.dynamic	: { *(.dynamic) }		:text :dynamic

	.note		: {
		*(.note.gnu.build-id)
		*(.note.pvrom)
		/* LAYOUT: here, because only the linker knows the fault
		 * table's place; plain numbers, no relocation. */
		. = ALIGN(4);
		LONG(6)				/* namesz: "PVROM\0" */
		LONG(16)			/* descsz */
		LONG(ROM_ASM_NOTE_LAYOUT)
		BYTE(0x50) BYTE(0x56) BYTE(0x52) BYTE(0x4f) BYTE(0x4d) BYTE(0)
		BYTE(0) BYTE(0)			/* pad the name to 4 */
		LONG(ROM_DATA_SIZE)
		LONG(ROM_PERCPU_SIZE)
		LONG(pvrom_extable_start)
		LONG(pvrom_extable_end - pvrom_extable_start)
	}						:text :note

	/* Constants share .text: one PT_LOAD either way, and each section
	 * header less (64 bytes, plus alignment gaps) counts against the size
	 * budget (PVROM_MAX_SIZE, linker/linker.mk). */
	.text		: {
		*(.text.hot .text.hot.*)
		*(.text .text.*)
		*(.rodata .rodata.*)
		/* The fault table, found through the LAYOUT note: inside
		 * .text for the same reason as the constants. */
		. = ALIGN(4);
		HIDDEN(pvrom_extable_start = .);
		KEEP(*(.pvrom_extable))
		HIDDEN(pvrom_extable_end = .);
		/* What op_info (ABI 1.1, rom/opinfo.c) reports: the
		 * functions marked native or nop where they are written
		 * (rom/asm.h) and the backend ops' exports (rom/dispatch.S);
		 * empty in a 1.0 ROM. */
		HIDDEN(rom_native_start = .);
		KEEP(*(.rom_native))
		HIDDEN(rom_native_end = .);
		HIDDEN(rom_nop_start = .);
		KEEP(*(.rom_nop))
		HIDDEN(rom_nop_end = .);
		HIDDEN(rom_backend_start = .);
		KEEP(*(.rom_backend))
		HIDDEN(rom_backend_end = .);
	}						:text

	/* Must stay empty: mutable state lives in the guest's data area and
	 * nothing may need a GOT, a PLT or a relocation. */
	.plt		: { *(.plt) *(.plt.*) *(.iplt) }
	.got		: { *(.got) *(.igot) }
	.got.plt	: { *(.got.plt) *(.igot.plt) }
	.data		: { *(.data .data.* .tm_clone_table) }
#ifdef ROM_LDS_LAX
							:data
#endif
	.bss		: { *(.bss .bss.* COMMON .dynbss) }

	/DISCARD/	: {
		*(.comment)
		*(.eh_frame .eh_frame_hdr .gcc_except_table .sframe)
		*(.note.GNU-stack)
		*(.note.gnu.property)
		*(.interp)
	}
}

#ifndef ROM_LDS_LAX
ASSERT(SIZEOF(.rela.dyn) == 0 && SIZEOF(.rela.plt) == 0,
       "pvrom: the image must need no dynamic relocation")
ASSERT(SIZEOF(.plt) == 0 && SIZEOF(.got) == 0 && SIZEOF(.got.plt) == 0,
       "pvrom: no GOT/PLT: mark internal symbols hidden")
ASSERT(SIZEOF(.data) == 0 && SIZEOF(.bss) == 0,
       "pvrom: no .data/.bss: mutable state goes in the data area")
ASSERT(SIZEOF(.gnu.version_r) == 0, "pvrom: the image needs no library")
ASSERT(pvrom_data == -ROM_DATA_SIZE, "pvrom: data area must end at the image")
ASSERT((pvrom_extable_end - pvrom_extable_start) % 8 == 0,
       "pvrom: fault table entries are 8 bytes")
ASSERT(pvrom_extable_start % 4 == 0, "pvrom: fault table alignment")
ASSERT(ROM_DATA_SIZE % 4096 == 0 && ROM_PERCPU_SIZE % 64 == 0,
       "pvrom: data area sizes (pages, cache lines)")
/* The option-ROM length byte caps the image at 255 * 512 bytes
 * (PVROM_IMAGE_MAX; abi/pvrom/rom.h holds C, so it cannot be included here),
 * 4 KiB of which is the head.  The reference ROM's own, smaller budget is
 * PVROM_MAX_SIZE in linker/linker.mk, enforced by pvrom-link --max-size. */
ASSERT(pvrom_extable_end <= 255 * 512 - 4096, "pvrom: image too large")
#endif
