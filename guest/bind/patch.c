// SPDX-License-Identifier: GPL-2.0-only
/*
 * Call-site patching: every "call *pv_ops+N(%rip)" the kernel recorded in
 * .pvsites is rewritten once, at bind time, into what its op is on this
 * machine (pvb_bind's last step decides, per op; see bind.c):
 *
 *   native  the op's native sequence (native.h: PVN_SEQS), with CS-override
 *           prefixes in front for the bytes it does not fill: those are
 *           ignored in 64-bit mode (assemblers pad instructions the same way
 *           for branch alignment), so the site costs exactly the sequence's
 *           instructions, not one NOP more (SPEC 9.7.4 says what that costs
 *           on cores slow to decode more than three prefixes)
 *   call    a direct call rel32, CS-prefixed to fill the 6 bytes (the shape
 *           GCC's -mindirect-branch-cs-prefix gives Linux): one instruction
 *   nop     one 6-byte NOP
 *
 * A site is rewritten only if its record is sound, it lies inside the
 * kernel text, its bytes are exactly the recorded call of its op's pv_ops
 * entry, and the replacement keeps the site's register contract; a call
 * whose target is out of rel32 reach keeps the indirect call.  Writes go
 * through the kernel's text_poke (pvb_env), never through a writable
 * mapping of executable text.
 */
#include "guest/bind/bind_int.h"

/* ---- the native sequences, assembled from native.h's one text ---- */

#define PVN_X_ASM(op, regs, text)					\
	"pvb_seq_" #op ":\n\t" text "\n" "pvb_seq_" #op "_end:\n"
__asm__("\t.pushsection .rodata.pvb_seqs, \"a\"\n"
	PVN_SEQS(PVN_X_ASM)
	"\t.popsection\n");
#undef PVN_X_ASM

#define PVN_X_DECL(op, regs, text)					\
	extern const uint8_t pvb_seq_##op[], pvb_seq_##op##_end[];
PVN_SEQS(PVN_X_DECL)
#undef PVN_X_DECL

/* A callee-save op's sequence must leave every register but %rax alone. */
#define PVN_X_CHECK(op, regs, text)					\
	PVROM_STATIC_ASSERT(!(PVOP_ATTR_##op & PVROM_A_CALLEE_SAVE) ||	\
			    (regs) == PVN_RAX,				\
			    "callee-save op " #op " needs a PVN_RAX sequence");
PVN_SEQS(PVN_X_CHECK)
#undef PVN_X_CHECK

static const struct {
	uint16_t op;
	uint8_t regs;
	const uint8_t *start, *end;
} seqs[] = {
#define PVN_X_ENTRY(op, regs, text)					\
	{ PVROM_OP_##op, regs, pvb_seq_##op, pvb_seq_##op##_end },
	PVN_SEQS(PVN_X_ENTRY)
#undef PVN_X_ENTRY
};

const uint8_t *pvb_native_seq(unsigned op, uint32_t *len, unsigned *regs)
{
	for (unsigned i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++)
		if (seqs[i].op == op) {
			*len = (uint32_t)(seqs[i].end - seqs[i].start);
			if (regs)
				*regs = seqs[i].regs;
			return seqs[i].start;
		}
	*len = 0;
	return NULL;
}

/* ---- the patcher ---- */

#define OP_CALL_IND0	0xff	/* call *disp32(%rip): ff 15 */
#define OP_CALL_IND1	0x15
#define OP_CALL_REL	0xe8	/* call rel32 */
#define PFX_CS		0x2e	/* segment override, a no-op in 64-bit mode */

/* nopw 0x0(%rax,%rax,1): the 6-byte NOP of the Intel and AMD manuals */
static const uint8_t nop6[PVB_SITE_LEN] = { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 };

static int32_t get32(const uint8_t *p)
{
	return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 |
			 (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Every check in the order a reader would make them; the outcome. */
static unsigned patch_one(const struct pvb_patch_in *in, const struct pv_site *s)
{
	uint8_t code[PVB_SITE_LEN];
	const struct pvb_patch_op *p;
	const uint8_t *ip;
	uint64_t va, want;
	int64_t rel;
	unsigned i, pad;

	if (s->op >= PVROM_OP_COUNT || s->len != PVB_SITE_LEN ||
	    s->flags != pvb_catalog[s->op].attr)
		return PVB_SITE_RECORD;
	va = pv_site_addr(s);
	if (in->text_end - in->text_start < PVB_SITE_LEN || va < in->text_start ||
	    va > in->text_end - PVB_SITE_LEN)
		return PVB_SITE_BOUNDS;
	ip = (const uint8_t *)(uintptr_t)va;
	want = (uint64_t)(uintptr_t)in->table + (uint64_t)s->op * sizeof(void *);
	if (ip[0] != OP_CALL_IND0 || ip[1] != OP_CALL_IND1 ||
	    va + PVB_SITE_LEN + (uint64_t)(int64_t)get32(ip + 2) != want)
		return PVB_SITE_BYTES;

	p = &in->plan[s->op];
	if (p->site != PVB_SITE_NATIVE && p->site != PVB_SITE_CALL &&
	    p->site != PVB_SITE_NOP)
		return PVB_SITE_KEPT;
	if ((s->flags & PVROM_A_CALLEE_SAVE) && !p->keeps_cs &&
	    p->site != PVB_SITE_NOP)
		return PVB_SITE_CALLEE_SAVE;
	switch (p->site) {
	case PVB_SITE_NATIVE:
		if (p->len > PVB_SITE_LEN)
			return PVB_SITE_TOO_LONG;
		pad = PVB_SITE_LEN - p->len;
		for (i = 0; i < PVB_SITE_LEN; i++)
			code[i] = !p->len ? nop6[i] :	/* nothing natively: a NOP */
				  i < pad ? PFX_CS : p->seq[i - pad];
		break;
	case PVB_SITE_CALL:
		rel = (int64_t)(p->target - (va + PVB_SITE_LEN));
		if (rel != (int64_t)(int32_t)rel)
			return PVB_SITE_FAR;
		code[0] = PFX_CS;
		code[1] = OP_CALL_REL;
		put32(code + 2, (uint32_t)rel);
		break;
	default:
		for (i = 0; i < PVB_SITE_LEN; i++)
			code[i] = nop6[i];
		break;
	}
	if (in->poke(va, code, PVB_SITE_LEN))
		return PVB_SITE_POKE;
	return p->site == PVB_SITE_NATIVE && !p->len ? PVB_SITE_NOP : p->site;
}

void pvb_patch_sites(const struct pvb_patch_in *in, uint32_t count[PVB_SITE_MAX])
{
	for (const struct pv_site *s = in->sites; s < in->sites_end; s++)
		count[patch_one(in, s)]++;
}
