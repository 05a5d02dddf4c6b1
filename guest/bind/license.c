// SPDX-License-Identifier: GPL-2.0-only
/*
 * Licence policy.  By default a guest binds only a ROM whose SPDX licence
 * expression is compatible with GPL-2.0 (Linux refused VMI ROMs that were
 * not "GPL").  Grammar understood, SPDX precedence (AND binds tighter):
 *
 *     expr   := term { "OR" term }       accepted if any term is
 *     term   := factor { "AND" factor }  accepted if every factor is
 *     factor := "(" expr ")" | licence-id
 *
 * Anything else (WITH exceptions, unknown ids, LicenseRef-*, syntax errors)
 * is refused: the policy fails closed.
 */
#include "guest/bind/image.h"

#define LIC_MAX_DEPTH	8

static const char *const lic_accepted[] = {
	"GPL-2.0-only", "GPL-2.0-or-later", "GPL-2.0", "GPL-2.0+",
	"MIT", "BSD-2-Clause", "BSD-3-Clause", "X11", "ISC", "Zlib",
};

struct lic_cursor {
	const char *p;
	int bad;			/* syntax error seen: refuse */
};

static int lic_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static int lic_idchar(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' ||
	       c == ':';
}

static void lic_skip_space(struct lic_cursor *c)
{
	while (*c->p == ' ' || *c->p == '\t')
		c->p++;
}

/* Length of the identifier token at the cursor (0 if none). */
static unsigned lic_token(const struct lic_cursor *c)
{
	unsigned n = 0;

	while (lic_idchar(c->p[n]))
		n++;
	return n;
}

static int lic_token_is(const struct lic_cursor *c, unsigned n, const char *word)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (word[i] == '\0' || c->p[i] != word[i])
			return 0;
	return word[n] == '\0';
}

/* SPDX ids match case-insensitively. */
static int lic_id_accepted(const char *s, unsigned n)
{
	unsigned k, i;

	for (k = 0; k < sizeof(lic_accepted) / sizeof(lic_accepted[0]); k++) {
		const char *a = lic_accepted[k];

		for (i = 0; i < n && a[i]; i++)
			if (lic_lower(s[i]) != lic_lower(a[i]))
				break;
		if (i == n && a[i] == '\0')
			return 1;
	}
	return 0;
}

static int lic_expr(struct lic_cursor *c, int depth);

static int lic_factor(struct lic_cursor *c, int depth)
{
	unsigned n;
	int ok;

	lic_skip_space(c);
	if (*c->p == '(') {
		c->p++;
		ok = lic_expr(c, depth + 1);
		lic_skip_space(c);
		if (*c->p != ')') {
			c->bad = 1;
			return 0;
		}
		c->p++;
		return ok;
	}
	n = lic_token(c);
	if (n == 0 || lic_token_is(c, n, "OR") || lic_token_is(c, n, "AND") ||
	    lic_token_is(c, n, "WITH")) {
		c->bad = 1;
		return 0;
	}
	ok = lic_id_accepted(c->p, n);
	c->p += n;
	return ok;
}

static int lic_term(struct lic_cursor *c, int depth)
{
	int ok = lic_factor(c, depth);
	unsigned n;

	for (;;) {
		lic_skip_space(c);
		n = lic_token(c);
		if (!lic_token_is(c, n, "AND"))
			return ok;
		c->p += n;
		ok = lic_factor(c, depth) && ok;
	}
}

static int lic_expr(struct lic_cursor *c, int depth)
{
	int ok;
	unsigned n;

	if (depth > LIC_MAX_DEPTH) {
		c->bad = 1;
		return 0;
	}
	ok = lic_term(c, depth);
	for (;;) {
		lic_skip_space(c);
		n = lic_token(c);
		if (!lic_token_is(c, n, "OR"))
			return ok;
		c->p += n;
		ok = lic_term(c, depth) || ok;
	}
}

int pvb_license_gpl_compatible(const char *spdx)
{
	struct lic_cursor c = { spdx, 0 };
	int ok;

	if (!spdx)
		return 0;
	ok = lic_expr(&c, 0);
	lic_skip_space(&c);
	if (c.bad || *c.p != '\0')
		return 0;
	return ok;
}
