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
# deterministic), keeps the serial logs as OUTDIR/<accel>.log and writes
# OUTDIR/bench.md and OUTDIR/bench.json (tests/bench/report.py).
# A run that times out keeps the lines it printed and is marked incomplete.
# Environment: BENCH_ACCELS (default "tcg tcg-icount kvm"), BENCH_ARGS (extra
# kernel arguments, e.g. "bench.n=200000"), BENCH_TIMEOUT_KVM (300 s: the
# nested KVM here runs guest code ~100x slower than TCG),
# BENCH_TIMEOUT_TCG (120 s).
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 3 ] || { echo "usage: $0 GUEST_ELF ROM OUTDIR" >&2; exit 2; }
guest=$1 rom=$2 out=$3
mkdir -p "$out"

kvm_usable() {
	[ -r /dev/kvm ] && [ -w /dev/kvm ] || return 1
	echo quit | timeout 30 qemu-system-x86_64 -accel kvm -M pc \
		-cpu host,-arch-capabilities -nodefaults -display none -S \
		-monitor stdio >/dev/null 2>&1
}

common=(-nodefaults -no-reboot -display none -m 256
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
	-kernel "$guest" -option-rom "$rom")
runs=()
for accel in ${BENCH_ACCELS:-tcg tcg-icount kvm}; do
	log=$out/$accel.log
	rm -f "$log" "$log.status"
	case $accel in
	kvm)
		if ! kvm_usable; then
			echo "bench: kvm: SKIP (KVM unusable here)"
			echo "skipped: KVM unusable here" >"$log.status"
			runs+=("$accel"); continue
		fi
		args=(-accel kvm -cpu host,-arch-capabilities -global kvm-apic.vapic=off)
		tmo=${BENCH_TIMEOUT_KVM:-300} ;;
	tcg)
		args=(-accel tcg -cpu qemu64 -global apic.vapic=off)
		tmo=${BENCH_TIMEOUT_TCG:-120} ;;
	tcg-icount)
		args=(-accel tcg -cpu qemu64 -global apic.vapic=off
		      -icount shift=0,sleep=off,align=off)
		tmo=${BENCH_TIMEOUT_TCG:-120} ;;
	*) echo "bench: unknown accel '$accel'" >&2; exit 2 ;;
	esac
	echo "bench: $accel: booting (timeout ${tmo}s)"
	start=$(date +%s)
	timeout "$tmo" qemu-system-x86_64 "${common[@]}" "${args[@]}" \
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
