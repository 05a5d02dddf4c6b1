# SPDX-License-Identifier: GPL-2.0-only
#
# Shared by loader/efi/run-uefi.sh and loader/grub/run-grub.sh (sourced):
# the argument convention "KERNEL MODE ROM CMDLINE LOG [DIR] [-- QEMU args]",
# the machine (tests/qemu/machine.sh, under QEMU_ACCEL, default tcg), OVMF,
# the serial and firmware logs and the final exec.

top=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-$top/build}
[ "${B#/}" = "$B" ] && B=$top/$B
. "$top/tests/qemu/machine.sh"

# run_parse USAGE_LINES SUBDIR SUFFIX "$@": sets kernel mode rom cmdline log
# dir, the array extra (QEMU arguments after --) and the machine's arguments
# in the array args.  DIR defaults to $B/SUBDIR/<LOG name>SUFFIX.  The
# firmware's port-0x402 log goes next to LOG (to $B/SUBDIR/run.debugcon.log
# when LOG is -).  On a short argument list, prints the script's header
# lines USAGE_LINES (sed range) and exits 2.
run_parse() {
	local usage=$1 sub=$2 suffix=$3 name=run dbg
	shift 3
	if [ $# -lt 5 ]; then
		sed -n "${usage}p" "$0" | sed 's/^# \{0,1\}//' >&2
		exit 2
	fi
	kernel=$1 mode=$2 rom=$3 cmdline=$4 log=$5
	shift 5
	dir=
	if [ $# -gt 0 ] && [ "$1" != -- ]; then
		dir=$1
		shift
	fi
	[ "${1-}" = -- ] && shift
	extra=("$@")
	[ "$log" != - ] && name=$(basename "${log%.log}")
	[ -n "$dir" ] || dir=$B/$sub/$name$suffix
	if [ "$log" = - ]; then
		dbg=$B/$sub/run.debugcon.log
	else
		dbg=${log%.log}.debugcon.log
	fi
	mkdir -p "$(dirname "$dbg")"
	qemu_machine "${QEMU_ACCEL:-tcg}" "$dbg" || exit 2
	args=("${QEMU_ARGS[@]}")
}

# run_ovmf VARS: OVMF as the firmware of args: its code read-only, a fresh
# copy of its variable store at VARS.  (Run it under TCG: OVMF does not boot
# under the nested KVM here.)
run_ovmf() {
	local code=/usr/share/OVMF/OVMF_CODE_4M.fd vars=/usr/share/OVMF/OVMF_VARS_4M.fd f
	for f in "$code" "$vars"; do
		[ -f "$f" ] || { echo "$(basename "$0"): missing $f" >&2; exit 2; }
	done
	cp "$vars" "$1"
	args+=(-drive "if=pflash,format=raw,unit=0,readonly=on,file=$code"
	       -drive "if=pflash,format=raw,unit=1,file=$1")
}

# run_exec: serial on the terminal or in LOG, then exec QEMU.  exec: an
# outer timeout's SIGTERM reaches ours.
run_exec() {
	if [ "$log" = - ]; then
		args+=(-serial stdio)
	else
		mkdir -p "$(dirname "$log")"
		: >"$log"
		args+=(-serial "file:$log")
	fi
	exec timeout "${PVBOOT_TIMEOUT:-300}" qemu-system-x86_64 "${args[@]}" "${extra[@]}"
}
