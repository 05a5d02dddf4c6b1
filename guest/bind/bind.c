// SPDX-License-Identifier: GPL-2.0-only
/*
 * Binding, in the steps pvb_bind() runs, each using only what the earlier
 * ones set up:
 *   1. take_candidate  the first candidate whose private copy validates and
 *                      passes the licence policy (pvb_fetch)
 *   2. resolve_ops     every op of this build, by (name, version)
 *   3. place           a zeroed data area right below the image, both mapped
 *                      in the kernel's VA window
 *   4. handshake       the ROM's init, interrupts off
 *   5. install         each pv_ops entry the ROM provides, interrupts off
 *   6. patch           every recorded call site, bound or not (patch.c)
 * Until step 5 nothing in pv_ops changes, so any refusal leaves the kernel
 * on native ops.  Also here: pvb_fixup, which needs the bound ROM's fault
 * table.
 */
#include "guest/bind/bind_int.h"

#define PAGE 4096ull
#define PAGES(x) (((uint64_t)(x) + PAGE - 1) / PAGE)

/* What one step hands the next. */
struct bind {
	struct pvb_image img;		/* the validated copy */
	uint32_t off[PVROM_OP_COUNT];	/* each op's offset in the ELF image */
	uint8_t have[PVROM_OP_COUNT];	/* 1: the ROM exports it */
	uint32_t cpus;			/* per-CPU slots in the data area */
	uint64_t data_pa;		/* lowest byte of the data area, 0: none */
};

/* pv_ops is one pointer per op in enum order (pvops.h). */
static void **op_ptr(unsigned op)
{
	return (void **)&pv_ops + op;
}

/* ---- the fault fix-up ---- */

/* What pvb_fixup() needs of the bound ROM, fixed once bound. */
static struct {
	uint64_t ext_va;		/* first struct pvrom_extable_entry */
	uint32_t ext_n;
} rom_fix;

extern const struct pvrom_extable_entry pvb_native_extable[];
extern const uint32_t pvb_native_extable_count;

static int fix_in(const struct pvrom_extable_entry *t, uint32_t n, uint64_t *rip)
{
	for (uint32_t i = 0; i < n; i++) {
		uint64_t insn = (uint64_t)(uintptr_t)&t[i].insn + (uint64_t)(int64_t)t[i].insn;
		if (insn == *rip) {
			*rip = (uint64_t)(uintptr_t)&t[i].fixup + (uint64_t)(int64_t)t[i].fixup;
			return 1;
		}
	}
	return 0;
}

int pvb_fixup(uint64_t *rip, int vector)
{
	if (vector != 13 && vector != 6)	/* #GP, #UD */
		return 0;
	if (fix_in(pvb_native_extable, pvb_native_extable_count, rip))
		return 1;
	if (rom_fix.ext_n &&
	    fix_in((const struct pvrom_extable_entry *)(uintptr_t)rom_fix.ext_va,
		   rom_fix.ext_n, rip))
		return 1;
	return 0;
}

/* ---- helpers of the steps ---- */

static void log_line(const struct pvb_env *env, const char *msg)
{
	if (env && env->log)
		env->log(msg);
}

static int fail(struct pvb_result *res, int err, int32_t detail)
{
	res->bound = 0;
	res->err = err;
	res->detail = detail;
	/* A failure after validation belongs to the candidate that was taken. */
	for (int i = 0; res->rom_size && i < res->ncandidates; i++)
		if (res->cand[i].err == PVB_OK && res->cand[i].pa == res->rom_pa) {
			res->cand[i].err = err;
			break;
		}
	if (err == PVB_B_MISSING_OP)
		pvb_snprintf(res->reason, sizeof(res->reason),
			     "%s: %s@%s (ROM claims ABI %u.%u)", pvb_bind_strerror(err),
			     pvb_catalog[detail].sym, pvb_catalog[detail].version,
			     res->rom_abi_major, res->rom_abi_minor);
	else if (err == PVB_B_INIT)
		pvb_snprintf(res->reason, sizeof(res->reason), "%s: init returned %d",
			     pvb_bind_strerror(err), detail);
	else if (err == PVB_E_LICENSE_POLICY)
		pvb_snprintf(res->reason, sizeof(res->reason),
			     "licence '%s' is not GPL-compatible: ROM not used "
			     "(pvrom.license=any accepts it and taints the kernel)",
			     res->license);
	else
		pvb_snprintf(res->reason, sizeof(res->reason), "%s",
			     pvb_bind_strerror(err));
	return err;
}

static void hex(char *dst, uint32_t cap, const uint8_t *p, uint32_t n)
{
	static const char digits[] = "0123456789abcdef";
	uint32_t i = 0;

	for (; i < n && 2 * i + 2 < cap; i++) {
		dst[2 * i] = digits[p[i] >> 4];
		dst[2 * i + 1] = digits[p[i] & 15];
	}
	dst[2 * i] = 0;
}

/* The taken candidate's facts, as the validator decoded them. */
static void note_facts(struct pvb_result *res, const struct pvb_image *img,
		       const struct pvb_candidate *c)
{
	res->rom_pa = c->pa;
	res->rom_size = img->rom_size;
	res->source = c->source;
	res->rom_abi_major = img->abi_major;
	res->rom_abi_minor = img->abi_minor;
	pvb_copy_str(res->release, sizeof(res->release), img->release);
	pvb_copy_str(res->license, sizeof(res->license), img->license);
	pvb_copy_str(res->vendor, sizeof(res->vendor), img->vendor);
	pvb_copy_str(res->backends, sizeof(res->backends), img->backends);
	pvb_copy_str(res->source_url, sizeof(res->source_url), img->source_url);
	pvb_copy_str(res->source_hash, sizeof(res->source_hash), img->source_hash);
	hex(res->build_id, sizeof(res->build_id), img->build_id, img->build_id_len);
	res->license_gpl = img->license_gpl;
	/* it passed the policy, so a non-GPL licence means license_any */
	res->tainted = !img->license_gpl;
}

int pvb_fetch(const struct pvb_env *env, const struct pvb_candidate *c,
	      uint8_t *buf, uint32_t cap, int license_any, struct pvb_image *img)
{
	uint32_t size = c->size < cap ? c->size : cap;
	const void *src = env->phys_ptr(c->pa, size);

	if (!src)
		return PVB_B_UNREACHABLE;
	pvb_copy(buf, src, size);
	int err = pvb_validate(buf, size, PVROM_ABI_MAJOR, img);
	if (err != PVB_OK)
		return err;
	if (!license_any && !img->license_gpl)
		return PVB_E_LICENSE_POLICY;
	return PVB_OK;
}

/* ---- the steps ---- */

/* 0. What the steps need from the kernel, and the mode. */
static int check_env(const struct pvb_env *env, const struct pvb_config *cfg,
		     struct pvb_result *res)
{
	if (!env || !cfg)
		return fail(res, PVB_B_ENV, 0);
	if (cfg->mode == PVB_MODE_OFF)
		return fail(res, PVB_B_OFF, 0);
	if (!env->alloc_pages || !env->virt_to_phys || !env->phys_ptr || !env->map)
		return fail(res, PVB_B_ENV, 0);
	return PVB_OK;
}

/* 1. Discover, then fetch candidates in order until one is good. */
static int take_candidate(const struct pvb_env *env, const struct pvb_config *cfg,
			  struct pvb_result *res, struct bind *b)
{
	static uint8_t *copy;		/* one buffer, reused across candidates */
	const struct pvb_candidate *taken = NULL;

	res->ncandidates = pvb_discover(env, cfg, res->cand, PVB_MAX_CANDIDATES);
	for (int i = 0; i < res->ncandidates && !taken; i++) {
		struct pvb_candidate *c = &res->cand[i];
		if (c->err != PVB_OK)
			continue;
		if (!copy && !(copy = env->alloc_pages(PVB_COPY_MAX / PAGE)))
			return fail(res, PVB_B_NOMEM, 0);
		c->err = pvb_fetch(env, c, copy, PVB_COPY_MAX, cfg->license_any, &b->img);
		if (c->err == PVB_E_LICENSE_POLICY)	/* say which licence */
			pvb_copy_str(res->license, sizeof(res->license), b->img.license);
		if (c->err == PVB_OK)
			taken = c;
	}
	if (!taken) {
		/* Report the first refusal: the hand-off, else the lowest ROM. */
		for (int i = 0; i < res->ncandidates; i++)
			if (res->cand[i].err != PVB_OK)
				return fail(res, res->cand[i].err, 0);
		return fail(res, PVB_B_NONE, 0);
	}
	note_facts(res, &b->img, taken);
	return PVB_OK;
}

/* 2. Every op before anything changes: a ROM missing an op of the minor it
 * claims is broken, not old, and is refused as a whole. */
static int resolve_ops(struct pvb_result *res, struct bind *b)
{
	for (unsigned op = 0; op < PVROM_OP_COUNT; op++) {
		const struct pvb_op_desc *d = &pvb_catalog[op];

		b->have[op] = pvb_lookup(&b->img, d->sym, d->version, &b->off[op]) == PVB_OK;
		if (!b->have[op] && op == PVROM_OP_init)
			return fail(res, PVB_B_NO_INIT, 0);
		if (!b->have[op] && d->minor <= res->rom_abi_minor)
			return fail(res, PVB_B_MISSING_OP, (int32_t)op);
	}
	return PVB_OK;
}

/* 3. The data area, then the image, at the bottom of the window.  The image
 * is mapped where it lies in the copy: page-aligned, its ELF 4 KiB-aligned
 * inside it. */
static int place(const struct pvb_env *env, const struct pvb_config *cfg,
		 struct pvb_result *res, struct bind *b)
{
	b->cpus = cfg->max_cpus ? cfg->max_cpus : 1;
	if (b->cpus > PVROM_MAX_CPUS)		/* IA32_TSC_AUX[11:0] names the slot */
		b->cpus = PVROM_MAX_CPUS;
	uint64_t data_bytes = (uint64_t)b->img.data_size +
			      (uint64_t)b->cpus * b->img.percpu_size;
	uint64_t data_pages = PAGES(data_bytes), text_pages = PAGES(b->img.text_size);
	if ((env->rom_va & (PAGE - 1)) ||
	    (data_pages + text_pages) * PAGE > env->rom_va_size)
		return fail(res, PVB_B_VA_WINDOW, 0);
	uint64_t image_va = env->rom_va + data_pages * PAGE;
	b->data_pa = 0;
	if (data_pages) {
		uint8_t *data = env->alloc_pages(data_pages);
		if (!data)
			return fail(res, PVB_B_NOMEM, 0);
		pvb_zero(data, data_pages * PAGE);
		uint64_t pa = env->virt_to_phys(data);
		if (env->map(env->rom_va, pa, data_pages * PAGE, PVB_PROT_R | PVB_PROT_W))
			return fail(res, PVB_B_MAP, 0);
		/* The area ends where its pages do (right below the image);
		 * alloc_pages memory is physically contiguous, so a backend
		 * that must tell the host where its data lives can. */
		b->data_pa = pa + data_pages * PAGE - data_bytes;
	}
	uint64_t image_pa = env->virt_to_phys(b->img.elf);
	if (env->map(image_va, image_pa, text_pages * PAGE, PVB_PROT_R | PVB_PROT_X))
		return fail(res, PVB_B_MAP, 0);
	res->image_va = image_va;
	res->image_pa = image_pa;
	res->image_size = b->img.text_size;
	res->data_va = image_va - data_bytes;
	res->data_size = data_bytes;
	return PVB_OK;
}

/* 4. The ROM's init, interrupts off as the ABI requires. */
static int handshake(const struct pvb_env *env, const struct pvb_config *cfg,
		     struct pvb_result *res, const struct bind *b)
{
	struct pvrom_init_args args;
	struct pvrom_init_result ir;
	char line[160];

	pvb_zero(&args, sizeof(args));
	pvb_zero(&ir, sizeof(ir));
	args.size = sizeof(args);
	args.abi_major = PVROM_ABI_MAJOR;
	args.abi_minor = PVROM_ABI_MINOR;
	args.flags = (cfg->force_native_backend ? PVROM_INIT_FORCE_NATIVE : 0) |
		     (cfg->allow_hypercall ? 0 : PVROM_INIT_NO_HYPERCALL);
	args.apic_va = env->apic_va;
	args.max_cpus = b->cpus;
	args.data_pa = b->data_pa;
	if (cfg->test_data_pa) {
		pvb_snprintf(line, sizeof(line),
			     "pvrom: test_data_pa: telling the ROM its data is at 0x%llx, not 0x%llx (tests only)",
			     (unsigned long long)cfg->test_data_pa,
			     (unsigned long long)args.data_pa);
		log_line(env, line);
		args.data_pa = cfg->test_data_pa;
	}
	pvb_copy_str(args.guest_name, sizeof(args.guest_name),
		     cfg->guest_name ? cfg->guest_name : "pvbind-guest");
	pvb_copy_str(args.guest_version, sizeof(args.guest_version),
		     cfg->guest_version ? cfg->guest_version : "0");
	pvb_copy_str(args.guest_license, sizeof(args.guest_license),
		     cfg->guest_license ? cfg->guest_license : "GPL-2.0-only");
	ir.size = sizeof(ir);

	pvb_snprintf(line, sizeof(line),
		     "pvrom: ROM at 0x%llx (%s) valid, mapped at 0x%llx, calling init",
		     (unsigned long long)res->rom_pa, pvb_source_name(res->source),
		     (unsigned long long)res->image_va);
	log_line(env, line);
	pvrom_init_fn *init = (pvrom_init_fn *)(uintptr_t)(res->image_va +
							   b->off[PVROM_OP_init]);
	/* init itself probes MSRs through the ROM's fault table (e.g. the
	 * KVM MSRs), so the table must be live before the first call. */
	rom_fix.ext_va = res->image_va + b->img.layout.extable_offset;
	rom_fix.ext_n = b->img.layout.extable_size / sizeof(struct pvrom_extable_entry);
	uint64_t flags = pvn_irq_save_flags();
	pvn_irq_disable();
	int32_t rc = init(&args, &ir);
	pvn_irq_restore_flags(flags);
	if (rc != 0 || ir.abi_major != PVROM_ABI_MAJOR) {
		rom_fix.ext_n = 0;	/* nothing will run in the ROM again */
		return rc != 0 ? fail(res, PVB_B_INIT, rc) :
				 fail(res, PVB_B_INIT_RESULT, ir.abi_major);
	}
	pvb_copy_str(res->backend, sizeof(res->backend), ir.backend);
	res->features = ir.features;
	return PVB_OK;
}

/* 5. Each op the ROM provides (the fault table is live since step 4), with
 * interrupts off so a handler never sees ROM and native halves of a pair. */
static void install(struct pvb_result *res, const struct bind *b)
{
	uint64_t flags = pvn_irq_save_flags();

	pvn_irq_disable();
	for (unsigned op = 0; op < PVROM_OP_COUNT; op++) {
		if (!b->have[op])
			continue;
		*op_ptr(op) = (void *)(uintptr_t)(res->image_va + b->off[op]);
		res->op_bound[op] = 1;
		res->op_offset[op] = b->off[op];
		res->nbound++;
	}
	pvn_irq_restore_flags(flags);
	res->nnative = PVROM_OP_COUNT - res->nbound;
	res->bound = 1;
	res->err = PVB_OK;
}

/*
 * 6. What every site of op becomes.  The recorded call reaches *op_ptr(op):
 * a ROM export or the library's native function, either of which keeps
 * the op's contract, so a direct call of it is always right.  Better, when
 * the op is the ROM's and the ROM says (op_info, ABI 1.1): its own answer,
 * with a target checked to lie in the image; when the op is native: its
 * native sequence, or nothing.
 */
static void plan_op(unsigned op, struct pvb_result *res, const struct bind *b,
		    struct pvb_patch_op *p)
{
	uint64_t fn = (uint64_t)(uintptr_t)*op_ptr(op);
	uint32_t len;
	unsigned regs = PVN_SYSV;
	const uint8_t *seq = pvb_native_seq(op, &len, &regs);
	int native = !res->op_bound[op];

	p->site = PVB_SITE_CALL;
	p->keeps_cs = 1;
	p->target = fn;
	res->op_rom_kind[op] = PVB_KIND_NONE;
#if PVROM_ABI_MINOR >= 1
	if (!native && b && b->have[PVROM_OP_op_info]) {
		pvrom_op_info_fn *info = (pvrom_op_info_fn *)(uintptr_t)
			(res->image_va + b->off[PVROM_OP_op_info]);
		struct pvrom_op_info oi;

		pvb_zero(&oi, sizeof(oi));
		oi.size = sizeof(oi);
		if (info((const void *)(uintptr_t)fn, &oi) == PVROM_OK &&
		    oi.kind <= 0xfe && oi.target - res->image_va < res->image_size) {
			res->op_rom_kind[op] = (uint8_t)oi.kind;
			p->target = oi.target;
			if (oi.kind == PVROM_KIND_NOP)
				p->site = PVB_SITE_NOP;
			native = oi.kind == PVROM_KIND_NATIVE;
		}
	}
#else
	(void)b;
#endif
	if (native && seq) {
		p->site = len ? PVB_SITE_NATIVE : PVB_SITE_NOP;
		p->keeps_cs = regs == PVN_RAX;
		p->len = (uint8_t)len;
		p->seq = seq;
	}
	res->op_site[op] = p->site;
	res->op_target[op] = p->site == PVB_SITE_CALL ? p->target : 0;
}

static void patch(const struct pvb_env *env, const struct pvb_config *cfg,
		  struct pvb_result *res, const struct bind *b)
{
	struct pvb_patch_op plan[PVROM_OP_COUNT];
	int off = cfg->patch_off || !env->text_poke || !env->sites;

	res->nsites = env->sites && env->sites_end > env->sites ?
		      (uint32_t)(env->sites_end - env->sites) : 0;
	uint64_t flags = pvn_irq_save_flags();
	pvn_irq_disable();
	for (unsigned op = 0; op < PVROM_OP_COUNT; op++) {
		pvb_zero(&plan[op], sizeof(plan[op]));
		plan_op(op, res, b, &plan[op]);
		if (off) {
			plan[op].site = PVB_SITE_KEPT;
			res->op_site[op] = PVB_SITE_KEPT;
		}
	}
	if (off) {
		res->site_count[PVB_SITE_KEPT] = res->nsites;
	} else {
		struct pvb_patch_in in = {
			.sites = env->sites, .sites_end = env->sites_end,
			.text_start = env->text_start, .text_end = env->text_end,
			.table = &pv_ops, .plan = plan, .poke = env->text_poke,
		};
		pvb_patch_sites(&in, res->site_count);
	}
	pvn_irq_restore_flags(flags);
}

int pvb_bind(const struct pvb_env *env, const struct pvb_config *cfg,
	     struct pvb_result *res)
{
	struct bind b;
	int err;

	pvb_zero(res, sizeof(*res));
	res->guest_abi_major = PVROM_ABI_MAJOR;
	res->guest_abi_minor = PVROM_ABI_MINOR;
	res->nops = PVROM_OP_COUNT;
	res->nnative = PVROM_OP_COUNT;
	res->source = PVROM_SRC_NONE;
	/* The native APIC ops stay usable whatever happens: cheap to set up. */
	pvb_native_apic_setup(env ? env->apic_va : 0);

	err = check_env(env, cfg, res);
	if (!err)
		err = take_candidate(env, cfg, res, &b);	/* 1 */
	if (!err)
		err = resolve_ops(res, &b);			/* 2 */
	if (!err)
		err = place(env, cfg, res, &b);			/* 3 */
	if (!err)
		err = handshake(env, cfg, res, &b);		/* 4 */
	if (!err)
		install(res, &b);				/* 5 */

	/* Every op stayed native: set their time up now, at boot, rather than
	 * in whichever op first needs it.  A bound ROM supplies its own rate,
	 * so then no PIT time is spent; an op it leaves native (one of a newer
	 * minor) sets itself up on first use. */
	if (err)
		pvb_native_setup(env);
	/* 6: bound or not, once the table is final; not without a kernel
	 * environment to write with. */
	if (env && cfg)
		patch(env, cfg, res, err ? NULL : &b);
	return err;
}
