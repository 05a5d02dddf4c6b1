# SPDX-License-Identifier: GPL-2.0-only
#
# The QEMU machine of every boot: `make run` and `make debug`
# (guest/kernel/tools/qemu-run.sh), the QEMU catalogue (run-cases.sh), the
# UEFI and GRUB runs (loader/runlib.sh) and the benchmark (tests/bench/), so
# that what `make run` shows is what `make test` checks.  Sourced.
#
#   qemu_machine ACCEL DEBUGCON_LOG
#       sets the array QEMU_ARGS to the machine under ACCEL (tcg | kvm),
#       with the firmware's port-0x402 log going to DEBUGCON_LOG.  Callers
#       add the serial console, the firmware or -kernel, and the ROM.
#   qemu_kvm_usable
#       status 0 when this machine starts under KVM here; otherwise prints
#       why not and returns 1.  Every KVM run asks this one probe.

# The guest ends a run by writing its verdict V to port 0xf4: QEMU exits
# with (V << 1) | 1.  -no-reboot turns a triple fault into status 0.
# QEMU's own vapic option ROM is left out, so that the option-ROM window
# holds only the ROMs a run asks for.
qemu_machine() {
	local accel=$1 dbg=$2

	QEMU_ARGS=(-nodefaults -no-reboot -display none -m 256
		   -device isa-debug-exit,iobase=0xf4,iosize=0x04
		   -chardev "file,id=dbg,path=$dbg"
		   -device isa-debugcon,iobase=0x402,chardev=dbg)
	case $accel in
	tcg)	QEMU_ARGS+=(-accel tcg -cpu qemu64 -global apic.vapic=off) ;;
	# -arch-capabilities: the nested KVM here cannot set that MSR
	kvm)	QEMU_ARGS+=(-accel kvm -cpu host,-arch-capabilities
			    -global kvm-apic.vapic=off) ;;
	*)	echo "qemu_machine: unknown accelerator '$accel' (tcg | kvm)" >&2
		return 2 ;;
	esac
}

qemu_kvm_usable() {
	if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
		echo "no usable /dev/kvm"
		return 1
	fi
	qemu_machine kvm /dev/null
	if ! echo quit | timeout 30 qemu-system-x86_64 "${QEMU_ARGS[@]}" -S \
		-monitor stdio >/dev/null 2>&1; then
		echo "QEMU cannot start the machine under KVM"
		return 1
	fi
}
