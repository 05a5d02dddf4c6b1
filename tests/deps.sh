#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Check for every tool and file the build and tests need.  Missing ones are
# installed with apt-get when running as root (after apt-get update);
# otherwise the exact command to run is printed and the script fails.
set -u

# "what to look for" "Debian package"
needs=(
	"cmd:gcc gcc"
	"cmd:g++ g++"
	"cmd:ld binutils"
	"cmd:objcopy binutils"
	"cmd:readelf binutils"
	"cmd:nasm nasm"
	"cmd:clang clang"
	"cmd:qemu-system-x86_64 qemu-system-x86"
	"file:/usr/share/seabios/bios-256k.bin seabios"
	"file:/usr/share/OVMF/OVMF_CODE_4M.fd ovmf"
	"file:/usr/lib/crt0-efi-x86_64.o gnu-efi"
	"glob:/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a libclang-rt-14-dev"
	"glob:/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.asan-x86_64.a libclang-rt-14-dev"
	"cmd:sha256sum coreutils"
	"cmd:timeout coreutils"
	"cmd:git git"
	"cmd:python3 python3"
	"cmd:gnuplot gnuplot-nox"
	"cmd:grub-mkrescue grub-common"
	"dir:/usr/lib/grub/i386-pc grub-pc-bin"
	"cmd:xorriso xorriso"
	"cmd:mformat mtools"
	"dir:/usr/lib/grub/x86_64-efi grub-efi-amd64-bin"
	"cmd:pkg-config pkg-config"
	"cmd:man man-db"
	"cmd:abidw abigail-tools"
	"cmd:abidiff abigail-tools"
	"cmd:dpkg-buildpackage dpkg-dev"
	"cmd:dh debhelper"
	"cmd:lintian lintian"
)

missing=()
for n in "${needs[@]}"; do
	what=${n%% *}; pkg=${n##* }
	case $what in
	cmd:*)  command -v "${what#cmd:}" >/dev/null 2>&1 && continue ;;
	file:*) [ -f "${what#file:}" ] && continue ;;
	dir:*)  [ -d "${what#dir:}" ] && continue ;;
	glob:*) compgen -G "${what#glob:}" >/dev/null && continue ;;
	esac
	case " ${missing[*]-} " in *" $pkg "*) ;; *) missing+=("$pkg") ;; esac
done

[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get update -qq || ! $cmd; then
		echo "deps: apt-get failed; run: apt-get update && $cmd" >&2
		exit 1
	fi
	exit 0
fi
echo "deps: missing Debian packages: ${missing[*]}" >&2
echo "deps: run as root: apt-get update && $cmd" >&2
exit 1
