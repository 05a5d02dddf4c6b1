# SPDX-License-Identifier: GPL-2.0-only
#
# Tests of the binding library (guest/bind) on the host:
#   bind-standalone  the library compiles with nothing but -I$(SRC) and the
#                    compiler's freestanding headers, links with no undefined
#                    symbol, and every pv_*() wrapper compiles to one recorded
#                    "call *pv_ops+N(%rip)" (none in a PVOPS_NATIVE build)
#   bind-host        discovery + copy + validation + licence policy over a
#                    fake physical memory holding build/pvrom.rom (ASan+UBSan)
#   bind-patch       the call-site patcher (guest/bind/patch.c) over a buffer
#                    with sites of every kind and every refusal (ASan+UBSan)
# Uses PVBIND_SRCS, PVBIND_CFLAGS (guest/bind/bind.mk) and
# PVB_VALIDATOR_HDRS (guest/bind/validator.mk).

# bind-host links the whole library (PVBIND_SRCS, validator included):
# pvb_fetch lives beside pvb_bind in bind.c, which needs the rest; the test
# runs none of the privileged code.
BIND_HOST_SRCS := tests/host/bind_discover.c $(PVBIND_SRCS)
BIND_HOST_TEST := $(B)/tests/host/bind_discover

$(BIND_HOST_TEST): $(BIND_HOST_SRCS) $(wildcard guest/bind/*.h) $(PVB_VALIDATOR_HDRS) \
		   tests/host/check.h
	$(Q)mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ $(BIND_HOST_SRCS)

TEST_DEPS += $(BIND_HOST_TEST) $(B)/pvrom.rom
SUITE_bind-host := $(BIND_HOST_TEST) $(B)/pvrom.rom
SUITE_bind-standalone := $(SRC)/tests/host/bind_standalone.sh $(SRC) \
	$(B)/tests/bind-standalone $(PVBIND_CFLAGS)

# bind-patch needs only the patcher and the op catalogue it checks records
# against.
BIND_PATCH_SRCS := tests/host/bind_patch.c guest/bind/patch.c guest/bind/catalog.c
BIND_PATCH_TEST := $(B)/tests/host/bind_patch

$(BIND_PATCH_TEST): $(BIND_PATCH_SRCS) $(wildcard guest/bind/*.h) $(PVB_VALIDATOR_HDRS) \
		    tests/host/check.h
	$(Q)mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ $(BIND_PATCH_SRCS)

TEST_DEPS += $(BIND_PATCH_TEST)
SUITE_bind-patch := $(BIND_PATCH_TEST)
