# SPDX-License-Identifier: GPL-2.0-only
#
# pvrom top-level build.  Each area has its own fragment (abi/abi.mk,
# guest/bind/validator.mk, rom/rom.mk, linker/linker.mk, guest/guest.mk,
# loader/loader.mk, and tests/tests.mk, which includes the test fragments);
# everything is built under build/, nothing is generated in the source tree.
#
#   make          build everything
#   make run      boot the reference guest with the ROM in QEMU
#                 (ARGS='kernel args', FIRMWARE=bios|uefi|grub, ACCEL=tcg|kvm)
#   make test     run every suite, in the order of TEST_SUITES in
#                 tests/tests.mk (ends with "N passed, N failed, N skipped")
#   make qemu-cases CASES=regex   only the matching QEMU boot cases
#   make abi-check   each ABI header compiled alone, as C99 and as C++,
#                 and abidiff of the ROM against abi/baseline/ (abi/abi.mk)
#   make abi-baseline   the ABI dumps of this build, for a release
#   make bench    per-op cost, ROM versus native, into build/bench/
#   make fuzz     the validator fuzzer for FUZZ_SECONDS (default 300)
#   make debug    QEMU halted with a gdb stub; gdb -x build/guest.gdb
#   make deps     check for (and as root install) the Debian packages needed
#   make clean    remove build/
#   make V=1      show the commands

B        := build
V        ?= 0
Q        := $(if $(filter 1,$(V)),,@)
SRC      := $(CURDIR)
SHELL    := /bin/bash

CC       ?= gcc
HOSTCC   := gcc
NASM     := nasm
LD       := ld
OBJCOPY  := objcopy

# Host tools and tests: warnings are errors.
HOST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -I$(SRC)
SAN_FLAGS   := -fsanitize=address,undefined -fno-omit-frame-pointer \
               -fno-sanitize-recover=all

.DEFAULT_GOAL := all
.PHONY: all deps run test test-body abi-check clean help bench debug fuzz

# deps first, then the real work in a sub-make, so a missing tool is
# installed before any rule needs it.
all run test bench debug fuzz: deps
	$(Q)$(MAKE) --no-print-directory $@-body

deps:
	$(Q)$(SRC)/tests/deps.sh

help:
	@sed -n '3,/^$$/{/^#/s/^# \{0,1\}//p}' Makefile

clean:
	rm -rf $(B)

include guest/bind/validator.mk
include rom/rom.mk
include linker/linker.mk
include guest/guest.mk
include loader/loader.mk
# after rom.mk and linker.mk: the ABI baseline check builds the ROM again
# with debug info, from their sources and flags
include abi/abi.mk

include tests/tests.mk

all-body: $(ALL_TARGETS)

# After every fragment, so that their ALL_TARGETS and TEST_DEPS count.
test-body: $(ALL_TARGETS) $(TEST_DEPS)
	$(Q)mkdir -p $(B)/tests/logs
	$(Q)$(SRC)/tests/run.sh $(B)/tests/logs \
	    $(foreach s,$(TEST_SUITES),'$(s)=$(subst ','\'',$(SUITE_$(s)))')
