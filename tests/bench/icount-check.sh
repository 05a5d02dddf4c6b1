#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# icount-check.sh GUEST_ELF ROM OUTDIR
#
# A deterministic count, never a wall-clock time: under TCG with
# -icount shift=0,sleep=off,align=off a guest TSC tick is one instruction.
# Boots the guest's benchmark twice for the irq_disable+enable pair and
# checks (1) the inline pair (cli; sti) costs exactly 2.0 instructions per
# iteration, min and median, once the empty loop is subtracted, and (2) both
# runs print identical counts for every path (ROM and inline).  The machine
# is tests/qemu/machine.sh's.
set -u
. "$(dirname "$0")/../qemu/machine.sh"
[ $# -eq 3 ] || { echo "usage: $0 GUEST_ELF ROM OUTDIR" >&2; exit 2; }
guest=$1 rom=$2 out=$3
mkdir -p "$out"
rc=0
for i in 1 2; do
	qemu_machine tcg "$out/run$i.debugcon.log"
	timeout 120 qemu-system-x86_64 "${QEMU_ARGS[@]}" \
		-icount shift=0,sleep=off,align=off \
		-kernel "$guest" -option-rom "$rom" -serial "file:$out/run$i.log" \
		-append "run=bench quiet bench.ops=irq_disable_enable" \
		</dev/null >"$out/run$i.qemu" 2>&1
	st=$?
	grep '^BENCH ' "$out/run$i.log" >"$out/run$i.bench" 2>/dev/null
	if [ $st != 1 ]; then
		echo "FAIL: bench-icount run $i (QEMU status $st; log: $out/run$i.log)"
		exit 1
	fi
done
line=$(grep 'op=irq_disable_enable path=native ' "$out/run1.bench")
if [[ $line == *" min=2.0 median=2.0 "* ]]; then
	echo "PASS: bench-icount inline cli;sti costs exactly 2 instructions per iteration"
else
	echo "FAIL: bench-icount inline cli;sti costs exactly 2 instructions per iteration (${line:-no result})"
	rc=1
fi
if [ -s "$out/run1.bench" ] && [ "$(grep -c . "$out/run1.bench")" -ge 3 ] &&
   cmp -s "$out/run1.bench" "$out/run2.bench"; then
	echo "PASS: bench-icount two runs give identical instruction counts ($(grep 'path=rom\|path=pv-native' "$out/run1.bench" | sed 's/.*path=\([^ ]*\).*min=\([^ ]*\).*/\1 \2/'))"
else
	echo "FAIL: bench-icount two runs give identical instruction counts (see $out/run1.bench, run2.bench)"
	rc=1
fi
exit $rc
