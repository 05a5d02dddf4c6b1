#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-bench.sh GUEST_ELF NATIVE_GUEST_ELF ROM OUTDIR
#
# Boots the guest in benchmark mode (run=bench: guest/kernel/bench/) once per
# accelerator and mode, each under timeout, on the machine of
# tests/qemu/machine.sh with the ROM as option ROM:
#
#   accelerators (BENCH_ACCELS, default "tcg-icount tcg kvm"):
#     tcg-icount  -accel tcg -icount shift=0,sleep=off,align=off: one guest
#                 instruction is one TSC tick, so counts are instructions,
#                 exact and repeatable
#     tcg         -accel tcg, TSC cycles
#     kvm         -accel kvm, TSC cycles; SKIP unless qemu_kvm_usable
#   modes (BENCH_MODES, default "native-build unpatched patched off"):
#     native-build  NATIVE_GUEST_ELF (PVOPS_NATIVE: no pv ops at all)
#     unpatched     GUEST_ELF, pvrom.patch=off: every site the indirect call
#     patched       GUEST_ELF as it boots by default: sites patched at bind
#     off           GUEST_ELF, pvrom=off: no ROM, sites patched to native
#
# Logs: OUTDIR/<accel>.<mode>.log (serial), .log.status (ok, incomplete,
# failed, skipped), .debugcon.log (firmware).  Then tests/bench/report.py
# writes OUTDIR/bench.json, bench.md and bench.svg.  A run that times out
# keeps the lines it printed and is marked incomplete.
# Environment: BENCH_ARGS (extra kernel arguments for every run, e.g.
# "bench.ops=syscall,eoi bench.batches=3"), BENCH_TIMEOUT_TCG (120 s a run),
# BENCH_TIMEOUT_KVM (90 s a run: the nested KVM of our machines interprets
# ring-0 code and would take hours; its runs end incomplete).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../qemu/machine.sh"
[ $# -eq 4 ] || { echo "usage: $0 GUEST_ELF NATIVE_GUEST_ELF ROM OUTDIR" >&2; exit 2; }
guest=$1 native=$2 rom=$3 out=$4
mkdir -p "$out"
rm -f "$out"/*.log "$out"/*.status "$out"/*.qemu

runs=()
for accel in ${BENCH_ACCELS:-tcg-icount tcg kvm}; do
	extra=() kvm_skip=
	case $accel in
	kvm)
		kvm_skip=$(qemu_kvm_usable) || true
		qaccel=kvm tmo=${BENCH_TIMEOUT_KVM:-90} ;;
	tcg)	qaccel=tcg tmo=${BENCH_TIMEOUT_TCG:-120} ;;
	tcg-icount)
		qaccel=tcg tmo=${BENCH_TIMEOUT_TCG:-120}
		extra=(-icount shift=0,sleep=off,align=off) ;;
	*) echo "bench: unknown accel '$accel'" >&2; exit 2 ;;
	esac
	for mode in ${BENCH_MODES:-native-build unpatched patched off}; do
		log=$out/$accel.$mode.log
		runs+=("$accel:$mode")
		case $mode in
		native-build) elf=$native margs= ;;
		unpatched) elf=$guest margs=pvrom.patch=off ;;
		patched) elf=$guest margs= ;;
		off) elf=$guest margs=pvrom=off ;;
		*) echo "bench: unknown mode '$mode'" >&2; exit 2 ;;
		esac
		if [ -n "$kvm_skip" ]; then
			echo "bench: $accel $mode: SKIP ($kvm_skip)"
			echo "skipped: $kvm_skip" >"$log.status"
			continue
		fi
		qemu_machine "$qaccel" "$out/$accel.$mode.debugcon.log"
		start=$(date +%s)
		timeout "$tmo" qemu-system-x86_64 "${QEMU_ARGS[@]}" "${extra[@]}" \
			-kernel "$elf" -option-rom "$rom" -serial "file:$log" \
			-append "run=bench quiet $margs ${BENCH_ARGS:-}" \
			</dev/null >"$log.qemu" 2>&1
		rc=$?
		case $rc in
		1) st=ok ;;
		124) st="incomplete: timeout after ${tmo}s" ;;
		*) st="failed: QEMU status $rc" ;;
		esac
		echo "$st" >"$log.status"
		echo "bench: $accel $mode: $st, $(grep -c '^BENCH ' "$log" 2>/dev/null || echo 0) results in $(( $(date +%s) - start ))s"
	done
done

python3 "$here/report.py" "$out" "${runs[@]}" || exit 1
# a benchmark, not a test: fail only if no run produced anything
grep -q '^BENCH ' "$out"/*.log 2>/dev/null
