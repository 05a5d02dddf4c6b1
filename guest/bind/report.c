// SPDX-License-Identifier: GPL-2.0-only
/*
 * The binding report: everything a user (or a test grepping the serial log)
 * needs to know which ROM the kernel runs on, or why it runs on none.
 * Lines start with "pvrom: ", except the per-op lines "op <name> rom|native".
 */
#include "bind_int.h"

#define LOG(...) do {						\
	pvb_snprintf(line, sizeof(line), __VA_ARGS__);		\
	env->log(line);						\
} while (0)

static void features(char *buf, uint32_t cap, uint64_t f)
{
	static const struct { uint64_t bit; const char *name; } names[] = {
		{ PVROM_FEAT_TSC_CALIBRATED, "tsc-calibrated" },
		{ PVROM_FEAT_TSC_CPUID, "tsc-cpuid" },
		{ PVROM_FEAT_X2APIC, "x2apic" },
		{ PVROM_FEAT_KVM_CLOCK, "kvm-clock" },
		{ PVROM_FEAT_KVM_STEAL_TIME, "kvm-steal-time" },
		{ PVROM_FEAT_KVM_PV_EOI, "kvm-pv-eoi" },
		{ PVROM_FEAT_KVM_NOP_IO_DELAY, "kvm-nop-io-delay" },
		{ PVROM_FEAT_CPUID_CACHE, "cpuid-cache" },
	};
	uint32_t n = 0;

	buf[0] = 0;
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (f & names[i].bit)
			n += (uint32_t)pvb_snprintf(buf + (n < cap ? n : cap - 1),
						    n < cap ? cap - n : 1, "%s%s",
						    n ? "," : "", names[i].name);
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
