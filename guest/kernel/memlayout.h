/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reference kernel's address-space layout: the one place that fixes it.
 * guest/BOOT.md draws the same picture; keep them in step.
 *
 *  Virtual                                   What                     Prot
 *  ----------------------------------------  -----------------------  --------
 *  0xffffffffff000000 +4K                    LAPIC (HW_APIC_PHYS)     RW NX UC
 *  0xfffffffffe000000 +8K                    text_poke alias, only    RW NX
 *                                            while a pv call site is
 *                                            rewritten (mm/vmm.c)
 *  0xffffffffc0000000 .. +ROM_WINDOW_SIZE    ROM window (guest/bind):
 *      window .. image                         ROM data area, at the   RW NX
 *                                              top of its pages
 *      window + pages(data area)               ROM ELF image           R  X
 *                                              (depends on the ROM's data
 *                                              size: printed at boot)
 *  0xffffffff80100000 .. _end                kernel image (-2 GiB):
 *      .text .utext                            kernel text, user prog  R  X
 *      .rodata .pvsites __extable .tests       read-only data          R  NX
 *      .data .bss                              data, boot stack        RW NX
 *  0xffffc00000000000 .. +DEMAND_VA_SIZE      demand-paged region      RW NX
 *  0xffffa00000000000 .. +TEST_VA_SIZE        scratch for mmu tests    (varies)
 *  0xffff800000000000 .. +RAM                 direct map (2 MiB pages) RW NX
 *  ---- non-canonical hole ----
 *  USER_STACK_TOP - 4 pages                  user stack               RW NX U
 *  0x0000000000600000                        user TLS (FS base)       RW NX U
 *  0x0000000000400000                        user text (.utext copy)  R  X  U
 *  0x0000000000000000                        unmapped (NULL guard)
 *
 *  Physical                                  What
 *  ----------------------------------------  ----------------------
 *  0x00000000 .. 0x000fffff                  BIOS, option ROMs (pvrom at
 *                                            0xC0000 under -nodefaults);
 *                                            never allocated
 *  0x00100000 .. _end - KERNEL_VMA           kernel image (loaded here)
 *  above                                     page allocator (usable RAM
 *                                            below 4 GiB of the boot memory
 *                                            map, minus modules and MBI)
 *
 * Early boot (boot/head.S) runs on static tables that identity-map 0..4 GiB,
 * map the same 4 GiB at DIRECT_MAP_BASE and the first 2 GiB at KERNEL_VMA;
 * mm/vmm.c replaces them with the layout above through the pv ops.
 */
#ifndef KERNEL_MEMLAYOUT_H
#define KERNEL_MEMLAYOUT_H

#define KERNEL_PHYS		0x100000
#define KERNEL_VMA		0xffffffff80000000
/* The kernel image lies in the first GiB above KERNEL_VMA, linked at
 * KERNEL_VMA + physical: mm.h:virt_to_phys undoes it by subtraction. */
#define KERNEL_LINEAR_SIZE	0x0000000040000000
#define DIRECT_MAP_BASE		0xffff800000000000
/* The direct map may grow up to the next region (32 TiB). */
#define DIRECT_MAP_SIZE		(TEST_VA_BASE - DIRECT_MAP_BASE)
#define TEST_VA_BASE		0xffffa00000000000
#define TEST_VA_SIZE		0x0000000040000000
#define DEMAND_VA_BASE		0xffffc00000000000
#define DEMAND_VA_SIZE		0x0000000001000000	/* 16 MiB */
#define ROM_WINDOW_VA		0xffffffffc0000000	/* data area, then image */
#define ROM_WINDOW_SIZE		0x0000000000400000	/* 4 MiB */
#define APIC_VA			0xffffffffff000000
#define TEXT_POKE_VA		0xfffffffffe000000	/* 2 pages, mapped only
							 * inside vmm_text_poke */

#define USER_TEXT_VA		0x0000000000400000
#define USER_STACK_TOP		0x00007ffffffff000
#define USER_STACK_PAGES	4
#define USER_TOP		0x0000800000000000

#define PAGE_SIZE		4096
#define BOOT_STACK_SIZE		16384
#define KSTACK_SIZE		16384

#endif
