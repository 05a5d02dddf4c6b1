/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ROM's "modinfo": string notes of owner "PVROM" (abi/pvrom/elf.h).
 * The LAYOUT note is emitted by the linker script, which alone knows where
 * the fault table ended up; ld adds the GNU build-id note.
 * ROM_RELEASE, ROM_VENDOR, ROM_BACKENDS and ROM_SOURCE_URL come from
 * rom/rom.mk, ROM_SOURCE_HASH from the generated srchash.h.
 */
#include "rom/asm.h"
#include "srchash.h"

.macro	PVROM_NOTE type, str
	.balign	4
	.long	2f - 1f			/* namesz */
	.long	4f - 3f			/* descsz */
	.long	\type
1:	.asciz	"PVROM"
2:	.balign	4
3:	.asciz	"\str"
4:	.balign	4
.endm

	.section .note.pvrom, "a", @note
	PVROM_NOTE ROM_ASM_NOTE_LICENSE, "GPL-2.0-only"
	PVROM_NOTE ROM_ASM_NOTE_RELEASE, ROM_RELEASE
	PVROM_NOTE ROM_ASM_NOTE_VENDOR, ROM_VENDOR
	PVROM_NOTE ROM_ASM_NOTE_BACKENDS, ROM_BACKENDS
	PVROM_NOTE ROM_ASM_NOTE_SOURCE_URL, ROM_SOURCE_URL
	PVROM_NOTE ROM_ASM_NOTE_SOURCE_HASH, ROM_SOURCE_HASH
