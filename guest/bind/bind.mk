# SPDX-License-Identifier: GPL-2.0-only
#
# The binding library, included from guest/guest.mk.
#
#   $(B)/guest/bind/libpvbind.a     every guest/bind/*.c and *.S (the
#                                   validator's files included), freestanding
#   $(call pvbind_lib,DIR,CFLAGS)   another build of it, e.g. for a guest
#                                   built against ABI 1.1:
#                                   $(eval $(call pvbind_lib,$(B)/guest11/bind,-DPVROM_ABI_MINOR=1))
#   PVBIND_CODE_MODEL               -mcmodel=kernel -fno-pie (default) or -fPIE;
#                                   set it before including this file
#
# Test suites:
#   bind-standalone  the library compiles with nothing but -I$(SRC) and the
#                    compiler's freestanding headers, links with no undefined
#                    symbol, and every pv_*() wrapper compiles to one recorded
#                    "call *pv_ops+N(%rip)" (none in a PVOPS_NATIVE build)
#   bind-host        discovery + copy + validation + licence policy over a
#                    fake physical memory holding build/pvrom.rom (ASan+UBSan)

PVBIND_DIR  := guest/bind
PVBIND_SRCS := $(sort $(wildcard $(PVBIND_DIR)/*.c $(PVBIND_DIR)/*.S))
PVBIND_CODE_MODEL ?= -mcmodel=kernel -fno-pie -fno-pic
# -fno-tree-loop-distribute-patterns: no surprise memcpy/memset calls, the
# library must not need anything from its host kernel.
# -mpreferred-stack-boundary=3: pv-op calls only keep 8-byte %rsp alignment
# (SPEC section 8), so nothing here may assume 16.
PVBIND_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding \
	-fno-builtin -nostdlib -fno-stack-protector -mno-red-zone \
	-mgeneral-regs-only -mpreferred-stack-boundary=3 \
	-fno-asynchronous-unwind-tables -fcf-protection=none \
	-fno-tree-loop-distribute-patterns -I$(SRC)

# $(1): output dir, $(2): extra CFLAGS
define pvbind_lib
$(1)/objs := $$(patsubst $(PVBIND_DIR)/%,$(1)/%.o,$$(PVBIND_SRCS))

$(1)/%.c.o: $(PVBIND_DIR)/%.c
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$(PVBIND_CFLAGS) $$(PVBIND_CODE_MODEL) $(2) -MMD -MP -c $$< -o $$@
$(1)/%.S.o: $(PVBIND_DIR)/%.S
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$(PVBIND_CFLAGS) $$(PVBIND_CODE_MODEL) $(2) -MMD -MP -c $$< -o $$@
$(1)/libpvbind.a: $$($(1)/objs)
	$$(Q)rm -f $$@
	$$(Q)ar rcs $$@ $$^
	@echo "  AR      $$@"
-include $$($(1)/objs:.o=.d)
endef

$(eval $(call pvbind_lib,$(B)/guest/bind,))
ALL_TARGETS += $(B)/guest/bind/libpvbind.a

# ---- tests ----
PVBIND_HOST_TEST := $(B)/tests/host/bind_discover
# The whole library, built for the host: pvb_fetch lives beside pvb_bind in
# bind.c, which links the rest; the test runs none of the privileged code.
PVBIND_HOST_SRCS := tests/host/bind_discover.c $(PVBIND_SRCS)

$(PVBIND_HOST_TEST): $(PVBIND_HOST_SRCS) $(wildcard $(PVBIND_DIR)/*.h) \
		     $(wildcard abi/pvrom/*.h)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ $(PVBIND_HOST_SRCS)

TEST_DEPS += $(PVBIND_HOST_TEST)
TEST_SUITES += bind-standalone bind-host
SUITE_bind-standalone := $(SRC)/tests/host/bind_standalone.sh $(SRC) $(B)/tests/bind-standalone \
	$(PVBIND_CFLAGS)
SUITE_bind-host := $(PVBIND_HOST_TEST) $(B)/pvrom.rom
