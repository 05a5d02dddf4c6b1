#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# qemu-run.sh KERNEL ROM BUILD_DIR [kernel args...]
# Boots the reference guest with the ROM as an option ROM, serial on stdio,
# under timeout.  ACCEL=auto (default) uses KVM when /dev/kvm works for this
# guest (probed once per kernel build, result cached in BUILD_DIR), else TCG.
# Exit status: 0 when the guest exited with code 0 (QEMU status 1), 1 when
# it reported failures, the QEMU/timeout status otherwise (0 from QEMU, a
# triple fault, becomes 2).
set -u
kernel=$1 rom=$2 build=$3; shift 3
args="$*"
accel=${ACCEL:-auto}
tmo=${TIMEOUT:-120}
common=(-nodefaults -no-reboot -display none -m 128
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
	-kernel "$kernel" -option-rom "$rom")
kvm=(-accel kvm -cpu host,-arch-capabilities -global kvm-apic.vapic=off)
tcg=(-accel tcg -global apic.vapic=off)

kvm_works() {
	local stamp=$build/kvm-probe.ok bad=$build/kvm-probe.bad log
	[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "no usable /dev/kvm"; return 1; }
	[ "$stamp" -nt "$kernel" ] && return 0
	if [ "$bad" -nt "$kernel" ]; then cat "$bad"; return 1; fi
	log=$(timeout 60 qemu-system-x86_64 "${common[@]}" "${kvm[@]}" \
		-serial stdio -append "tests=tasks,time_alarm quiet" 2>&1)
	local rc=$?
	# the nested KVM here breaks SYSCALL from ring 3: the demo needs it
	if [ $rc -eq 1 ] && ! grep -q '^SKIP: user tasks' <<<"$log"; then
		touch "$stamp"; return 0
	fi
	echo "KVM probe failed (status $rc$(grep -q '^SKIP: user tasks' \
		<<<"$log" && echo ', SYSCALL broken'))" | tee "$bad"
	return 1
}

case $accel in
kvm)	sel=("${kvm[@]}"); name=KVM ;;
tcg)	sel=("${tcg[@]}"); name=TCG ;;
*)	if why=$(kvm_works); then sel=("${kvm[@]}"); name=KVM
	else sel=("${tcg[@]}"); name="TCG (${why:-KVM unusable})"; fi ;;
esac
echo "qemu: $name, kernel args '$args'"
timeout "$tmo" qemu-system-x86_64 "${common[@]}" "${sel[@]}" -serial stdio \
	-append "$args"
rc=$?
case $rc in
1)	exit 0 ;;		# guest wrote 0: passed
3)	exit 1 ;;		# guest wrote 1: failures
5)	exit 0 ;;		# guest wrote 2: everything skipped
124)	echo "qemu: timed out after ${tmo}s"; exit 124 ;;
0)	echo "qemu: exited with status 0 (triple fault?)"; exit 2 ;;
*)	exit $rc ;;
esac
