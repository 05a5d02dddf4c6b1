#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# smoke.sh GUEST_ELF NATIVE_GUEST_ELF ROM OUTDIR
#
# Suite bench-smoke: `make bench`'s machinery, cut down (TCG -icount only,
# one batch, 1000 calls per op), so that it keeps working: every mode boots
# and runs every workload to the end, report.py writes bench.json in the
# documented shape, bench.md and bench.svg.  A benchmark is not a test:
# nothing here looks at a number except the TLB-flush count of the native
# build, which is what its inline update_pxe does (one invlpg per page).
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 4 ] || { echo "usage: $0 GUEST_ELF NATIVE_GUEST_ELF ROM OUTDIR" >&2; exit 2; }
out=$4
mkdir -p "$(dirname "$out")"
modes="native-build unpatched patched off"
workloads="syscall context_switch demand_paging lazy_map_unmap_512 timer_irq"

BENCH_ACCELS=tcg-icount BENCH_MODES=$modes \
BENCH_ARGS="bench.batches=1 bench.n=1000" \
	"$here/run-bench.sh" "$1" "$2" "$3" "$out" >"$out.log" 2>&1
st=$?
rc=0
check() {	# check OK DESCRIPTION
	if [ "$1" = 0 ]; then echo "PASS: bench-smoke $2"
	else echo "FAIL: bench-smoke $2 (see $out.log, $out/)"; rc=1; fi
}
check $st "run-bench.sh and report.py ran"
for m in $modes; do
	log=$out/tcg-icount.$m.log
	ok=0
	[ "$(cat "$log.status" 2>/dev/null)" = ok ] || ok=1
	for w in $workloads; do
		grep -q "^BENCH op=$w .*unit=cycles .*kind=workload" "$log" || ok=1
	done
	grep -q "^BENCH op=lazy_map_unmap_512 .*unit=tlb_flushes" "$log" || ok=1
	check $ok "$m: the guest runs every workload and counts the lazy batch's TLB flushes"
done
python3 - "$out/bench.json" "$modes" "$workloads" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1]))
modes, wls = sys.argv[2].split(), sys.argv[3].split()
keys = {"name", "kind", "mode", "backend", "accel", "unit", "min", "median"}
assert isinstance(rows, list) and rows, "a non-empty list"
for r in rows:
    assert keys <= set(r), "row keys: %r" % r
    assert r["kind"] in ("op", "workload") and r["mode"] in modes, r
for m in modes:
    got = {r["name"] for r in rows if r["mode"] == m and
           r["kind"] == "workload" and r["unit"] == "instructions"}
    assert got == set(wls), "%s: %s" % (m, sorted(got))
EOF
check $? "bench.json is a list of rows with every workload in every mode"
grep -q '^| lazy_map_unmap_512 |' "$out/bench.md" 2>/dev/null &&
	grep -q '<svg' "$out/bench.svg" 2>/dev/null
check $? "bench.md has the workload table and bench.svg the plot"
grep -q '^BENCH op=lazy_map_unmap_512 .*min=512 median=512 unit=tlb_flushes .*invlpg=512 ' \
	"$out/tcg-icount.native-build.log"
check $? "native build: the single-step counter sees the 512 invlpg of the inline update_pxe"
exit $rc
