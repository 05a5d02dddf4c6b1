#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# qemu-run.sh [--gdb] KERNEL ROM BUILD_DIR [kernel args...]
# Boots the reference guest with the ROM as an option ROM on the machine of
# tests/qemu/machine.sh, serial on stdio, the firmware's log in
# BUILD_DIR/run.debugcon.log, under timeout.  ACCEL=auto (default) uses KVM
# when the probe of machine.sh says it is usable and this guest's user tasks
# work under it (probed once per kernel build, cached in BUILD_DIR), else
# TCG.  --gdb: TCG, halted at reset with a gdb stub on port 1234.
# Exit status: 0 when the guest exited with code 0 (QEMU status 1), 1 when
# it reported failures, the QEMU/timeout status otherwise (0 from QEMU, a
# triple fault, becomes 2).
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/qemu/machine.sh"

gdb=()
if [ "${1-}" = --gdb ]; then
	gdb=(-s -S)
	shift
fi
kernel=$1 rom=$2 build=$3; shift 3
args="$*"
accel=${ACCEL:-auto}
tmo=${TIMEOUT:-120}
dbg=$build/run.debugcon.log
[ ${#gdb[@]} -eq 0 ] || accel=tcg
boot=(-kernel "$kernel" -option-rom "$rom")

# Beyond the machine: the demo's user tasks need SYSCALL, which the nested
# KVM here breaks; a boot of the guest's own tests tells.
guest_works_under_kvm() {
	local stamp=$build/kvm-probe.ok bad=$build/kvm-probe.bad log rc
	[ "$stamp" -nt "$kernel" ] && return 0
	if [ "$bad" -nt "$kernel" ]; then cat "$bad"; return 1; fi
	qemu_machine kvm /dev/null
	log=$(timeout 60 qemu-system-x86_64 "${QEMU_ARGS[@]}" "${boot[@]}" \
		-serial stdio -append "tests=tasks,time_alarm quiet" 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && ! grep -q '^SKIP: user tasks' <<<"$log"; then
		touch "$stamp"; return 0
	fi
	echo "KVM probe failed (status $rc$(grep -q '^SKIP: user tasks' \
		<<<"$log" && echo ', SYSCALL broken'))" | tee "$bad"
	return 1
}

case $accel in
kvm|tcg) name=${accel^^} ;;
*)	if why=$(qemu_kvm_usable) && why=$(guest_works_under_kvm); then
		accel=kvm name=KVM
	else
		accel=tcg name="TCG (${why:-KVM unusable})"
	fi ;;
esac
qemu_machine "$accel" "$dbg" || exit 2
if [ ${#gdb[@]} -eq 0 ]; then
	echo "qemu: $name, kernel args '$args'"
else
	echo "qemu: $name, halted for gdb on :1234, kernel args '$args'"
fi
timeout "$tmo" qemu-system-x86_64 "${QEMU_ARGS[@]}" "${gdb[@]}" "${boot[@]}" \
	-serial stdio -append "$args"
rc=$?
case $rc in
1)	exit 0 ;;		# guest wrote 0: passed
3)	exit 1 ;;		# guest wrote 1: failures
5)	exit 0 ;;		# guest wrote 2: everything skipped
124)	echo "qemu: timed out after ${tmo}s"; exit 124 ;;
0)	echo "qemu: exited with status 0 (triple fault?)"; exit 2 ;;
*)	exit $rc ;;
esac
