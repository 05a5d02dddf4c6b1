/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * op_info (ABI 1.1, abi/SPEC.md section 9.7.2): what an op is on the
 * backend init chose, for guests that rewrite their call sites.  Three
 * lists answer it, none kept by hand: every export of this build (from the
 * op catalogue, below), the functions that are their op's native sequence
 * and those that are a bare ret (marked where they are written, rom/asm.h),
 * and the backend ops' exports with their index (rom/dispatch.S), whose
 * answer is the implementation init installed, not the dispatch stub.
 * Entries are self-relative 32-bit offsets, so no list needs a relocation.
 */
#include "rom/priv.h"

#if PVROM_ABI_MINOR >= 1

#define ROM_X_ENTRY(g, name, ret, params, attr, minor)	"\t.long pvrom_" #name " - .\n"
__asm__("\t.pushsection .rodata.rom_ops, \"a\"\n\t.balign 4\n"
	"rom_ops_start:\n"
	PVROM_OPS(ROM_X_ENTRY)
	"rom_ops_end:\n\t.popsection\n");
#undef ROM_X_ENTRY

struct rom_backend_ent {		/* rom/dispatch.S, 8 bytes */
	int32_t op;			/* the export, self-relative */
	uint32_t index;			/* ROM_BOP_* */
};

#pragma GCC visibility push(hidden)
extern const int32_t rom_ops_start[], rom_ops_end[];		/* above */
extern const int32_t rom_native_start[], rom_native_end[];	/* linker script */
extern const int32_t rom_nop_start[], rom_nop_end[];
extern const struct rom_backend_ent rom_backend_start[], rom_backend_end[];
#pragma GCC visibility pop

static uintptr_t at(const int32_t *e)
{
	return (uintptr_t)e + (uintptr_t)(intptr_t)*e;
}

static int listed(const int32_t *e, const int32_t *end, uintptr_t fn)
{
	for (; e < end; e++)
		if (at(e) == fn)
			return 1;
	return 0;
}

int32_t pvrom_op_info(const void *op, struct pvrom_op_info *out)
{
	const struct rom_backend_ent *b;
	uintptr_t fn = (uintptr_t)op;
	struct pvrom_op_info r;

	if (!out || out->size < sizeof(r) || pvrom_data.magic != ROM_DATA_MAGIC ||
	    !listed(rom_ops_start, rom_ops_end, fn))
		return -PVROM_EINVAL;
	for (b = rom_backend_start; b < rom_backend_end; b++)
		if (at(&b->op) == fn) {
			fn = (uintptr_t)((void *const *)&pvrom_data.ops)[b->index];
			break;
		}
	r.size = sizeof(r);
	r.kind = listed(rom_native_start, rom_native_end, fn) ? PVROM_KIND_NATIVE :
		 listed(rom_nop_start, rom_nop_end, fn) ? PVROM_KIND_NOP :
		 PVROM_KIND_CALL;
	r.target = fn;
	memcpy(out, &r, sizeof(r));
	return PVROM_OK;
}

#endif /* PVROM_ABI_MINOR >= 1 */
