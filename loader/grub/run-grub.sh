#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot a guest kernel from a GRUB ISO (multiboot2), under SeaBIOS or, with
# GRUB_PLATFORM=efi, under OVMF.
#
#   run-grub.sh KERNEL MODE ROM CMDLINE LOG [WORKDIR] [-- extra QEMU args]
#
#   KERNEL   guest ELF64 with a multiboot2 header
#   MODE     option (QEMU -option-rom) | pci (pci-testdev ROM BAR) |
#            module (on the ISO, passed as a multiboot2 module) | none;
#            under OVMF only module or none (UEFI runs no legacy ROM)
#   ROM      ROM image for MODE (ignored for none)
#   CMDLINE  kernel command line (baked into grub.cfg: the ISO is per run)
#   LOG      serial log file, or - for the terminal
#   WORKDIR  where the ISO goes (default build/grub/<LOG name>)
#
# Environment: GRUB_PLATFORM (bios or efi, default bios), PVBOOT_TIMEOUT
# (seconds, default 300), QEMU_ACCEL (tcg or kvm, default tcg; machine:
# tests/qemu/machine.sh; OVMF needs tcg here).  Exit status is QEMU's
# (1 all passed, 3 failures, 5 skipped, 0 reset/triple fault, 124 timeout).
set -eu

. "$(dirname "$0")/../runlib.sh"
run_parse 4,21 grub "" "$@"
work=$dir
mkdir -p "$work"

efi=
case ${GRUB_PLATFORM:-bios} in
bios) ;;
efi) efi=--efi ;;
*) echo "run-grub: GRUB_PLATFORM must be bios or efi" >&2; exit 2 ;;
esac

modrom=
case $mode in
none) ;;
option|pci|module)
	[ -f "$rom" ] || { echo "run-grub: missing ROM $rom" >&2; exit 2; } ;;
*) echo "run-grub: unknown ROM mode '$mode' (option|pci|module|none)" >&2; exit 2 ;;
esac
case $efi:$mode in
--efi:option|--efi:pci)
	echo "run-grub: under OVMF the ROM must be a module (UEFI runs no legacy option ROM)" >&2
	exit 2 ;;
esac
case $mode in
option) args+=(-option-rom "$rom") ;;
pci) args+=(-device "pci-testdev,romfile=$rom") ;;
module) modrom=$rom ;;
esac

"$top/loader/grub/mkiso.sh" $efi "$kernel" "$work/pvrom-grub.iso" "$cmdline" $modrom >/dev/null
[ -z "$efi" ] || run_ovmf "$work/ovmf-vars.fd"
args+=(-cdrom "$work/pvrom-grub.iso" -boot d)

run_exec
