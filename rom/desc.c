/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Descriptor-table ops: the ABI's padded desc_ptr converted to the 10-byte
 * hardware operand, and entry writes into guest-owned GDT/IDT/TSS.
 */
#include "rom/priv.h"
#include "abi/hw/x86.h"

void pvrom_load_gdt(const struct pvrom_desc_ptr *p)
{
	hw_lgdt(p);
}

void pvrom_store_gdt(struct pvrom_desc_ptr *p)
{
	hw_sgdt(p);
}

void pvrom_load_idt(const struct pvrom_desc_ptr *p)
{
	hw_lidt(p);
}

void pvrom_store_idt(struct pvrom_desc_ptr *p)
{
	hw_sidt(p);
}

/* Entries are written 8 bytes at a time so a live table never holds a torn
 * half-descriptor. */
static void copy_desc(void *dst, const void *src, uint32_t size)
{
	volatile uint64_t *d = dst;
	const uint64_t *s = src;
	uint32_t i;

	for (i = 0; i < size / 8; i++)
		d[i] = s[i];
}

void pvrom_write_gdt_entry(void *gdt, uint32_t index, const void *desc,
			   uint32_t size)
{
	/* 8: code/data segment, 16: system segment (TSS, LDT) */
	if (size != 8 && size != 16)
		return;
	copy_desc((char *)gdt + (uint64_t)index * 8, desc, size);
}

void pvrom_write_idt_entry(void *idt, uint32_t vector, const void *gate)
{
	if (vector > 255)
		return;
	copy_desc((char *)idt + (uint64_t)vector * 16, gate, 16);
}

void pvrom_set_kernel_stack(void *tss, uint64_t rsp0)
{
	/* rsp0 sits at offset 4 of the 64-bit TSS: not 8-byte aligned. */
	volatile uint32_t *p = (volatile uint32_t *)((char *)tss +
						      PVROM_TSS_RSP0_OFFSET);

	p[0] = (uint32_t)rsp0;
	p[1] = (uint32_t)(rsp0 >> 32);
}
