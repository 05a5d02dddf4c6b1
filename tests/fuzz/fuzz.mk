# SPDX-License-Identifier: GPL-2.0-only
#
# libFuzzer target over the validator (clang).  `make fuzz FUZZ_SECONDS=N`
# fuzzes for N seconds (default 300); `make test` runs it for 45 s.  Seeds:
# the good ROM images; findings land in $(B)/fuzz/artifacts.  Suite
# fuzz-image.  Uses PVB_VALIDATOR_SRCS/HDRS (guest/bind/validator.mk).

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 300
FUZZ_FLAGS   := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I$(SRC) \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer
FUZZ_SRCS    := tests/fuzz/fuzz_image.c linker/seal.c $(PVB_VALIDATOR_SRCS)
FUZZ_SEEDS   := $(B)/pvrom.rom $(B)/compat/pvrom-1.1.rom

$(B)/fuzz/fuzz_image: $(FUZZ_SRCS) $(PVB_VALIDATOR_HDRS) linker/seal.h
	@mkdir -p $(@D)
	@echo "  CLANG   $@"
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(FUZZ_SRCS)

FUZZ_RUN = $(SRC)/tests/fuzz/run-fuzz.sh $(B)/fuzz/fuzz_image $(B)/fuzz

.PHONY: fuzz-body
fuzz-body: $(B)/fuzz/fuzz_image $(FUZZ_SEEDS)
	$(Q)$(FUZZ_RUN) $(FUZZ_SECONDS) $(FUZZ_SEEDS)

TEST_DEPS += $(B)/fuzz/fuzz_image $(FUZZ_SEEDS)
SUITE_fuzz-image := $(FUZZ_RUN) 45 $(FUZZ_SEEDS)
