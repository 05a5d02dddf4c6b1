# SPDX-License-Identifier: GPL-2.0-only
#
# Host tests of the validator and the ROM tools (tests/host), the fuzzer
# (tests/fuzz) and the build-failure tests (tests/build).  Included from
# tests/tests.mk.

HOST_TEST_SRCS := tests/host/test_image.c linker/seal.c $(PVB_VALIDATOR_SRCS)

$(B)/tests/test_image: $(HOST_TEST_SRCS) $(PVB_HDRS) tests/host/check.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ $(HOST_TEST_SRCS)

TEST_DEPS += $(B)/tests/test_image $(B)/pvrom.rom $(B)/compat/pvrom-1.1.rom \
	     $(B)/pvrom-info $(B)/pvrom-link $(ROM_HEAD) $(ROM_ELF) \
	     $(B)/compat/rom-1.1/pvrom.elf

TEST_SUITES += host-image
SUITE_host-image := $(B)/tests/test_image $(B)/pvrom.rom $(B)/compat/pvrom-1.1.rom

TEST_SUITES += host-tools
SUITE_host-tools := PVB_VALIDATOR_SRCS='$(PVB_VALIDATOR_SRCS)' \
	$(SRC)/tests/host/test_tools.sh $(B) $(B)/pvrom.rom

# abi/hw's pure parts and the ABI's init argument checks (tests/host/test_hw.c).
$(B)/tests/test_hw: tests/host/test_hw.c tests/host/check.h $(wildcard abi/hw/*.h abi/pvrom/*.h)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ tests/host/test_hw.c

TEST_DEPS += $(B)/tests/test_hw

TEST_SUITES += host-hw
SUITE_host-hw := $(B)/tests/test_hw

include tests/host/pvboot.mk
include tests/fuzz/fuzz.mk
include tests/build/build.mk
