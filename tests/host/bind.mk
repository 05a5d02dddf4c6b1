# SPDX-License-Identifier: GPL-2.0-only
#
# Tests of the binding library (guest/bind) on the host:
#   bind-standalone  the library compiles with nothing but -I$(SRC) and the
#                    compiler's freestanding headers, links with no undefined
#                    symbol, and every pv_*() wrapper compiles to one recorded
#                    "call *pv_ops+N(%rip)" (none in a PVOPS_NATIVE build)
#   bind-host        discovery + copy + validation + licence policy over a
#                    fake physical memory holding build/pvrom.rom (ASan+UBSan)
# Uses PVBIND_CFLAGS (guest/bind/bind.mk) and PVB_VALIDATOR_SRCS/HDRS
# (guest/bind/validator.mk).

# The library's files bind-host links beside the validator: those that run
# no privileged code.  Whatever bind_discover.c calls must be defined here.
BIND_HOST_LIB := discover.c names.c fmt.c
BIND_HOST_SRCS := tests/host/bind_discover.c $(PVB_VALIDATOR_SRCS) \
		  $(addprefix guest/bind/,$(BIND_HOST_LIB))
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
