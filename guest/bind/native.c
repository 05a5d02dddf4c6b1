// SPDX-License-Identifier: GPL-2.0-only
/*
 * Out-of-line native ops: the initial pv_ops entries and the fallback for
 * ops a ROM does not provide.  Here the instruction-level ones, which
 * forward to the inline pvn_*() of native.h, init and info, and
 * pvb_native_setup(); the ones needing state are in native_apic.c,
 * native_time.c and native_dev.c (native_int.h lists them).
 */
#include "guest/bind/native_int.h"

struct pvb_nat pvb_nat;

/* ---- instruction-level ops: the inline native code, out of line ---- */
#define NAT(ret, n, params, args) ret pvb_native_##n params { return pvn_##n args; }
#define VNAT(n, params, args) void pvb_native_##n params { pvn_##n args; }

VNAT(cpuid, (uint32_t l, uint32_t s, struct pvrom_cpuid_regs *o), (l, s, o))
NAT(uint64_t, read_cr0, (void), ())
VNAT(write_cr0, (uint64_t v), (v))
VNAT(write_cr2, (uint64_t v), (v))
VNAT(write_cr3, (uint64_t v), (v))
NAT(uint64_t, read_cr4, (void), ())
VNAT(write_cr4, (uint64_t v), (v))
NAT(uint64_t, read_cr8, (void), ())
VNAT(write_cr8, (uint64_t v), (v))
VNAT(load_gdt, (const struct pvrom_desc_ptr *p), (p))
VNAT(store_gdt, (struct pvrom_desc_ptr *p), (p))
VNAT(load_idt, (const struct pvrom_desc_ptr *p), (p))
VNAT(store_idt, (struct pvrom_desc_ptr *p), (p))
VNAT(load_tr, (uint16_t s), (s))
NAT(uint16_t, store_tr, (void), ())
VNAT(load_ldt, (uint16_t s), (s))
NAT(uint16_t, store_ldt, (void), ())
VNAT(write_gdt_entry, (void *g, uint32_t i, const void *d, uint32_t sz), (g, i, d, sz))
VNAT(write_idt_entry, (void *idt, uint32_t v, const void *gate), (idt, v, gate))
VNAT(set_kernel_stack, (void *tss, uint64_t rsp0), (tss, rsp0))
NAT(int32_t, read_dr, (uint32_t r, uint64_t *v), (r, v))
NAT(int32_t, write_dr, (uint32_t r, uint64_t v), (r, v))
NAT(uint64_t, rdtscp, (uint32_t *aux), (aux))
NAT(uint64_t, rdpmc, (uint32_t c), (c))
VNAT(wbinvd, (void), ())
NAT(uint64_t, read_fs_base, (void), ())
VNAT(write_fs_base, (uint64_t v), (v))
NAT(uint64_t, read_gs_base, (void), ())
VNAT(write_gs_base, (uint64_t v), (v))
NAT(uint64_t, read_kernel_gs_base, (void), ())
VNAT(write_kernel_gs_base, (uint64_t v), (v))
VNAT(halt, (void), ())
VNAT(safe_halt, (void), ())
VNAT(set_pxe, (uint32_t l, uint64_t *e, uint64_t v), (l, e, v))
VNAT(update_pxe, (uint32_t l, uint64_t *e, uint64_t v, uint64_t va), (l, e, v, va))
VNAT(alloc_pt, (uint32_t l, uint64_t pfn), (l, pfn))
VNAT(release_pt, (uint32_t l, uint64_t pfn), (l, pfn))
VNAT(flush_tlb_local, (void), ())
VNAT(flush_tlb_global, (void), ())
VNAT(flush_tlb_page, (uint64_t va), (va))
VNAT(lazy_mmu_enter, (void), ())
VNAT(lazy_mmu_leave, (void), ())
NAT(uint64_t, phys_to_machine, (uint64_t pa), (pa))
NAT(uint64_t, machine_to_phys, (uint64_t ma), (ma))
NAT(uint64_t, cycle_counter, (void), ())
NAT(uint64_t, steal_time_ns, (void), ())

/* ---- meta ---- */
/* The size rule: a reader takes min(its sizeof, the writer's size) bytes. */
static void copy_sized(void *dst, uint32_t dst_size, const void *src, uint32_t src_size)
{
	pvb_copy(dst, src, dst_size < src_size ? dst_size : src_size);
}

/* The natives set themselves up (pvb_native_setup() or on first use); init
 * only checks its arguments as the ABI orders them (pvrom_init_check, the
 * ROM's checks too) and reports, under the size rule. */
int32_t pvb_native_init(const struct pvrom_init_args *args, struct pvrom_init_result *res)
{
	struct pvrom_init_args a;
	struct pvrom_init_result r;
	int32_t rc = pvrom_init_check(args, res, &a, pvb_native_cpuid);

	if (rc)
		return rc;
	pvb_nat_need_tsc();
	pvb_zero(&r, sizeof(r));
	r.size = sizeof(r);
	r.abi_major = PVROM_ABI_MAJOR;
	r.abi_minor = PVROM_ABI_MINOR;
	r.features = pvb_nat.features;
	pvb_copy_str(r.backend, sizeof(r.backend), "native");
	pvb_copy_str(r.release, sizeof(r.release), "pvbind-native");
	copy_sized(res, res->size, &r, sizeof(r));
	return 0;
}

int32_t pvb_native_info(struct pvrom_info *info)
{
	struct pvrom_info i;

	if (!info || info->size < 16)
		return -PVROM_EINVAL;
	pvb_nat_need_tsc();
	pvb_nat_need_wall();
	pvb_zero(&i, sizeof(i));
	i.size = sizeof(i);
	i.abi_major = PVROM_ABI_MAJOR;
	i.abi_minor = PVROM_ABI_MINOR;
	i.features = pvb_nat.features;
	pvb_copy_str(i.backend, sizeof(i.backend), "native");
	i.cycle_hz = pvb_nat.tsc_hz;
	i.apic_timer_hz = pvb_nat.apic_hz;
	i.boot_wallclock_ns = pvb_nat.boot_wall_ns;
	i.max_cpus = 1;
	i.fallbacks = pvb_nat.fallbacks;
	if (pvb_nat.note)
		pvb_copy_str(i.note, sizeof(i.note), pvb_nat.note);
	copy_sized(info, info->size, &i, sizeof(i));
	return 0;
}

/* ABI 1.1: with no ROM there is nothing to describe; the library patches
 * its call sites from its own native sequences (patch.c) instead. */
int32_t pvb_native_op_info(const void *op, struct pvrom_op_info *out)
{
	(void)op;
	(void)out;
	return -PVROM_ENOSYS;
}

int pvb_native_setup(const struct pvb_env *env)
{
	if (pvb_nat.setup_done)
		return 0;
	pvb_nat.setup_done = 1;
	pvb_native_apic_setup(env ? env->apic_va : 0);
	pvb_nat_need_tsc();
	pvb_nat_need_timer();
	pvb_nat_need_wall();
	return 0;
}
