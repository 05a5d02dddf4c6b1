// SPDX-License-Identifier: GPL-2.0-only
/*
 * The op catalogue as data, from the one list in abi/pvrom/ops.h.  Plain
 * constant data: the guest, the host tools and the tests link it as is.
 */
#include "guest/bind/image.h"

const struct pvb_op_desc pvb_catalog[PVROM_OP_COUNT_ALL] = {
#define X(g, n, r, p, a, m) { PVROM_SYM_PREFIX #n, PVROM_VERSION_NODE(m), m, a },
	PVROM_OPS_ALL(X)
#undef X
};
