// SPDX-License-Identifier: GPL-2.0-only
/*
 * A kernel that is not pvrom's own, using libpvbind as an outside project
 * would: built only against an installed copy (pkg-config pvbind), it lends
 * the library what struct pvb_env asks for (log, zeroed pages, address
 * translation, physical access, 4 KiB mappings, a VA window, the LAPIC),
 * hooks pvb_fixup() into #GP/#UD, binds the ROM, calls a few ops and tells
 * QEMU how it went through isa-debug-exit.
 *
 * Memory: the first 4 GiB identity-mapped by head.S, so virtual == physical
 * below 4 GiB; the ROM window is the first MiB above it, mapped on demand
 * with 4 KiB pages from a static pool.
 */
#include <stdint.h>
#include "guest/bind/pvbind.h"

#define COM1		0x3f8
#define COM1_LSR	(COM1 + 5)
#define LSR_THRE	0x20
#define DEBUG_EXIT	0xf4		/* QEMU exits with (value << 1) | 1 */

#define PAGE		4096ull
#define PTE_P		0x001ull
#define PTE_W		0x002ull
#define PTE_PS		0x080ull
#define PTE_NX		(1ull << 63)
#define PTE_ADDR	0x000ffffffffff000ull

#define ROM_VA		(4ull << 30)	/* nothing else is mapped there */
#define ROM_VA_SIZE	(1ull << 20)
#define APIC_VA		0xfee00000ull	/* identity, uncached (head.S) */
#define APIC_SVR	0x0f0
#define APIC_SVR_ON	0x100

#define MB_BOOT_MAGIC	0x2badb002
#define MB_INFO_MODS	(1u << 3)

extern uint64_t pml4[512];
extern const uint64_t stubs[32];

static uint8_t pool[256][PAGE] __attribute__((aligned(PAGE)));	/* .bss: zero */
static uint64_t pool_used;
static int failed, fixups;

/* ---- what struct pvb_env asks for ------------------------------------- */

static void con_write(const char *s, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		while (!(hw_inb(COM1_LSR) & LSR_THRE))
			;
		hw_outb(COM1, (uint8_t)s[i]);
	}
}

static void env_log(const char *msg)
{
	uint64_t n = 0;

	while (msg[n])
		n++;
	con_write(msg, n);
	con_write("\n", 1);
}

static void *env_alloc_pages(uint64_t n)
{
	void *p;

	if (n > sizeof(pool) / PAGE - pool_used)
		return 0;
	p = pool[pool_used];
	pool_used += n;
	return p;
}

static uint64_t env_virt_to_phys(const void *va)
{
	return (uint64_t)(uintptr_t)va;
}

static const void *env_phys_ptr(uint64_t pa, uint64_t len)
{
	if (pa + len < pa || pa + len > (4ull << 30))
		return 0;
	return (const void *)(uintptr_t)pa;
}

/* The PTE of va, making the tables on the way; 0 inside a large page. */
static uint64_t *pte_of(uint64_t va)
{
	uint64_t *t = pml4;

	for (int shift = 39; shift > 12; shift -= 9) {
		uint64_t *e = &t[(va >> shift) & 511];

		if (!(*e & PTE_P)) {
			uint64_t *next = env_alloc_pages(1);

			if (!next)
				return 0;
			*e = env_virt_to_phys(next) | PTE_P | PTE_W;
		} else if (*e & PTE_PS) {
			return 0;
		}
		t = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
	}
	return &t[(va >> 12) & 511];
}

static int env_map(uint64_t va, uint64_t pa, uint64_t len, unsigned prot)
{
	for (uint64_t off = 0; off < len; off += PAGE) {
		uint64_t *pte = pte_of(va + off);

		if (!pte)
			return -1;
		*pte = (pa + off) | PTE_P | (prot & PVB_PROT_W ? PTE_W : 0) |
		       (prot & PVB_PROT_X ? 0 : PTE_NX);
		hw_invlpg(va + off);
	}
	return 0;
}

/* ---- exceptions -------------------------------------------------------- */

struct frame {				/* as stub_common in head.S leaves it */
	uint64_t r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax;
	uint64_t vector, error, rip, cs, rflags, rsp, ss;
};

static void qemu_exit(int code)
{
	hw_outb(DEBUG_EXIT, (uint8_t)code);
	for (;;)
		__asm__ volatile("cli; hlt");
}

#define SAY(...) do {							\
	char line_[160];						\
	pvb_snprintf(line_, sizeof(line_), __VA_ARGS__);		\
	env_log(line_);							\
} while (0)

/* Called by head.S.  An expected fault (the *_safe MSR ops, in the ROM's
 * fault table or the library's) resumes at its fix-up; any other is fatal. */
void trap(struct frame *f);
void trap(struct frame *f)
{
	if ((f->vector == 13 || f->vector == 6) && pvb_fixup(&f->rip, (int)f->vector)) {
		fixups++;
		return;
	}
	SAY("consumer: FAIL: exception %lu (error %lx) at %lx", f->vector, f->error, f->rip);
	qemu_exit(1);
}

struct gate {
	uint16_t off0, sel;
	uint8_t ist, type;
	uint16_t off1;
	uint32_t off2, zero;
};
_Static_assert(sizeof(struct gate) == 16, "IDT gate size");

static struct gate idt[32];

static void idt_init(void)
{
	struct pvrom_desc_ptr d = { .limit = sizeof(idt) - 1, .base = (uint64_t)(uintptr_t)idt };

	for (int v = 0; v < 32; v++)
		idt[v] = (struct gate){ .off0 = (uint16_t)stubs[v], .sel = 0x08,
					.type = 0x8e, /* present, interrupt gate */
					.off1 = (uint16_t)(stubs[v] >> 16),
					.off2 = (uint32_t)(stubs[v] >> 32) };
	hw_lidt(&d);
}

/* ---- the checks -------------------------------------------------------- */

static void check(const char *what, int ok)
{
	SAY("consumer: %s: %s", ok ? "PASS" : "FAIL", what);
	failed += !ok;
}

void kmain(uint32_t mb_info, uint32_t magic);
void kmain(uint32_t mb_info, uint32_t magic)
{
	static const struct pvb_env env = {
		.log = env_log, .alloc_pages = env_alloc_pages,
		.virt_to_phys = env_virt_to_phys, .phys_ptr = env_phys_ptr,
		.map = env_map, .rom_va = ROM_VA, .rom_va_size = ROM_VA_SIZE,
		.apic_va = APIC_VA,
	};
	struct pvb_config cfg = {
		.mode = PVB_MODE_AUTO, .max_cpus = 1,
		.guest_name = "pvbind-consumer", .guest_version = "1",
		.guest_license = "GPL-2.0-only",
	};
	static struct pvb_result res;
	struct pvrom_cpuid_regs rom, nat;
	uint64_t t0, t1, flags;

	env_log("consumer: a kernel built only against the installed libpvbind");
	idt_init();
	*(volatile uint32_t *)(uintptr_t)(APIC_VA + APIC_SVR) |= APIC_SVR_ON | 0xff;

	/* A ROM passed as the first multiboot module is tried before the scan. */
	if (magic == MB_BOOT_MAGIC && (*(const uint32_t *)(uintptr_t)mb_info & MB_INFO_MODS) &&
	    ((const uint32_t *)(uintptr_t)mb_info)[5]) {
		const uint32_t *mod = (const uint32_t *)(uintptr_t)((const uint32_t *)(uintptr_t)mb_info)[6];

		cfg.handoff_pa = mod[0];
		cfg.handoff_size = mod[1] - mod[0];
		cfg.handoff_source = PVROM_SRC_MODULE;
	}

	pvb_bind(&env, &cfg, &res);
	pvb_report(&env, &res);
	if (!res.bound) {
		SAY("consumer: FAIL: not bound: %s", res.reason);
		qemu_exit(1);
	}
	SAY("consumer: bound ROM %s (ABI %u.%u, backend %s), %u of %u ops",
	    res.release, res.rom_abi_major, res.rom_abi_minor, res.backend,
	    res.nbound, res.nops);

	pv_cpuid(0, 0, &rom);
	hw_cpuid(0, 0, &nat);
	check("cpuid leaf 0 through the ROM equals the instruction's",
	      rom.eax == nat.eax && rom.ebx == nat.ebx && rom.ecx == nat.ecx && rom.edx == nat.edx);
	check("read_cr3 is our PML4", pv_read_cr3() == env_virt_to_phys(pml4));
	t0 = pv_monotonic_ns();
	for (volatile int i = 0; i < 100000; i++)
		;
	t1 = pv_monotonic_ns();
	check("monotonic_ns advances", t1 > t0);
	flags = pv_irq_save_flags();
	check("interrupts are off (irq_save_flags)", !(flags & HW_RFLAGS_IF));
	check("wrmsr_safe of a reserved IA32_PKRS bit fails through pvb_fixup",
	      pv_wrmsr_safe(HW_MSR_PKRS, 1ull << 40) == -PVROM_EFAULT && fixups > 0);
	{
		static const char msg[] = "consumer: this line went through the ROM's console_write\n";

		pv_console_write(msg, sizeof(msg) - 1);
	}

	SAY("consumer: done, %d failed", failed);
	qemu_exit(failed ? 1 : 0);
}
