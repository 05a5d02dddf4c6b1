# SPDX-License-Identifier: GPL-2.0-only
#
# Host tests of pvboot.efi's pure logic (loader/efi/memmap.c, opts.c):
# built against the gnu-efi headers with the loader's 2-byte wchar_t, run
# under ASan and UBSan (suite pvboot-host).

PVBOOT_TEST_SRCS := tests/host/test_pvboot.c loader/efi/memmap.c loader/efi/opts.c
PVBOOT_TEST_CFLAGS := -I/usr/include/efi -I/usr/include/efi/x86_64 -fshort-wchar

$(B)/tests/test_pvboot: $(PVBOOT_TEST_SRCS) loader/efi/pure.h tests/host/check.h \
		       abi/pvrom/bootinfo.h abi/pvrom/base.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) $(PVBOOT_TEST_CFLAGS) -o $@ $(PVBOOT_TEST_SRCS)

TEST_DEPS += $(B)/tests/test_pvboot

SUITE_pvboot-host := $(B)/tests/test_pvboot
