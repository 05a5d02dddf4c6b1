// SPDX-License-Identifier: GPL-2.0-only
/*
 * Names and messages: op names of this build (from the catalogue,
 * catalog.c), the text for every binding outcome and call-site outcome.  No
 * privileged code here, so the host tests link it as is.
 */
#include "guest/bind/bind_int.h"

const char *pvb_op_name(unsigned op)
{
	return op < PVROM_OP_COUNT ? pvb_catalog[op].sym + sizeof(PVROM_SYM_PREFIX) - 1 : "?";
}

unsigned pvb_op_minor(unsigned op)
{
	return op < PVROM_OP_COUNT ? pvb_catalog[op].minor : 0;
}

static const struct { const char *name, *msg; } bind_errs[PVB_B_MAX - PVB_B_FIRST] = {
#define X(name, msg) [name - PVB_B_FIRST] = { #name, msg },
	PVB_BIND_ERRORS(X)
#undef X
};

const char *pvb_bind_errname(int err)
{
	if (err >= PVB_B_FIRST && err < PVB_B_MAX)
		return bind_errs[err - PVB_B_FIRST].name;
	return pvb_errname(err);
}

const char *pvb_bind_strerror(int err)
{
	if (err >= PVB_B_FIRST && err < PVB_B_MAX)
		return bind_errs[err - PVB_B_FIRST].msg;
	return pvb_strerror(err);
}

static const struct { const char *name, *why; } site_outcomes[PVB_SITE_MAX] = {
#define X(name, s, why) [name] = { s, why },
	PVB_SITE_OUTCOMES(X)
#undef X
};

const char *pvb_site_name(unsigned outcome)
{
	return outcome < PVB_SITE_MAX ? site_outcomes[outcome].name : "?";
}

const char *pvb_site_why(unsigned outcome)
{
	return outcome < PVB_SITE_MAX ? site_outcomes[outcome].why : "?";
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
