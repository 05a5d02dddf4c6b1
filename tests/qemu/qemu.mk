# SPDX-License-Identifier: GPL-2.0-only
#
# QEMU boot cases: the bad-ROM generator, the catalogue runner, suite qemu
# and `make qemu-cases CASES=regex`.  Uses PVB_VALIDATOR_SRCS/HDRS
# (guest/bind/validator.mk) and ALL_TARGETS (every fragment's outputs).

MKBAD_SRCS := tests/qemu/mkbad.c tests/badrom/variants.c linker/seal.c $(PVB_VALIDATOR_SRCS)

$(B)/tests/mkbad: $(MKBAD_SRCS) tests/badrom/variants.h $(PVB_VALIDATOR_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ $(MKBAD_SRCS)

# Every variant of the table (mkbad --list), as tests/roms/<name>.rom;
# cases.cfg names the ones it boots.
BAD_ROMS := $(B)/tests/roms/.made
$(BAD_ROMS): $(B)/tests/mkbad $(B)/pvrom.rom
	$(Q)rm -rf $(@D) && mkdir -p $(@D)
	$(Q)$(B)/tests/mkbad --all $(B)/pvrom.rom $(@D)
	$(Q)touch $@

QEMU_CASES ?= tests/qemu/cases.cfg
SUITE_qemu := tests/qemu/run-cases.sh $(if $(CASES),-k '$(CASES)') $(QEMU_CASES) $(B)
TEST_DEPS += $(BAD_ROMS)

# make qemu-cases CASES=regex: run only the QEMU cases (after a build).
.PHONY: qemu-cases
qemu-cases: $(ALL_TARGETS) $(TEST_DEPS)
	$(Q)tests/qemu/run-cases.sh $(if $(CASES),-k '$(CASES)') $(QEMU_CASES) $(B)
