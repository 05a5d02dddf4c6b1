#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-cases.sh [-j JOBS] [-k REGEX] CATALOGUE BUILD_DIR
#
# Boots every case of the catalogue (see cases.cfg for the format) in QEMU,
# JOBS at a time (default 2), each under timeout, and prints one line per
# case: "PASS: qemu NAME", "FAIL: qemu NAME (why)" or "SKIP: qemu NAME (why)".
# Serial and debug-console logs are kept in BUILD_DIR/tests/qemu/.
# -k runs only the cases whose name matches REGEX.
# QEMU exit status: isa-debug-exit gives (code << 1) | 1; the guest writes
# 0 (all passed), 1 (a check failed) or 2 (skipped).  Status 0 is a triple
# fault under -no-reboot and 124 a timeout: both are failures.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/machine.sh"

run_one() {
	local line=$1 B=$2 kvm_ok=$3
	local name fw accel kernel rom append expect tmo
	IFS='|' read -r name fw accel kernel rom append expect tmo <<<"$line"
	trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; echo "${s%"${s##*[![:space:]]}"}"; }
	name=$(trim "$name") fw=$(trim "$fw") accel=$(trim "$accel")
	kernel=$(trim "$kernel") rom=$(trim "$rom") append=$(trim "$append")
	expect=$(trim "$expect") tmo=$(trim "$tmo")

	local dir=$B/tests/qemu log dbg
	log=$dir/$name.log dbg=$dir/$name.debugcon.log
	rm -f "$log" "$dbg"

	local kfile
	case $kernel in
	guest) kfile=$B/guest.elf ;;
	guest-native) kfile=$B/guest-native.elf ;;
	guest-1.1) kfile=$B/compat/guest-1.1.elf ;;
	consumer) kfile=$B/tests/consumer/consumer.elf ;;
	*) echo "FAIL: qemu $name (unknown kernel '$kernel')"; return ;;
	esac

	case $accel in
	tcg) ;;
	kvm)
		if [ "$kvm_ok" != 1 ]; then
			echo "SKIP: qemu $name (KVM unusable here)"; return
		fi ;;
	*) echo "FAIL: qemu $name (unknown accel '$accel')"; return ;;
	esac
	# The guest compares its wall clock with the host's.
	append="$append host_time=$(date +%s)"

	local rc
	case $fw in
	bios)
		local args
		qemu_machine "$accel" "$dbg"
		args=("${QEMU_ARGS[@]}")
		case $rom in
		none) ;;
		option:*) args+=(-option-rom "$B/${rom#option:}") ;;
		pci:*) args+=(-device "pci-testdev,romfile=$B/${rom#pci:}") ;;
		module:*) args+=(-initrd "$B/${rom#module:}") ;;
		*) echo "FAIL: qemu $name (rom '$rom' not for bios)"; return ;;
		esac
		args+=(-serial "file:$log" -kernel "$kfile" -append "$append")
		timeout "$tmo" qemu-system-x86_64 "${args[@]}" </dev/null >"$log.qemu" 2>&1
		rc=$? ;;
	uefi|grub|grub-efi)
		# (the uefi and grub-efi cases are tcg: OVMF does not boot under
		# the nested KVM here)
		local mode=${rom%%:*} file=${rom#*:} run work platform=bios
		[ "$rom" = none ] && mode=none file=
		[ -n "$file" ] && file=$B/$file
		case $fw in
		uefi) run=$top/loader/efi/run-uefi.sh work=$B/tests/qemu/$name.esp ;;
		grub) run=$top/loader/grub/run-grub.sh work=$B/tests/qemu/$name.grub ;;
		grub-efi) run=$top/loader/grub/run-grub.sh work=$B/tests/qemu/$name.grub
			platform=efi ;;
		esac
		QEMU_ACCEL=$accel GRUB_PLATFORM=$platform timeout "$tmo" "$run" "$kfile" \
			"$mode" "$file" "$append" "$log" "$work" </dev/null >"$log.qemu" 2>&1
		rc=$? ;;
	*) echo "FAIL: qemu $name (unknown firmware '$fw')"; return ;;
	esac

	local why=
	case $rc in
	124) why="timeout after ${tmo}s" ;;
	0) why="triple fault or reset (status 0)" ;;
	1) ;;
	3) why="guest reported failures" ;;
	5) why="guest skipped" ;;
	*) why="QEMU status $rc: $(head -c 200 "$log.qemu" | tr '\n' ' ')" ;;
	esac
	local tok want got
	for tok in $expect; do
		case $tok in
		exit=pass) ;;
		exit=fail) [ "$rc" = 3 ] && why= || why=${why:-"expected guest failure, status $rc"} ;;
		log=*) grep -Eq -- "${tok#log=}" "$log" 2>/dev/null ||
			why=${why:-"log lacks /${tok#log=}/"} ;;
		nolog=*) grep -Eq -- "${tok#nolog=}" "$log" 2>/dev/null &&
			why=${why:-"log has /${tok#nolog=}/"} ;;
		debugcon=*) grep -Eq -- "${tok#debugcon=}" "$dbg" 2>/dev/null ||
			why=${why:-"debug console lacks /${tok#debugcon=}/"} ;;
		*) why=${why:-"unknown expectation '$tok'"} ;;
		esac
	done
	if [ -z "$why" ]; then
		echo "PASS: qemu $name"
	else
		echo "FAIL: qemu $name ($why; log: $log)"
	fi
}

if [ "${1-}" = --one ]; then
	run_one "$2" "$3" "$4"
	exit 0
fi

jobs=2 filter=
while getopts "j:k:" o; do
	case $o in
	j) jobs=$OPTARG ;;
	k) filter=$OPTARG ;;
	*) echo "usage: $0 [-j JOBS] [-k REGEX] CATALOGUE BUILD_DIR" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || { echo "usage: $0 [-j JOBS] [-k REGEX] CATALOGUE BUILD_DIR" >&2; exit 2; }
cat=$1 B=$(cd "$2" && pwd)
mkdir -p "$B/tests/qemu"

kvm_ok=0
if grep -Eq '^[^#]*\|[[:space:]]*kvm[[:space:]]*\|' "$cat" && qemu_kvm_usable >/dev/null; then
	kvm_ok=1
fi

grep -Ev '^[[:space:]]*(#|$)' "$cat" |
	while IFS= read -r l; do
		n=${l%%|*}; n=${n//[[:space:]]/}
		[ -z "$filter" ] || [[ $n =~ $filter ]] && printf '%s\n' "$l"
	done |
	xargs -d '\n' -P "$jobs" -I{} "$0" --one {} "$B" "$kvm_ok"
