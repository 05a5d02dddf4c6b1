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
# QEMU_ACCEL (default tcg), QEMU_CPU (default qemu64).
# Exit status is QEMU's: 1 all passed, 3 failures, 5 skipped (isa-debug-exit),
# 0 reset/triple fault or power-off (pvboot powers off on a fatal error),
# 124 timeout.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-$top/build}
[ "${B#/}" = "$B" ] && B=$top/$B

if [ $# -lt 5 ]; then
	sed -n '4,22p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
fi
kernel=$1 mode=$2 rom=$3 cmdline=$4 log=$5
shift 5
esp=
if [ $# -gt 0 ] && [ "$1" != -- ]; then
	esp=$1
	shift
fi
[ "${1-}" = -- ] && shift

efi=${PVBOOT_EFI:-$B/pvboot.efi}
code=/usr/share/OVMF/OVMF_CODE_4M.fd
vars=/usr/share/OVMF/OVMF_VARS_4M.fd
if [ -z "$esp" ]; then
	name=run
	[ "$log" != - ] && name=$(basename "${log%.log}")
	esp=$B/uefi/$name.esp
fi

for f in "$efi" "$kernel" "$code" "$vars"; do
	[ -f "$f" ] || { echo "run-uefi: missing $f" >&2; exit 2; }
done

# A fresh ESP per run: vvfat snapshots the directory at start-up, and a
# stale pvrom.rom from an earlier run would change which source wins.
rm -rf "$esp"
mkdir -p "$esp/EFI/BOOT" "$esp/pvrom"
cp "$efi" "$esp/EFI/BOOT/BOOTX64.EFI"
cp "$kernel" "$esp/pvrom/guest.elf"
printf '%s\n' "$cmdline" >"$esp/pvrom/cmdline.txt"
cp "$vars" "$esp.vars.fd"

args=(-nodefaults -no-reboot -display none -m 256
      -accel "${QEMU_ACCEL:-tcg}" -cpu "${QEMU_CPU:-qemu64}" -global apic.vapic=off
      -drive "if=pflash,format=raw,unit=0,readonly=on,file=$code"
      -drive "if=pflash,format=raw,unit=1,file=$esp.vars.fd"
      -drive "file=fat:rw:$esp,format=raw,media=disk"
      -device isa-debug-exit,iobase=0xf4,iosize=0x04)

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

if [ "$log" = - ]; then
	args+=(-serial stdio)
else
	mkdir -p "$(dirname "$log")"
	: >"$log"
	# OVMF's own debug port; kept next to the serial log
	args+=(-serial "file:$log" -chardev "file,id=dbg,path=${log%.log}.debugcon.log"
	       -device isa-debugcon,iobase=0x402,chardev=dbg)
fi

# exec: an outer timeout's SIGTERM reaches our timeout, which passes it on
exec timeout "${PVBOOT_TIMEOUT:-300}" qemu-system-x86_64 "${args[@]}" "$@"
