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
#   make bench    per-op and whole-workload cost in four modes, into build/bench/
#   make fuzz     the validator fuzzer for FUZZ_SECONDS (default 300)
#   make debug    QEMU halted with a gdb stub; gdb -x build/guest.gdb
#   make deps     check for (and as root install) the Debian packages needed
#   make install  install ROMs, tools, man pages, headers, libpvbind.a and
#                 pvbind.pc, the guest, pvboot.efi and the spec
#                 (PREFIX=/usr/local, DESTDIR=; make uninstall removes them)
#   make deb      the four Debian packages (dpkg-buildpackage on a copy of
#                 the tree) into build/deb/
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
.PHONY: all deps run test test-body abi-check clean help bench debug fuzz \
	install install-files uninstall deb

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

# ---- make install / make uninstall / make deb ----------------------------
# Layout (every path under $(DESTDIR)):
#   $(BINDIR)          pvrom-info, pvrom-link                      0755
#   $(MANDIR)/man1     pvrom-info.1, pvrom-link.1                  0644
#   $(DATADIR)/pvrom   pvrom.rom (ABI 1.$(ROM_ABI_MINOR)), pvrom-1.1.rom,
#                      guest.elf, pvboot.efi                       0644
#   $(INCLUDEDIR)/pvrom/abi/{pvrom,hw}/*.h, .../guest/bind/*.h      0644
#                      (kept root-relative, as the headers include each
#                      other: "abi/pvrom/ops.h", "guest/bind/pvops.h")
#   $(LIBDIR)          libpvbind.a                                 0644
#   $(PKGCONFIGDIR)    pvbind.pc                                   0644
#   $(DOCDIR)          SPEC.md                                     0644
# Nothing is written outside $(DESTDIR)$(PREFIX) (unless a *DIR is set
# outside PREFIX on purpose, as debian/rules does with LIBDIR).
PREFIX       ?= /usr/local
DESTDIR      ?=
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
DATADIR      ?= $(PREFIX)/share
MANDIR       ?= $(DATADIR)/man
DOCDIR       ?= $(DATADIR)/doc/pvrom
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig

# The library's public headers: pvbind.h and what it includes from
# guest/bind/ (asked of the compiler, so the list follows the #includes);
# the ABI headers all go, as the ABI's public text.
PVBIND_PUBLIC_HDRS = $(sort $(filter guest/bind/%,$(patsubst $(SRC)/%,%,$(shell \
	$(HOSTCC) -MM -MT x -ffreestanding -I$(SRC) guest/bind/pvbind.h | tr -d '\\'))))
INSTALL_HDRS = $(wildcard abi/pvrom/*.h abi/hw/*.h) $(PVBIND_PUBLIC_HDRS)

# What is installed where: "source|destination (without DESTDIR)|mode",
# the built files, then the headers.  install and uninstall read this
# one list; INSTALL_FILES, the built sources, is taken from it.
INSTALL_BUILT = \
	$(B)/pvrom-info|$(BINDIR)/pvrom-info|0755 \
	$(B)/pvrom-link|$(BINDIR)/pvrom-link|0755 \
	$(B)/man/pvrom-info.1|$(MANDIR)/man1/pvrom-info.1|0644 \
	$(B)/man/pvrom-link.1|$(MANDIR)/man1/pvrom-link.1|0644 \
	$(B)/pvrom.rom|$(DATADIR)/pvrom/pvrom.rom|0644 \
	$(B)/compat/pvrom-1.1.rom|$(DATADIR)/pvrom/pvrom-1.1.rom|0644 \
	$(B)/guest.elf|$(DATADIR)/pvrom/guest.elf|0644 \
	$(B)/pvboot.efi|$(DATADIR)/pvrom/pvboot.efi|0644 \
	$(PVBIND_LIB)|$(LIBDIR)/libpvbind.a|0644 \
	$(B)/pvbind.pc|$(PKGCONFIGDIR)/pvbind.pc|0644
INSTALL_MAP = $(INSTALL_BUILT) \
	abi/SPEC.md|$(DOCDIR)/SPEC.md|0644 \
	$(foreach h,$(INSTALL_HDRS),$(h)|$(INCLUDEDIR)/pvrom/$(h)|0644)
INSTALL_FILES := $(foreach m,$(INSTALL_BUILT),$(firstword $(subst |, ,$(m))))

# pvbind.pc: the include directory that makes the headers' root-relative
# includes resolve, the library, and what the headers themselves need of a
# kernel's flags: the ABI minor libpvbind.a was built for (pv_ops has one
# entry per op of that minor: a kernel compiled for another would index the
# table wrongly) and no red zone (every pv_*() is a call inside inline asm,
# which would overwrite it).  Rewritten when a directory changes.
PVBIND_PC_MINOR = $(shell echo PVROM_ABI_MINOR | \
	$(HOSTCC) -E -P -I$(SRC) -include abi/pvrom/base.h -x c - | tail -1)
pc_rel = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

$(B)/pvbind.pc: FORCE
	@mkdir -p $(@D)
	$(Q){ echo '# SPDX-License-Identifier: GPL-2.0-only'; \
	  echo 'prefix=$(PREFIX)'; \
	  echo 'libdir=$(call pc_rel,$(LIBDIR))'; \
	  echo 'includedir=$(call pc_rel,$(INCLUDEDIR))'; \
	  echo; \
	  echo 'Name: pvbind'; \
	  echo 'Description: pvrom binding library for freestanding x86-64 kernels'; \
	  echo 'URL: $(ROM_SOURCE_URL)'; \
	  echo 'Version: $(ROM_RELEASE)'; \
	  echo 'Cflags: -I$${includedir}/pvrom -DPVROM_ABI_MINOR=$(PVBIND_PC_MINOR) -mno-red-zone'; \
	  echo 'Libs: -L$${libdir} -lpvbind'; } > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

# What make install installs, built without the dependency check (for
# debian/rules: there Build-Depends is the check).
install-files: $(INSTALL_FILES)

install: $(INSTALL_FILES)
	$(Q)set -e; for m in $(patsubst %,'%',$(INSTALL_MAP)); do \
	    IFS='|' read -r src dst mode <<<"$$m"; \
	    install -d -m 0755 "$(DESTDIR)$$(dirname "$$dst")"; \
	    install -m "$$mode" "$$src" "$(DESTDIR)$$dst"; \
	    echo "  INSTALL $(DESTDIR)$$dst"; \
	done

# The files, then the directories only pvrom owns, if left empty.
uninstall:
	$(Q)for m in $(patsubst %,'%',$(INSTALL_MAP)); do \
	    IFS='|' read -r src dst mode <<<"$$m"; \
	    rm -f "$(DESTDIR)$$dst"; \
	done
	$(Q)for d in $(INCLUDEDIR)/pvrom/abi/pvrom $(INCLUDEDIR)/pvrom/abi/hw \
	    $(INCLUDEDIR)/pvrom/abi $(INCLUDEDIR)/pvrom/guest/bind \
	    $(INCLUDEDIR)/pvrom/guest $(INCLUDEDIR)/pvrom $(DATADIR)/pvrom $(DOCDIR); do \
	    [ ! -d "$(DESTDIR)$$d" ] || rmdir --ignore-fail-on-non-empty "$(DESTDIR)$$d"; \
	done

# make deb: dpkg-buildpackage on a copy of the tree under $(B)/deb/src (it
# writes into the tree it builds and into its parent directory, so nothing
# lands outside build/ and the source tree stays untouched), then the four
# .debs into $(B)/deb/.  The copy is what git tracks plus new files not yet
# added (what a build here would use), without build/ and .git.  The
# version is ROM_RELEASE (rom/rom.mk), stamped into the copy's
# debian/changelog.
DEB_VERSION  := $(ROM_RELEASE)
DEB_SRC      := $(B)/deb/src/pvrom-$(DEB_VERSION)
DEB_PACKAGES := pvrom-rom_$(DEB_VERSION)_all pvrom-tools_$(DEB_VERSION)_amd64 \
		libpvbind-dev_$(DEB_VERSION)_amd64 pvrom-guest_$(DEB_VERSION)_all
DEB_FILES    := $(patsubst %,$(B)/deb/%.deb,$(DEB_PACKAGES))
# (listed only when make deb is asked for: it costs a git call per make)
DEB_INPUTS    = $(if $(filter deb,$(MAKECMDGOALS)),$(shell cd $(SRC) && \
	{ if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && \
	     [ -z "$$(git rev-parse --show-prefix)" ]; then \
	    git ls-files --cached --others --exclude-standard; \
	  else find . -path ./build -prune -o -path ./.git -prune -o -type f -print; fi; } | \
	  while read -r f; do [ -f "$$f" ] && echo "$$f"; done))

deb: $(DEB_FILES)

$(DEB_FILES) &: $(DEB_INPUTS)
	$(Q)rm -rf $(B)/deb && mkdir -p $(DEB_SRC)
	$(Q)printf '%s\n' $(DEB_INPUTS) | tar -C $(SRC) -cf - -T - | tar -C $(DEB_SRC) -xf -
	$(Q)v=$$(dpkg-parsechangelog -l debian/changelog -S Version); \
	if [ "$$v" != "$(DEB_VERSION)" ]; then \
	    echo "deb: debian/changelog is at $$v, ROM_RELEASE at $(DEB_VERSION):" \
		 "packaging $(DEB_VERSION); add a changelog entry (dch -v $(DEB_VERSION))" >&2; \
	    sed -i '1s/([^)]*)/($(DEB_VERSION))/' $(DEB_SRC)/debian/changelog; \
	fi
	@echo "  DEB     $(DEB_SRC) (log: $(B)/deb/build.log)"
	$(Q)cd $(DEB_SRC) && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	    DEB_BUILD_OPTIONS="parallel=2 $(DEB_BUILD_OPTIONS)" \
	    dpkg-buildpackage -us -uc -b > ../../build.log 2>&1 || \
	    { tail -30 $(B)/deb/build.log >&2; exit 1; }
	$(Q)cp $(patsubst $(B)/deb/%,$(B)/deb/src/%,$(DEB_FILES)) $(B)/deb/
	@for f in $(DEB_FILES); do echo "  DEB     $$f"; done

include tests/tests.mk

all-body: $(ALL_TARGETS)

# After every fragment, so that their ALL_TARGETS and TEST_DEPS count.
test-body: $(ALL_TARGETS) $(TEST_DEPS)
	$(Q)mkdir -p $(B)/tests/logs
	$(Q)$(SRC)/tests/run.sh $(B)/tests/logs \
	    $(foreach s,$(TEST_SUITES),'$(s)=$(subst ','\'',$(SUITE_$(s)))')
