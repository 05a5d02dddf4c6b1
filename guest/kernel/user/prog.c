/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ring-3 program every user task runs.  Built position-independent and
 * copied into each task's own address space at USER_TEXT_VA (kernel.lds puts
 * this object's sections in .utext), so it may reference nothing outside
 * itself: no libc, no kernel symbols, no writable globals.
 *
 * It checks what it can see from ring 3 (each syscall's return value, its
 * FS base, that it gets preempted while spinning) and reports the number of
 * failed checks with SYS_REPORT before exiting with code 40 + pid.
 */
#include <stdint.h>
#include "guest/kernel/user/abi.h"

static inline long sys3(long n, long a, long b, long c)
{
	long r;

	__asm__ __volatile__("syscall"
		: "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c)
		: "rcx", "r11", "memory");
	return r;
}

static inline uint64_t rdtsc_user(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static int put_str(char *b, int n, const char *s)
{
	while (*s)
		b[n++] = *s++;
	return n;
}

static int put_uint(char *b, int n, unsigned long v)
{
	char t[20];
	int k = 0;

	do {
		t[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (k)
		b[n++] = t[--k];
	return n;
}

/* rdi = TSC cycles to spin per round (about 30 ms: several ticks) */
__attribute__((used, noreturn)) void user_entry(uint64_t spin_cycles)
{
	long pid = sys3(SYS_GETPID, 0, 0, 0);
	long bad = 0;
	uint64_t tls;
	char msg[96];

	__asm__ __volatile__("movq %%fs:0, %0" : "=r"(tls));
	if (pid <= 0 || (uint64_t)pid != tls)
		bad++;
	for (int round = 1; round <= 3; round++) {
		int n = put_str(msg, 0, "user: task ");
		uint64_t t0;
		long r;

		n = put_uint(msg, n, (unsigned long)pid);
		n = put_str(msg, n, " ring 3, round ");
		n = put_uint(msg, n, (unsigned long)round);
		n = put_str(msg, n, "\n");
		r = sys3(SYS_WRITE, 1, (long)msg, n);
		if (r != n)
			bad++;
		if (sys3(SYS_WRITE, 1, 0x10, 4) != -1)	/* bad pointer */
			bad++;
		if (sys3(SYS_YIELD, 0, 0, 0) != 0)
			bad++;
		if (sys3(SYS_GETPID, 0, 0, 0) != pid)
			bad++;
		t0 = rdtsc_user();
		while (rdtsc_user() - t0 < spin_cycles)
			__asm__ __volatile__("pause");
		__asm__ __volatile__("movq %%fs:0, %0" : "=r"(tls));
		if (tls != (uint64_t)pid)
			bad++;
	}
	sys3(SYS_REPORT, bad, 0, 0);
	sys3(SYS_EXIT, 40 + pid, 0, 0);
	for (;;)
		;
}
