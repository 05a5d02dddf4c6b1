# SPDX-License-Identifier: GPL-2.0-only
#
# Host tests of the validator, the ROM tools and abi/hw, under ASan and
# UBSan:
#   host-image  test_image over both ROMs: good images, every bad-ROM
#               variant of tests/badrom/variants.c
#   host-tools  test_tools.sh: pvrom-info's and pvrom-link's behaviour
#   host-hw     test_hw: abi/hw's pure parts, the ABI's init argument checks
# Uses PVB_VALIDATOR_SRCS/HDRS (guest/bind/validator.mk), PVROM_MAX_SIZE and
# the ROM inputs (linker/linker.mk, rom/rom.mk), the bad ROMs made by
# tests/qemu/qemu.mk.

HOST_TEST_SRCS := tests/host/test_image.c tests/badrom/variants.c linker/seal.c \
		  $(PVB_VALIDATOR_SRCS)

$(B)/tests/test_image: $(HOST_TEST_SRCS) $(PVB_VALIDATOR_HDRS) tests/badrom/variants.h \
		       linker/seal.h tests/host/check.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ $(HOST_TEST_SRCS)

TEST_DEPS += $(B)/tests/test_image $(B)/pvrom.rom $(B)/compat/pvrom-1.1.rom \
	     $(B)/pvrom-info $(B)/pvrom-link $(ROM_HEAD) $(ROM_ELF) \
	     $(B)/compat/rom-1.1/pvrom.elf

SUITE_host-image := $(B)/tests/test_image $(B)/pvrom.rom $(B)/compat/pvrom-1.1.rom

# pvrom-info with a catalogue whose newer ops sit at minor 10 (its own
# catalogue stands in for the validator list's catalog.c).
PVROM_INFO_M10_SRCS := linker/pvrom-info.c tests/host/catalog_minor10.c \
	$(filter-out guest/bind/catalog.c,$(PVB_VALIDATOR_SRCS))
$(B)/tests/pvrom-info-minor10: $(PVROM_INFO_M10_SRCS) $(PVB_VALIDATOR_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ $(PVROM_INFO_M10_SRCS)
TEST_DEPS += $(B)/tests/pvrom-info-minor10

SUITE_host-tools := PVB_VALIDATOR_SRCS='$(PVB_VALIDATOR_SRCS)' \
	PVROM_MAX_SIZE=$(PVROM_MAX_SIZE) \
	$(SRC)/tests/host/test_tools.sh $(B) $(B)/pvrom.rom

# abi/hw's pure parts and the ABI's init argument checks (tests/host/test_hw.c).
$(B)/tests/test_hw: tests/host/test_hw.c tests/host/check.h $(wildcard abi/hw/*.h abi/pvrom/*.h)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ tests/host/test_hw.c

TEST_DEPS += $(B)/tests/test_hw
SUITE_host-hw := $(B)/tests/test_hw
