// SPDX-License-Identifier: GPL-2.0-only
/*
 * A stand-in for guest/bind/catalog.c, linked into a test build of
 * pvrom-info (test_tools.sh): every op newer than ABI x.0 moves to minor 10,
 * whose version node ends in "10".  A tool that took the minor from the
 * node's last character would read 0 there and report those ops missing
 * from a ROM of an older minor.
 */
#include "guest/bind/image.h"

#define MINOR10(m)	((m) ? 10 : 0)

const struct pvb_op_desc pvb_catalog[PVROM_OP_COUNT_ALL] = {
#define X(g, n, r, p, a, m)						\
	{ PVROM_SYM_PREFIX #n,						\
	  (m) ? PVROM_VERSION_NODE(10) : PVROM_VERSION_NODE(0), MINOR10(m), a },
	PVROM_OPS_ALL(X)
#undef X
};
