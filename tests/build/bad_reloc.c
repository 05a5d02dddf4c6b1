// SPDX-License-Identifier: GPL-2.0-only
/* A static table of pointers: in a position-independent image each entry
 * needs a load-time (R_X86_64_RELATIVE) relocation, which a ROM may not have. */
static const char *const names[] = { "alpha", "beta", "gamma" };

const char *pvrom_test_name(unsigned int i);
const char *pvrom_test_name(unsigned int i)
{
	return names[i % 3];
}
