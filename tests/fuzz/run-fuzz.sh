#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-fuzz.sh FUZZER WORKDIR SECONDS SEED...
# Runs the libFuzzer target for SECONDS over a corpus seeded with SEED files
# (kept in WORKDIR/corpus between runs).  Prints "PASS: fuzz image (N runs)"
# or FAIL with the reason; any crash, leak or sanitizer report is a failure
# and leaves its input in WORKDIR/artifacts.
set -u
fuzzer=$1 work=$2 secs=$3; shift 3
mkdir -p "$work/corpus" "$work/artifacts"
for s in "$@"; do
	if ! cp -f "$s" "$work/corpus/seed-$(basename "$s")"; then
		echo "FAIL: fuzz image (seed $s missing)"
		exit 1
	fi
done
log=$work/fuzz.log
"$fuzzer" -max_total_time="$secs" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$work/artifacts/" \
	"$work/corpus" >"$log" 2>&1
rc=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
if [ "$rc" -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: ' "$log"; then
	grep -E 'ERROR:|runtime error:|SUMMARY:|Test unit written' "$log" | head -5
	echo "FAIL: fuzz image (exit $rc after ${runs:-?} runs; see $log)"
	exit 1
fi
if [ -z "$runs" ] || [ "$runs" -eq 0 ]; then
	echo "FAIL: fuzz image (no runs; see $log)"
	exit 1
fi
echo "PASS: fuzz image ($runs runs in ${secs}s)"
