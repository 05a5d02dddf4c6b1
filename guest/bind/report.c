// SPDX-License-Identifier: GPL-2.0-only
/*
 * The binding report: everything a user (or a test grepping the serial log)
 * needs to know which ROM the kernel runs on, or why it runs on none.
 * Lines start with "pvrom: ", except the per-op lines "op <name> rom|native
 * <site>..." (what the op's call sites became, patch.c).
 */
#include "guest/bind/bind_int.h"

#define LOG(...) do {						\
	pvb_snprintf(line, sizeof(line), __VA_ARGS__);		\
	env->log(line);						\
} while (0)

/* The features' short names, by bit, from the one list (handshake.h). */
static const char *const feature_name[64] = {
#define X(name, bit, str) [bit] = str,
	PVROM_FEATURES(X)
#undef X
};

/* "a,b,c" or "none"; a bit these headers do not name (a newer ROM's) is
 * shown as "bit<N>" rather than dropped. */
static void features(char *buf, uint32_t cap, uint64_t f)
{
	uint32_t n = 0;

	buf[0] = 0;
	for (unsigned bit = 0; bit < 64; bit++) {
		if (!(f & (1ull << bit)))
			continue;
		char *at = buf + (n < cap ? n : cap - 1);
		uint32_t room = n < cap ? cap - n : 1;
		n += (uint32_t)(feature_name[bit] ?
				pvb_snprintf(at, room, "%s%s", n ? "," : "", feature_name[bit]) :
				pvb_snprintf(at, room, "%sbit%u", n ? "," : "", bit));
	}
	if (!n)
		pvb_snprintf(buf, cap, "none");
}

/* "pvrom: call sites: N: a native, b call, c nop, d kept, e refused",
 * then one line per reason a site was kept or refused. */
static void sites(const struct pvb_env *env, const struct pvb_result *r)
{
	char line[192];
	uint32_t kept = 0, refused = 0;

	for (unsigned k = PVB_SITE_FIRST_KEPT; k < PVB_SITE_MAX; k++)
		*(k < PVB_SITE_FIRST_REFUSED ? &kept : &refused) += r->site_count[k];
	LOG("pvrom: call sites: %u: %u native, %u call, %u nop, %u kept, %u refused",
	    r->nsites, r->site_count[PVB_SITE_NATIVE], r->site_count[PVB_SITE_CALL],
	    r->site_count[PVB_SITE_NOP], kept, refused);
	for (unsigned k = PVB_SITE_FIRST_KEPT; k < PVB_SITE_MAX; k++)
		if (r->site_count[k])
			LOG("pvrom: call sites %s: %u %s (%s)",
			    k < PVB_SITE_FIRST_REFUSED ? "kept" : "refused",
			    r->site_count[k], pvb_site_name(k), pvb_site_why(k));
}

/* "op NAME rom|native SITE[ TARGET][ (ROM: KIND)]": where the op is bound,
 * what its sites become, the callee of a direct call (an offset in the
 * image for the ROM's), and op_info's answer when the guest chose
 * otherwise. */
static void op_line(const struct pvb_env *env, const struct pvb_result *r,
		    unsigned op)
{
	/* op_info's kinds as the site outcomes of the same name */
	static const uint8_t as_site[] = {
		[PVROM_KIND_CALL] = PVB_SITE_CALL, [PVROM_KIND_NATIVE] = PVB_SITE_NATIVE,
		[PVROM_KIND_NOP] = PVB_SITE_NOP,
	};
	char line[192], where[40] = "", rom[40] = "";
	unsigned rk = r->op_rom_kind[op], site = r->op_site[op];
	uint64_t t = r->op_target[op];

	if (site == PVB_SITE_CALL && r->bound && t - r->image_va < r->image_size)
		pvb_snprintf(where, sizeof(where), " rom+0x%llx",
			     (unsigned long long)(t - r->image_va));
	else if (site == PVB_SITE_CALL)
		pvb_snprintf(where, sizeof(where), " 0x%llx", (unsigned long long)t);
	if (rk < sizeof(as_site) && as_site[rk] != site)
		pvb_snprintf(rom, sizeof(rom), " (ROM: %s)", pvb_site_name(as_site[rk]));
	else if (rk != PVB_KIND_NONE && rk >= sizeof(as_site))
		pvb_snprintf(rom, sizeof(rom), " (ROM: kind %u)", rk);
	LOG("op %s %s %s%s%s", pvb_op_name(op), r->op_bound[op] ? "rom" : "native",
	    pvb_site_name(site), where, rom);
}

void pvb_report(const struct pvb_env *env, const struct pvb_result *r)
{
	char line[192], feat[128];

	if (!env || !env->log || !r)
		return;
	LOG("pvrom: binding report (guest built for ABI %u.%u)",
	    r->guest_abi_major, r->guest_abi_minor);
	for (int i = 0; i < r->ncandidates; i++) {
		const struct pvb_candidate *c = &r->cand[i];
		if (c->err == PVB_OK && r->bound && c->pa == r->rom_pa)
			continue;
		if (c->err == PVB_OK)
			LOG("pvrom: candidate 0x%llx (%s, %u bytes): not tried",
			    (unsigned long long)c->pa, pvb_source_name(c->source), c->size);
		else
			LOG("pvrom: candidate 0x%llx (%s, %u bytes) refused: %s (%s)",
			    (unsigned long long)c->pa, pvb_source_name(c->source),
			    c->size, pvb_bind_strerror(c->err), pvb_bind_errname(c->err));
	}
	if (r->rom_size) {
		LOG("pvrom: found at 0x%llx (%s), %u bytes", (unsigned long long)r->rom_pa,
		    pvb_source_name(r->source), r->rom_size);
		LOG("pvrom: ABI: ROM %u.%u, guest %u.%u", r->rom_abi_major,
		    r->rom_abi_minor, r->guest_abi_major, r->guest_abi_minor);
		LOG("pvrom: release %s, vendor %s", r->release[0] ? r->release : "?",
		    r->vendor[0] ? r->vendor : "?");
		LOG("pvrom: licence %s (%s)", r->license,
		    r->license_gpl ? "GPL-compatible" : "not GPL-compatible");
		LOG("pvrom: build-id %s", r->build_id[0] ? r->build_id : "?");
		LOG("pvrom: source %s hash %s", r->source_url[0] ? r->source_url : "?",
		    r->source_hash[0] ? r->source_hash : "?");
	}
	if (r->bound) {
		features(feat, sizeof(feat), r->features);
		LOG("pvrom: backend %s (built in: %s), features 0x%llx (%s)", r->backend,
		    r->backends[0] ? r->backends : "?",
		    (unsigned long long)r->features, feat);
		LOG("pvrom: data area 0x%llx-0x%llx (%llu bytes, RW+NX), image 0x%llx-0x%llx (%llu bytes, R+X)",
		    (unsigned long long)r->data_va,
		    (unsigned long long)(r->data_va + r->data_size),
		    (unsigned long long)r->data_size, (unsigned long long)r->image_va,
		    (unsigned long long)(r->image_va + r->image_size),
		    (unsigned long long)r->image_size);
		if (r->tainted)
			LOG("pvrom: kernel tainted: bound a ROM under the non-GPL licence '%s' (pvrom.license=any)",
			    r->license);
		LOG("pvrom: bound: %u ops from the ROM, %u native", r->nbound, r->nnative);
	} else {
		LOG("pvrom: not bound: %s (%s); all %u ops native", r->reason,
		    pvb_bind_errname(r->err), r->nops);
	}
	sites(env, r);
	for (unsigned op = 0; op < r->nops && op < PVROM_OP_COUNT; op++)
		op_line(env, r, op);
}
