# SPDX-License-Identifier: GPL-2.0-only
#
# pvboot.efi: the UEFI loader (gnu-efi, Debian layout), and the GRUB ISO.
# The shared validator (guest/bind/validator.mk, not the rest of the
# binding library) is compiled in with the same flags.

EFI_INC     := /usr/include/efi
EFI_LIB     := /usr/lib
EFI_CFLAGS  := -std=gnu11 -O2 -g -Wall -Wextra -Werror -I$(SRC) \
               -I$(EFI_INC) -I$(EFI_INC)/x86_64 -I$(EFI_INC)/protocol \
               -DGNU_EFI_USE_MS_ABI -fpic -ffreestanding -fno-stack-protector \
               -fno-stack-check -fshort-wchar -mno-red-zone \
               -maccumulate-outgoing-args
EFI_LDFLAGS := -nostdlib -znocombreloc -T $(EFI_LIB)/elf_x86_64_efi.lds \
               -shared -Bsymbolic --no-undefined -L$(EFI_LIB)
EFI_SECTIONS := -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel \
                -j .rela -j .rel.* -j .rela.* -j .reloc

PVBOOT_SRCS := $(wildcard loader/efi/*.c) $(wildcard loader/efi/*.S)
PVBOOT_VALIDATOR := $(PVB_VALIDATOR_SRCS)
PVBOOT_OBJS := $(patsubst %,$(B)/%.o,$(basename $(PVBOOT_SRCS))) \
               $(patsubst guest/bind/%.c,$(B)/loader/efi/bind/%.o,$(PVBOOT_VALIDATOR))
PVBOOT_HDRS := $(wildcard loader/efi/*.h guest/bind/*.h abi/pvrom/*.h abi/hw/*.h)

ALL_TARGETS += $(B)/pvboot.efi

$(B)/loader/efi/%.o: loader/efi/%.c $(PVBOOT_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(EFI_CFLAGS) -c $< -o $@

$(B)/loader/efi/%.o: loader/efi/%.S
	@mkdir -p $(@D)
	$(Q)$(CC) $(EFI_CFLAGS) -c $< -o $@

$(B)/loader/efi/bind/%.o: guest/bind/%.c $(PVBOOT_HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(EFI_CFLAGS) -c $< -o $@

# A PE image has no dynamic linker: anything but R_X86_64_RELATIVE left in
# the shared object would be a silent NULL at run time, so refuse it.
$(B)/loader/pvboot.so: $(PVBOOT_OBJS)
	@mkdir -p $(@D)
	$(Q)$(LD) $(EFI_LDFLAGS) $(EFI_LIB)/crt0-efi-x86_64.o $^ -lefi -lgnuefi -o $@
	$(Q)if readelf -rW $@ | awk '/^[0-9a-f]+ /{print $$3}' | grep -qv R_X86_64_RELATIVE; then \
	  echo "pvboot.so: relocations other than R_X86_64_RELATIVE:" >&2; \
	  readelf -rW $@ | grep -v R_X86_64_RELATIVE >&2; rm -f $@; exit 1; fi

$(B)/pvboot.efi: $(B)/loader/pvboot.so
	$(Q)$(OBJCOPY) $(EFI_SECTIONS) --target efi-app-x86_64 --subsystem=10 $< $@
	@echo "  EFI     $@ ($$(stat -c %s $@) bytes)"

# GRUB rescue ISO booting build/guest.elf with multiboot2 and $(ARGS) (or
# tests=all) as the kernel command line; the ROM comes as an option ROM.
.PHONY: $(B)/grub/pvrom-grub.iso
$(B)/grub/pvrom-grub.iso: $(B)/guest.elf loader/grub/mkiso.sh loader/grub/grub.cfg.in
	$(Q)loader/grub/mkiso.sh $(B)/guest.elf $@ "$(or $(ARGS),tests=all)"

# Interactive boots, serial on the terminal (no deps check: `make run`
# does that and then calls these):
#   make run-uefi [ROM_MODE=pci|file|fw_cfg|none] [ARGS='...']
#   make run-grub [ROM_MODE=option|pci|module|none] [ARGS='...']
.PHONY: grub-iso run-uefi run-grub
grub-iso: $(B)/grub/pvrom-grub.iso

run-uefi: $(B)/pvboot.efi $(B)/guest.elf $(B)/pvrom.rom
	$(Q)B=$(B) loader/efi/run-uefi.sh $(B)/guest.elf $(or $(ROM_MODE),pci) \
	    $(B)/pvrom.rom "$(ARGS)" -; rc=$$?; echo "QEMU exit status $$rc"; \
	    [ $$rc = 1 ]

run-grub: $(B)/guest.elf $(B)/pvrom.rom
	$(Q)B=$(B) loader/grub/run-grub.sh $(B)/guest.elf $(or $(ROM_MODE),option) \
	    $(B)/pvrom.rom "$(or $(ARGS),tests=all)" -; rc=$$?; \
	    echo "QEMU exit status $$rc"; [ $$rc = 1 ]
