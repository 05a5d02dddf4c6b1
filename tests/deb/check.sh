#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check.sh SRC BUILD VERSION DEB...: make deb, then the packages:
#   - the four .debs, at VERSION (ROM_RELEASE), with their architectures
#   - lintian: no error (warnings and overrides are listed, not failed)
#   - no file in two packages, every file under /usr
#   - unpacked with dpkg -x into a scratch root (never installed here):
#     the packaged pvrom-info validates the packaged ROMs, its man pages
#     render, pkg-config finds the packaged pvbind.pc and its headers
set -u
src=$1 build=$2 version=$3
shift 3
debs=("$@")
tmp=$(mktemp -d /tmp/pvrom-deb.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

pass() { echo "PASS: deb: $1"; }
fail() { echo "FAIL: deb: $1"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

start=$(date +%s)
if ! make -C "$src" -s --no-print-directory deb >"$tmp/make.log" 2>&1; then
	fail "make deb (see $build/deb/build.log)"
	tail -30 "$tmp/make.log"
	exit 1
fi
echo "make deb: $(($(date +%s) - start)) s"
pass "make deb"

for d in "${debs[@]}"; do
	name=$(basename "$d")
	if [ ! -f "$d" ]; then
		fail "$name built"
		continue
	fi
	pkg=${name%%_*} arch=${name##*_}
	arch=${arch%.deb}
	check "$pkg: version $version, architecture $arch" \
		test "$(dpkg-deb -f "$d" Version)" = "$version" -a \
		"$(dpkg-deb -f "$d" Architecture)" = "$arch"
done

lintian --show-overrides "${debs[@]}" >"$tmp/lintian.log" 2>&1
cat "$tmp/lintian.log"
errors=$(grep -c '^E: ' "$tmp/lintian.log")
warnings=$(grep -c '^W: ' "$tmp/lintian.log")
overridden=$(grep -c '^O: ' "$tmp/lintian.log")
echo "lintian: $errors errors, $warnings warnings, $overridden overridden (debian/*.lintian-overrides)"
check "lintian: no error" test "$errors" -eq 0

for d in "${debs[@]}"; do
	dpkg-deb -c "$d" | awk '$1 !~ /^d/ { print $6 }'
done | sort >"$tmp/files"
check "no file in two packages" test -z "$(uniq -d "$tmp/files")"
check "every file under /usr" test -z "$(grep -v '^\./usr/' "$tmp/files")"

root=$tmp/root
for d in "${debs[@]}"; do
	dpkg -x "$d" "$root"
done
for r in pvrom.rom pvrom-1.1.rom; do
	out=$("$root/usr/bin/pvrom-info" "$root/usr/share/pvrom/$r")
	check "packaged pvrom-info: packaged /usr/share/pvrom/$r is valid" \
		grep -qx 'Verdict: valid' <<<"$out"
done
for t in pvrom-info pvrom-link; do
	warn=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 \
		-l "$root/usr/share/man/man1/$t.1.gz" 2>&1 >"$tmp/man.txt")
	check "man -l $t.1.gz from the package renders" test -z "$warn" -a -s "$tmp/man.txt"
done
check "the spec in /usr/share/doc/pvrom" test -s "$root/usr/share/doc/pvrom/SPEC.md.gz"
check "the guest and pvboot.efi in /usr/share/pvrom" \
	test -s "$root/usr/share/pvrom/guest.elf" -a -s "$root/usr/share/pvrom/pvboot.efi"

multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
flags=$(PKG_CONFIG_LIBDIR=$root/usr/lib/$multiarch/pkgconfig PKG_CONFIG_SYSROOT_DIR=$root \
	pkg-config --cflags --libs pvbind)
echo "pkg-config --cflags --libs pvbind: $flags"
check "pkg-config on the packaged pvbind.pc: -I.../usr/include/pvrom -L.../usr/lib/$multiarch -lpvbind" \
	grep -Eq -- "-I$root/usr/include/pvrom .*-L$root/usr/lib/$multiarch -lpvbind" <<<"$flags"
check "packaged libpvbind.a and pvbind.h" \
	test -s "$root/usr/lib/$multiarch/libpvbind.a" -a \
	-s "$root/usr/include/pvrom/guest/bind/pvbind.h"
