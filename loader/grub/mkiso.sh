#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build a GRUB rescue ISO that boots the guest with multiboot2.
#
#   mkiso.sh [--efi] GUEST_ELF OUT_ISO [CMDLINE] [ROM]
#
# Without --efi the ISO boots on BIOS (GRUB i386-pc, grub-pc-bin); with it,
# on UEFI (GRUB x86_64-efi, grub-efi-amd64-bin, on the ISO's EFI system
# partition image as \EFI\BOOT\BOOTX64.EFI, which needs mtools).
# CMDLINE defaults to "tests=all".  ROM, if given, goes on the ISO as
# /boot/pvrom.rom and is passed as a multiboot2 module; without it the ROM
# reaches the guest as a legacy option ROM (QEMU -option-rom or a PCI ROM),
# which SeaBIOS runs before GRUB and the guest finds by scanning.  UEFI
# firmware runs no legacy option ROM, so there the module is the way.
#
# Needs grub-mkrescue (grub-common) and xorriso.
set -eu

usage() {
	sed -n '4,17p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}
platform=i386-pc
if [ "${1-}" = --efi ]; then
	platform=x86_64-efi
	shift
fi
[ $# -ge 2 ] || usage
guest=$1 out=$2 cmdline=${3:-tests=all} rom=${4:-}
here=$(cd "$(dirname "$0")" && pwd)

[ -f "$guest" ] || { echo "mkiso: missing $guest" >&2; exit 2; }
[ -z "$rom" ] || [ -f "$rom" ] || { echo "mkiso: missing $rom" >&2; exit 2; }
[ -d "/usr/lib/grub/$platform" ] || { echo "mkiso: missing /usr/lib/grub/$platform" >&2; exit 2; }
# grub.cfg is GRUB script: keep quotes and other metacharacters out of it
case $cmdline in *[\"\'\;\$\\\`\{\}\|\&\<\>]*)
	echo "mkiso: command line may not contain quotes or GRUB metacharacters" >&2
	exit 2 ;;
esac

root=$out.root
rm -rf "$root"
mkdir -p "$root/boot/grub" "$(dirname "$out")"
cp "$guest" "$root/boot/guest.elf"
module=
if [ -n "$rom" ]; then
	cp "$rom" "$root/boot/pvrom.rom"
	module="module2 /boot/pvrom.rom pvrom"
fi
sed -e "s|@CMDLINE@|$cmdline|" -e "s|@MODULE@|$module|" \
	"$here/grub.cfg.in" >"$root/boot/grub/grub.cfg"

# The modules grub.cfg uses, and what finds the ISO: BIOS disks, or on UEFI
# the firmware's disks (built into the EFI image), every partition map GRUB
# probes them with (its partmap.lst).  (On UEFI, GRUB's multiboot2 says "no
# suitable video mode found" on a machine without a display and boots on:
# the guest uses the serial port.)
mods="multiboot2 normal serial terminal echo configfile iso9660"
case $platform in
i386-pc)    mods="$mods biosdisk" ;;
x86_64-efi) mods="$mods fat $(cat /usr/lib/grub/x86_64-efi/partmap.lst)" ;;
esac
grub-mkrescue -d "/usr/lib/grub/$platform" -o "$out" "$root" \
	--install-modules="$mods" >"$out.mkrescue.log" 2>&1 || {
	cat "$out.mkrescue.log" >&2
	exit 1
}
rm -rf "$root"
echo "  ISO     $out ($platform, $(stat -c %s "$out") bytes)"
