#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh PVROM-LINK HEAD GOOD-ELF DIR NAME...
# For each bad object NAME (tests/build/NAME.c, linked by build.mk into
# DIR/NAME.strict* and DIR/NAME.lax*): ld with the ROM's linker script must
# have refused it, and pvrom-link must refuse the lax link with a message
# naming the problem.  The good ROM ELF must pass pvrom-link.
set -u
link=$1 head=$2 good=$3 dir=$4; shift 4
fails=0
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1${2:+ ($2)}"; fails=$((fails + 1)); }

# What pvrom-link's message must mention for each object.
expect_of() {
	case $1 in
	bad_reloc) echo 'dynamic relocation' ;;
	bad_data)  echo 'writable section \.data' ;;
	bad_bss)   echo 'writable section \.bss|memsz' ;;
	*)         echo 'error' ;;
	esac
}

out=$dir/good.rom
if "$link" --head "$head" --elf "$good" -o "$out" >"$dir/good.log" 2>&1; then
	pass "pvrom-link accepts the good ROM"
else
	fail "pvrom-link accepts the good ROM" "$(head -1 "$dir/good.log")"
fi

for n in "$@"; do
	st=$(cat "$dir/$n.strict" 2>/dev/null || echo missing)
	if [ "$st" != 0 ] && [ "$st" != missing ]; then
		pass "$n: ld with the ROM linker script refuses it ($(grep -m1 -o 'pvrom: [^"]*' "$dir/$n.strict.log" || echo "status $st"))"
	else
		fail "$n: ld with the ROM linker script refuses it" "status $st"
	fi
	st=$(cat "$dir/$n.lax" 2>/dev/null || echo missing)
	if [ "$st" != 0 ]; then
		fail "$n: links with the lax script so pvrom-link sees it" "ld status $st: $(head -1 "$dir/$n.lax.log")"
		continue
	fi
	rm -f "$dir/$n.rom"
	"$link" --head "$head" --elf "$dir/$n.lax.elf" -o "$dir/$n.rom" >"$dir/$n.link.log" 2>&1
	rc=$?
	want=$(expect_of "$n")
	if [ "$rc" -eq 1 ] && grep -Eq "$want" "$dir/$n.link.log" && [ ! -e "$dir/$n.rom" ]; then
		pass "$n: pvrom-link fails naming it ($(grep -Em1 "$want" "$dir/$n.link.log" | cut -c1-110))"
	else
		fail "$n: pvrom-link fails naming it" "exit $rc, wanted /$want/: $(head -1 "$dir/$n.link.log")"
	fi
done
[ "$fails" -eq 0 ]
