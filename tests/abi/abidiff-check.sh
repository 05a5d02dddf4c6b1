#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# abidiff-check.sh SUPPRESSIONS BASELINE ELF
#
# Compares ELF with the ABI dump BASELINE (abidw) and prints one line:
# "PASS: abi-baseline BASELINE vs ELF" when nothing was removed or changed
# (added functions and symbols are fine), else "FAIL: ..." followed by
# abidiff's report.  abidiff's exit status alone cannot tell: bit 2 (4)
# means "some change", added or changed alike, bit 3 (8) an incompatible
# one (a removed symbol), bits 0-1 an error; so the summary lines decide:
#   Functions changes summary: R Removed, C Changed[ (F filtered out)], A Added ...
#   Variables changes summary: R Removed, C Changed, A Added ...
#   Function symbols changes summary: R Removed, A Added ... (no debug info)
#   Variable symbols changes summary: R Removed, A Added ...
# Exit status: 0 pass, 1 fail.
set -u
[ $# -eq 3 ] || { echo "usage: $0 SUPPRESSIONS BASELINE ELF" >&2; exit 2; }
suppr=$1 base=$2 elf=$3
name="abi-baseline $(basename "$base") vs $elf"

out=$(abidiff --no-show-locs --suppressions "$suppr" "$base" "$elf" 2>&1)
rc=$?
why=
if [ $((rc & 3)) -ne 0 ]; then
	why="abidiff failed (status $rc)"
elif [ $((rc & 8)) -ne 0 ]; then
	why="incompatible change (status $rc)"
else
	bad=$(printf '%s\n' "$out" | grep -E 'changes summary:' |
		grep -Eo '[0-9]+ (Removed|Changed)' | grep -v '^0 ')
	[ -z "$bad" ] || why=$(echo $bad)
fi
if [ -z "$why" ]; then
	added=$(printf '%s\n' "$out" | grep -Eo '[0-9]+ Added function(s)?$' | head -1)
	echo "PASS: $name${added:+ ($added)}"
	exit 0
fi
echo "FAIL: $name ($why)"
printf '%s\n' "$out" | sed 's/^/  /'
exit 1
