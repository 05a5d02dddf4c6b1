// SPDX-License-Identifier: GPL-2.0-only
/*
 * The binding report: everything a user (or a test grepping the serial log)
 * needs to know which ROM the kernel runs on, or why it runs on none.
 * Lines start with "pvrom: ", except the per-op lines "op <name> rom|native".
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
	for (unsigned op = 0; op < r->nops && op < PVROM_OP_COUNT; op++)
		LOG("op %s %s", pvb_op_name(op), r->op_bound[op] ? "rom" : "native");
}
