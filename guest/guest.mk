# SPDX-License-Identifier: GPL-2.0-only
#
# The reference guest kernel: build/guest.elf (pv ops through the binding
# library), build/guest-native.elf (-DPVOPS_NATIVE: native instructions, no
# pv ops), build/compat/guest-1.1.elf (-DPVROM_ABI_MINOR=1).
# Targets: run-body (make run), debug-body (make debug).

GK := guest/kernel

# -mpreferred-stack-boundary=3: pv-op call sites keep only 8-byte %rsp
# alignment (SPEC section 8), like Linux kernel code.
GUEST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding \
	-fno-pic -fno-pie -mcmodel=kernel -mno-red-zone -mgeneral-regs-only \
	-mpreferred-stack-boundary=3 \
	-fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-omit-frame-pointer -fcf-protection=none -I$(SRC)
# User programs are copied into user address spaces: position-independent.
GUEST_UCFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -ffreestanding \
	-fpie -fvisibility=hidden -mno-red-zone -mgeneral-regs-only \
	-fno-stack-protector -fno-asynchronous-unwind-tables \
	-fcf-protection=none -fno-jump-tables -fno-tree-loop-distribute-patterns \
	-I$(SRC)

GUEST_SRCS := $(wildcard $(GK)/*.c $(GK)/*/*.c $(GK)/*.S $(GK)/*/*.S)
GUEST_SRCS := $(filter-out $(GK)/user/%,$(GUEST_SRCS))
GUEST_USRCS := $(wildcard $(GK)/user/*.c)

include guest/bind/bind.mk
# the 1.1 guest needs a library whose pv_ops table has an entry for each 1.1 op
$(eval $(call pvbind_lib,$(B)/guest11/bind,-DPVROM_ABI_MINOR=1))
PVBIND_LIB := $(B)/guest/bind/libpvbind.a
PVBIND_LIB_1_1 := $(B)/guest11/bind/libpvbind.a

# $(1): variant dir under $(B), $(2): extra CFLAGS
define guest_variant
$(1)/objs := $$(patsubst %,$(B)/$(1)/%.o,$$(GUEST_SRCS))
$(1)/uobjs := $$(patsubst $(GK)/user/%.c,$(B)/$(1)/$(GK)/user/user_prog.%.o,$$(GUEST_USRCS))

$(B)/$(1)/%.c.o: %.c
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$(GUEST_CFLAGS) $(2) -MMD -MP -c $$< -o $$@
$(B)/$(1)/%.S.o: %.S
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$(GUEST_CFLAGS) $(2) -D__ASSEMBLY__ -MMD -MP -c $$< -o $$@
$(B)/$(1)/$(GK)/user/user_prog.%.o: $(GK)/user/%.c
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$(GUEST_UCFLAGS) $(2) -MMD -MP -c $$< -o $$@
	@# copied into user space as is: it may not reference anything outside
	$$(Q)if nm -u $$@ | grep -q .; then echo "$$@: undefined symbols:"; \
	    nm -u $$@; rm -f $$@; exit 1; fi
-include $$($(1)/objs:.o=.d) $$($(1)/uobjs:.o=.d)
endef

$(eval $(call guest_variant,guest,,))
$(eval $(call guest_variant,guest-native,-DPVOPS_NATIVE,))
$(eval $(call guest_variant,compat/guest-1.1,-DPVROM_ABI_MINOR=1,))

GUEST_LDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack \
	-T $(GK)/kernel.lds

$(B)/guest.elf: $(guest/objs) $(guest/uobjs) $(PVBIND_LIB) $(GK)/kernel.lds
	$(Q)$(LD) $(GUEST_LDFLAGS) -o $@ $(guest/objs) $(guest/uobjs) $(PVBIND_LIB)
	@echo "  LD      $@"
$(B)/guest-native.elf: $(guest-native/objs) $(guest-native/uobjs) $(PVBIND_LIB) $(GK)/kernel.lds
	$(Q)$(LD) $(GUEST_LDFLAGS) -o $@ $(guest-native/objs) $(guest-native/uobjs) $(PVBIND_LIB)
	@echo "  LD      $@"
$(B)/compat/guest-1.1.elf: $(compat/guest-1.1/objs) $(compat/guest-1.1/uobjs) $(PVBIND_LIB_1_1) $(GK)/kernel.lds
	$(Q)mkdir -p $(@D)
	$(Q)$(LD) $(GUEST_LDFLAGS) -o $@ $(compat/guest-1.1/objs) $(compat/guest-1.1/uobjs) $(PVBIND_LIB_1_1)
	@echo "  LD      $@"

ALL_TARGETS += $(B)/guest.elf $(B)/guest-native.elf $(B)/compat/guest-1.1.elf

# ---- make run / make debug --------------------------------------------
# make run ARGS='...' appends ARGS to the kernel command line (run=demo
# first, so ARGS='run=tests' runs the in-guest tests instead).
# ACCEL=tcg|kvm forces an accelerator (default: KVM if it works here).
GUEST_RUN := $(GK)/tools/qemu-run.sh

# make run FIRMWARE=bios|uefi|grub: SeaBIOS with -kernel (default), OVMF
# with pvboot.efi (TCG: OVMF fails under our nested KVM), or a GRUB ISO.
FIRMWARE ?= bios
ifeq ($(FIRMWARE),bios)
run-body: $(B)/guest.elf $(B)/pvrom.rom
	$(Q)$(GUEST_RUN) $(B)/guest.elf $(B)/pvrom.rom $(B) run=demo $(ARGS)
else ifeq ($(FIRMWARE),uefi)
run-body: $(B)/pvboot.efi $(B)/guest.elf $(B)/pvrom.rom
	$(Q)$(MAKE) --no-print-directory run-uefi ARGS='run=demo $(ARGS)'
else ifeq ($(FIRMWARE),grub)
run-body: $(B)/guest.elf $(B)/pvrom.rom
	$(Q)$(MAKE) --no-print-directory run-grub ARGS='run=demo $(ARGS)'
else
run-body:
	@echo "make run: FIRMWARE must be bios, uefi or grub, not '$(FIRMWARE)'" >&2; exit 2
endif

# The ROM image is mapped where guest/bind places it in the kernel's window:
# ROM_WINDOW_VA (memlayout.h, read through cpp) + the data area (one CPU,
# sizes from pvrom-info --json) rounded up to pages.  The kernel prints the
# same address at boot ("ROM image at VA").  python3 does the arithmetic:
# the window is above the shell's signed 64-bit range.
DEBUG_TIMEOUT ?= 3600

$(B)/guest.gdb: $(B)/guest.elf $(B)/pvrom.rom $(B)/pvrom-info $(GK)/memlayout.h guest/guest.mk
	$(Q)win=$$(printf '#include "$(GK)/memlayout.h"\nROM_WINDOW_VA\n' | \
	    $(CC) -E -P -I$(SRC) -x c - | tail -1); \
	va=$$($(B)/pvrom-info --json $(B)/pvrom.rom | python3 -c 'import json, sys; \
	    h = json.load(sys.stdin)["header"]; \
	    print(hex(int(sys.argv[1], 0) + (h["data_size"] + h["percpu_size"] + 4095) // 4096 * 4096))' \
	    "$$win") || exit 1; \
	{ echo "# generated by guest/guest.mk: guest symbols + the ROM at $$va"; \
	  echo "set architecture i386:x86-64"; \
	  echo "file $(SRC)/$(B)/guest.elf"; \
	  echo "add-symbol-file $(SRC)/$(B)/rom/pvrom.elf -o $$va"; \
	  echo "target remote localhost:1234"; \
	  echo "hbreak kmain"; \
	  echo "echo guest.gdb: stopped at reset; 'continue' runs to kmain\\n"; \
	} > $@

debug-body: $(B)/guest.elf $(B)/pvrom.rom $(B)/guest.gdb
	@echo "debug: QEMU halted with a gdb stub on :1234 (TCG)."
	@echo "debug: in another terminal: gdb -x $(B)/guest.gdb"
	$(Q)TIMEOUT=$(DEBUG_TIMEOUT) $(GUEST_RUN) --gdb $(B)/guest.elf $(B)/pvrom.rom $(B) \
	    run=demo $(ARGS)

.PHONY: run-body debug-body

