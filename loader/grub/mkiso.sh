#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build a BIOS-bootable GRUB rescue ISO that boots the guest with multiboot2.
#
#   mkiso.sh GUEST_ELF OUT_ISO [CMDLINE] [ROM]
#
# CMDLINE defaults to "tests=all".  ROM, if given, goes on the ISO as
# /boot/pvrom.rom and is passed as a multiboot2 module; without it the ROM
# reaches the guest as a legacy option ROM (QEMU -option-rom or a PCI ROM),
# which SeaBIOS runs before GRUB and the guest finds by scanning.
#
# Needs grub-mkrescue (grub-common), grub-pc-bin and xorriso.
set -eu

if [ $# -lt 2 ]; then
	sed -n '4,13p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
fi
guest=$1 out=$2 cmdline=${3:-tests=all} rom=${4:-}
here=$(cd "$(dirname "$0")" && pwd)

[ -f "$guest" ] || { echo "mkiso: missing $guest" >&2; exit 2; }
[ -z "$rom" ] || [ -f "$rom" ] || { echo "mkiso: missing $rom" >&2; exit 2; }
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

# BIOS (i386-pc) only: that is where SeaBIOS runs option ROMs; the UEFI
# path is pvboot.efi's job.
grub-mkrescue -d /usr/lib/grub/i386-pc -o "$out" "$root" \
	--install-modules="multiboot2 normal serial terminal echo configfile iso9660 biosdisk" >"$out.mkrescue.log" 2>&1 || {
	cat "$out.mkrescue.log" >&2
	exit 1
}
rm -rf "$root"
echo "  ISO     $out ($(stat -c %s "$out") bytes)"
