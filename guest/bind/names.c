// SPDX-License-Identifier: GPL-2.0-only
/*
 * Names and messages: op names of this build (from the catalogue,
 * catalog.c) and the text for every binding outcome.  No
 * privileged code here, so the host tests link it as is.
 */
#include "bind_int.h"

const char *pvb_op_name(unsigned op)
{
	return op < PVROM_OP_COUNT ? pvb_catalog[op].sym + sizeof(PVROM_SYM_PREFIX) - 1 : "?";
}

unsigned pvb_op_minor(unsigned op)
{
	return op < PVROM_OP_COUNT ? pvb_catalog[op].minor : 0;
}

static const char *const bind_msgs[PVB_B_MAX - PVB_B_FIRST] = {
	[PVB_B_OFF - PVB_B_FIRST] = "disabled (pvrom=off)",
	[PVB_B_NONE - PVB_B_FIRST] = "no pvrom image found",
	[PVB_B_UNREACHABLE - PVB_B_FIRST] = "ROM memory not reachable (phys_ptr)",
	[PVB_B_ENV - PVB_B_FIRST] = "kernel environment incomplete (struct pvb_env)",
	[PVB_B_NOMEM - PVB_B_FIRST] = "out of memory for the ROM copy or data area",
	[PVB_B_VA_WINDOW - PVB_B_FIRST] = "VA window too small or misaligned for data area + image",
	[PVB_B_MAP - PVB_B_FIRST] = "mapping the ROM failed",
	[PVB_B_NO_INIT - PVB_B_FIRST] = "ROM exports no pvrom_init",
	[PVB_B_MISSING_OP - PVB_B_FIRST] = "ROM lacks an op of the ABI version it claims",
	[PVB_B_INIT - PVB_B_FIRST] = "ROM init handshake failed",
	[PVB_B_INIT_RESULT - PVB_B_FIRST] = "ROM init result unusable (wrong ABI major)",
};

static const char *const bind_names[PVB_B_MAX - PVB_B_FIRST] = {
#define N(e) [e - PVB_B_FIRST] = #e
	N(PVB_B_OFF), N(PVB_B_NONE), N(PVB_B_UNREACHABLE), N(PVB_B_ENV),
	N(PVB_B_NOMEM), N(PVB_B_VA_WINDOW), N(PVB_B_MAP), N(PVB_B_NO_INIT),
	N(PVB_B_MISSING_OP), N(PVB_B_INIT), N(PVB_B_INIT_RESULT),
#undef N
};

const char *pvb_bind_errname(int err)
{
	if (err >= PVB_B_FIRST && err < PVB_B_MAX && bind_names[err - PVB_B_FIRST])
		return bind_names[err - PVB_B_FIRST];
	return pvb_errname(err);
}

const char *pvb_bind_strerror(int err)
{
	if (err >= PVB_B_FIRST && err < PVB_B_MAX && bind_msgs[err - PVB_B_FIRST])
		return bind_msgs[err - PVB_B_FIRST];
	return pvb_strerror(err);
}

const char *pvb_source_name(int source)
{
	switch (source) {
	case PVROM_SRC_PCI:	return "pci";
	case PVROM_SRC_FILE:	return "file";
	case PVROM_SRC_FW_CFG:	return "fw_cfg";
	case PVROM_SRC_MODULE:	return "module";
	case PVROM_SRC_SCAN:	return "scan";
	default:		return "hand-off";
	}
}
