# SPDX-License-Identifier: GPL-2.0-only
#
# Host tools and the ROM image:
#   $(B)/pvrom-link   builds and checks ROM images (linker/pvrom-link.c)
#   $(B)/pvrom-info   inspects them (linker/pvrom-info.c)
#   $(B)/pvrom.rom    the ROM, ABI 1.$(ROM_ABI_MINOR), from rom/rom.mk's head and ELF
#   $(B)/compat/pvrom-1.1.rom   the same sources built as ABI 1.1
# Both tools compile the guest's own validator (guest/bind/validator.mk), so
# the host checks exactly what the guest will check.

PVROM_LINK_SRCS := linker/pvrom-link.c linker/seal.c $(PVB_VALIDATOR_SRCS)
PVROM_INFO_SRCS := linker/pvrom-info.c $(PVB_VALIDATOR_SRCS)
PVROM_TOOL_HDRS := $(PVB_VALIDATOR_HDRS) $(wildcard linker/*.h)

$(B)/pvrom-link: $(PVROM_LINK_SRCS) $(PVROM_TOOL_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $(PVROM_LINK_SRCS)

$(B)/pvrom-info: $(PVROM_INFO_SRCS) $(PVROM_TOOL_HDRS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $(PVROM_INFO_SRCS)

# The reference ROM's size budget, the one place it is written: the option
# ROM format allows 255 x 512 bytes (pvrom-link's default), but the window
# is shared with VGA and NIC ROMs (abi/SPEC.md section 2).  32 KiB (64 x 512)
# since ABI 1.1 (op_info and its lists took the 1.1 image past 16 KiB).
PVROM_MAX_SIZE ?= 32768

# After each image: what it used of the budget and what is left.
pvrom_budget = @echo "  BUDGET  $(notdir $@): $$(stat -c %s $@) of $(PVROM_MAX_SIZE) bytes, \
	$$(( $(PVROM_MAX_SIZE) - $$(stat -c %s $@) )) left"

$(B)/pvrom.rom: $(B)/pvrom-link $(ROM_HEAD) $(ROM_ELF)
	$(Q)$(B)/pvrom-link --head $(ROM_HEAD) --elf $(ROM_ELF) \
	    --abi-minor $(ROM_ABI_MINOR) --max-size $(PVROM_MAX_SIZE) -o $@
	$(pvrom_budget)

$(B)/compat/pvrom-1.1.rom: $(B)/pvrom-link $(B)/compat/rom-1.1/head.bin \
			   $(B)/compat/rom-1.1/pvrom.elf
	@mkdir -p $(@D)
	$(Q)$(B)/pvrom-link --head $(B)/compat/rom-1.1/head.bin \
	    --elf $(B)/compat/rom-1.1/pvrom.elf --abi-minor 1 \
	    --max-size $(PVROM_MAX_SIZE) -o $@
	$(pvrom_budget)

ALL_TARGETS += $(B)/pvrom-link $(B)/pvrom-info $(B)/pvrom.rom $(B)/compat/pvrom-1.1.rom
