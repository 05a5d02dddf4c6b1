# SPDX-License-Identifier: MIT
#
# make abi-check runs both guards of the ABI, one PASS:/FAIL: line each:
#
# 1. Every public header compiles on its own, as C99 and as C++, with -I
#    the top of the tree (abi/hw includes root-relative); an abi/hw header
#    must also assemble (its constants serve assembly, __ASSEMBLER__ hides
#    its C).
#
# 2. The ABI baseline, as libabigail-using projects guard a shared library:
#    abi/baseline/ holds one abidw dump per released ABI version, and
#    abidiff compares the current build with every one of them
#    (tests/abi/abidiff-check.sh): a removed or changed function, or one
#    moved to another version node, fails; an added one passes (abidiff
#    exit 4 alone means "some change", so its summary decides); a baseline
#    of a newer minor than this build's (ROM_ABI_MINOR) is left out.  Two
#    dumps per release:
#      pvrom-1.N.abi    the ROM's ELF, built again with debug info
#                       ($(ABI_ROM_ELF)): every exported op at its version,
#                       with full signatures for the ops written in C
#      catalog-1.N.abi  abi/baseline/catalog.c: every op of abi/pvrom/ops.h
#                       with the prototype the headers declare (the ops
#                       written in assembly have none in the ROM's DWARF)
#    abi/baseline/pvrom.suppr lets the size-rule structs grow at their end
#    (abi/pvrom/handshake.h), the one compatible change abidiff would flag.
#    At a release, `make abi-baseline` writes the dumps of the current build
#    to $(B)/abi/baseline/; copy them into abi/baseline/ with the release.
#
# The debug build changes nothing that ships: the same sources and flags
# plus -g, the shipped assembly objects, the same link without -s; its
# loaded bytes are the shipped ELF's but for the build-id (the abi-break
# suite checks that).
ABI_HEADERS := $(wildcard abi/pvrom/*.h) $(wildcard abi/hw/*.h)

ABI_DIR       := $(B)/abi
ABI_ROM_ELF   := $(ABI_DIR)/pvrom.elf
ABI_CAT_ELF   := $(ABI_DIR)/catalog.elf
ABI_BASELINES := $(sort $(wildcard abi/baseline/*.abi))
ABI_SUPPR     := abi/baseline/pvrom.suppr
ABI_ABIDW     := abidw --no-corpus-path --no-comp-dir-path --no-show-locs

ABI_ROM_COBJS := $(patsubst rom/%.c,$(ABI_DIR)/obj/%.o,$(ROM_C_SRCS))
ABI_ROM_SOBJS := $(patsubst rom/%.S,$(B)/rom/obj/%.o,$(ROM_S_SRCS))

$(ABI_DIR)/obj/%.o: rom/%.c $(B)/rom/flags
	@mkdir -p $(@D)
	$(Q)$(CC) $(ROM_CFLAGS_COMMON) -g -DPVROM_ABI_MINOR=$(ROM_ABI_MINOR) -MMD -MP -c -o $@ $<

# Debug sections are the only orphans here: let ld place them.
$(ABI_ROM_ELF): $(ABI_ROM_COBJS) $(ABI_ROM_SOBJS) $(ROM_LDS) $(B)/rom/pvrom.ver
	$(Q)$(LD) $(filter-out -s --orphan-handling=%,$(ROM_LDFLAGS_COMMON)) \
	    -T $(ROM_LDS) --version-script $(B)/rom/pvrom.ver -o $@ \
	    $(ABI_ROM_COBJS) $(ABI_ROM_SOBJS)

$(ABI_CAT_ELF): abi/baseline/catalog.c $(B)/rom/pvrom.ver $(B)/rom/flags \
		$(wildcard abi/pvrom/*.h)
	@mkdir -p $(@D)
	$(Q)$(CC) -std=gnu11 -g -O0 -fPIC -ffreestanding -nostdlib -shared \
	    -Wall -Wextra -Wno-unused-parameter -Werror -I$(SRC) \
	    -DPVROM_ABI_MINOR=$(ROM_ABI_MINOR) -Wl,--version-script=$(B)/rom/pvrom.ver \
	    -Wl,--hash-style=both -Wl,-soname,pvrom -o $@ $<

-include $(wildcard $(ABI_DIR)/obj/*.d $(ABI_DIR)/obj/*/*.d)

abi-check: $(ABI_ROM_ELF) $(ABI_CAT_ELF)
	$(Q)rc=0; for h in $(ABI_HEADERS); do \
	  if $(HOSTCC) -std=c99 -Wall -Wextra -Werror -I$(SRC) -fsyntax-only -x c $$h && \
	     g++ -std=c++11 -Wall -Wextra -Werror -I$(SRC) -fsyntax-only -x c++ $$h && \
	     { case $$h in abi/hw/*) $(HOSTCC) -I$(SRC) -c -o /dev/null \
		 -x assembler-with-cpp $$h;; esac; }; then \
	     echo "PASS: abi-check $$h"; else echo "FAIL: abi-check $$h"; rc=1; fi; \
	done; \
	$(if $(ABI_BASELINES),,echo "FAIL: abi-check: no baseline in abi/baseline/"; rc=1;) \
	for a in $(ABI_BASELINES); do \
	    n=$${a##*-1.}; n=$${n%.abi}; \
	    [ "$$n" -le $(ROM_ABI_MINOR) ] || continue; \
	    case $${a##*/} in catalog-*) elf=$(ABI_CAT_ELF);; *) elf=$(ABI_ROM_ELF);; esac; \
	    tests/abi/abidiff-check.sh $(ABI_SUPPR) $$a $$elf || rc=1; \
	done; \
	exit $$rc

# The dumps of this build, named for its ABI version, for the next release.
# The SPDX line goes inside the root element: libabigail recognises a dump
# by the "<abi-corpus" it starts with.
.PHONY: abi-baseline
abi-baseline: $(ABI_ROM_ELF) $(ABI_CAT_ELF)
	$(Q)mkdir -p $(ABI_DIR)/baseline
	$(Q)for p in pvrom:$(ABI_ROM_ELF) catalog:$(ABI_CAT_ELF); do \
	    out=$(ABI_DIR)/baseline/$${p%%:*}-1.$(ROM_ABI_MINOR).abi; \
	    $(ABI_ABIDW) $${p#*:} > $$out.tmp || exit 1; \
	    { head -1 $$out.tmp; \
	      echo '  <!-- SPDX-License-Identifier: MIT -->'; \
	      echo '  <!-- made by abidw (make abi-baseline, abi/abi.mk) -->'; \
	      tail -n +2 $$out.tmp; } > $$out && rm $$out.tmp; \
	    echo "  ABIDW   $$out"; \
	done
