#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-bench.sh GUEST_ELF ROM OUTDIR
#
# Boots the guest in benchmark mode (run=bench, see guest/kernel/bench/bench.c)
# with the ROM, one QEMU run per accelerator, each under timeout:
#   kvm         -accel kvm (only when /dev/kvm is usable here)   unit: TSC cycles
#   tcg         -accel tcg                                       unit: TSC cycles
#   tcg-icount  -accel tcg -icount shift=0,sleep=off,align=off   unit: instructions
# (with shift=0 one guest instruction is one TSC tick, so those counts are
# deterministic), on the machine of tests/qemu/machine.sh, keeps the serial
# logs as OUTDIR/<accel>.log (the firmware's as <accel>.debugcon.log) and
# writes OUTDIR/bench.md and OUTDIR/bench.json (tests/bench/report.py).
# A run that times out keeps the lines it printed and is marked incomplete.
# Environment: BENCH_ACCELS (default "tcg tcg-icount kvm"), BENCH_ARGS (extra
# kernel arguments, e.g. "bench.n=200000"), BENCH_TIMEOUT_KVM (300 s: the
# nested KVM here runs guest code ~100x slower than TCG),
# BENCH_TIMEOUT_TCG (120 s).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../qemu/machine.sh"
[ $# -eq 3 ] || { echo "usage: $0 GUEST_ELF ROM OUTDIR" >&2; exit 2; }
guest=$1 rom=$2 out=$3
mkdir -p "$out"

runs=()
for accel in ${BENCH_ACCELS:-tcg tcg-icount kvm}; do
	log=$out/$accel.log
	rm -f "$log" "$log.status"
	extra=()
	case $accel in
	kvm)
		if ! why=$(qemu_kvm_usable); then
			echo "bench: kvm: SKIP ($why)"
			echo "skipped: $why" >"$log.status"
			runs+=("$accel"); continue
		fi
		qemu_machine kvm "$out/$accel.debugcon.log"
		tmo=${BENCH_TIMEOUT_KVM:-300} ;;
	tcg)
		qemu_machine tcg "$out/$accel.debugcon.log"
		tmo=${BENCH_TIMEOUT_TCG:-120} ;;
	tcg-icount)
		qemu_machine tcg "$out/$accel.debugcon.log"
		extra=(-icount shift=0,sleep=off,align=off)
		tmo=${BENCH_TIMEOUT_TCG:-120} ;;
	*) echo "bench: unknown accel '$accel'" >&2; exit 2 ;;
	esac
	echo "bench: $accel: booting (timeout ${tmo}s)"
	start=$(date +%s)
	timeout "$tmo" qemu-system-x86_64 "${QEMU_ARGS[@]}" "${extra[@]}" \
		-kernel "$guest" -option-rom "$rom" \
		-serial "file:$log" -append "run=bench quiet ${BENCH_ARGS:-}" \
		</dev/null >"$log.qemu" 2>&1
	rc=$?
	case $rc in
	1) st=ok ;;
	124) st="incomplete: timeout after ${tmo}s" ;;
	*) st="failed: QEMU status $rc" ;;
	esac
	echo "$st" >"$log.status"
	echo "bench: $accel: $st, $(grep -c '^BENCH ' "$log" 2>/dev/null || echo 0) results in $(( $(date +%s) - start ))s"
	runs+=("$accel")
done

python3 "$here/report.py" "$out" "${runs[@]}" || exit 1
echo "bench: wrote $out/bench.md and $out/bench.json"
# a benchmark, not a test: fail only if no run produced anything
grep -q '^BENCH ' "$out"/*.log 2>/dev/null
