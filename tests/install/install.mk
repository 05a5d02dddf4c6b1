# SPDX-License-Identifier: GPL-2.0-only
#
# make install, and a kernel outside the tree built against what it
# installs:
#   $(INSTALL_TEST_ROOT)   make install DESTDIR=... PREFIX=/usr
#   $(CONSUMER_ELF)        tests/consumer/, built with nothing but
#                          pkg-config pvbind pointed at that install (its
#                          boots are cases of tests/qemu/cases.cfg)
#   install (suite)        the layout, modes, pkg-config, man pages, the
#                          installed tools on the installed ROMs, the
#                          consumer's headers, make uninstall
#                          (tests/install/check.sh)

INSTALL_TEST_ROOT  := $(B)/tests/install/root
INSTALL_TEST_STAMP := $(B)/tests/install/root.stamp
CONSUMER_DIR       := $(B)/tests/consumer
CONSUMER_ELF       := $(CONSUMER_DIR)/consumer.elf

# pvbind.pc is remade by every install (its directories are make variables)
$(INSTALL_TEST_STAMP): $(filter-out $(B)/pvbind.pc,$(INSTALL_FILES)) Makefile
	$(Q)rm -rf $(INSTALL_TEST_ROOT) && mkdir -p $(INSTALL_TEST_ROOT)
	$(Q)$(MAKE) --no-print-directory install DESTDIR=$(abspath $(INSTALL_TEST_ROOT)) \
	    PREFIX=/usr > $(B)/tests/install/install.log
	$(Q)touch $@

# PKG_CONFIG_LIBDIR, not _PATH: only this install's .pc files, none of the
# machine's (an installed libpvbind-dev must not stand in for it).
$(CONSUMER_ELF): $(INSTALL_TEST_STAMP) $(wildcard tests/consumer/*)
	@echo "  CONSUMER $@"
	$(Q)rm -rf $(CONSUMER_DIR) && mkdir -p $(CONSUMER_DIR)
	$(Q)PKG_CONFIG_LIBDIR=$(abspath $(INSTALL_TEST_ROOT))/usr/lib/pkgconfig \
	    PKG_CONFIG_SYSROOT_DIR=$(abspath $(INSTALL_TEST_ROOT)) \
	    $(MAKE) --no-print-directory -s -C tests/consumer O=$(abspath $(CONSUMER_DIR))

TEST_DEPS += $(INSTALL_TEST_STAMP) $(CONSUMER_ELF)
SUITE_install := $(SRC)/tests/install/check.sh $(SRC) $(abspath $(INSTALL_TEST_ROOT)) \
	$(abspath $(CONSUMER_DIR))
