/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The consumer's way in: Multiboot (v1), as QEMU -kernel and GRUB load it.
 * The loader leaves 32-bit protected mode, paging off, %eax = the magic,
 * %ebx = the multiboot info; everything after that is ours: GDT, page
 * tables, long mode, a stack, and the exception stubs of the IDT.
 * Linked at 1 MiB and run there (identity mapping), so nothing needs
 * relocating and the 32-bit code can use link addresses.
 */
#define MB_MAGIC	0x1badb002
#define MB_FLAGS	0

#define CR0_PE		(1 << 0)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)
#define EFER_NXE	(1 << 11)	/* pvb_env.map maps without X as NX */

#define PTE_P		0x001
#define PTE_W		0x002
#define PTE_PWT		0x008
#define PTE_PCD		0x010
#define PTE_PS		0x080
#define APIC_2M		(0xfee00000 >> 21)	/* the 2 MiB page holding the xAPIC */

	.section .mbhdr, "a"
	.balign 4
	.long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

	.section .text32, "ax"
	.code32
	.globl start32
start32:
	cli
	cld
	movl $stack_top, %esp
	movl %eax, %esi			/* kmain(info, magic) */
	movl %ebx, %edi
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $pml4, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $(EFER_LME | EFER_NXE), %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP | CR0_PE), %eax
	movl %eax, %cr0
	lgdt gdtr
	ljmp $0x08, $start64

	.code64
	.text
start64:
	movl $0x10, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %edi, %edi			/* upper halves are undefined */
	movl %esi, %esi
	call kmain
1:	hlt
	jmp 1b

/* Exception stubs: vector and error code (0 if the CPU pushes none), the
 * registers, then trap(frame); returns with iretq when trap() returns. */
	.macro STUB v
	.balign 16
stub_\v:
	.if (\v == 8) || (\v == 10) || (\v == 11) || (\v == 12) || (\v == 13) || (\v == 14) || (\v == 17) || (\v == 21)
	.else
	pushq $0
	.endif
	pushq $\v
	jmp stub_common
	.endm

	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	STUB \v
	.endr

stub_common:
	pushq %rax
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	movq %rsp, %rdi
	call trap
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rax
	addq $16, %rsp			/* vector, error code */
	iretq

	.section .rodata
	.balign 8
	.globl stubs
stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad stub_\v
	.endr

	.balign 8
gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x10: data */
gdtr:
	.word gdtr - gdt - 1
	.quad gdt

/* The first 4 GiB identity-mapped with 2 MiB pages, the xAPIC's uncached;
 * pvb_env.map adds 4 KiB pages above 4 GiB (main.c). */
	.data
	.balign 4096
	.globl pml4
pml4:
	.quad pdpt + PTE_P + PTE_W
	.fill 511, 8, 0
pdpt:
	.quad pd + 0x0000 + PTE_P + PTE_W
	.quad pd + 0x1000 + PTE_P + PTE_W
	.quad pd + 0x2000 + PTE_P + PTE_W
	.quad pd + 0x3000 + PTE_P + PTE_W
	.fill 508, 8, 0
pd:
	.set i, 0
	.rept 2048
	.if i == APIC_2M
	.quad (i << 21) + PTE_P + PTE_W + PTE_PS + PTE_PCD + PTE_PWT
	.else
	.quad (i << 21) + PTE_P + PTE_W + PTE_PS
	.endif
	.set i, i + 1
	.endr

	.bss
	.balign 4096
	.skip 16384
stack_top:
