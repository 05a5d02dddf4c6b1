/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host unit tests' reporter: one "PASS: name" or "FAIL: name (details)"
 * line per check, as tests/run.sh counts them.  Each test is a single
 * translation unit, so the counters live here as statics.
 */
#ifndef TESTS_HOST_CHECK_H
#define TESTS_HOST_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int failures, checks;

/* fmt (printf-style) explains a failure; it is not printed on success. */
static void __attribute__((format(printf, 3, 4), unused))
result(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	checks++;
	if (ok) {
		printf("PASS: %s\n", name);
		return;
	}
	failures++;
	printf("FAIL: %s (", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(")\n");
}

#endif /* TESTS_HOST_CHECK_H */
