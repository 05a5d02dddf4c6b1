/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel command line: space-separated key=value words.
 *   pvrom=auto|off  pvrom.license=strict|any  pvrom.backend=auto|native
 *   pvrom.patch=on|off (rewrite the pv call sites at bind time, or not)
 *   run=tests|demo|bench  tests=<name,name,...|all>  expect=bound|native
 *   quiet  host_time=<epoch seconds> (the test runner's clock, for the
 *   wall-clock check)  bench.n=<calls per batch>  bench.batches=<n>
 *   bench.ops=<op,op,...|all>
 *   pvrom.test_data_pa=0x<hex> (tests only: the data area's physical
 *   address the ROM is told, to make its KVM registrations fail)
 * Two test groups only act when named alone: tests=crash (an unexpected
 * #PF, to see the register dump) and tests=shutdown (the shutdown op).
 * Unknown words are reported and ignored.
 */
#include "guest/kernel/lib.h"
#include "guest/kernel/cmdline.h"

struct kopts kopts = { .run_tests = true, .tests = "all", .bench_ops = "all" };

static bool word_is(const char *w, size_t n, const char *s)
{
	return strlen(s) == n && !strncmp(w, s, n);
}

static const char *find_eq(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i] == '=')
			return w + i;
	return NULL;
}

/* A whole word of decimal digits (strtou64 would stop at the space). */
static bool number(const char *v, size_t n, uint64_t *out)
{
	uint64_t x = 0;

	if (!n || n > 19)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return false;
		x = x * 10 + (uint64_t)(v[i] - '0');
	}
	*out = x;
	return true;
}

/* A whole word "0x" + 1..16 hex digits. */
static bool hex_number(const char *v, size_t n, uint64_t *out)
{
	uint64_t x = 0;

	if (n < 3 || n > 18 || v[0] != '0' || (v[1] != 'x' && v[1] != 'X'))
		return false;
	for (size_t i = 2; i < n; i++) {
		char c = v[i];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return false;
		x = x << 4 | d;
	}
	*out = x;
	return true;
}

static void option(const char *w, size_t n)
{
	uint64_t num;
	const char *eq = find_eq(w, n);
	size_t kn = eq ? (size_t)(eq - w) : n;
	const char *v = eq ? eq + 1 : "";
	size_t vn = eq ? n - kn - 1 : 0;

	if (word_is(w, kn, "pvrom") && word_is(v, vn, "off"))
		kopts.pvrom_off = true;
	else if (word_is(w, kn, "pvrom") && word_is(v, vn, "auto"))
		kopts.pvrom_off = false;
	else if (word_is(w, kn, "pvrom.license") && word_is(v, vn, "any"))
		kopts.license_any = true;
	else if (word_is(w, kn, "pvrom.license") && word_is(v, vn, "strict"))
		kopts.license_any = false;
	else if (word_is(w, kn, "pvrom.backend") && word_is(v, vn, "native"))
		kopts.backend_native = true;
	else if (word_is(w, kn, "pvrom.backend") && word_is(v, vn, "auto"))
		kopts.backend_native = false;
	else if (word_is(w, kn, "pvrom.patch") && word_is(v, vn, "off"))
		kopts.patch_off = true;
	else if (word_is(w, kn, "pvrom.patch") && word_is(v, vn, "on"))
		kopts.patch_off = false;
	else if (word_is(w, kn, "pvrom.test_data_pa") && hex_number(v, vn, &num))
		kopts.test_data_pa = num;
	else if (word_is(w, kn, "run") && word_is(v, vn, "demo"))
		kopts.run_tests = kopts.run_bench = false;
	else if (word_is(w, kn, "run") && word_is(v, vn, "tests")) {
		kopts.run_tests = true;
		kopts.run_bench = false;
	} else if (word_is(w, kn, "run") && word_is(v, vn, "bench")) {
		kopts.run_tests = false;
		kopts.run_bench = true;
	} else if (word_is(w, kn, "host_time") && number(v, vn, &num))
		kopts.host_time = num;
	else if (word_is(w, kn, "bench.n") && number(v, vn, &num) && num)
		kopts.bench_n = num;
	else if (word_is(w, kn, "bench.batches") && number(v, vn, &num) &&
		 num && num < 1000)
		kopts.bench_batches = (uint32_t)num;
	else if (word_is(w, kn, "bench.ops") && vn < sizeof(kopts.bench_ops)) {
		memcpy(kopts.bench_ops, v, vn);
		kopts.bench_ops[vn] = 0;
	} else if (word_is(w, kn, "tests") && vn < sizeof(kopts.tests)) {
		memcpy(kopts.tests, v, vn);
		kopts.tests[vn] = 0;
	} else if (word_is(w, kn, "expect") && vn < sizeof(kopts.expect)) {
		memcpy(kopts.expect, v, vn);
		kopts.expect[vn] = 0;
	} else if (word_is(w, n, "quiet"))
		kopts.quiet = true;
	else {
		char buf[64];

		strlcpy(buf, w, MIN(n + 1, sizeof(buf)));
		printf("cmdline: ignoring '%s'\n", buf);
	}
}

void cmdline_parse(const char *s)
{
	while (*s) {
		const char *w;

		while (*s == ' ' || *s == '\t')
			s++;
		w = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		if (s > w)
			option(w, (size_t)(s - w));
	}
}

/* "all", or a comma list where an entry matches a name exactly or as a
 * prefix ending in '*' ("mmu*"): tests=, bench.ops=. */
bool test_selected(const char *name)
{
	return list_selected(kopts.tests, name);
}

bool list_selected(const char *list, const char *name)
{
	const char *p = list;

	if (!strcmp(p, "all"))
		return true;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n && p[n - 1] == '*') {
			if (!strncmp(name, p, n - 1))
				return true;
		} else if (strlen(name) == n && !strncmp(name, p, n))
			return true;
		p += n;
		if (*p == ',')
			p++;
	}
	return false;
}
