# SPDX-License-Identifier: GPL-2.0-only
# QEMU boot cases: bad-ROM generator, the catalogue runner, its suite.

BAD_ROMS := checksum crc major2 license noinit nocpuid truncated
BAD_ROM_FILES := $(BAD_ROMS:%=$(B)/tests/roms/%.rom)

$(B)/tests/mkbad: tests/qemu/mkbad.c linker/seal.c $(PVB_VALIDATOR_SRCS) $(PVB_HDRS)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ tests/qemu/mkbad.c linker/seal.c $(PVB_VALIDATOR_SRCS)

$(B)/tests/roms/%.rom: $(B)/tests/mkbad $(B)/pvrom.rom
	$(Q)mkdir -p $(@D)
	$(Q)$(B)/tests/mkbad $* $(B)/pvrom.rom $@

QEMU_CASES ?= tests/qemu/cases.cfg
TEST_SUITES += qemu
SUITE_qemu := tests/qemu/run-cases.sh $(if $(CASES),-k '$(CASES)') $(QEMU_CASES) $(B)
TEST_DEPS += $(BAD_ROM_FILES)

# make qemu-cases CASES=regex: run only the QEMU cases (after a build).
.PHONY: qemu-cases
qemu-cases: $(ALL_TARGETS) $(TEST_DEPS)
	$(Q)tests/qemu/run-cases.sh $(if $(CASES),-k '$(CASES)') $(QEMU_CASES) $(B)
