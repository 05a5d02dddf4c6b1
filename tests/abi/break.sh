#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# break.sh SRC BUILD: make abi-check's baseline half does what it says.
#  - The debug build it compares is the shipped ROM: same loaded bytes but
#    for the build-id note.
#  - In a copy of the tree (like tests/repro/repro.sh), against the
#    committed baselines:
#      ABI 1.1 (one op added)                         passes, "1 Added"
#      console_write's len uint64_t -> uint32_t, in
#        abi/pvrom/ops.h and rom/console.c            fails: ROM and catalog
#      cpuid moved from PVROM_1.0 to PVROM_1.1        fails: removed at 1.0
#        (the version script edited)
set -u
src=$1 build=$2
check=$src/tests/abi/abidiff-check.sh
suppr=$src/abi/baseline/pvrom.suppr
base=$src/abi/baseline
tmp=$(mktemp -d /tmp/pvrom-abi.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

pass() { echo "PASS: abi-break: $1"; }
fail() { echo "FAIL: abi-break: $1"; }

# --- the dump describes the shipped code ---------------------------------
shipped=$build/rom/pvrom.elf debug=$build/abi/pvrom.elf
objcopy -O binary -R .note "$shipped" "$tmp/shipped.bin"
objcopy -O binary -R .note "$debug" "$tmp/debug.bin"
notes() { readelf -n "$1" | grep -v 'Build ID:'; }
if cmp -s "$tmp/shipped.bin" "$tmp/debug.bin" &&
   [ "$(notes "$shipped")" = "$(notes "$debug")" ]; then
	pass "the debug-info ROM has the shipped ROM's bytes (but its build-id)"
else
	fail "the debug-info ROM differs from the shipped ROM beyond its build-id"
fi

# --- deliberate changes in a copy -----------------------------------------
copy=$tmp/pvrom
mkdir -p "$copy"
tar -C "$src" --exclude=./build --exclude=./.git -cf - . | tar -C "$copy" -xf -
mk() { make -C "$copy" -s "$@" >"$tmp/make.log" 2>&1 || { tail -20 "$tmp/make.log"; return 1; }; }
# expect pass|fail BASELINE ELF WHAT
expect() {
	local want=$1 b=$2 elf=$3 what=$4 got
	if "$check" "$suppr" "$base/$b" "$copy/build/abi/$elf" >"$tmp/check.log" 2>&1; then
		got=pass
	else
		got=fail
	fi
	if [ "$got" = "$want" ]; then
		pass "$what: $b $(head -1 "$tmp/check.log" | sed 's/^[A-Z]*: //; s/^[^(]*//')"
	else
		fail "$what: $b should $want, did $got"
		sed 's/^/  /' "$tmp/check.log"
	fi
}

if mk ROM_ABI_MINOR=1 build/abi/pvrom.elf build/abi/catalog.elf; then
	expect pass pvrom-1.0.abi pvrom.elf "an ABI 1.1 build (an op added)"
	expect pass catalog-1.0.abi catalog.elf "an ABI 1.1 build (an op added)"
else
	fail "the copy did not build as ABI 1.1"
fi

ops=$copy/abi/pvrom/ops.h con=$copy/rom/console.c
sed -i 's/X(CPU, console_write, void, (const char \*buf, uint64_t len)/X(CPU, console_write, void, (const char *buf, uint32_t len)/' "$ops"
sed -i 's/^void pvrom_console_write(const char \*buf, uint64_t len)/void pvrom_console_write(const char *buf, uint32_t len)/' "$con"
if ! grep -q 'console_write, void, (const char \*buf, uint32_t len)' "$ops" ||
   ! grep -q '^void pvrom_console_write(const char \*buf, uint32_t len)' "$con"; then
	fail "the deliberate prototype change no longer applies: update tests/abi/break.sh"
elif mk build/abi/pvrom.elf build/abi/catalog.elf; then
	expect fail pvrom-1.0.abi pvrom.elf "console_write(len) uint64_t -> uint32_t"
	expect fail catalog-1.0.abi catalog.elf "console_write(len) uint64_t -> uint32_t"
else
	fail "the copy did not build with the changed prototype"
fi
cp "$src/abi/pvrom/ops.h" "$ops"
cp "$src/rom/console.c" "$con"

# The version script the catalogue and the ROM are linked with, edited as a
# build that moved an op would make it: cpuid from PVROM_1.0 to PVROM_1.1.
ver=$copy/build/rom/pvrom.ver
if ! mk ROM_ABI_MINOR=1 build/rom/pvrom.ver; then
	fail "the copy did not make the 1.1 version script"
elif ! sed -i 's/ pvrom_cpuid;//; s/ pvrom_tsc_khz;/ pvrom_tsc_khz; pvrom_cpuid;/' "$ver" ||
     ! grep -q 'pvrom_tsc_khz; pvrom_cpuid;' "$ver"; then
	fail "the deliberate version move no longer applies: update tests/abi/break.sh"
elif mk ROM_ABI_MINOR=1 build/abi/catalog.elf; then
	expect fail catalog-1.0.abi catalog.elf "cpuid moved to PVROM_1.1"
else
	fail "the copy did not build with cpuid moved"
fi
