# SPDX-License-Identifier: GPL-2.0-only
#
# The ROM: the ELF image (freestanding C + GNU as) and the 16-bit option-ROM
# head (nasm).  pvrom-link (linker/linker.mk) joins them into build/pvrom.rom.
#
#   $(ROM_ELF)   build/rom/pvrom.elf     ET_DYN image, ABI 1.$(ROM_ABI_MINOR)
#   $(ROM_HEAD)  build/rom/head.bin      16-bit head, <= 4096 bytes
#   build/compat/rom-1.1/{pvrom.elf,head.bin}   the same sources as ABI 1.1
#
# ROM_CFLAGS (the C flags of the default variant) and ROM_LDFLAGS_COMMON
# serve the build-failure tests (tests/build/build.mk); ROM_LDS_LAX is the
# linker script without the layout ASSERTs (so broken objects reach
# pvrom-link).

# What the notes say.  One place for each.
ROM_RELEASE    := 0.1.0
ROM_VENDOR     := pvrom project
ROM_BACKENDS   := native,kvm
ROM_SOURCE_URL := https://example.org/pvrom
ROM_ABI_MINOR  ?= 0

ROM_STACK_MAX := $(shell sed -n 's/^\#define PVROM_STACK_MAX[[:space:]]*\([0-9]*\).*/\1/p' \
		   $(SRC)/abi/pvrom/ops.h)

ROM_LDS  := $(B)/rom/rom.lds
ROM_LDS_LAX := $(B)/rom/rom-lax.lds
ROM_VER  := $(B)/rom/pvrom.ver
ROM_ELF  := $(B)/rom/pvrom.elf
ROM_HEAD := $(B)/rom/head.bin
ROM_SRCHASH_H := $(B)/rom/srchash.h

ROM_C_SRCS := rom/init.c rom/opinfo.c rom/desc.c rom/debugreg.c rom/power.c \
	      rom/mmu.c rom/time.c rom/apic.c rom/console.c rom/lib.c \
	      rom/native/native.c rom/percpu.c rom/kvm/kvm.c rom/kvm/clock.c \
	      rom/kvm/ops.c rom/kvm/cpuid.c
ROM_S_SRCS := rom/dispatch.S rom/cpu.S rom/fault.S rom/irq.S rom/eoi.S \
	      rom/mmu_insn.S rom/notes.S rom/native/ops.S

# Strings reach C and asm as -D; make variables hold them unquoted.
ROM_DEFS = -DROM_RELEASE='"$(ROM_RELEASE)"' -DROM_VENDOR='"$(ROM_VENDOR)"' \
	   -DROM_BACKENDS='"$(ROM_BACKENDS)"' \
	   -DROM_SOURCE_URL='"$(ROM_SOURCE_URL)"'

# Flags without the ABI minor; each build variant adds its own.
ROM_CFLAGS_COMMON = -std=gnu11 -Os -fPIC -ffreestanding -fno-builtin -nostdlib \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables \
	-mgeneral-regs-only -mpreferred-stack-boundary=3 -mno-red-zone \
	-fvisibility=hidden -fcf-protection=none \
	-fno-jump-tables -fno-tree-loop-distribute-patterns -fno-common \
	-fno-exceptions -fno-ident \
	-Wall -Wextra -Werror -Wstack-usage=$(ROM_STACK_MAX) -fcallgraph-info=su \
	-ffile-prefix-map=$(SRC)=. -fdebug-prefix-map=$(SRC)=. \
	-I$(SRC) $(ROM_DEFS)
ROM_ASFLAGS_COMMON = -fPIC -ffile-prefix-map=$(SRC)=. -I$(SRC) -I$(B)/rom \
	$(ROM_DEFS) -Wa,--noexecstack
ROM_LDFLAGS_COMMON = -shared -Bsymbolic --hash-style=both --build-id=sha1 \
	-z noexecstack -z norelro -z max-page-size=4096 -z defs \
	--no-undefined-version --orphan-handling=error \
	--no-ld-generated-unwind-info -soname pvrom -s

ROM_CFLAGS  = $(ROM_CFLAGS_COMMON) -DPVROM_ABI_MINOR=$(ROM_ABI_MINOR)

# cpp for the linker and version scripts (not C: keep only directives' work).
ROM_CPP = $(CC) -E -P -x c -I$(SRC)

# SOURCE_HASH: sha256 over the tracked sources the ROM is made of, so the
# note names the exact tree.  The header is rewritten only when the hash
# changes, which keeps rebuilds incremental and output reproducible.  Only
# a tree that is itself the top of a git checkout uses git's file list.
ROM_SRCHASH := $(shell cd $(SRC) && \
	{ if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && \
	     [ -z "$$(git rev-parse --show-prefix)" ]; then \
	    git ls-files -z abi rom linker Makefile; \
	  else find abi rom linker Makefile -type f -print0; fi; } | \
	LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)

$(ROM_SRCHASH_H): FORCE
	$(Q)mkdir -p $(@D)
	$(Q)new='#define ROM_SOURCE_HASH "$(ROM_SRCHASH)"'; \
	if [ "$$(cat $@ 2>/dev/null)" != "$$new" ]; then echo "$$new" > $@; fi

.PHONY: FORCE
FORCE:

$(ROM_LDS): linker/rom.lds.S rom/data.h rom/asm.h
	@mkdir -p $(@D)
	$(Q)$(ROM_CPP) -D__ASSEMBLER__ -o $@ $<

$(ROM_LDS_LAX): linker/rom.lds.S rom/data.h rom/asm.h
	@mkdir -p $(@D)
	$(Q)$(ROM_CPP) -D__ASSEMBLER__ -DROM_LDS_LAX -o $@ $<

# $(1): output directory, $(2): ABI minor.  Objects, version script, ELF.
# $(1)/flags records the flags; rewritten (at parse time) only when they
# change, so a flag change rebuilds the objects and nothing else does.
define ROM_VARIANT
ROM_FLAGS_$(1) := $$(ROM_CFLAGS_COMMON) $$(ROM_ASFLAGS_COMMON) $$(ROM_LDFLAGS_COMMON) $(2)
ifneq ($$(file <$(1)/flags),$$(ROM_FLAGS_$(1)))
$$(shell mkdir -p $(1))
$$(file >$(1)/flags,$$(ROM_FLAGS_$(1)))
endif

$(1)/obj/%.o: rom/%.c $(1)/flags
	@mkdir -p $$(@D)
	$$(Q)$$(CC) $$(ROM_CFLAGS_COMMON) -DPVROM_ABI_MINOR=$(2) -MMD -MP -c -o $$@ $$<

$(1)/obj/%.o: rom/%.S $(1)/flags
	@mkdir -p $$(@D)
	$$(Q)$$(CC) $$(ROM_ASFLAGS_COMMON) -DPVROM_ABI_MINOR=$(2) -MMD -MP -c -o $$@ $$<

$(1)/obj/notes.o: $$(ROM_SRCHASH_H)

$(1)/pvrom.ver: linker/pvrom.ver.S abi/pvrom/ops.h abi/pvrom/base.h
	@mkdir -p $$(@D)
	$$(Q)$$(ROM_CPP) -ffreestanding -DPVROM_ABI_MINOR=$(2) $$< | \
	    sed '1,/^PVROM_VERSION_SCRIPT_BEGIN$$$$/d' > $$@.tmp
	$$(Q)grep -q '^PVROM_1.0' $$@.tmp && mv $$@.tmp $$@

# The stack check (rom/stack-check.awk) reads the call graphs and the
# DISPATCH lines.  No relocation check here: the linker script's ASSERTs
# refuse relocations at link time, and pvrom-link checks the ELF again,
# as it must for images it did not see built (the build-failure tests link
# with the LAX script to reach exactly that check).
$(1)/pvrom.elf: $$(patsubst rom/%,$(1)/obj/%.o,$$(basename $$(ROM_C_SRCS) $$(ROM_S_SRCS))) \
		$$(ROM_LDS) $(1)/pvrom.ver rom/stack-check.awk
	@echo "  LD      $$@"
	$$(Q)awk -v max=$$(ROM_STACK_MAX) -v name=$$@ -v backends=$$(ROM_BACKENDS) \
	    -f rom/stack-check.awk rom/dispatch.S \
	    $$(patsubst rom/%,$(1)/obj/%.ci,$$(basename $$(ROM_C_SRCS)))
	$$(Q)$$(LD) $$(ROM_LDFLAGS_COMMON) -T $$(ROM_LDS) \
	    --version-script $(1)/pvrom.ver -o $$@ \
	    $$(patsubst rom/%,$(1)/obj/%.o,$$(basename $$(ROM_C_SRCS) $$(ROM_S_SRCS)))
	@echo "  ELF     $$@: $$$$(stat -c %s $$@) bytes"

-include $$(wildcard $(1)/obj/*.d $(1)/obj/*/*.d)
endef

$(eval $(call ROM_VARIANT,$(B)/rom,$(ROM_ABI_MINOR)))
$(eval $(call ROM_VARIANT,$(B)/compat/rom-1.1,1))

$(ROM_HEAD): rom/head.asm
	@mkdir -p $(@D)
	$(Q)$(NASM) -f bin -o $@ $<
	$(Q)test $$(stat -c %s $@) -le 4096 || \
	    { echo "pvrom: $@ over 4096 bytes" >&2; rm -f $@; exit 1; }

$(B)/compat/rom-1.1/head.bin: $(ROM_HEAD)
	@mkdir -p $(@D)
	$(Q)cp $< $@

ALL_TARGETS += $(ROM_ELF) $(ROM_HEAD) $(ROM_LDS_LAX) \
	       $(B)/compat/rom-1.1/pvrom.elf $(B)/compat/rom-1.1/head.bin
