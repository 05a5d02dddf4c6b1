#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh LOGDIR NAME=COMMAND...
# Runs each suite, shows its PASS:/FAIL:/SKIP: lines (prefixed by the suite
# name), keeps its full output in LOGDIR/NAME.log, and ends with the line
# "N passed, N failed, N skipped".  A suite that exits non-zero without
# printing a FAIL: line counts as one failure, so a crash cannot pass.
# Exit status: 0 if nothing failed, 1 otherwise.
set -u
logdir=$1; shift
pass=0 fail=0 skip=0
for spec in "$@"; do
	name=${spec%%=*}; cmd=${spec#*=}
	log=$logdir/$name.log
	bash -c "$cmd" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^PASS: ' "$log"); f=$(grep -c '^FAIL: ' "$log"); s=$(grep -c '^SKIP: ' "$log")
	grep -E '^(PASS|FAIL|SKIP): ' "$log" | sed "s/^/[$name] /"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "[$name] FAIL: suite exited with status $rc (see $log)"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
		echo "[$name] FAIL: suite ran no check (see $log)"
		f=1
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
