/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Library-internal interfaces between the library's files.
 * Kept apart from pvbind.h so a kernel cannot come to depend on them; the
 * host unit test uses them to run discovery over a fake physical memory.
 */
#ifndef PVBIND_BIND_INT_H
#define PVBIND_BIND_INT_H

#include "guest/bind/pvbind.h"

#define PVB_SCAN_START	0xC0000ull
#define PVB_SCAN_END	0xF0000ull	/* exclusive */
#define PVB_SCAN_STEP	2048u

/*
 * List the ROMs worth trying, hand-off first, then the scan in address
 * order.  A candidate already refused by the cheap scan checks (pvrom magic
 * present but bad checksum or length) comes with err set; the rest have
 * PVB_OK and still need pvb_fetch().  Returns how many were stored.
 */
int pvb_discover(const struct pvb_env *env, const struct pvb_config *cfg,
		 struct pvb_candidate *out, int max);

/*
 * Copy candidate c into buf (cap bytes) and validate the copy, never the
 * original: ROM space may still change under us.  Then apply the licence
 * policy.  On PVB_OK *img describes the copy.  bind.c, step 1.
 */
int pvb_fetch(const struct pvb_env *env, const struct pvb_candidate *c,
	      uint8_t *buf, uint32_t cap, int license_any, struct pvb_image *img);

/* Bytes of buffer pvb_fetch() may need for any candidate. */
#define PVB_COPY_MAX	(((PVROM_IMAGE_MAX) + 4095u) & ~4095u)

/* Set up the native APIC ops (xAPIC page at apic_va, else x2APIC if on);
 * cheap and done once.  pvb_bind() and pvb_native_setup() call it. */
void pvb_native_apic_setup(uint64_t apic_va);

/* Copy the string src (NULL: empty) into dst[cap], truncated, NUL-filling
 * the rest: what lands in an ABI struct carries no stale bytes.  fmt.c. */
void pvb_copy_str(char *dst, uint32_t cap, const char *src);

const char *pvb_source_name(int source);

/*
 * The call-site patcher (patch.c), apart from the binding so that the host
 * test can run it over a buffer.  plan[op] says what every site of op
 * becomes; pvb_patch_sites() checks each record and its bytes, writes the
 * replacement through poke, and counts the outcome (PVB_SITE_*) in
 * count[].  A site's 6 bytes become: native: its sequence with CS-override
 * prefixes in front (ignored in 64-bit mode, so the site stays as many
 * instructions as the sequence); call: a CS-prefixed call rel32; nop: one
 * 6-byte NOP.
 */
#define PVB_SITE_LEN	6		/* FF 15 rel32 */

struct pvb_patch_op {
	uint8_t site;			/* PVB_SITE_NATIVE, _CALL, _NOP or _KEPT */
	uint8_t keeps_cs;		/* the replacement changes no register
					 * but %rax: fit for a callee-save site */
	uint8_t len;			/* native: bytes of seq */
	const uint8_t *seq;		/* native */
	uint64_t target;		/* call */
};

struct pvb_patch_in {
	const struct pv_site *sites, *sites_end;
	uint64_t text_start, text_end;
	const void *table;		/* the pv_ops table the calls read */
	const struct pvb_patch_op *plan;	/* one per op of this build */
	int (*poke)(uint64_t va, const void *src, uint64_t len);
};

void pvb_patch_sites(const struct pvb_patch_in *in, uint32_t count[PVB_SITE_MAX]);

/* Byte copy as a string instruction: a plain loop may be turned into a
 * memcpy call, which a freestanding library cannot assume.  (Clearing is
 * pvb_zero(), image.h.) */
static inline void pvb_copy(void *dst, const void *src, uint64_t n)
{
	__asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

#endif /* PVBIND_BIND_INT_H */
