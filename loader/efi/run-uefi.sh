#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot a guest kernel under OVMF through pvboot.efi (TCG: OVMF does not boot
# under our nested KVM).
#
#   run-uefi.sh KERNEL MODE ROM CMDLINE LOG [ESPDIR] [-- extra QEMU args]
#
#   KERNEL   guest ELF64 (copied to \pvrom\guest.elf)
#   MODE     pci | file (alias esp) | fw_cfg (alias fwcfg) | none
#   ROM      ROM image for MODE (ignored for none)
#   CMDLINE  kernel command line (written to \pvrom\cmdline.txt)
#   LOG      serial log file, or - for the terminal
#   ESPDIR   the per-run ESP directory (default build/uefi/<LOG name>.esp);
#            OVMF's vars copy goes next to it as ESPDIR.vars.fd
#
# Environment: PVBOOT_EFI (default build/pvboot.efi), PVBOOT_TIMEOUT
# (seconds, default 300; callers usually wrap us in their own timeout),
# QEMU_ACCEL (tcg or kvm, default tcg; the machine is tests/qemu/machine.sh).
# Exit status is QEMU's: 1 all passed, 3 failures, 5 skipped (isa-debug-exit),
# 0 reset/triple fault or power-off (pvboot powers off on a fatal error),
# 124 timeout.
set -eu

. "$(dirname "$0")/../runlib.sh"
run_parse 4,22 uefi .esp "$@"

efi=${PVBOOT_EFI:-$B/pvboot.efi}
esp=$dir

for f in "$efi" "$kernel"; do
	[ -f "$f" ] || { echo "run-uefi: missing $f" >&2; exit 2; }
done

# A fresh ESP per run: vvfat snapshots the directory at start-up, and a
# stale pvrom.rom from an earlier run would change which source wins.
rm -rf "$esp"
mkdir -p "$esp/EFI/BOOT" "$esp/pvrom"
cp "$efi" "$esp/EFI/BOOT/BOOTX64.EFI"
cp "$kernel" "$esp/pvrom/guest.elf"
printf '%s\n' "$cmdline" >"$esp/pvrom/cmdline.txt"

run_ovmf "$esp.vars.fd"
args+=(-drive "file=fat:rw:$esp,format=raw,media=disk")

case $mode in
none) ;;
*) [ -f "$rom" ] || { echo "run-uefi: missing ROM $rom" >&2; exit 2; } ;;
esac
case $mode in
none) ;;
pci) args+=(-device "pci-testdev,romfile=$rom") ;;
file|esp) cp "$rom" "$esp/pvrom/pvrom.rom" ;;
fw_cfg|fwcfg) args+=(-fw_cfg "name=opt/org.pvrom/rom,file=$rom") ;;
*) echo "run-uefi: unknown ROM mode '$mode' (pci|file|fw_cfg|none)" >&2; exit 2 ;;
esac

run_exec
