/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * In-guest tests, kvm-unit-tests style: every check prints one line,
 * "PASS: name", "FAIL: name (detail)" or "SKIP: name (why)", and tests_run()
 * ends with a summary line and returns the isa-debug-exit code.
 *
 * A test file registers its groups with KTEST(name); tests=<list> selects
 * groups by name (or prefix*).
 */
#ifndef KERNEL_TESTS_H
#define KERNEL_TESTS_H

#include "guest/kernel/lib.h"

struct ktest {
	const char *name;
	void (*fn)(void);
};

#define KTEST(n)							\
	static void ktest_##n(void);					\
	static const struct ktest ktest_rec_##n				\
		__attribute__((used, section(".tests." #n), aligned(8))) = \
		{ #n, ktest_##n };					\
	static void ktest_##n(void)

void check(bool ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pass(const char *name);
void skip(const char *name, const char *why, ...)
	__attribute__((format(printf, 2, 3)));

int tests_run(void);

#endif
