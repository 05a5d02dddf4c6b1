#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check.sh SRC ROOT CONSUMER_DIR: what `make install DESTDIR=ROOT
# PREFIX=/usr` laid out (tests/install/install.mk), and make uninstall.
#   - every file the issue names, at its place, with Debian's modes (0755
#     programs, 0644 the rest, 0755 directories), nothing outside ROOT/usr
#   - the ABI and library headers byte-identical to the tree's, and each
#     library header compiling alone with only pkg-config's flags
#   - pkg-config --cflags --libs pvbind answers; the man pages render with
#     no groff warning and document every option --help has
#   - the installed pvrom-info validates the installed ROMs
#   - the consumer kernel was compiled from installed headers only
#   - make uninstall leaves nothing; PREFIX defaults to /usr/local
set -u
src=$1 root=$2 consumer=$3
tmp=$(mktemp -d /tmp/pvrom-install.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1

pass() { echo "PASS: install: $1"; }
fail() { echo "FAIL: install: $1"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

# file mode
want() {
	local f=$root/$1 mode=$2
	if [ ! -f "$f" ]; then
		fail "/$1 installed"
	elif [ "$(stat -c %a "$f")" != "$mode" ]; then
		fail "/$1 has mode $(stat -c %a "$f"), not $mode"
	else
		pass "/$1 ($mode)"
	fi
}
want usr/bin/pvrom-info 755
want usr/bin/pvrom-link 755
want usr/share/man/man1/pvrom-info.1 644
want usr/share/man/man1/pvrom-link.1 644
want usr/share/pvrom/pvrom.rom 644
want usr/share/pvrom/pvrom-1.1.rom 644
want usr/share/pvrom/guest.elf 644
want usr/share/pvrom/pvboot.efi 644
want usr/lib/libpvbind.a 644
want usr/lib/pkgconfig/pvbind.pc 644
want usr/share/doc/pvrom/SPEC.md 644
want usr/include/pvrom/guest/bind/pvbind.h 644

# Everything else: under usr/, regular files and directories only, modes.
bad=$(cd "$root" && find . -mindepth 1 ! -path './usr' ! -path './usr/*')
check "nothing outside PREFIX (/usr)" test -z "$bad"
bad=$(find "$root" -mindepth 1 ! -type f ! -type d)
check "only regular files and directories" test -z "$bad"
bad=$(find "$root" -type d ! -perm 755; find "$root" -type f ! -path '*/usr/bin/*' ! -perm 644)
check "directories 0755, data 0644" test -z "$bad"

n=0 differ=
for h in abi/pvrom/*.h abi/hw/*.h; do
	n=$((n + 1))
	cmp -s "$h" "$root/usr/include/pvrom/$h" || differ="$differ $h"
done
check "the $n ABI headers under include/pvrom/abi/, as in the tree" test -z "$differ"

# pkg-config, the way a kernel outside the tree asks it
pc() {
	PKG_CONFIG_LIBDIR=$root/usr/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$root \
		pkg-config "$@" pvbind
}
flags=$(pc --cflags --libs)
echo "pkg-config --cflags --libs pvbind: $flags"
check "pkg-config --cflags --libs pvbind: -I.../include/pvrom and -lpvbind" \
	grep -Eq -- "-I$root/usr/include/pvrom( |$).*-lpvbind" <<<"$flags"
check "pkg-config --with-path (no sysroot) answers -I/usr/include/pvrom" \
	grep -q -- '-I/usr/include/pvrom' \
	<<<"$(pkg-config --with-path "$root/usr/lib/pkgconfig" --cflags --libs pvbind)"
check "pkg-config --modversion pvbind is ROM_RELEASE" \
	test "$(pc --modversion)" = "$(sed -n 's/^ROM_RELEASE *:= *//p' rom/rom.mk)"

# The library's headers complete: each compiles alone, nothing but the
# installed tree and the compiler's freestanding headers.
gccinc=$(gcc -print-file-name=include)
for h in "$root"/usr/include/pvrom/guest/bind/*.h; do
	check "installed ${h#"$root"/usr/include/pvrom/} compiles alone with pkg-config's flags" \
		gcc -std=gnu11 -Wall -Wextra -Werror -ffreestanding -nostdinc -isystem "$gccinc" \
		$(pc --cflags) -fsyntax-only -x c "$h"
done

for t in pvrom-info pvrom-link; do
	page=$root/usr/share/man/man1/$t.1
	warn=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >"$tmp/$t.txt")
	check "man -l $t.1 renders without warnings" test -z "$warn" -a -s "$tmp/$t.txt"
	[ -z "$warn" ] || echo "$warn"
	"$root/usr/bin/$t" --help | grep -Eo -- '--[a-z][a-z-]*' | sort -u >"$tmp/help.opts"
	sed 's/\x08.//g' "$tmp/$t.txt" | grep -Eo -- '--[a-z][a-z-]*' | sort -u >"$tmp/man.opts"
	check "$t.1 names every option of $t --help ($(wc -l <"$tmp/help.opts"))" \
		cmp -s "$tmp/help.opts" "$tmp/man.opts"
done

for r in pvrom.rom pvrom-1.1.rom; do
	check "installed pvrom-info: installed $r is valid" \
		grep -qx 'Verdict: valid' <<<"$("$root/usr/bin/pvrom-info" "$root/usr/share/pvrom/$r")"
done

# The consumer's compiler dependencies: its own sources, the install, the
# compiler's own headers; nothing of the source tree outside tests/consumer.
deps=$(sed 's/\\$//; s/^[^:]*://' "$consumer"/*.d | tr ' ' '\n' | grep . | sort -u)
bad=$(grep -v -e "^$root/" -e "^$gccinc/" -e '^[a-z]*\.[Sch]$' <<<"$deps")
check "consumer kernel built from installed headers only ($(grep -c "^$root/" <<<"$deps") of them)" \
	test -n "$deps" -a -z "$bad"
[ -z "$bad" ] || echo "$bad"
check "consumer kernel linked the installed libpvbind.a" \
	test -s "$consumer/consumer.elf"

# make uninstall on a copy: nothing left, not even pvrom's directories.
cp -a "$root" "$tmp/root"
make -s --no-print-directory uninstall DESTDIR="$tmp/root" PREFIX=/usr >"$tmp/uninstall.log" 2>&1
check "make uninstall removes every file" test -z "$(find "$tmp/root" -type f)"
check "make uninstall removes pvrom's directories" \
	test ! -e "$tmp/root/usr/include/pvrom" -a ! -e "$tmp/root/usr/share/pvrom" \
	-a ! -e "$tmp/root/usr/share/doc/pvrom"

make -s --no-print-directory install DESTDIR="$tmp/default" >"$tmp/install.log" 2>&1
check "PREFIX defaults to /usr/local" \
	test -x "$tmp/default/usr/local/bin/pvrom-info" -a -z "$(cd "$tmp/default" &&
		find . -mindepth 1 ! -path ./usr ! -path ./usr/local ! -path './usr/local/*')"
