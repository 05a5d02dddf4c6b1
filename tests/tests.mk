# SPDX-License-Identifier: GPL-2.0-only
#
# The tests.  Each fragment included below builds what its suites need and
# defines, for each suite NAME:
#   SUITE_NAME  := shell command printing PASS:/FAIL:/SKIP: lines
#   TEST_DEPS   += files the command needs (built before any suite runs)
# TEST_SUITES, at the end of this file, is the one list of suites, in the
# order `make test` runs them; tests/run.sh runs them and prints
# "N passed, N failed, N skipped".  The test-body rule is in the top
# Makefile, after every fragment.

# The ABI headers, each compiled alone, and abidiff against the baselines
# (abi/abi.mk).
SUITE_abi-check := $(MAKE) --no-print-directory -s abi-check

include tests/host/host.mk	# host-image, host-tools, host-hw
include tests/host/pvboot.mk	# pvboot-host
include tests/host/bind.mk	# bind-host, bind-patch, bind-standalone
include tests/build/build.mk	# build-fail
include tests/fuzz/fuzz.mk	# fuzz-image (and make fuzz)
include tests/bench/bench.mk	# bench-icount (and make bench)
include tests/qemu/qemu.mk	# qemu (and make qemu-cases)
include tests/install/install.mk	# install (and the consumer kernel)
include tests/deb/deb.mk	# deb
include tests/abi/abi.mk	# abi-break

# Two clean builds from different directories give byte-identical ROMs.
SUITE_repro := $(SRC)/tests/repro/repro.sh $(SRC) $(B)

# Fast host checks first, then the ones that build or fuzz for a while,
# then the guest under QEMU.
TEST_SUITES := abi-check host-hw host-image host-tools pvboot-host bind-host \
	       bind-patch bind-standalone install deb build-fail repro abi-break \
	       fuzz-image bench-icount bench-smoke qemu

# Every defined suite runs, and only those: a fragment's new SUITE_x must be
# added to the list above, in its place.
TEST_SUITES_DEFINED := $(patsubst SUITE_%,%,$(filter SUITE_%,$(.VARIABLES)))
ifneq ($(filter-out $(TEST_SUITES),$(TEST_SUITES_DEFINED)),)
$(error tests/tests.mk: suites not in TEST_SUITES: $(filter-out $(TEST_SUITES),$(TEST_SUITES_DEFINED)))
endif
ifneq ($(filter-out $(TEST_SUITES_DEFINED),$(TEST_SUITES)),)
$(error tests/tests.mk: TEST_SUITES names undefined suites: $(filter-out $(TEST_SUITES_DEFINED),$(TEST_SUITES)))
endif
