#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot a guest kernel from a GRUB ISO (multiboot2) under SeaBIOS.
#
#   run-grub.sh KERNEL MODE ROM CMDLINE LOG [WORKDIR] [-- extra QEMU args]
#
#   KERNEL   guest ELF64 with a multiboot2 header
#   MODE     option (QEMU -option-rom) | pci (pci-testdev ROM BAR) |
#            module (on the ISO, passed as a multiboot2 module) | none
#   ROM      ROM image for MODE (ignored for none)
#   CMDLINE  kernel command line (baked into grub.cfg: the ISO is per run)
#   LOG      serial log file, or - for the terminal
#   WORKDIR  where the ISO goes (default build/grub/<LOG name>)
#
# Environment: PVBOOT_TIMEOUT (seconds, default 300), QEMU_ACCEL (default
# tcg), QEMU_CPU (default qemu64).  Exit status is QEMU's (1 all passed,
# 3 failures, 5 skipped, 0 reset/triple fault, 124 timeout).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-$top/build}
[ "${B#/}" = "$B" ] && B=$top/$B

if [ $# -lt 5 ]; then
	sed -n '4,18p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
fi
kernel=$1 mode=$2 rom=$3 cmdline=$4 log=$5
shift 5
work=
if [ $# -gt 0 ] && [ "$1" != -- ]; then
	work=$1
	shift
fi
[ "${1-}" = -- ] && shift
if [ -z "$work" ]; then
	name=run
	[ "$log" != - ] && name=$(basename "${log%.log}")
	work=$B/grub/$name
fi
mkdir -p "$work"

args=(-nodefaults -no-reboot -display none -m 256
      -accel "${QEMU_ACCEL:-tcg}" -cpu "${QEMU_CPU:-qemu64}" -global apic.vapic=off
      -device isa-debug-exit,iobase=0xf4,iosize=0x04)
modrom=
case $mode in
none) ;;
option|pci|module)
	[ -f "$rom" ] || { echo "run-grub: missing ROM $rom" >&2; exit 2; } ;;
*) echo "run-grub: unknown ROM mode '$mode' (option|pci|module|none)" >&2; exit 2 ;;
esac
case $mode in
option) args+=(-option-rom "$rom") ;;
pci) args+=(-device "pci-testdev,romfile=$rom") ;;
module) modrom=$rom ;;
esac

"$top/loader/grub/mkiso.sh" "$kernel" "$work/pvrom-grub.iso" "$cmdline" $modrom >/dev/null
args+=(-cdrom "$work/pvrom-grub.iso" -boot d)

if [ "$log" = - ]; then
	args+=(-serial stdio)
else
	mkdir -p "$(dirname "$log")"
	: >"$log"
	args+=(-serial "file:$log" -chardev "file,id=dbg,path=${log%.log}.debugcon.log"
	       -device isa-debugcon,iobase=0x402,chardev=dbg)
fi

exec timeout "${PVBOOT_TIMEOUT:-300}" qemu-system-x86_64 "${args[@]}" "$@"
