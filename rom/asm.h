/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for the ROM's GNU as sources.  The abi/ headers pull in <stdint.h>
 * and cannot be included from assembly, so the few ABI constants assembly
 * needs are repeated here; rom/init.c asserts they agree.  (abi/hw/ headers
 * serve assembly directly.)
 */
#ifndef ROM_ASM_H
#define ROM_ASM_H

#define ROM_ASM_EINVAL	1	/* PVROM_EINVAL */
#define ROM_ASM_EFAULT	2	/* PVROM_EFAULT */

/* Note types, abi/pvrom/elf.h */
#define ROM_ASM_NOTE_LICENSE	1
#define ROM_ASM_NOTE_RELEASE	2
#define ROM_ASM_NOTE_VENDOR	3
#define ROM_ASM_NOTE_BACKENDS	4
#define ROM_ASM_NOTE_SOURCE_URL	5
#define ROM_ASM_NOTE_SOURCE_HASH 6
#define ROM_ASM_NOTE_LAYOUT	7

/*
 * Byte alignment for asm functions.  The image has a hard size budget
 * (PVROM_MAX_SIZE, linker/linker.mk) and most asm ops are a few bytes long:
 * padding each to 16 cost ~500 bytes, and -Os C code is not aligned either.
 */
#define ROM_FUNC_ALIGN	1

/* An exported op: default visibility, made global by the version script. */
#define ROM_OP(name)				\
	.globl name;				\
	.type name, @function;			\
	.balign ROM_FUNC_ALIGN;		\
name:

/* A ROM-internal function: never in the dynamic symbol table. */
#define ROM_FUNC(name)				\
	.globl name;				\
	.hidden name;				\
	.type name, @function;			\
	.balign ROM_FUNC_ALIGN;		\
name:

#define ROM_END(name)	.size name, . - name

/*
 * What op_info (ABI 1.1, rom/opinfo.c) reports, said where the code is:
 * a function whose body is exactly its op's native sequence (abi/SPEC.md
 * section 9.7.3) followed by ret is defined with ROM_OP_NATIVE (an export)
 * or ROM_FUNC_NATIVE (a backend implementation), one that is a bare ret
 * with ROM_OP_NOP / ROM_FUNC_NOP.  Each adds its address to a list the
 * linker script gathers (self-relative, like the fault table); anything
 * else is reported as a call.  A 1.0 ROM has no op_info and no lists.
 */
#if PVROM_ABI_MINOR >= 1
#define ROM_KIND_ENTRY(list, name)		\
	.pushsection list, "a";			\
	.balign 4;				\
	.long (name) - .;			\
	.popsection
#else
#define ROM_KIND_ENTRY(list, name)
#endif
#define ROM_OP_NATIVE(name)	ROM_OP(name) ROM_KIND_ENTRY(.rom_native, name)
#define ROM_FUNC_NATIVE(name)	ROM_FUNC(name) ROM_KIND_ENTRY(.rom_native, name)
#define ROM_OP_NOP(name)	ROM_OP(name) ROM_KIND_ENTRY(.rom_nop, name)
#define ROM_FUNC_NOP(name)	ROM_FUNC(name) ROM_KIND_ENTRY(.rom_nop, name)

/*
 * One fault-table entry: if 'insn' faults, the guest's handler resumes at
 * 'fixup'.  Self-relative so the table needs no relocation.
 */
#define ROM_EXTABLE(insn, fixup)		\
	.pushsection .pvrom_extable, "a";	\
	.balign 4;				\
	.long (insn) - .;			\
	.long (fixup) - .;			\
	.popsection

#endif /* ROM_ASM_H */
