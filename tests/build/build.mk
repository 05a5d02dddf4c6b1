# SPDX-License-Identifier: GPL-2.0-only
#
# Build-failure tests.  Each tests/build/bad_*.c breaks one ROM rule; it is
# compiled with the ROM's CFLAGS and linked with the real ROM objects and
# version script twice: with $(ROM_LDS) (ld's ASSERTs must refuse it) and
# with $(ROM_LDS_LAX) (it links, and pvrom-link must refuse it).  The link
# results are recorded here (make has the exact flags); run.sh checks them
# and runs pvrom-link (suite build-fail).  Uses rom/rom.mk's ROM_C_SRCS,
# ROM_S_SRCS, ROM_CFLAGS, ROM_LDFLAGS_COMMON, ROM_LDS, ROM_LDS_LAX, ROM_VER,
# ROM_ELF and ROM_HEAD.

BT := $(B)/tests/build
BUILD_BAD := $(basename $(notdir $(wildcard tests/build/bad_*.c)))
ROM_OBJS_MAIN = $(patsubst rom/%,$(B)/rom/obj/%.o,$(basename $(ROM_C_SRCS) $(ROM_S_SRCS)))

$(BT)/%.o: tests/build/%.c $(B)/rom/flags
	@mkdir -p $(@D)
	$(Q)$(CC) $(ROM_CFLAGS) -c -o $@ $<

# A link that must fail is not a make error: record ld's status and output.
$(BT)/%.strict: $(BT)/%.o $(ROM_ELF) $(ROM_LDS) $(ROM_VER)
	$(Q)$(LD) $(ROM_LDFLAGS_COMMON) -T $(ROM_LDS) --version-script $(ROM_VER) \
	    -o $@.elf $(ROM_OBJS_MAIN) $< >$@.log 2>&1; echo $$? >$@

$(BT)/%.lax: $(BT)/%.o $(ROM_ELF) $(ROM_LDS_LAX) $(ROM_VER)
	$(Q)$(LD) $(ROM_LDFLAGS_COMMON) -T $(ROM_LDS_LAX) --version-script $(ROM_VER) \
	    -o $@.elf $(ROM_OBJS_MAIN) $< >$@.log 2>&1; echo $$? >$@

TEST_DEPS += $(foreach t,$(BUILD_BAD),$(BT)/$(t).strict $(BT)/$(t).lax) \
	     $(ROM_ELF) $(ROM_HEAD) $(B)/pvrom-link

SUITE_build-fail := $(SRC)/tests/build/run.sh $(B)/pvrom-link $(ROM_HEAD) $(ROM_ELF) \
	$(BT) $(BUILD_BAD)

# Keep the objects: as make intermediates they would be deleted after the
# run, and make's "rm" line would then follow the runner's summary line.
.SECONDARY: $(BUILD_BAD:%=$(BT)/%.o)
