// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host test of the call-site patcher (guest/bind/patch.c), ASan+UBSan: a
 * buffer stands for kernel text, holding recorded "call *table+N(%rip)"
 * sites of every kind and sites the patcher must refuse (bytes that are
 * not the recorded call, a target out of rel32 reach, a callee-save
 * mismatch, sites outside the text, bad records, a failing text_poke); the
 * native sequences are the library's own (native.h: PVN_SEQS).  One
 * PASS/FAIL line per check.
 */
#include <stdio.h>
#include <string.h>
#include "guest/bind/bind_int.h"
#include "tests/host/check.h"

#define check(ok, name, ...)	result(ok, "bind-patch " name, __VA_ARGS__)

#define TEXT_SIZE	4096
#define MAX_SITES	32

static uint8_t text[TEXT_SIZE] __attribute__((aligned(4096)));
static void *table[PVROM_OP_COUNT];		/* stands for pv_ops */
static struct pv_site rec[MAX_SITES];
static unsigned nrec;
static struct pvb_patch_op plan[PVROM_OP_COUNT];

/* text_poke: checks what the library asks for, fails on request */
static uint64_t poke_fail_va;
static unsigned pokes, bad_pokes;

static int poke(uint64_t va, const void *src, uint64_t len)
{
	pokes++;
	if (len != PVB_SITE_LEN || va < (uint64_t)(uintptr_t)text ||
	    va + len > (uint64_t)(uintptr_t)text + TEXT_SIZE)
		bad_pokes++;
	if (va == poke_fail_va)
		return -1;
	memcpy((void *)(uintptr_t)va, src, len);
	return 0;
}

static uint64_t va_of(unsigned off)
{
	return (uint64_t)(uintptr_t)text + off;
}

/* A record for the 6 bytes at va (anywhere) of op, as pvops.h makes it. */
static unsigned record(uint64_t va, unsigned op, unsigned len, unsigned flags)
{
	struct pv_site *s = &rec[nrec];

	s->site = (int32_t)(int64_t)(va - (uint64_t)(uintptr_t)&s->site);
	s->op = (uint16_t)op;
	s->len = (uint8_t)len;
	s->flags = (uint8_t)flags;
	return nrec++;
}

/* The recorded call of table entry 'entry' at text offset off. */
static void put_call(unsigned off, unsigned entry)
{
	uint64_t va = va_of(off);
	int32_t d = (int32_t)(int64_t)((uint64_t)(uintptr_t)&table[entry] - (va + 6));

	text[off] = 0xff;
	text[off + 1] = 0x15;
	memcpy(text + off + 2, &d, 4);
}

/* A sound site of op at off. */
static unsigned site(unsigned off, unsigned op)
{
	put_call(off, op);
	return record(va_of(off), op, PVB_SITE_LEN, pvb_catalog[op].attr);
}

static void plan_native(unsigned op)
{
	uint32_t len;
	unsigned regs;
	const uint8_t *seq = pvb_native_seq(op, &len, &regs);

	plan[op] = (struct pvb_patch_op){ .site = PVB_SITE_NATIVE,
		.keeps_cs = regs == PVN_RAX, .len = (uint8_t)len, .seq = seq };
}

static void plan_call(unsigned op, uint64_t target, int keeps_cs)
{
	plan[op] = (struct pvb_patch_op){ .site = PVB_SITE_CALL,
		.keeps_cs = (uint8_t)keeps_cs, .target = target };
}

static int unchanged(unsigned off, unsigned entry)
{
	uint8_t want[6];
	int32_t d = (int32_t)(int64_t)((uint64_t)(uintptr_t)&table[entry] -
				       (va_of(off) + 6));

	want[0] = 0xff;
	want[1] = 0x15;
	memcpy(want + 2, &d, 4);
	return !memcmp(text + off, want, 6);
}

/* CS prefixes, then exactly op's sequence */
static int is_native(unsigned off, unsigned op)
{
	uint32_t len, i;
	const uint8_t *seq = pvb_native_seq(op, &len, NULL);

	if (!seq || !len || len > 6 || memcmp(text + off + 6 - len, seq, len))
		return 0;
	for (i = 0; i < 6 - len; i++)
		if (text[off + i] != 0x2e)
			return 0;
	return 1;
}

static int is_call(unsigned off, uint64_t target)
{
	int32_t d;

	memcpy(&d, text + off + 2, 4);
	return text[off] == 0x2e && text[off + 1] == 0xe8 &&
	       va_of(off) + 6 + (uint64_t)(int64_t)d == target;
}

static int is_nop6(unsigned off)
{
	static const uint8_t nop6[6] = { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 };

	return !memcmp(text + off, nop6, 6);
}

/* The real table: every sequence fits a site; a callee-save op's changes
 * no register but %rax; the ops natively doing nothing have empty ones. */
static void check_table(void)
{
	unsigned with = 0, empty = 0, too_long = 0, cs_bad = 0;

	for (unsigned op = 0; op < PVROM_OP_COUNT; op++) {
		uint32_t len;
		unsigned regs;
		const uint8_t *seq = pvb_native_seq(op, &len, &regs);

		if (!seq)
			continue;
		with++;
		empty += !len;
		too_long += len > PVB_SITE_LEN;
		cs_bad += (pvb_catalog[op].attr & PVROM_A_CALLEE_SAVE) && regs != PVN_RAX;
	}
	check(with > 0 && too_long == 0,
	      "every native sequence fits a 6-byte site", "%u of %u too long",
	      too_long, with);
	check(cs_bad == 0, "callee-save ops' sequences change only %rax",
	      "%u not", cs_bad);
	{
		uint32_t l1, l2, l3;
		int ok = pvb_native_seq(PVROM_OP_alloc_pt, &l1, NULL) && !l1 &&
			 pvb_native_seq(PVROM_OP_lazy_mmu_enter, &l2, NULL) && !l2 &&
			 !pvb_native_seq(PVROM_OP_cpuid, &l3, NULL) && !l3;

		check(ok && empty == 4,
		      "ops doing nothing natively have empty sequences, ops without one none",
		      "%u empty", empty);
	}
}

int main(void)
{
	uint32_t count[PVB_SITE_MAX] = { 0 }, want[PVB_SITE_MAX] = { 0 };
	uint64_t near = va_of(TEXT_SIZE / 2), far = va_of(0) + (5ull << 30);
	struct pvb_patch_in in = {
		.sites = rec, .text_start = va_of(0), .text_end = va_of(TEXT_SIZE),
		.table = table, .plan = plan, .poke = poke,
	};
	struct pv_site *r;

	check_table();
	memset(text, 0xcc, sizeof(text));

	/* patched */
	site(0x000, PVROM_OP_read_cr3);		plan_native(PVROM_OP_read_cr3);
	site(0x010, PVROM_OP_irq_disable);	plan_native(PVROM_OP_irq_disable);
	site(0x020, PVROM_OP_set_pxe);		plan_native(PVROM_OP_set_pxe);
	site(0x030, PVROM_OP_eoi);		plan_call(PVROM_OP_eoi, near, 0);
	site(0x040, PVROM_OP_alloc_pt);		plan_native(PVROM_OP_alloc_pt);
	site(0x050, PVROM_OP_release_pt);
	plan[PVROM_OP_release_pt].site = PVB_SITE_NOP;
	site(0x060, PVROM_OP_irq_enable);	plan_native(PVROM_OP_irq_enable);
	site(0x066, PVROM_OP_irq_enable);	/* back to back, same op */
	site(0x070, PVROM_OP_swapgs);		plan_call(PVROM_OP_swapgs, near, 1);
	/* kept */
	site(0x080, PVROM_OP_cpuid);		plan[PVROM_OP_cpuid].site = PVB_SITE_KEPT;
	site(0x090, PVROM_OP_monotonic_ns);	plan_call(PVROM_OP_monotonic_ns, far, 1);
	/* refused */
	site(0x0a0, PVROM_OP_rdtsc);		plan_call(PVROM_OP_rdtsc, near, 0);
	site(0x0b0, PVROM_OP_clts);		plan_native(PVROM_OP_clts);
	plan[PVROM_OP_clts].keeps_cs = 0;	/* a sequence that is not CS-safe */
	site(0x0c0, PVROM_OP_write_cr3);	plan_native(PVROM_OP_write_cr3);
	plan[PVROM_OP_write_cr3].len = 7;	/* longer than the site */
	put_call(0x0d0, PVROM_OP_wbinvd + 1);	/* the call of another entry */
	record(va_of(0x0d0), PVROM_OP_wbinvd, 6, pvb_catalog[PVROM_OP_wbinvd].attr);
	plan_native(PVROM_OP_wbinvd);
	site(0x0e0, PVROM_OP_halt);		plan_native(PVROM_OP_halt);
	text[0x0e0] = 0xe8;			/* not ff 15 */
	site(0x0f0, PVROM_OP_write_cr0);	plan_native(PVROM_OP_write_cr0);
	poke_fail_va = va_of(0x0f0);		/* text_poke says no */
	record(va_of(TEXT_SIZE - 3), PVROM_OP_halt, 6, pvb_catalog[PVROM_OP_halt].attr);
	record(va_of(0) - 0x40, PVROM_OP_halt, 6, pvb_catalog[PVROM_OP_halt].attr);
	put_call(0x100, PVROM_OP_halt);
	record(va_of(0x100), PVROM_OP_COUNT, 6, 0);		/* no such op */
	record(va_of(0x100), PVROM_OP_halt, 5, pvb_catalog[PVROM_OP_halt].attr);
	record(va_of(0x100), PVROM_OP_halt, 6,			/* attributes not its op's */
	       pvb_catalog[PVROM_OP_halt].attr ^ PVROM_A_CALLEE_SAVE);
	in.sites_end = rec + nrec;

	pvb_patch_sites(&in, count);

	check(is_native(0x000, PVROM_OP_read_cr3) && is_native(0x010, PVROM_OP_irq_disable) &&
	      is_native(0x020, PVROM_OP_set_pxe) && is_native(0x060, PVROM_OP_irq_enable) &&
	      is_native(0x066, PVROM_OP_irq_enable),
	      "native sites hold CS prefixes and the op's sequence, nothing else",
	      "bytes differ");
	check(text[0x006] == 0xcc && text[0x05f] == 0xcc && text[0x06c] == 0xcc,
	      "no write outside a site's 6 bytes", "neighbour bytes changed");
	check(is_call(0x030, near) && is_call(0x070, near),
	      "call sites hold a CS-prefixed call rel32 of the target", "bytes differ");
	check(is_nop6(0x040) && is_nop6(0x050),
	      "a native sequence of nothing, and a nop plan, give one 6-byte NOP",
	      "bytes differ");
	check(unchanged(0x080, PVROM_OP_cpuid), "a kept site keeps its indirect call",
	      "bytes changed");
	check(unchanged(0x090, PVROM_OP_monotonic_ns),
	      "a call target out of rel32 reach keeps the indirect call", "bytes changed");
	check(unchanged(0x0a0, PVROM_OP_rdtsc) && unchanged(0x0b0, PVROM_OP_clts),
	      "a callee-save site is not given a replacement that clobbers",
	      "bytes changed");
	check(unchanged(0x0c0, PVROM_OP_write_cr3),
	      "a native sequence longer than the site is refused", "bytes changed");
	check(unchanged(0x0d0, PVROM_OP_wbinvd + 1) && text[0x0e0] == 0xe8,
	      "a site whose bytes are not the recorded call is left alone",
	      "bytes changed");
	check(unchanged(0x0f0, PVROM_OP_write_cr0),
	      "a failing text_poke leaves the site as it was", "bytes changed");
	check(unchanged(0x100, PVROM_OP_halt) && text[TEXT_SIZE - 3] == 0xcc,
	      "bad records and sites outside the text are not written", "bytes changed");

	want[PVB_SITE_NATIVE] = 5;
	want[PVB_SITE_CALL] = 2;
	want[PVB_SITE_NOP] = 2;
	want[PVB_SITE_KEPT] = 1;
	want[PVB_SITE_FAR] = 1;
	want[PVB_SITE_CALLEE_SAVE] = 2;
	want[PVB_SITE_TOO_LONG] = 1;
	want[PVB_SITE_BYTES] = 2;
	want[PVB_SITE_POKE] = 1;
	want[PVB_SITE_BOUNDS] = 2;
	want[PVB_SITE_RECORD] = 3;
	{
		unsigned bad = 0;

		for (unsigned k = 0; k < PVB_SITE_MAX; k++)
			if (count[k] != want[k]) {
				printf("  outcome %u: %u, want %u\n", k, count[k], want[k]);
				bad++;
			}
		check(bad == 0, "each site counted once, under its outcome",
		      "%u outcomes off", bad);
	}
	check(bad_pokes == 0 && pokes == 10,
	      "text_poke is asked for 6 bytes inside the text, once per patched site",
	      "%u pokes, %u bad", pokes, bad_pokes);

	/* A second pass finds no recorded call where one was patched: sites
	 * are rewritten once. */
	{
		uint32_t again[PVB_SITE_MAX] = { 0 };
		uint8_t before[TEXT_SIZE];

		memcpy(before, text, sizeof(text));
		poke_fail_va = 0;
		pvb_patch_sites(&in, again);
		/* the poke that failed now succeeds; nothing else changes */
		memcpy(before + 0x0f0, text + 0x0f0, 6);
		check(!memcmp(before, text, sizeof(text)) &&
		      again[PVB_SITE_BYTES] == count[PVB_SITE_BYTES] + 9 &&
		      again[PVB_SITE_NATIVE] == 1,
		      "a patched site is never patched again",
		      "%u refused for bytes, %u native", again[PVB_SITE_BYTES],
		      again[PVB_SITE_NATIVE]);
	}

	/* The record's own address arithmetic, as the kernel's linker lays it. */
	r = &rec[0];
	check(pv_site_addr(r) == va_of(0), "pv_site_addr finds the site of a record",
	      "%llx", (unsigned long long)pv_site_addr(r));

	return failures != 0;
}
