# SPDX-License-Identifier: GPL-2.0-only
#
# The ABI baseline (abi/abi.mk):
#   abi-check   make abi-check: the headers alone, and abidiff of this
#               build against every dump in abi/baseline/ (suite defined in
#               tests/tests.mk, as before)
#   abi-break   that the abidiff half fails when it must: a deliberately
#               changed prototype and a moved version, in a copy of the
#               tree (tests/abi/break.sh); an added op passes; and the
#               debug-info ROM is the shipped one but for its build-id
TEST_DEPS += $(ABI_ROM_ELF) $(ABI_CAT_ELF) $(ROM_ELF)
SUITE_abi-break := $(SRC)/tests/abi/break.sh $(SRC) $(B)
