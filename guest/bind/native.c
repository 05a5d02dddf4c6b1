// SPDX-License-Identifier: GPL-2.0-only
/*
 * Out-of-line native ops: the initial pv_ops entries and the fallback for
 * ops a ROM does not provide.  Instruction-level ops forward to the inline
 * pvn_*() of native.h; the ones needing state live here: time (TSC
 * calibrated against the PIT, wall clock from the CMOS RTC), the LAPIC
 * (xAPIC page at env->apic_va or x2APIC MSRs), alarms on the LAPIC timer,
 * the COM1 console, shutdown and reboot.
 */
#include "bind_int.h"

/* ---- port I/O ---- */
static inline void outb(uint16_t port, uint8_t v)
{ __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v)
{ __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port)
{ uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

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

/* ---- state of the stateful natives ---- */
#define PIT_HZ		1193182u
#define NSEC		1000000000ull
#define CAL_PIT_COUNT	(PIT_HZ / 100)		/* 10 ms */
#define CAL_RUNS	5			/* keep the least disturbed run */
#define CAL_SPIN_MAX	50000000ull		/* no PIT: give up, don't hang */

/* APIC registers (xAPIC offsets; x2APIC MSR = 0x800 + offset / 16). */
#define APIC_EOI	0x0B0
#define APIC_ICR_LO	0x300
#define APIC_ICR_HI	0x310
#define APIC_LVT_TIMER	0x320
#define APIC_TIMER_INIT	0x380
#define APIC_TIMER_CUR	0x390
#define APIC_TIMER_DIV	0x3E0
#define APIC_LVT_MASKED	(1u << 16)
#define APIC_DIV_16	0x3u
#define MSR_APIC_BASE	0x1Bu
#define MSR_X2APIC_BASE	0x800u
#define APIC_BASE_X2APIC (1ull << 10)
#define APIC_BASE_ENABLE (1ull << 11)

static struct {
	int apic_done, tsc_ready, wall_ready, setup_done;
	uint64_t tsc_hz;
	uint64_t tsc0;			/* monotonic_ns epoch */
	uint64_t ns_mult;		/* ns = (ticks * ns_mult) >> 32 */
	uint64_t boot_wall_ns;		/* wall clock at tsc0 */
	uint64_t features;
	int apic;			/* 0 none, 1 xAPIC MMIO, 2 x2APIC */
	uint64_t apic_va;
	uint32_t icr_hi;		/* xAPIC-style destination kept for x2APIC */
	uint64_t apic_hz;		/* timer rate after the divider */
	uint64_t apic_mult;		/* ticks = (ns * apic_mult) >> 32 */
	uint32_t fallbacks;		/* for info: what fell back, and why */
	const char *note;
	int uart;			/* console: 0 unknown, 1 usable, -1 absent */
} nat;

static uint64_t mul_shr32(uint64_t a, uint64_t b)
{
	return (uint64_t)(((unsigned __int128)a * b) >> 32);
}

/* ---- LAPIC ---- */
/* reg is the xAPIC MMIO offset in both modes (a multiple of 16 below
 * 0x400); x2APIC lacks some registers, hence the safe MSR accessors. */
static uint32_t apic_rd(uint32_t reg)
{
	uint64_t v = 0;

	if (reg & 0xF || reg >= 0x400)
		return 0;
	if (nat.apic == 1)
		return *(volatile uint32_t *)(nat.apic_va + reg);
	if (nat.apic == 2)
		pvb_native_rdmsr_safe(MSR_X2APIC_BASE + (reg >> 4), &v);
	return (uint32_t)v;
}

static void apic_wr(uint32_t reg, uint32_t val)
{
	if (reg & 0xF || reg >= 0x400)
		return;
	if (nat.apic == 1) {
		*(volatile uint32_t *)(nat.apic_va + reg) = val;
	} else if (nat.apic == 2) {
		/* x2APIC has one 64-bit ICR; an xAPIC-style caller writes the
		 * destination (ICR_HI[31:24]) first, then the command. */
		if (reg == APIC_ICR_HI)
			nat.icr_hi = val;
		else if (reg == APIC_ICR_LO)
			pvb_native_wrmsr_safe(MSR_X2APIC_BASE + (APIC_ICR_LO >> 4),
					      ((uint64_t)(nat.icr_hi >> 24) << 32) | val);
		else
			pvb_native_wrmsr_safe(MSR_X2APIC_BASE + (reg >> 4), val);
	}
}

uint32_t pvb_native_apic_read(uint32_t reg) { return apic_rd(reg); }
void pvb_native_apic_write(uint32_t reg, uint32_t val) { apic_wr(reg, val); }
void pvb_native_eoi(void) { apic_wr(APIC_EOI, 0); }

void pvb_native_apic_setup(uint64_t apic_va)
{
	struct pvrom_cpuid_regs r;

	if (nat.apic_done)
		return;
	nat.apic_done = 1;
	if (apic_va) {
		nat.apic = 1;
		nat.apic_va = apic_va;
		return;
	}
	pvn_cpuid(1, 0, &r);
	if (!(r.edx & (1u << 9)))
		return;
	uint64_t base = pvn_rdmsr_raw(MSR_APIC_BASE);
	if ((base & (APIC_BASE_ENABLE | APIC_BASE_X2APIC)) ==
	    (APIC_BASE_ENABLE | APIC_BASE_X2APIC)) {
		nat.apic = 2;
		nat.features |= PVROM_FEAT_X2APIC;
	}
}

/* ---- TSC ---- */
static void set_tsc_hz(uint64_t hz)
{
	nat.tsc_hz = hz;
	nat.ns_mult = (NSEC << 32) / hz;
	nat.tsc0 = pvn_rdtsc();
	nat.tsc_ready = 1;
}

/* Leaf 0x15 (crystal clock x ratio), else the hypervisor leaf 0x40000010
 * (EAX = TSC kHz) when CPUID says a hypervisor is present. */
static uint64_t tsc_hz_from_cpuid(void)
{
	struct pvrom_cpuid_regs r;

	pvn_cpuid(0, 0, &r);
	if (r.eax >= 0x15) {
		pvn_cpuid(0x15, 0, &r);
		if (r.eax && r.ebx && r.ecx)
			return (uint64_t)r.ecx * r.ebx / r.eax;
	}
	pvn_cpuid(1, 0, &r);
	if (r.ecx & (1u << 31)) {
		pvn_cpuid(0x40000000, 0, &r);
		if (r.eax >= 0x40000010) {
			pvn_cpuid(0x40000010, 0, &r);
			if (r.eax)
				return (uint64_t)r.eax * 1000;
		}
	}
	return 0;
}

/*
 * Count TSC (and LAPIC timer) ticks over CAL_PIT_COUNT PIT ticks, using PIT
 * channel 2 in mode 0 gated through port 0x61 (speaker off): OUT2 goes high
 * when the count expires.  Interrupts off so nothing stretches the window.
 * Returns 0 if the PIT never answered.
 */
static int pit_run(int with_apic, uint64_t *tsc_ticks, uint64_t *apic_ticks)
{
	uint64_t flags = pvn_irq_save_flags();
	uint64_t t0, t1, spins = 0;
	uint32_t left = 0;
	uint8_t p61;

	pvn_irq_disable();
	p61 = inb(0x61);
	outb(0x61, (uint8_t)(p61 & ~0x03));	/* gate off while programming */
	outb(0x43, 0xB0);			/* ch 2, lo/hi, mode 0, binary */
	outb(0x42, CAL_PIT_COUNT & 0xFF);
	outb(0x42, CAL_PIT_COUNT >> 8);
	if (with_apic) {
		apic_wr(APIC_TIMER_DIV, APIC_DIV_16);
		apic_wr(APIC_LVT_TIMER, APIC_LVT_MASKED | 0xFF);
		apic_wr(APIC_TIMER_INIT, 0xFFFFFFFFu);
	}
	/* t0 before the gate opens: any delay then lengthens the run and
	 * never shortens it, so the shortest run is the best estimate. */
	t0 = pvn_rdtsc();
	outb(0x61, (uint8_t)((p61 & ~0x02) | 0x01));	/* gate on: count starts */
	while (!(inb(0x61) & 0x20) && ++spins < CAL_SPIN_MAX)
		;
	t1 = pvn_rdtsc();
	if (with_apic) {
		left = apic_rd(APIC_TIMER_CUR);
		apic_wr(APIC_TIMER_INIT, 0);
	}
	outb(0x61, p61);
	pvn_irq_restore_flags(flags);

	if (spins >= CAL_SPIN_MAX || t1 <= t0)
		return 0;
	*tsc_ticks = t1 - t0;
	*apic_ticks = left && left != 0xFFFFFFFFu ? 0xFFFFFFFFu - left : 0;
	return 1;
}

/* Best (shortest, least disturbed) of CAL_RUNS runs. */
static void pit_calibrate(int with_apic)
{
	uint64_t best = 0, best_apic = 0;

	for (int i = 0; i < CAL_RUNS; i++) {
		uint64_t t, a;
		if (!pit_run(with_apic, &t, &a))
			return;
		if (!best || t < best) {
			best = t;
			best_apic = a;
		}
	}
	set_tsc_hz(best * PIT_HZ / CAL_PIT_COUNT);
	nat.features |= PVROM_FEAT_TSC_CALIBRATED;
	uint64_t hz = best_apic * PIT_HZ / CAL_PIT_COUNT;
	if (hz && hz < (1ull << 32)) {		/* keeps apic_mult in 64 bits */
		nat.apic_hz = hz;
		nat.apic_mult = (hz << 32) / NSEC;
	}
}

static void tsc_setup(int with_apic)
{
	uint64_t hz = tsc_hz_from_cpuid();

	if (hz && !with_apic) {
		set_tsc_hz(hz);
		nat.features |= PVROM_FEAT_TSC_CPUID;
		return;
	}
	pit_calibrate(with_apic);	/* the APIC timer needs the PIT anyway */
	if (hz) {			/* prefer the exact rate when known */
		nat.features &= ~PVROM_FEAT_TSC_CALIBRATED;
		nat.features |= PVROM_FEAT_TSC_CPUID;
		set_tsc_hz(hz);
	}
	if (!nat.tsc_ready) {		/* neither: assume 1 GHz, and say so */
		set_tsc_hz(NSEC);
		nat.fallbacks++;
		nat.note = "no CPUID TSC leaf and no PIT: assumed 1 GHz";
	}
}

/* Time ops used before pvb_native_setup() calibrate the TSC on demand. */
static void need_tsc(void)
{
	if (!nat.tsc_ready)
		tsc_setup(0);
}

uint64_t pvb_native_cycle_frequency(void) { need_tsc(); return nat.tsc_hz; }
uint32_t pvb_native_tsc_khz(void) { need_tsc(); return (uint32_t)(nat.tsc_hz / 1000); }

uint64_t pvb_native_monotonic_ns(void)
{
	need_tsc();
	return mul_shr32(pvn_rdtsc() - nat.tsc0, nat.ns_mult);
}

static void wall_setup(void);

uint64_t pvb_native_wallclock_ns(void)
{
	if (!nat.wall_ready)
		wall_setup();
	return nat.boot_wall_ns + pvb_native_monotonic_ns();
}

/* ---- CMOS RTC ---- */
static uint8_t cmos(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

struct rtc { uint8_t s, m, h, d, mo, y, c; };

static void rtc_raw(struct rtc *t)
{
	uint32_t spins = 0;

	while ((cmos(0x0A) & 0x80) && ++spins < 10000000u)	/* update in progress */
		;
	t->s = cmos(0x00); t->m = cmos(0x02); t->h = cmos(0x04);
	t->d = cmos(0x07); t->mo = cmos(0x08); t->y = cmos(0x09);
	t->c = cmos(0x32);
}

static unsigned bcd(uint8_t v) { return (v & 0x0F) + (v >> 4) * 10u; }

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), via March-based years. */
static int64_t days_since_epoch(int64_t y, unsigned m, unsigned d)
{
	if (m <= 2)
		y--;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (m + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static uint64_t rtc_read_ns(void)
{
	struct rtc a, b;
	int tries = 0;

	rtc_raw(&a);
	do {			/* read until two reads agree: no torn update */
		b = a;
		rtc_raw(&a);
	} while ((a.s != b.s || a.m != b.m || a.h != b.h || a.d != b.d ||
		  a.mo != b.mo || a.y != b.y) && ++tries < 5);

	uint8_t regb = cmos(0x0B);
	int pm = a.h & 0x80;
	unsigned s = a.s, mi = a.m, h = a.h & 0x7F, d = a.d, mo = a.mo, y = a.y, c = a.c;
	if (!(regb & 0x04)) {	/* BCD */
		s = bcd(a.s); mi = bcd(a.m); h = bcd(a.h & 0x7F);
		d = bcd(a.d); mo = bcd(a.mo); y = bcd(a.y); c = bcd(a.c);
	}
	if (!(regb & 0x02)) {	/* 12-hour clock */
		h %= 12;
		if (pm)
			h += 12;
	}
	if (c < 19 || c > 30)
		c = y < 70 ? 20 : 19;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
		return 0;
	int64_t days = days_since_epoch((int64_t)c * 100 + y, mo, d);
	if (days < 0)
		return 0;
	return ((uint64_t)days * 86400 + h * 3600u + mi * 60u + s) * NSEC;
}

/* ---- alarms on the LAPIC timer (one-shot, divide by 16) ---- */
int32_t pvb_native_set_alarm(uint64_t deadline_ns, uint32_t vector)
{
	if (vector < 32 || vector > 255)
		return -PVROM_EINVAL;
	if (!nat.apic || !nat.apic_hz)
		return -PVROM_ENOSYS;
	uint64_t now = pvb_native_monotonic_ns();
	uint64_t delta = deadline_ns > now ? deadline_ns - now : 0;
	if (delta > (1ull << 62))
		return -PVROM_ERANGE;
	/* Round up: an alarm may fire late, never early. */
	uint64_t ticks = mul_shr32(delta, nat.apic_mult) + 1;
	if (ticks > 0xFFFFFFFFull)
		return -PVROM_ERANGE;
	apic_wr(APIC_TIMER_INIT, 0);
	apic_wr(APIC_TIMER_DIV, APIC_DIV_16);
	apic_wr(APIC_LVT_TIMER, vector);	/* one-shot, unmasked */
	apic_wr(APIC_TIMER_INIT, (uint32_t)ticks);
	return 0;
}

void pvb_native_cancel_alarm(void)
{
	if (!nat.apic)
		return;
	apic_wr(APIC_LVT_TIMER, APIC_LVT_MASKED | 0xFF);
	apic_wr(APIC_TIMER_INIT, 0);
}

/* ---- console: COM1, polled ---- */
#define COM1		0x3F8
#define UART_SPIN	100000u

/* Set up COM1 only if nobody did (LCR 0): 115200 8N1, FIFOs on.  A UART is
 * present if its scratch register keeps what we write. */
static void uart_probe(void)
{
	outb(COM1 + 7, 0x5A);
	if (inb(COM1 + 7) != 0x5A) {
		nat.uart = -1;
		return;
	}
	if (inb(COM1 + 3) == 0) {
		outb(COM1 + 1, 0x00);		/* no UART interrupts */
		outb(COM1 + 3, 0x80);		/* DLAB */
		outb(COM1 + 0, 0x01);		/* divisor 1: 115200 */
		outb(COM1 + 1, 0x00);
		outb(COM1 + 3, 0x03);		/* 8N1 */
		outb(COM1 + 2, 0x07);		/* FIFOs on and cleared */
	}
	nat.uart = 1;
}

void pvb_native_console_write(const char *buf, uint64_t len)
{
	if (!buf)
		return;
	if (!nat.uart)
		uart_probe();
	if (nat.uart < 0)
		return;
	for (uint64_t i = 0; i < len; i++) {
		uint32_t spins = 0;
		/* LSR bit 5: transmit holding register empty. */
		while (!(inb(COM1 + 5) & 0x20))
			if (++spins >= UART_SPIN)
				return;		/* stuck: drop the rest */
		outb(COM1, (uint8_t)buf[i]);
	}
}

/* ---- power ---- */
/* No ACPI parser here: the PM1a control ports of QEMU's PIIX4 PM under
 * SeaBIOS (0x604) and of Bochs/older QEMU (0xB004), SLP_TYP 0 + SLP_EN. */
void pvb_native_shutdown(void)
{
	outw(0x604, 0x2000);
	outw(0xB004, 0x2000);
	for (;;)
		__asm__ volatile("cli; hlt");
}

void pvb_native_reboot(void)
{
	static const struct pvb_packed_desc null_idt = { 0, 0 };

	for (int i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
		;
	outb(0x64, 0xFE);		/* 8042: pulse the reset line */
	outb(0xCF9, 0x02);		/* PCI reset control: hard reset */
	outb(0xCF9, 0x06);
	/* Last resort: any exception with an empty IDT triple-faults. */
	__asm__ volatile("lidt %0; int3" : : "m"(null_idt));
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* ---- meta ---- */
static void put_sized(void *dst, const void *src, uint32_t cap, uint32_t have)
{
	const char *s = src;
	char *d = dst;
	for (uint32_t i = 0; i < cap && i < have; i++)
		d[i] = s[i];
}

/* The natives were set up by pvb_native_setup(); init only checks its
 * arguments as the ABI orders them and reports, under the size rule. */
int32_t pvb_native_init(const struct pvrom_init_args *args, struct pvrom_init_result *res)
{
	struct pvrom_init_args a;
	struct pvrom_init_result r;
	char *p = (char *)&a;

	if (!args || !res || args->size < 8)
		return -PVROM_EINVAL;
	if (args->abi_major != PVROM_ABI_MAJOR)
		return -PVROM_EVERSION;
	if (res->size < 16)
		return -PVROM_EINVAL;
	for (uint32_t i = 0; i < sizeof(a); i++)
		p[i] = 0;
	put_sized(&a, args, sizeof(a), args->size);
	if (a.max_cpus == 0 || a.max_cpus > 4096 || (a.apic_va & 0xFFF))
		return -PVROM_EINVAL;
	if (a.max_cpus > 1) {
		struct pvrom_cpuid_regs c;
		pvn_cpuid(0x80000000, 0, &c);
		if (c.eax < 0x80000001)
			return -PVROM_ENOSYS;
		pvn_cpuid(0x80000001, 0, &c);
		if (!(c.edx & (1u << 27)))
			return -PVROM_ENOSYS;
	}
	need_tsc();
	p = (char *)&r;
	for (uint32_t i = 0; i < sizeof(r); i++)
		p[i] = 0;
	r.size = sizeof(r);
	r.abi_major = PVROM_ABI_MAJOR;
	r.abi_minor = PVROM_ABI_MINOR;
	r.features = nat.features;
	pvb_copy_str(r.backend, sizeof(r.backend), "native");
	pvb_copy_str(r.release, sizeof(r.release), "pvbind-native");
	put_sized(res, &r, res->size, sizeof(r));
	return 0;
}

int32_t pvb_native_info(struct pvrom_info *info)
{
	struct pvrom_info i;
	char *p = (char *)&i;

	if (!info || info->size < 16)
		return -PVROM_EINVAL;
	need_tsc();
	for (uint32_t k = 0; k < sizeof(i); k++)
		p[k] = 0;
	i.size = sizeof(i);
	i.abi_major = PVROM_ABI_MAJOR;
	i.abi_minor = PVROM_ABI_MINOR;
	i.features = nat.features;
	pvb_copy_str(i.backend, sizeof(i.backend), "native");
	i.cycle_hz = nat.tsc_hz;
	i.apic_timer_hz = nat.apic_hz;
	i.boot_wallclock_ns = nat.boot_wall_ns;
	i.max_cpus = 1;
	i.fallbacks = nat.fallbacks;
	if (nat.note)
		pvb_copy_str(i.note, sizeof(i.note), nat.note);
	put_sized(info, &i, info->size, sizeof(i));
	return 0;
}

/* The wall clock at the monotonic epoch, from the CMOS RTC. */
static void wall_setup(void)
{
	uint64_t wall = rtc_read_ns();
	uint64_t mono = pvb_native_monotonic_ns();

	nat.boot_wall_ns = wall > mono ? wall - mono : 0;
	if (!wall && !nat.wall_ready) {
		nat.fallbacks++;
		if (!nat.note)
			nat.note = "CMOS RTC unreadable: wall clock counts from 0";
	}
	nat.wall_ready = 1;
}

int pvb_native_setup(const struct pvb_env *env)
{
	if (nat.setup_done)
		return 0;
	nat.setup_done = 1;
	pvb_native_apic_setup(env ? env->apic_va : 0);
	/* Recalibrate even if a time op already did: the APIC timer is
	 * measured in the same PIT window.  Keep the earlier epoch. */
	uint64_t epoch = nat.tsc0;
	int had_tsc = nat.tsc_ready;
	tsc_setup(nat.apic != 0);
	if (had_tsc)
		nat.tsc0 = epoch;
	wall_setup();
	return 0;
}
