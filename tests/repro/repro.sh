#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# repro.sh SRC BUILD: the ROM build is reproducible.  Copies the source tree
# (without build/) to a directory with another absolute path, builds the
# ROMs there from scratch and compares them byte for byte with BUILD's.
set -u
src=$1 build=$2
tmp=$(mktemp -d /tmp/pvrom-repro.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
copy=$tmp/elsewhere/pvrom

mkdir -p "$copy"
tar -C "$src" --exclude=./build -cf - . | tar -C "$copy" -xf -
if ! make -C "$copy" -s build/pvrom.rom build/compat/pvrom-1.1.rom >"$tmp/make.log" 2>&1; then
	echo "FAIL: repro: the copy did not build (see below)"
	tail -20 "$tmp/make.log"
	exit 1
fi
for f in pvrom.rom compat/pvrom-1.1.rom rom/pvrom.elf rom/head.bin; do
	if cmp -s "$build/$f" "$copy/build/$f"; then
		echo "PASS: repro: $f is byte-identical when built from another directory"
	else
		echo "FAIL: repro: $f differs when built from another directory"
		cmp "$build/$f" "$copy/build/$f" | head -3
	fi
done
