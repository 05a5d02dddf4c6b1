# SPDX-License-Identifier: GPL-2.0-only
#
# Shared by loader/efi/run-uefi.sh and loader/grub/run-grub.sh (sourced):
# the argument convention "KERNEL MODE ROM CMDLINE LOG [DIR] [-- QEMU args]",
# the common QEMU arguments, the serial/debug-console logs and the final exec.

top=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-$top/build}
[ "${B#/}" = "$B" ] && B=$top/$B

# run_parse USAGE_LINES SUBDIR SUFFIX "$@": sets kernel mode rom cmdline log
# dir, the array extra (QEMU arguments after --) and the common QEMU
# arguments in the array args.  DIR defaults to $B/SUBDIR/<LOG name>SUFFIX.  On a short argument list, prints the script's
# header lines USAGE_LINES (sed range) and exits 2.
run_parse() {
	local usage=$1 sub=$2 suffix=$3
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
	if [ -z "$dir" ]; then
		local name=run
		[ "$log" != - ] && name=$(basename "${log%.log}")
		dir=$B/$sub/$name$suffix
	fi
	args=(-nodefaults -no-reboot -display none -m 256
	      -accel "${QEMU_ACCEL:-tcg}" -cpu "${QEMU_CPU:-qemu64}" -global apic.vapic=off
	      -device isa-debug-exit,iobase=0xf4,iosize=0x04)
}

# run_exec: serial on the terminal or in LOG (firmware's port-0x402 log next
# to it), then exec QEMU.  exec: an outer timeout's SIGTERM reaches ours.
run_exec() {
	if [ "$log" = - ]; then
		args+=(-serial stdio)
	else
		mkdir -p "$(dirname "$log")"
		: >"$log"
		args+=(-serial "file:$log" -chardev "file,id=dbg,path=${log%.log}.debugcon.log"
		       -device isa-debugcon,iobase=0x402,chardev=dbg)
	fi
	exec timeout "${PVBOOT_TIMEOUT:-300}" qemu-system-x86_64 "${args[@]}" "${extra[@]}"
}
