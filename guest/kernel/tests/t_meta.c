/* SPDX-License-Identifier: GPL-2.0-only */
/* meta ops, the binding itself and the call-site records. */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/kernel.h"
#include "guest/kernel/cpu/cpu.h"
#include "guest/kernel/mm/mm.h"
#include "guest/kernel/cmdline.h"
#include "guest/kernel/tests/tests.h"

#ifndef PVOPS_NATIVE
/* pv_ops holds one pointer per op, in enum pvrom_op order. */
static void **op_ptr(unsigned op)
{
	return (void **)&pv_ops + op;
}
#endif

KTEST(meta_info)
{
	struct pvrom_info info;
	int32_t r;

	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	r = pv_info(&info);
	check(r == 0 && info.abi_major == 1 && info.size >= 16,
	      "op info returns the ABI version", "ret %d major %u size %u", r,
	      info.abi_major, info.size);
	check(info.backend[0] != 0 && info.cycle_hz == pv_cycle_frequency(),
	      "op info: backend named, cycle_hz == cycle_frequency",
	      "backend '%s' cycle_hz %lu", info.backend, info.cycle_hz);
	printf("  info: backend %s features %lx cycle %lu Hz apic timer %lu Hz"
	       " fallbacks %u%s%s\n", info.backend, info.features,
	       info.cycle_hz, info.apic_timer_hz, info.fallbacks,
	       info.fallbacks ? ": " : "", info.fallbacks ? info.note : "");
#ifndef PVOPS_NATIVE
	if (bind_result.bound)
		check(!strcmp(info.backend, bind_result.backend) &&
		      info.features == bind_result.features,
		      "op info: same backend and features as init reported",
		      "info '%s' 0x%lx, init '%s' 0x%lx", info.backend,
		      info.features, bind_result.backend, bind_result.features);
#endif
	check(pv_info(NULL) == -PVROM_EINVAL, "op info refuses NULL",
	      "accepted");
	memset(&info, 0, sizeof(info));
	info.size = 8;
	r = pv_info(&info);
	check(r == -PVROM_EINVAL, "op info refuses a size below 16",
	      "ret %d", r);
	/* init ran once, inside pvb_bind (calling it again would reset the
	 * ROM's clock under the running kernel) */
#ifdef PVOPS_NATIVE
	pass("op init: native time set up by pvb_native_setup");
#else
	if (bind_result.bound)
		check(bind_result.backend[0] != 0,
		      "op init: the ROM's init ran in pvb_bind", "no backend");
	else
		pass("op init: native (no ROM bound)");
#endif
}

KTEST(meta_bind)
{
#ifdef PVOPS_NATIVE
	skip("binding", "PVOPS_NATIVE build: no pv-ops table");
#else
	unsigned rom = 0, native = 0;

	for (unsigned op = 0; op < PVROM_OP_COUNT; op++) {
		void *fn = *op_ptr(op);

		if (bind_result.bound && bind_result.op_bound[op]) {
			uint64_t want = bind_result.image_va +
					bind_result.op_offset[op];
			if ((uint64_t)fn != want)
				check(false, "pv_ops entry points into the ROM",
				      "op %s points to %p, want %lx",
				      pvb_op_name(op), fn, want);
			rom++;
		} else {
			native++;
		}
	}
	check(rom + native == PVROM_OP_COUNT &&
	      (bind_result.bound ? rom == bind_result.nbound : rom == 0),
	      "pv_ops table agrees with the binding result",
	      "rom %u native %u nbound %u", rom, native, bind_result.nbound);
	printf("  %u ops: %u from the ROM, %u native\n", PVROM_OP_COUNT, rom,
	       native);
	if (bind_result.bound) {
		uint64_t *ti = vmm_pte(&kernel_as, bind_result.image_va, false);
		uint64_t *td = vmm_pte(&kernel_as, bind_result.data_va, false);

		check(ti && (*ti & HW_PTE_P) && !(*ti & HW_PTE_W) && !(*ti & HW_PTE_NX),
		      "ROM image mapped read-only and executable", "pte %lx",
		      ti ? *ti : 0);
		check(td && (*td & HW_PTE_P) && (*td & HW_PTE_W) &&
		      (!nx_enabled || (*td & HW_PTE_NX)),
		      "ROM data area mapped read-write, non-executable",
		      "pte %lx", td ? *td : 0);
	}
#if PVROM_ABI_MINOR >= 1
	{
		uint32_t khz = pv_tsc_khz();
		uint64_t hz = pv_cycle_frequency();

		uint64_t d = (uint64_t)khz * 1000 > hz ?
			     (uint64_t)khz * 1000 - hz : hz - (uint64_t)khz * 1000;

		/* a native fallback calibrates on its own: allow 5% */
		check(khz > 0 && d * 20 <= hz,
		      "op tsc_khz (ABI 1.1) agrees with cycle_frequency (5%)",
		      "%u kHz vs %lu Hz", khz, hz);
		printf("  tsc_khz from the %s\n",
		       bind_result.op_bound[PVROM_OP_tsc_khz] ? "ROM" :
		       "native fallback");
	}
#endif
#endif
}

#ifndef PVOPS_NATIVE
/* What a site's 6 bytes are now, as the patcher (guest/bind/patch.c) and
 * the binding report describe them: the recorded indirect call of its
 * pv_ops entry, a CS-prefixed direct call, one 6-byte NOP, or CS prefixes
 * and the op's native sequence.  *target: the direct call's callee. */
static int site_now(const struct pv_site *s, uint64_t *target)
{
	static const uint8_t nop6[6] = { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 };
	const uint8_t *ip = (const uint8_t *)pv_site_addr(s);
	const uint8_t *seq;
	uint32_t len, i;
	int32_t disp;

	memcpy(&disp, ip + 2, 4);
	*target = (uint64_t)ip + 6 + (int64_t)disp;
	if (ip[0] == 0xff && ip[1] == 0x15)
		return *target == (uint64_t)op_ptr(s->op) ? PVB_SITE_KEPT : -1;
	if (ip[0] == 0x2e && ip[1] == 0xe8)
		return PVB_SITE_CALL;
	if (!memcmp(ip, nop6, 6))
		return PVB_SITE_NOP;
	seq = pvb_native_seq(s->op, &len, NULL);
	if (!seq || !len || len > 6 || memcmp(ip + 6 - len, seq, len))
		return -1;
	for (i = 0; i < 6 - len; i++)
		if (ip[i] != 0x2e)
			return -1;
	return PVB_SITE_NATIVE;
}
#endif

KTEST(meta_pvsites)
{
#ifdef PVOPS_NATIVE
	skip(".pvsites", "PVOPS_NATIVE build: no call sites");
#else
	const struct pvb_result *r = &bind_result;
	unsigned n = 0, bad = 0, seen[PVB_SITE_MAX] = { 0 };
	uint32_t kept = 0;

	for (const struct pv_site *s = __pvsites_start; s < __pvsites_end;
	     s++, n++) {
		uint64_t target = 0;
		int now = s->op < PVROM_OP_COUNT && s->len == 6 ?
			  site_now(s, &target) : -1;

		/* a kept or refused site still holds its indirect call */
		if (now < 0 || (now != PVB_SITE_KEPT && now != r->op_site[s->op]) ||
		    (now == PVB_SITE_CALL && target != r->op_target[s->op])) {
			if (bad++ < 4)
				printf("  bad site %p: op %u len %u now %d, report %s\n",
				       (void *)pv_site_addr(s), s->op, s->len, now,
				       s->op < PVROM_OP_COUNT ?
				       pvb_site_name(r->op_site[s->op]) : "?");
			continue;
		}
		seen[now]++;
	}
	for (unsigned k = PVB_SITE_FIRST_KEPT; k < PVB_SITE_MAX; k++)
		kept += r->site_count[k];
	check(n > 0 && bad == 0,
	      ".pvsites: every record is its op's call, or what the report says it became",
	      "%u of %u bad", bad, n);
	check(n == r->nsites && seen[PVB_SITE_NATIVE] == r->site_count[PVB_SITE_NATIVE] &&
	      seen[PVB_SITE_CALL] == r->site_count[PVB_SITE_CALL] &&
	      seen[PVB_SITE_NOP] == r->site_count[PVB_SITE_NOP] &&
	      seen[PVB_SITE_KEPT] == kept,
	      ".pvsites: the sites agree with the report's counts",
	      "%u sites: %u native %u call %u nop %u indirect; report %u: %u %u %u %u",
	      n, seen[PVB_SITE_NATIVE], seen[PVB_SITE_CALL], seen[PVB_SITE_NOP],
	      seen[PVB_SITE_KEPT], r->nsites, r->site_count[PVB_SITE_NATIVE],
	      r->site_count[PVB_SITE_CALL], r->site_count[PVB_SITE_NOP], kept);
	if (kopts.patch_off)
		check(seen[PVB_SITE_KEPT] == n,
		      ".pvsites: pvrom.patch=off keeps every indirect call",
		      "%u of %u kept", seen[PVB_SITE_KEPT], n);
	else
		check(kept == 0 && seen[PVB_SITE_KEPT] == 0,
		      ".pvsites: every call site was patched", "%u kept or refused",
		      kept);
	printf("  %u call sites: %u native, %u call, %u nop, %u indirect\n", n,
	       seen[PVB_SITE_NATIVE], seen[PVB_SITE_CALL], seen[PVB_SITE_NOP],
	       seen[PVB_SITE_KEPT]);
#endif
}

/* ABI 1.1 op_info: only a 1.1 guest can ask, only a 1.1 ROM answers. */
KTEST(meta_op_info)
{
#if defined(PVOPS_NATIVE) || PVROM_ABI_MINOR < 1
	skip("op op_info", "guest built without ABI 1.1 or pv-ops");
#else
	const struct pvb_result *r = &bind_result;
	struct pvrom_op_info oi;
	unsigned asked = 0, bad = 0, direct = 0;
	int32_t rc;

	memset(&oi, 0, sizeof(oi));
	oi.size = sizeof(oi);
	rc = pv_op_info(*op_ptr(PVROM_OP_read_cr3), &oi);
	if (!r->bound || !r->op_bound[PVROM_OP_op_info]) {
		check(rc == -PVROM_ENOSYS, "op op_info: the native fallback has nothing to say",
		      "ret %d", rc);
		return;
	}
	check(rc == 0, "op op_info answers for an op", "ret %d", rc);
	oi.size = 8;
	rc = pv_op_info(*op_ptr(PVROM_OP_read_cr3), &oi);
	check(rc == -PVROM_EINVAL, "op op_info refuses a size below 16", "ret %d", rc);
	oi.size = sizeof(oi);
	rc = pv_op_info((const void *)r->image_va, &oi);
	check(rc == -PVROM_EINVAL, "op op_info refuses an address that is no op",
	      "ret %d", rc);
	check(pv_op_info(*op_ptr(PVROM_OP_read_cr3), NULL) == -PVROM_EINVAL,
	      "op op_info refuses NULL", "accepted");

	/* Every answer: a target in the image; "native" is [endbr64] + the
	 * op's native sequence + ret, "nop" [endbr64] + ret; and it is what
	 * the binding used. */
	for (unsigned op = 0; op < PVROM_OP_COUNT; op++) {
		const uint8_t *t, *seq;
		uint32_t len = 0;

		if (!r->op_bound[op])
			continue;
		asked++;
		memset(&oi, 0, sizeof(oi));
		oi.size = sizeof(oi);
		rc = pv_op_info(*op_ptr(op), &oi);
		t = (const uint8_t *)oi.target;
		if (rc == 0 && t[0] == 0xf3 && t[1] == 0x0f && t[2] == 0x1e && t[3] == 0xfa)
			t += 4;
		seq = pvb_native_seq(op, &len, NULL);
		if (rc || oi.target - r->image_va >= r->image_size ||
		    oi.kind != r->op_rom_kind[op] ||
		    (oi.kind == PVROM_KIND_NATIVE &&
		     (!seq || memcmp(t, seq, len) || t[len] != 0xc3)) ||
		    (oi.kind == PVROM_KIND_NOP && t[0] != 0xc3) ||
		    oi.kind > PVROM_KIND_NOP) {
			if (bad++ < 4)
				printf("  op %s: ret %d kind %u target %lx\n",
				       pvb_op_name(op), rc, oi.kind, oi.target);
		}
		direct += oi.target != (uint64_t)*op_ptr(op);
	}
	check(asked > 0 && bad == 0,
	      "op op_info: every answer lies in the image, native and nop claims hold",
	      "%u of %u bad", bad, asked);
	/* The backend ops' targets are the implementations init chose, not
	 * their dispatch stubs. */
	memset(&oi, 0, sizeof(oi));
	oi.size = sizeof(oi);
	rc = pv_op_info(*op_ptr(PVROM_OP_eoi), &oi);
	check(rc == 0 && oi.target != (uint64_t)*op_ptr(PVROM_OP_eoi),
	      "op op_info: eoi's target is the backend's EOI, not the dispatch stub",
	      "ret %d target %lx export %p", rc, oi.target, *op_ptr(PVROM_OP_eoi));
	printf("  %u ops asked, %u answered with another implementation than the export\n",
	       asked, direct);
#endif
}

KTEST(fault_extable)
{
	uint64_t v;
	unsigned before = last_fault.count;

	check(probe_read64((void *)0x8, &v) == -1 &&
	      last_fault.count == before + 1 && last_fault.vector == 14 &&
	      last_fault.addr == 0x8,
	      "expected #PF caught through the kernel extable, vector 14",
	      "vector %lu addr %lx", last_fault.vector, last_fault.addr);
	before = last_fault.count;
	check(probe_read64((void *)0x8000000000000000ull, &v) == -1 &&
	      last_fault.vector == 13 && last_fault.count == before + 1,
	      "expected #GP (non-canonical) caught, vector 13", "vector %lu",
	      last_fault.vector);
}
