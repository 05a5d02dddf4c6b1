# SPDX-License-Identifier: GPL-2.0-only
#
# The test runner.  Each area registers suites:
#   TEST_SUITES += name
#   SUITE_name  := shell command that prints PASS:/FAIL:/SKIP: lines
#   TEST_DEPS   += files the command needs (built before any suite runs)
# tests/run.sh runs them in order and prints "N passed, N failed, N skipped".
# The test-body rule itself is in the top Makefile, after every fragment.

TEST_SUITES += abi-check
SUITE_abi-check := $(MAKE) --no-print-directory -s abi-check

include tests/qemu/qemu.mk
include tests/host/host.mk

# Two clean builds from different directories give byte-identical ROMs.
TEST_SUITES += repro
SUITE_repro := $(SRC)/tests/repro/repro.sh $(SRC) $(B)
