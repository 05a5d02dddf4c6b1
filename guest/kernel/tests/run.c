/* SPDX-License-Identifier: GPL-2.0-only */
/* The test runner: counts, summary line, exit code. */
#include "guest/kernel/lib.h"
#include "guest/kernel/cmdline.h"
#include "guest/kernel/kernel.h"
#include "guest/kernel/tests/tests.h"

extern const struct ktest __tests_start[], __tests_end[];
static unsigned npass, nfail, nskip;

void pass(const char *name)
{
	npass++;
	printf("PASS: %s\n", name);
}

void check(bool ok, const char *name, const char *fmt, ...)
{
	char detail[160];
	va_list ap;

	if (ok) {
		pass(name);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	nfail++;
	printf("FAIL: %s (%s)\n", name, detail);
}

void skip(const char *name, const char *why, ...)
{
	char detail[160];
	va_list ap;

	va_start(ap, why);
	vsnprintf(detail, sizeof(detail), why, ap);
	va_end(ap);
	nskip++;
	printf("SKIP: %s (%s)\n", name, detail);
}

int tests_run(void)
{
	unsigned groups = 0;

	printf("tests: selection '%s'\n", kopts.tests);
	for (const struct ktest *t = __tests_start; t < __tests_end; t++) {
		if (!test_selected(t->name))
			continue;
		groups++;
		printf("--- %s\n", t->name);
		t->fn();
	}
	if (kopts.expect[0]) {
		bool bound = !strncmp(pvrom_state, "bound", 5);

		check((!strcmp(kopts.expect, "bound") && bound) ||
		      (!strcmp(kopts.expect, "native") && !bound),
		      "binding state as expected", "expect=%s, pvrom: %s",
		      kopts.expect, pvrom_state);
	}
	if (!groups)
		skip("tests", "no test group matches '%s'", kopts.tests);
	printf("SUMMARY: %u passed, %u failed, %u skipped; pvrom: %s\n",
	       npass, nfail, nskip, pvrom_state);
	if (nfail)
		return EXIT_FAIL;
	return npass ? EXIT_PASS : EXIT_SKIP;
}
