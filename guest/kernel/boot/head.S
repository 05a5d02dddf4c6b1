/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The three ways into the kernel, all ending in boot_common64 (high half)
 * which calls kmain(kind, info_pa, magic):
 *
 *   pvh_entry32   PVH (QEMU -kernel through pvh.bin): 32-bit flat protected
 *                 mode, paging off, %ebx = struct hvm_start_info (physical).
 *   mb2_entry32   multiboot2 (GRUB): same mode, %eax = 0x36d76289, %ebx = mbi.
 *   entry64       e_entry, for pvrom-aware loaders: long mode, identity
 *                 paging, %rdi = struct pvrom_bootinfo (physical).
 *
 * The 32-bit paths run at their load (physical) address, so every symbol of
 * the high-half image is used as "sym - KERNEL_VMA" until paging is on.
 */
#include "guest/kernel/memlayout.h"
#include "guest/kernel/boot/bootkind.h"
#include "abi/hw/msr.h"
#include "abi/hw/x86.h"

#define PHYS(x)		((x) - KERNEL_VMA)
#define MB2_MAGIC	0xe85250d6
#define MB2_ARCH_I386	0

/* Multiboot2 header: in the first 32 KiB of the file, 8-byte aligned. */
	.section .mb2hdr, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* entry address tag: the ELF's e_entry is the 64-bit entry */
	.balign 8
	.word 3, 0
	.long 12
	.long mb2_entry32
	/* end tag */
	.balign 8
	.word 0, 0
	.long 8
mb2_header_end:

/* PVH note: QEMU reads the desc as a pointer-sized value for ELF64. */
	.section .note.pvh, "a", @note
	.balign 4
	.long 4				/* namesz */
	.long 8				/* descsz */
	.long 18			/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.balign 4
	.quad pvh_entry32
	.balign 4

	.section .boot.text, "ax"
	.code32
	.globl pvh_entry32
pvh_entry32:
	cli
	cld
	movl %ebx, %esi
	movl $BOOT_KIND_PVH, %edi
	xorl %ebp, %ebp
	jmp 1f

	.globl mb2_entry32
mb2_entry32:
	cli
	cld
	movl %ebx, %esi
	movl %eax, %ebp		/* rdmsr below clobbers %edx:%eax */
	movl $BOOT_KIND_MB2, %edi
1:
	movl $PHYS(boot_stack_top), %esp
	lgdt PHYS(boot_gdtr)
	movl %cr4, %eax
	orl $HW_CR4_PAE, %eax
	movl %eax, %cr4
	movl $PHYS(boot_pml4), %eax
	movl %eax, %cr3
	movl $HW_MSR_EFER, %ecx
	rdmsr
	orl $HW_EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	orl $(HW_CR0_PG | HW_CR0_PE), %eax
	movl %eax, %cr0
	ljmp $0x08, $boot_long32

	.code64
boot_long32:
	/* upper halves are undefined after the mode switch */
	movl %edi, %edi
	movl %esi, %esi
	movl %ebp, %edx
	jmp boot_flat64

	.globl entry64
entry64:
	cli
	cld
	movq %rdi, %rsi
	movl $BOOT_KIND_PVROM, %edi
	xorl %edx, %edx
	movl $PHYS(boot_stack_top), %esp
	/* our tables identity-map 0..4 GiB too, so this code keeps running */
	movl $PHYS(boot_pml4), %eax
	movq %rax, %cr3
	lgdt PHYS(boot_gdtr)
	pushq $0x08
	leaq boot_flat64(%rip), %rax
	pushq %rax
	lretq

boot_flat64:
	movl $0x10, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	movabsq $boot_common64, %rax
	jmp *%rax

	.text
boot_common64:
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp
	call kmain
1:	hlt
	jmp 1b

	.section .rodata
	.balign 16
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x10: data */
boot_gdt_end:
	.balign 16
boot_gdtr:
	.word boot_gdt_end - boot_gdt - 1
	.quad PHYS(boot_gdt)

/*
 * Static boot page tables (no code needed to build them):
 *   PML4[0]   -> identity 0..4 GiB (2 MiB pages)
 *   PML4[256] -> the same 4 GiB at DIRECT_MAP_BASE
 *   PML4[511] -> PDPT[510] = first GiB, PDPT[511] = second GiB (KERNEL_VMA)
 */
	.data
	.balign 4096
	.globl boot_pml4
boot_pml4:
	.quad PHYS(boot_pdpt_id) + 3
	.fill 255, 8, 0
	.quad PHYS(boot_pdpt_id) + 3
	.fill 254, 8, 0
	.quad PHYS(boot_pdpt_hi) + 3
boot_pdpt_id:
	.quad PHYS(boot_pd) + 0x0000 + 3
	.quad PHYS(boot_pd) + 0x1000 + 3
	.quad PHYS(boot_pd) + 0x2000 + 3
	.quad PHYS(boot_pd) + 0x3000 + 3
	.fill 508, 8, 0
boot_pdpt_hi:
	.fill 510, 8, 0
	.quad PHYS(boot_pd) + 0x0000 + 3
	.quad PHYS(boot_pd) + 0x1000 + 3
boot_pd:
	.set i, 0
	.rept 2048
	.quad (i << 21) | 0x83
	.set i, i + 1
	.endr

	.bss
	.balign 4096
boot_stack:
	.skip BOOT_STACK_SIZE
	.globl boot_stack_top
boot_stack_top:
