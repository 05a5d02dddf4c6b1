#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# bind_standalone.sh SRC OUTDIR CFLAGS...
# Proves the binding library (guest/bind) stands alone: it compiles with only
# -I$SRC and the compiler's own freestanding headers (-nostdinc), in both
# code models and for ABI 1.0 and 1.1; the objects together leave no symbol
# undefined; sources include nothing outside abi/ and guest/bind/.  Then
# checks the pv-ops call mechanism: each pv_*() wrapper is one
# "call *pv_ops+N(%rip)" (FF 15) with a .pvsites record pointing at it and no
# %rsp realignment around it (ops need 8-byte alignment only), and a
# PVOPS_NATIVE build has neither.
set -u
src=$1 out=$2; shift 2
cflags=("$@")
rc=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; rc=1; }
rm -rf "$out"; mkdir -p "$out"
inc=(-nostdinc -isystem "$(${CC:-gcc} -print-file-name=include)")
srcs=("$src"/guest/bind/*.c "$src"/guest/bind/*.S)

# 1. compile alone, every variant
for variant in "kernel:-mcmodel=kernel -fno-pie -fno-pic" "pie:-fPIE" \
	       "abi1.1:-mcmodel=kernel -fno-pie -fno-pic -DPVROM_ABI_MINOR=1"; do
	name=${variant%%:*}; flags=${variant#*:}
	d=$out/$name; mkdir -p "$d"; ok=1
	for f in "${srcs[@]}"; do
		# shellcheck disable=SC2086
		if ! ${CC:-gcc} "${cflags[@]}" "${inc[@]}" $flags -c "$f" \
			-o "$d/$(basename "$f").o" 2>"$d/$(basename "$f").err"; then
			cat "$d/$(basename "$f").err"; ok=0
		fi
	done
	[ $ok = 1 ] && pass "bind-standalone compiles alone ($name)" ||
		{ fail "bind-standalone compiles alone ($name)"; continue; }
	ld -r -o "$d/all.o" "$d"/*.o
	undef=$(nm -u "$d/all.o" | awk '{print $2}' | tr '\n' ' ')
	[ -z "$undef" ] && pass "bind-standalone no undefined symbols ($name)" ||
		fail "bind-standalone no undefined symbols ($name): $undef"
done

# 2. includes stay inside abi/ and guest/bind/ (plus freestanding headers)
bad=$(grep -hE '^[[:space:]]*#[[:space:]]*include' "${srcs[@]}" "$src"/guest/bind/*.h |
      grep -vE '<(stdint|stddef|stdarg)\.h>|"(abi/pvrom|abi/hw|guest/bind)/[a-z0-9_]+\.h"' || true)
[ -z "$bad" ] && pass "bind-standalone includes only abi/ and guest/bind/" ||
	fail "bind-standalone includes only abi/ and guest/bind/: $bad"

# 3. call sites
cat >"$out/sites.lds" <<'LDS'
ENTRY(pvb_sites_all)
SECTIONS {
	. = 0x100000;
	.text : { *(.text .text.*) }
	.rodata : { *(.rodata .rodata.*) }
	.pvsites : { __pvsites_start = .; KEEP(*(.pvsites)) __pvsites_end = .; }
	.data : { *(.data .data.* .bss .bss.* COMMON) }
	/DISCARD/ : { *(.note.*) *(.comment) *(.eh_frame) }
}
LDS
check_sites() {	# name flags libdir
	local name=$1 flags=$2 lib=$3 d=$out/sites-$1
	mkdir -p "$d"
	# shellcheck disable=SC2086
	if ! ${CC:-gcc} "${cflags[@]}" "${inc[@]}" $flags -c \
		"$src/tests/host/bind_pvops_sites.c" -o "$d/sites.o" 2>"$d/err"; then
		cat "$d/err"; fail "bind-standalone wrappers compile ($name)"; return
	fi
	if ! ld -nostdlib -static -z noexecstack -T "$out/sites.lds" -o "$d/sites.elf" \
		"$d/sites.o" "$lib/all.o" 2>"$d/err"; then
		cat "$d/err"; fail "bind-standalone wrappers link ($name)"; return
	fi
	local calls expected
	calls=$(objdump -d --disassemble=pvb_sites_all "$d/sites.elf" |
		grep -cE '\sff 15 .*call +\*0x[0-9a-f]+\(%rip\)')
	# shellcheck disable=SC2086
	expected=$(printf '#include "abi/pvrom/ops.h"\n#define PVB_COUNT(...) +1\n0 PVROM_OPS(PVB_COUNT)\n' |
		${CC:-gcc} -E -P "${cflags[@]}" "${inc[@]}" $flags -x c - | tail -1)
	expected=$(( expected ))
	if [[ $flags == *PVOPS_NATIVE* ]]; then
		if [ "$calls" = 0 ] && ! objdump -h "$d/sites.elf" | grep -q ' \.pvsites ' ||
		   [ "$(objdump -h "$d/sites.elf" | awk '$2==".pvsites"{print $3}')" = 00000000 ]; then
			[ "$calls" = 0 ] && pass "bind-standalone PVOPS_NATIVE has no pv calls or sites" ||
				fail "bind-standalone PVOPS_NATIVE has $calls indirect pv calls"
		else
			fail "bind-standalone PVOPS_NATIVE has $calls pv calls / .pvsites records"
		fi
		return
	fi
	objcopy -O binary --only-section=.pvsites "$d/sites.elf" "$d/pvsites.bin"
	objcopy -O binary --only-section=.text "$d/sites.elf" "$d/text.bin"
	local svma tvma
	svma=$((0x$(objdump -h "$d/sites.elf" | awk '$2==".pvsites"{print $4}')))
	tvma=$((0x$(objdump -h "$d/sites.elf" | awk '$2==".text"{print $4}')))
	local -a w
	read -r -a w < <(od -An -v -tu4 "$d/pvsites.bin" | tr '\n' ' ')
	local nrec=$(( ${#w[@]} / 2 )) good=0 i seen=" "
	for ((i = 0; i < nrec; i++)); do
		local s=${w[2*i]} m=${w[2*i+1]}
		(( s >= 2147483648 )) && s=$(( s - 4294967296 ))
		local addr=$(( svma + 8*i + s )) op=$(( m & 0xffff )) len=$(( (m >> 16) & 0xff ))
		local bytes
		bytes=$(od -An -tx1 -j $(( addr - tvma )) -N 2 "$d/text.bin" | tr -d ' \n')
		if [ "$bytes" = ff15 ] && [ "$len" = 6 ] && (( op < expected )) &&
		   [[ $seen != *" $op "* ]]; then
			good=$(( good + 1 )); seen="$seen$op "
		else
			echo "record $i: site 0x$(printf %x $addr) bytes $bytes op $op len $len"
		fi
	done
	# ops need only 8-byte %rsp alignment (SPEC section 8): a site is the
	# bare call, with no per-call realignment of %rsp around it
	local realign
	realign=$(objdump -d --disassemble=pvb_sites_all "$d/sites.elf" |
		grep -cE '(and +\$0x[0-9a-f]+,%rsp|mov +%rsp,%rbx|mov +%rbx,%rsp)')
	[ "$realign" = 0 ] &&
		pass "bind-standalone no per-call %rsp realignment (8-byte stack ABI) ($name)" ||
		fail "bind-standalone no per-call %rsp realignment (8-byte stack ABI) ($name): $realign found"
	if [ "$calls" = "$expected" ] && [ "$nrec" = "$expected" ] && [ "$good" = "$expected" ]; then
		pass "bind-standalone every wrapper is one recorded call *pv_ops(%rip) ($name: $expected ops)"
	else
		fail "bind-standalone call sites ($name): $calls calls, $nrec records, $good good, $expected ops"
	fi
}
check_sites pv "-mcmodel=kernel -fno-pie -fno-pic" "$out/kernel"
check_sites pv-pie "-fPIE" "$out/pie"
check_sites pv-abi1.1 "-mcmodel=kernel -fno-pie -fno-pic -DPVROM_ABI_MINOR=1" "$out/abi1.1"
check_sites native "-mcmodel=kernel -fno-pie -fno-pic -DPVOPS_NATIVE" "$out/kernel"
exit $rc
