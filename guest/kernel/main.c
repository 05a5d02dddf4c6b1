/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kmain: the boot sequence after boot/head.S, in order (guest/BOOT.md walks
 * it).  Each step only uses what the previous ones set up.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/pv.h"
#include "guest/kernel/cmdline.h"
#include "guest/kernel/kernel.h"
#include "guest/kernel/boot/bootinfo.h"
#include "guest/kernel/boot/bootkind.h"
#include "guest/kernel/mm/mm.h"
#include "guest/kernel/cpu/cpu.h"
#include "guest/kernel/time/time.h"
#include "guest/kernel/task/task.h"
#include "guest/kernel/tests/tests.h"

extern char __text_start[], __text_end[];

struct pvb_result bind_result;
struct pvb_env bind_env;
char pvrom_state[160];

void kmain(uint64_t kind, uint64_t info_pa, uint64_t magic);

static void env_log(const char *msg)
{
	printf("%s\n", msg);
}

static void *env_alloc_pages(uint64_t n)
{
	uint64_t pa = pmm_alloc_contig(n);

	return pa ? phys_ptr(pa) : NULL;
}

static uint64_t env_virt_to_phys(const void *va)
{
	return virt_to_phys(va);
}

static const void *env_phys_ptr(uint64_t pa, uint64_t len)
{
	/* the direct map covers RAM and everything below it (ROM space) */
	uint64_t top = ALIGN_UP(pmm_ram_top(), 0x200000ull);

	if (pa >= top || len > top - pa)
		return NULL;
	return phys_ptr(pa);
}

static int env_map(uint64_t va, uint64_t pa, uint64_t len, unsigned prot)
{
	int p = 0;

	if (prot & PVB_PROT_R)
		p |= PROT_R;
	if (prot & PVB_PROT_W)
		p |= PROT_W;
	if (prot & PVB_PROT_X)
		p |= PROT_X;
	if (vmm_map(&kernel_as, va, pa, len, p))
		return -1;
	pv_flush_tlb_global();
	return 0;
}

static void bind_rom(void)
{
	bind_env = (struct pvb_env){
		.log = env_log,
		.alloc_pages = env_alloc_pages,
		.virt_to_phys = env_virt_to_phys,
		.phys_ptr = env_phys_ptr,
		.map = env_map,
		.rom_va = ROM_WINDOW_VA,
		.rom_va_size = ROM_WINDOW_SIZE,
		.apic_va = APIC_VA,
		.sites = __pvsites_start,
		.sites_end = __pvsites_end,
		.text_start = (uint64_t)__text_start,
		.text_end = (uint64_t)__text_end,
		.text_poke = vmm_text_poke,
	};
#ifdef PVOPS_NATIVE
	/* no table to fill, nothing to bind: only the native ops to set up */
	pvb_native_setup(&bind_env);
	snprintf(pvrom_state, sizeof(pvrom_state),
		 "native (built with PVOPS_NATIVE: no pv-ops)");
#else
	struct pvb_config cfg = {
		.mode = kopts.pvrom_off ? PVB_MODE_OFF : PVB_MODE_AUTO,
		.license_any = kopts.license_any,
		.force_native_backend = kopts.backend_native,
		.patch_off = kopts.patch_off,
		.test_data_pa = kopts.test_data_pa,
		.max_cpus = 1,
		.handoff_pa = boot_info.rom_addr,
		.handoff_size = boot_info.rom_size,
		.handoff_source = (int)boot_info.rom_source,
		.guest_name = KERNEL_NAME,
		.guest_version = KERNEL_VERSION,
		.guest_license = "GPL-2.0-only",
	};

	pvb_bind(&bind_env, &cfg, &bind_result);
	pvb_report(&bind_env, &bind_result);
	if (bind_result.bound) {
		snprintf(pvrom_state, sizeof(pvrom_state),
			 "bound (backend %s, features 0x%lx)%s",
			 bind_result.backend, bind_result.features,
			 bind_result.tainted ? " (tainted: non-GPL ROM)" : "");
		printf("pvrom: ROM image at VA %lx (data area %lx, %lu bytes)\n",
		       bind_result.image_va, bind_result.data_va,
		       bind_result.data_size);
		/* one fixed-format line for the catalogue to grep */
		printf("pvrom: backend %s features 0x%lx\n", bind_result.backend,
		       bind_result.features);
	} else {
		snprintf(pvrom_state, sizeof(pvrom_state), "native (%s)",
			 bind_result.reason[0] ? bind_result.reason :
			 pvb_bind_strerror(bind_result.err));
	}
#endif
	printf("pvrom: %s\n", pvrom_state);
}

void kmain(uint64_t kind, uint64_t info_pa, uint64_t magic)
{
	serial_init();
	printf("\n%s %s: entered via %s\n", KERNEL_NAME, KERNEL_VERSION,
	       kind == BOOT_KIND_PVH ? "PVH" :
	       kind == BOOT_KIND_MB2 ? "multiboot2" : "pvrom bootinfo");
	if (bootinfo_parse((int)kind, info_pa, (uint32_t)magic))
		panic("boot: no valid boot info at %lx (kind %lu)", info_pa, kind);
	printf("boot: %s%s%s, cmdline '%s'\n", boot_info.via,
	       boot_info.loader[0] ? " from " : "", boot_info.loader,
	       boot_info.cmdline);
	cmdline_parse(boot_info.cmdline);
	if (!kopts.quiet)
		for (int i = 0; i < boot_info.nmem; i++)
			printf("boot: mem %016lx-%016lx type %u\n",
			       boot_info.mem[i].base,
			       boot_info.mem[i].base + boot_info.mem[i].len - 1,
			       boot_info.mem[i].type);
	if (boot_info.rom_addr)
		printf("boot: ROM handed over at %lx (%u bytes)\n",
		       boot_info.rom_addr, boot_info.rom_size);

	pmm_init();
	printf("mm: %lu of %lu pages free, RAM top %lx\n", pmm_free_pages(),
	       pmm_total_pages(), pmm_ram_top());
	cpu_init();
	vmm_init();
	printf("mm: own page tables at %lx (NX %s)\n", kernel_as.pml4_pa,
	       nx_enabled ? "on" : "off");
	apic_early_enable();

	bind_rom();
#ifndef PVOPS_NATIVE
	if (bind_result.bound) {
		/* load our tables again, now through the ROM's ops */
		cpu_reload();
		console_use_rom(true);
		printf("console: now through the ROM's console_write\n");
	}
#endif
	task_init();
	tick_start();
	pv_irq_enable();

	if (kopts.run_bench)
		qemu_exit(bench_run());
	if (kopts.run_tests)
		qemu_exit(tests_run());
	demo_run();
	qemu_exit(EXIT_PASS);
}
