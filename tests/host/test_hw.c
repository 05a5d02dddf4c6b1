/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host unit tests of abi/hw's pure parts and of the ABI's init argument
 * checks, run under ASan and UBSan: the CMOS date decoding and the
 * consistent-read loop (abi/hw/rtc.h), days since 1970, the TSC rate from
 * CPUID (abi/hw/tsc.h), the x2APIC register mapping and alarm ticks
 * (abi/hw/lapic.h), and pvrom_init_check (abi/pvrom/handshake.h).  The
 * hardware is faked through the reader parameters these helpers take.
 * One PASS:/FAIL: line per check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/hw/lapic.h"
#include "abi/hw/rtc.h"
#include "abi/hw/tsc.h"
#include "abi/pvrom/handshake.h"
#include "tests/host/check.h"

#define N_(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- days since 1970 -------------------------------------------------- */

static void test_days(void)
{
	static const struct {
		uint32_t y, m, d;
		uint64_t want;
	} t[] = {
		{ 1970, 1, 1, 0 },	{ 1970, 1, 2, 1 },
		{ 1972, 2, 29, 789 },	{ 1972, 3, 1, 790 },
		{ 1999, 12, 31, 10956 },
		{ 2000, 2, 28, 11015 },	{ 2000, 2, 29, 11016 },	/* 400-year leap */
		{ 2000, 3, 1, 11017 },
		{ 2024, 12, 31, 20088 },
		{ 2038, 1, 19, 24855 },	/* 32-bit time_t's last day */
		{ 2100, 2, 28, 47540 },	{ 2100, 3, 1, 47541 },	/* no leap day */
		{ 2400, 2, 29, 157113 },
		{ 3099, 12, 31, 412723 },
	};
	char name[64];

	for (size_t i = 0; i < N_(t); i++) {
		uint64_t got = hw_days_since_epoch(t[i].y, t[i].m, t[i].d);

		snprintf(name, sizeof(name), "hw days_since_epoch %04u-%02u-%02u",
			 t[i].y, t[i].m, t[i].d);
		result(got == t[i].want, name, "got %llu, want %llu",
		       (unsigned long long)got, (unsigned long long)t[i].want);
	}
}

/* ---- RTC decoding ----------------------------------------------------- */

#define BCD24	HW_RTC_B_24H
#define BIN24	(HW_RTC_B_24H | HW_RTC_B_BINARY)
#define BCD12	0
#define BIN12	HW_RTC_B_BINARY

static void test_rtc_decode(void)
{
	static const struct {
		const char *name;
		uint8_t sec, min, hour, day, mon, year, cent, stb;
		uint64_t want;		/* 0: refused */
	} t[] = {
		{ "BCD 24h", 0x30, 0x45, 0x13, 0x15, 0x06, 0x24, 0x20, BCD24, 1718459130 },
		{ "binary 24h", 30, 45, 13, 15, 6, 24, 20, BIN24, 1718459130 },
		{ "BCD 12h 1 PM", 0x30, 0x45, 0x81, 0x15, 0x06, 0x24, 0x20, BCD12, 1718459130 },
		{ "binary 12h 1 PM", 30, 45, 0x81, 15, 6, 24, 20, BIN12, 1718459130 },
		{ "BCD 12h 12 AM is hour 0", 0x07, 0x05, 0x12, 0x15, 0x06, 0x24, 0x20, BCD12,
		  1718409907 },
		{ "BCD 12h 12 PM is hour 12", 0x07, 0x05, 0x92, 0x15, 0x06, 0x24, 0x20, BCD12,
		  1718453107 },
		{ "binary 12h 12 AM", 7, 5, 12, 15, 6, 24, 20, BIN12, 1718409907 },
		{ "binary 12h 12 PM", 7, 5, 0x80 | 12, 15, 6, 24, 20, BIN12, 1718453107 },
		{ "century register 0x21", 0x30, 0x45, 0x13, 0x15, 0x06, 0x24, 0x21, BCD24,
		  4874132730ull },
		{ "century register 0x19 year 99", 0x59, 0x59, 0x23, 0x31, 0x12, 0x99, 0x19, BCD24,
		  946684799 },
		{ "century absent (0): 24 is 2024", 0x30, 0x45, 0x13, 0x15, 0x06, 0x24, 0x00, BCD24,
		  1718459130 },
		{ "century absent (0): 99 is 1999", 0x59, 0x59, 0x23, 0x31, 0x12, 0x99, 0x00, BCD24,
		  946684799 },
		{ "century absent (0): 69 is 2069", 0x00, 0x00, 0x00, 0x01, 0x01, 0x69, 0x00, BCD24,
		  3124224000ull },
		{ "century absent (0): 70 is 1970", 0x01, 0x00, 0x00, 0x01, 0x01, 0x70, 0x00, BCD24,
		  1 },
		{ "century garbage 0xff ignored", 0x30, 0x45, 0x13, 0x15, 0x06, 0x24, 0xff, BCD24,
		  1718459130 },
		{ "century garbage 0x45 ignored", 0x30, 0x45, 0x13, 0x15, 0x06, 0x24, 0x45, BCD24,
		  1718459130 },
		{ "century garbage binary 200 ignored", 30, 45, 13, 15, 6, 24, 200, BIN24,
		  1718459130 },
		{ "refused: month 13", 0x30, 0x45, 0x13, 0x15, 0x13, 0x24, 0x20, BCD24, 0 },
		{ "refused: month 0", 0x30, 0x45, 0x13, 0x15, 0x00, 0x24, 0x20, BCD24, 0 },
		{ "refused: day 0", 0x30, 0x45, 0x13, 0x00, 0x06, 0x24, 0x20, BCD24, 0 },
		{ "refused: day 32", 0x30, 0x45, 0x13, 0x32, 0x06, 0x24, 0x20, BCD24, 0 },
		{ "refused: hour 24", 0x30, 0x45, 0x24, 0x15, 0x06, 0x24, 0x20, BCD24, 0 },
		{ "refused: 12h hour 0", 0x30, 0x45, 0x00, 0x15, 0x06, 0x24, 0x20, BCD12, 0 },
		{ "refused: 12h hour 13", 0x30, 0x45, 0x13, 0x15, 0x06, 0x24, 0x20, BCD12, 0 },
		{ "refused: minute 60", 0x30, 0x60, 0x13, 0x15, 0x06, 0x24, 0x20, BCD24, 0 },
		{ "refused: second 60", 0x60, 0x45, 0x13, 0x15, 0x06, 0x24, 0x20, BCD24, 0 },
		{ "refused: BCD year 0x9a", 0x30, 0x45, 0x13, 0x15, 0x06, 0x9a, 0x20, BCD24, 0 },
		{ "refused: binary year 100", 30, 45, 13, 15, 6, 100, 20, BIN24, 0 },
		{ "refused: 1969", 0x59, 0x59, 0x23, 0x31, 0x12, 0x69, 0x19, BCD24, 0 },
	};
	char name[96];

	for (size_t i = 0; i < N_(t); i++) {
		struct hw_rtc_raw r;
		uint64_t got;

		r.f[HW_RTC_SEC] = t[i].sec;
		r.f[HW_RTC_MIN] = t[i].min;
		r.f[HW_RTC_HOUR] = t[i].hour;
		r.f[HW_RTC_DAY] = t[i].day;
		r.f[HW_RTC_MON] = t[i].mon;
		r.f[HW_RTC_YEAR] = t[i].year;
		r.f[HW_RTC_CENT] = t[i].cent;
		r.status_b = t[i].stb;
		got = hw_rtc_decode(&r);
		snprintf(name, sizeof(name), "hw rtc decode %s", t[i].name);
		result(got == t[i].want, name, "got %llu, want %llu",
		       (unsigned long long)got, (unsigned long long)t[i].want);
	}
}

/* ---- RTC reading, against a fake CMOS ---------------------------------- */

static struct {
	uint8_t reg[128];
	uint32_t reads, uip_reads;
	uint32_t uip_left;	/* status A reads that still show UIP */
	uint32_t tick_after;	/* after this many reads the clock ticks once */
} cmos;

static uint8_t fake_cmos(uint8_t r)
{
	cmos.reads++;
	if (cmos.tick_after && cmos.reads == cmos.tick_after) {
		cmos.reg[HW_CMOS_SECONDS] = 0x00;	/* 12:59:59 -> 13:00:00 */
		cmos.reg[HW_CMOS_MINUTES] = 0x00;
		cmos.reg[HW_CMOS_HOURS] = 0x13;
	}
	if (r == HW_CMOS_STATUS_A) {
		cmos.uip_reads++;
		if (cmos.uip_left) {
			cmos.uip_left--;
			return HW_RTC_A_UIP;
		}
		return 0;
	}
	return r < sizeof(cmos.reg) ? cmos.reg[r] : 0xff;
}

static void cmos_set(void)
{
	memset(&cmos, 0, sizeof(cmos));
	cmos.reg[HW_CMOS_SECONDS] = 0x59;
	cmos.reg[HW_CMOS_MINUTES] = 0x59;
	cmos.reg[HW_CMOS_HOURS] = 0x12;
	cmos.reg[HW_CMOS_DAY] = 0x15;
	cmos.reg[HW_CMOS_MONTH] = 0x06;
	cmos.reg[HW_CMOS_YEAR] = 0x24;
	cmos.reg[HW_CMOS_CENTURY] = 0x20;
	cmos.reg[HW_CMOS_STATUS_B] = HW_RTC_B_24H;
}

static void test_rtc_read(void)
{
	struct hw_rtc_raw r;
	int rc;

	cmos_set();
	rc = hw_rtc_read(fake_cmos, &r);
	result(rc == 0 && hw_rtc_decode(&r) == 1718456399, "hw rtc read steady clock",
	       "rc %d, %llu", rc, (unsigned long long)hw_rtc_decode(&r));
	result(cmos.uip_reads == 2, "hw rtc read two snapshots when they agree",
	       "%u status A reads", cmos.uip_reads);

	cmos_set();
	cmos.uip_left = 1000;
	rc = hw_rtc_read(fake_cmos, &r);
	result(rc == 0 && hw_rtc_decode(&r) == 1718456399, "hw rtc read waits out UIP",
	       "rc %d", rc);

	cmos_set();
	cmos.uip_left = ~0u;
	rc = hw_rtc_read(fake_cmos, &r);
	result(rc == -1 && cmos.uip_reads == HW_RTC_UIP_POLLS, "hw rtc read gives up on stuck UIP",
	       "rc %d after %u status A reads", rc, cmos.uip_reads);

	/* The clock ticks in the middle of the first snapshot (after its
	 * seconds were read): that torn reading and the next disagree, the
	 * next two agree on 13:00:00. */
	cmos_set();
	cmos.tick_after = 3;
	rc = hw_rtc_read(fake_cmos, &r);
	result(rc == 0 && hw_rtc_decode(&r) == 1718456400 && cmos.uip_reads == 3,
	       "hw rtc read skips a torn snapshot", "rc %d, %llu, %u snapshots", rc,
	       (unsigned long long)hw_rtc_decode(&r), cmos.uip_reads);
}

/* ---- TSC rate from CPUID, against fake leaves --------------------------- */

static struct {
	uint32_t max_basic, hv_max;
	int hv_bit;
	struct pvrom_cpuid_regs l15, hv10;
	uint32_t calls;
} cpu;

static void fake_cpuid(uint32_t leaf, uint32_t sub, struct pvrom_cpuid_regs *o)
{
	(void)sub;
	cpu.calls++;
	memset(o, 0, sizeof(*o));
	if (leaf == 0)
		o->eax = cpu.max_basic;
	else if (leaf == 1)
		o->ecx = cpu.hv_bit ? (uint32_t)HW_CPUID_1_ECX_HYPERVISOR : 0;
	else if (leaf == 0x15)
		*o = cpu.l15;
	else if (leaf == 0x40000000)
		o->eax = cpu.hv_max;
	else if (leaf == 0x40000010)
		*o = cpu.hv10;
}

static void test_tsc_cpuid(void)
{
	static const struct {
		const char *name;
		uint32_t max_basic;
		struct pvrom_cpuid_regs l15;
		int hv_bit;
		uint32_t hv_max, khz;
		uint64_t want;
	} t[] = {
		{ "leaf 0x15", 0x16, { 2, 100, 24000000, 0 }, 0, 0, 0, 1200000000 },
		{ "leaf 0x15 before the hypervisor leaf", 0x16, { 2, 100, 24000000, 0 }, 1,
		  0x40000010, 2500000, 1200000000 },
		{ "leaf 0x15 without crystal Hz: hypervisor leaf", 0x16, { 2, 100, 0, 0 }, 1,
		  0x40000010, 2500000, 2500000000ull },
		{ "hypervisor leaf", 0x0d, { 0, 0, 0, 0 }, 1, 0x40000010, 2500000, 2500000000ull },
		{ "hypervisor leaf, max leaf 0x4000ffff", 0x0d, { 0, 0, 0, 0 }, 1, 0x4000ffff,
		  2500000, 2500000000ull },
		{ "hypervisor max leaf 0x40010000 refused", 0x0d, { 0, 0, 0, 0 }, 1, 0x40010000,
		  2500000, 0 },
		{ "hypervisor max leaf 0xd (no range) refused", 0x0d, { 0, 0, 0, 0 }, 1, 0x0d,
		  2500000, 0 },
		{ "hypervisor max leaf below 0x40000010", 0x0d, { 0, 0, 0, 0 }, 1, 0x4000000f,
		  2500000, 0 },
		{ "hypervisor leaf 0 kHz", 0x0d, { 0, 0, 0, 0 }, 1, 0x40000010, 0, 0 },
		{ "no hypervisor bit", 0x0d, { 0, 0, 0, 0 }, 0, 0x40000010, 2500000, 0 },
		{ "leaf 0x15 beyond max basic leaf ignored", 0x14, { 2, 100, 24000000, 0 }, 0, 0,
		  0, 0 },
		{ "nothing", 0x0d, { 0, 0, 0, 0 }, 0, 0, 0, 0 },
	};
	char name[96];

	for (size_t i = 0; i < N_(t); i++) {
		uint64_t got;

		memset(&cpu, 0, sizeof(cpu));
		cpu.max_basic = t[i].max_basic;
		cpu.l15 = t[i].l15;
		cpu.hv_bit = t[i].hv_bit;
		cpu.hv_max = t[i].hv_max;
		cpu.hv10.eax = t[i].khz;
		got = hw_tsc_hz_from_cpuid(fake_cpuid);
		snprintf(name, sizeof(name), "hw tsc_hz_from_cpuid %s", t[i].name);
		result(got == t[i].want, name, "got %llu, want %llu",
		       (unsigned long long)got, (unsigned long long)t[i].want);
	}
}

/* ---- LAPIC ------------------------------------------------------------ */

static void test_lapic(void)
{
	uint64_t mult = (62500000ull << 32) / 1000000000ull;	/* 62.5 MHz */

	result(hw_x2apic_icr(0x03000000, 0x000040fe) == 0x00000003000040feull,
	       "hw x2apic icr destination to bits 63:32", "%#llx",
	       (unsigned long long)hw_x2apic_icr(0x03000000, 0x000040fe));
	result(hw_x2apic_icr(0xff123456, 0x000c4500) == 0x000000ff000c4500ull,
	       "hw x2apic icr ignores ICR high 23:0", "%#llx",
	       (unsigned long long)hw_x2apic_icr(0xff123456, 0x000c4500));
	result(hw_x2apic_msr(HW_APIC_EOI) == HW_X2APIC_EOI &&
	       hw_x2apic_msr(HW_APIC_ICR_LO) == HW_X2APIC_ICR &&
	       hw_x2apic_msr(HW_APIC_ID) == 0x802, "hw x2apic msr of a register", "%#x",
	       hw_x2apic_msr(HW_APIC_EOI));
	result(hw_apic_reg_valid(0) && hw_apic_reg_valid(HW_APIC_EOI) &&
	       hw_apic_reg_valid(0x3f0) && !hw_apic_reg_valid(0x400) &&
	       !hw_apic_reg_valid(0xb4) && !hw_apic_reg_valid(0xffffffff),
	       "hw apic register validity", "-");
	result(hw_apic_base_is_x2apic(0xfee00000 | HW_APIC_BASE_EN | HW_APIC_BASE_EXTD) &&
	       !hw_apic_base_is_x2apic(0xfee00000 | HW_APIC_BASE_EN) &&
	       !hw_apic_base_is_x2apic(HW_APIC_BASE_EXTD), "hw apic base x2APIC mode", "-");
	result(hw_apic_alarm_ticks(0, mult) == 1, "hw alarm ticks: now is 1 tick", "%llu",
	       (unsigned long long)hw_apic_alarm_ticks(0, mult));
	result(hw_apic_alarm_ticks(1000000000, mult) == 62500000 + 61035 + 1,
	       "hw alarm ticks: 1 s rounded up plus 1/1024", "%llu",
	       (unsigned long long)hw_apic_alarm_ticks(1000000000, mult));
	result(hw_apic_alarm_ticks(1ull << 62, mult) > 0xffffffffull,
	       "hw alarm ticks: 2^62 ns out of range", "%llu",
	       (unsigned long long)hw_apic_alarm_ticks(1ull << 62, mult));
}

/* ---- init argument checks ----------------------------------------------- */

static void fake_cpuid_smp(uint32_t leaf, uint32_t sub, struct pvrom_cpuid_regs *o)
{
	(void)sub;
	cpu.calls++;
	memset(o, 0, sizeof(*o));
	if (leaf == 0x80000000)
		o->eax = cpu.max_basic;		/* here: the highest extended leaf */
	else if (leaf == 0x80000001)
		o->edx = cpu.hv_bit ? (uint32_t)HW_CPUID_81_EDX_RDTSCP : 0;
}

/* init_args of 'size' bytes in a buffer of exactly that size (ASan sees
 * any read past it), the fields a guest would set. */
static struct pvrom_init_args *args_new(uint32_t size, uint16_t major, uint32_t max_cpus,
					uint64_t apic_va)
{
	struct pvrom_init_args full;
	unsigned char *p = malloc(size);

	memset(&full, 0, sizeof(full));
	full.size = size;
	full.abi_major = major;
	full.abi_minor = PVROM_ABI_MINOR;
	full.max_cpus = max_cpus;
	full.apic_va = apic_va;
	memcpy(full.guest_name, "test", 5);
	full.data_pa = 0x1000;
	memset(p, 0xa5, size);
	memcpy(p, &full, size < sizeof(full) ? size : sizeof(full));
	return (struct pvrom_init_args *)p;
}

static void test_init_check(void)
{
	static const struct {
		const char *name;
		uint32_t size, res_size;
		uint16_t major;
		uint32_t max_cpus;
		uint64_t apic_va;
		uint32_t ext_max;	/* highest extended CPUID leaf */
		int rdtscp;
		int32_t want;
		uint32_t cpuid_calls;
	} t[] = {
		{ "ok", 136, 96, 1, 1, 0, 0, 0, PVROM_OK, 0 },
		{ "ok with xAPIC page", 136, 16, 1, 1, 0xfee00000, 0, 0, PVROM_OK, 0 },
		{ "args size 7", 7, 96, 1, 1, 0, 0, 0, -PVROM_EINVAL, 0 },
		{ "args size 7 before a wrong major", 7, 96, 2, 1, 0, 0, 0, -PVROM_EINVAL, 0 },
		{ "major 2", 136, 96, 2, 1, 0, 0, 0, -PVROM_EVERSION, 0 },
		{ "major 0", 136, 96, 0, 1, 0, 0, 0, -PVROM_EVERSION, 0 },
		{ "major before res size", 136, 15, 2, 1, 0, 0, 0, -PVROM_EVERSION, 0 },
		{ "res size 15", 136, 15, 1, 1, 0, 0, 0, -PVROM_EINVAL, 0 },
		{ "max_cpus 0", 136, 96, 1, 0, 0, 0, 0, -PVROM_EINVAL, 0 },
		{ "max_cpus 4097", 136, 96, 1, 4097, 0, 0x80000008, 1, -PVROM_EINVAL, 0 },
		{ "max_cpus 4096 with RDTSCP", 136, 96, 1, 4096, 0, 0x80000008, 1, PVROM_OK, 2 },
		{ "apic_va not page aligned", 136, 96, 1, 1, 0xfee00800, 0, 0, -PVROM_EINVAL, 0 },
		{ "apic_va before RDTSCP", 136, 96, 1, 2, 0xfee00008, 0x80000008, 0,
		  -PVROM_EINVAL, 0 },
		{ "SMP without leaf 0x80000001", 136, 96, 1, 2, 0, 0x80000000, 1,
		  -PVROM_ENOSYS, 1 },
		{ "SMP without RDTSCP", 136, 96, 1, 2, 0, 0x80000008, 0, -PVROM_ENOSYS, 2 },
		{ "SMP with RDTSCP", 136, 96, 1, 2, 0, 0x80000008, 1, PVROM_OK, 2 },
		{ "size 8: max_cpus reads as 0", 8, 96, 1, 1, 0, 0, 0, -PVROM_EINVAL, 0 },
		{ "size 0x1c: up to max_cpus", 0x1c, 16, 1, 1, 0, 0, 0, PVROM_OK, 0 },
		{ "size 0x18: max_cpus cut off", 0x18, 96, 1, 1, 0, 0, 0, -PVROM_EINVAL, 0 },
		{ "size 300 (newer guest)", 300, 200, 1, 1, 0, 0, 0, PVROM_OK, 0 },
	};
	char name[96];

	for (size_t i = 0; i < N_(t); i++) {
		struct pvrom_init_args *args = args_new(t[i].size, t[i].major, t[i].max_cpus,
							t[i].apic_va);
		struct pvrom_init_result *res = malloc(t[i].res_size);
		struct pvrom_init_args a;
		int32_t got;

		memset(res, 0, t[i].res_size);
		res->size = t[i].res_size;
		memset(&cpu, 0, sizeof(cpu));
		cpu.max_basic = t[i].ext_max;
		cpu.hv_bit = t[i].rdtscp;
		memset(&a, 0x5a, sizeof(a));
		got = pvrom_init_check(args, res, &a, fake_cpuid_smp);
		snprintf(name, sizeof(name), "init check %s", t[i].name);
		result(got == t[i].want && cpu.calls == t[i].cpuid_calls, name,
		       "got %d, want %d; %u cpuid calls, want %u", got, t[i].want,
		       cpu.calls, t[i].cpuid_calls);
		free(args);
		free(res);
	}
}

/* The size rule: the bytes the guest sent, the rest zero. */
static void test_init_size_rule(void)
{
	struct pvrom_init_args *args = args_new(0x1c, 1, 3, 0xfee00000);
	struct pvrom_init_result res;
	struct pvrom_init_args a;
	const unsigned char *p = (const unsigned char *)&a;
	int32_t rc;
	int zero = 1;

	memset(&res, 0, sizeof(res));
	res.size = sizeof(res);
	memset(&cpu, 0, sizeof(cpu));
	cpu.max_basic = 0x80000008;
	cpu.hv_bit = 1;
	memset(&a, 0x5a, sizeof(a));
	rc = pvrom_init_check(args, &res, &a, fake_cpuid_smp);
	for (size_t i = 0x1c; i < sizeof(a); i++)
		zero &= p[i] == 0;
	result(rc == PVROM_OK && a.size == 0x1c && a.abi_major == 1 && a.max_cpus == 3 &&
	       a.apic_va == 0xfee00000 && zero, "init check size rule: short args, rest zero",
	       "rc %d, max_cpus %u, rest zero %d", rc, a.max_cpus, zero);
	free(args);

	args = args_new(300, 1, 1, 0);
	memset(&a, 0x5a, sizeof(a));
	rc = pvrom_init_check(args, &res, &a, fake_cpuid_smp);
	result(rc == PVROM_OK && a.size == 300 && a.data_pa == 0x1000 &&
	       !memcmp(a.guest_name, "test", 5), "init check size rule: long args, own size",
	       "rc %d", rc);
	free(args);

	rc = pvrom_init_check(NULL, &res, &a, fake_cpuid_smp);
	result(rc == -PVROM_EINVAL, "init check args NULL", "rc %d", rc);
	args = args_new(136, 1, 1, 0);
	rc = pvrom_init_check(args, NULL, &a, fake_cpuid_smp);
	result(rc == -PVROM_EINVAL, "init check res NULL", "rc %d", rc);
	free(args);
}

int main(void)
{
	test_days();
	test_rtc_decode();
	test_rtc_read();
	test_tsc_cpuid();
	test_lapic();
	test_init_check();
	test_init_size_rule();
	printf("test_hw: %d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
