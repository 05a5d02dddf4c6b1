#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test_tools.sh BUILD_DIR ROM: pvrom-info's text, --json, --catalog and
# --extract-elf output, exit statuses, both tools' --help, pvrom-link's
# refusals.  Environment: PVROM_MAX_SIZE, the build's size budget
# (linker/linker.mk).
set -u
b=$1 rom=$2
max=${PVROM_MAX_SIZE:?the ROM size budget, from linker/linker.mk}
info=$b/pvrom-info link=$b/pvrom-link
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1${2:+ ($2)}"; fails=$((fails + 1)); }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }

# The ops of ABI 1.0, as the tools' catalogue (abi/pvrom/ops.h) lists them.
nops=$("$info" --catalog | grep -c '^  PVROM_1\.0  ')
check "pvrom-info --catalog: lists the ABI 1.0 ops" test "$nops" -gt 0

"$info" "$rom" >"$tmp/text"; rc=$?
check "pvrom-info: valid ROM exits 0" test "$rc" -eq 0
check "pvrom-info: verdict line says valid" grep -qx 'Verdict: valid' "$tmp/text"
check "pvrom-info: licence shown" grep -q 'Licence: *GPL-2.0-only' "$tmp/text"
check "pvrom-info: build-id shown" grep -Eq 'Build-id: *[0-9a-f]{40}' "$tmp/text"
check "pvrom-info: lists $nops known ops at PVROM_1.0" \
	test "$(grep -Ec '^  0x[0-9a-f]+ +[0-9]+  PVROM_1\.0  yes ' "$tmp/text")" -eq "$nops"

# --json: must parse, and agree with the text output.
"$info" --json "$rom" >"$tmp/json"; rc=$?
check "pvrom-info --json: exits 0" test "$rc" -eq 0
if command -v python3 >/dev/null 2>&1; then
	if python3 - "$tmp/json" "$nops" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
assert d["valid"] is True and d["error"] is None, d["error"]
assert d["abi"].startswith("1."), d["abi"]
assert d["license"] == "GPL-2.0-only" and d["license_gpl_compatible"] is True
assert len(d["build_id"]) == 40
assert d["header"]["elf_offset"] == 4096
ops = [o for o in d["ops"] if o["version"] == "PVROM_1.0"]
assert len(ops) == n and all(o["known"] for o in ops), len(ops)
PY
	then pass "pvrom-info --json: parses and has the expected fields"
	else fail "pvrom-info --json: parses and has the expected fields"; fi
elif command -v jq >/dev/null 2>&1; then
	check "pvrom-info --json: parses (jq)" jq -e '.valid == true' "$tmp/json" >/dev/null
else
	echo "SKIP: pvrom-info --json: parses (no python3 or jq)"
fi

if command -v python3 >/dev/null 2>&1; then
	check "pvrom-info --json --catalog: parses, $nops ops of minor 0" python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
assert len([o for o in d["ops"] if o["minor"] == 0]) == int(sys.argv[1])' "$nops" \
		< <("$info" --json --catalog)
fi

# --extract-elf: the bytes of the image, readable by binutils.
"$info" --extract-elf "$tmp/rom.elf" "$rom" >/dev/null; rc=$?
check "pvrom-info --extract-elf: exits 0" test "$rc" -eq 0
off=$(od -An -tu4 -j $((0x20 + 0x14)) -N4 "$rom" | tr -d ' ')
size=$(od -An -tu4 -j $((0x20 + 0x18)) -N4 "$rom" | tr -d ' ')
dd if="$rom" of="$tmp/dd.elf" bs=1 skip="$off" count="$size" status=none
check "pvrom-info --extract-elf: bytes equal the ELF range of the ROM" cmp -s "$tmp/rom.elf" "$tmp/dd.elf"
check "readelf --dyn-syms -V on the extracted ELF shows $nops ops at PVROM_1.0" \
	test "$(readelf -W --dyn-syms "$tmp/rom.elf" | grep -c 'pvrom_.*@PVROM_1\.0')" -eq "$nops"
check "readelf -V on the extracted ELF shows the PVROM_1.0 node" \
	grep -q 'Name: PVROM_1.0' <(readelf -V "$tmp/rom.elf")
check "objdump -T on the extracted ELF shows the ops with versions" \
	test "$(objdump -T "$tmp/rom.elf" | grep -c ' PVROM_1\.0 *pvrom_')" -eq "$nops"
check "readelf -r on the extracted ELF: no relocations" \
	grep -q 'There are no relocations' <(readelf -rW "$tmp/rom.elf")

# An invalid image: verdict names the error, exit status 1.
cp "$rom" "$tmp/bad.rom"
printf '\x01' | dd of="$tmp/bad.rom" bs=1 seek=$((0x200)) conv=notrunc status=none
if cmp -s "$rom" "$tmp/bad.rom"; then
	printf '\x02' | dd of="$tmp/bad.rom" bs=1 seek=$((0x200)) conv=notrunc status=none
fi
"$info" "$tmp/bad.rom" >"$tmp/bad.txt"; rc=$?
check "pvrom-info: corrupted ROM exits 1" test "$rc" -eq 1
check "pvrom-info: corrupted ROM verdict is INVALID: PVB_E_CHECKSUM" \
	grep -q '^Verdict: INVALID: PVB_E_CHECKSUM: ' "$tmp/bad.txt"
"$info" --json "$tmp/bad.rom" >"$tmp/bad.json"; rc=$?
if command -v python3 >/dev/null 2>&1; then
	check "pvrom-info --json: invalid ROM parses with the error name" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["valid"] is False and d["error"]["name"] == "PVB_E_CHECKSUM"' "$tmp/bad.json"
fi
"$info" --major 2 "$rom" >"$tmp/major.txt"; rc=$?
check "pvrom-info --major 2: exit 1" test "$rc" -eq 1
check "pvrom-info --major 2: INVALID: PVB_E_MAJOR" grep -q 'INVALID: PVB_E_MAJOR' "$tmp/major.txt"

# Usage and I/O errors: exit 2.
"$info" >/dev/null 2>&1; rc=$?
check "pvrom-info without FILE exits 2" test "$rc" -eq 2
"$info" "$tmp/no-such-file" >/dev/null 2>&1; rc=$?
check "pvrom-info on a missing file exits 2" test "$rc" -eq 2
"$info" --bogus "$rom" >/dev/null 2>&1; rc=$?
check "pvrom-info with an unknown option exits 2" test "$rc" -eq 2
help_ok() {
	local s
	"$1" --help >"$tmp/help" 2>&1 || return 1
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES; do
		grep -qx "$s" "$tmp/help" || return 1
	done
}
for t in info link; do
	check "pvrom-$t --help: exit 0 and NAME/SYNOPSIS/DESCRIPTION/OPTIONS/EXIT STATUS/EXAMPLES" \
		help_ok "$b/pvrom-$t"
done
"$link" --head /dev/null >/dev/null 2>&1; rc=$?
check "pvrom-link with missing options exits 2" test "$rc" -eq 2

# pvrom-link: its refusals, and a reproducible result.
head=$b/rom/head.bin elf=$b/rom/pvrom.elf elf11=$b/compat/rom-1.1/pvrom.elf
linkfails() {	# linkfails PATTERN ARGS...: exit 1, message matches, no output file
	local want=$1; shift
	rm -f "$tmp/out.rom"
	"$link" "$@" -o "$tmp/out.rom" >"$tmp/link.log" 2>&1
	[ $? -eq 1 ] && grep -Eq "$want" "$tmp/link.log" && [ ! -e "$tmp/out.rom" ]
}
"$link" --head "$head" --elf "$elf" --max-size "$max" -o "$tmp/a.rom" >"$tmp/a.log" 2>&1; rc=$?
check "pvrom-link: good ROM links (exit 0)" test "$rc" -eq 0
check "pvrom-link: prints size, limit, op count and ABI" \
	grep -Eq "^a\.rom: [0-9]+ bytes \(limit $max\), [0-9]+ ops, ABI 1\.0\$" "$tmp/a.log"
"$link" --head "$head" --elf "$elf" -o "$tmp/b.rom" >"$tmp/b.log" 2>&1
check "pvrom-link: without --max-size the limit is the option ROM's 255 x 512 bytes" \
	grep -q "(limit $((255 * 512)))" "$tmp/b.log"
check "pvrom-link: two links give byte-identical images" cmp -s "$tmp/a.rom" "$tmp/b.rom"
check "pvrom-link: same bytes as $rom" cmp -s "$tmp/a.rom" "$rom"
check "pvrom-link: refuses an image over --max-size" \
	linkfails 'over the --max-size' --head "$head" --elf "$elf" --max-size 4096
cp "$head" "$tmp/h.bin"; printf '\x01' | dd of="$tmp/h.bin" bs=1 seek=$((0x40)) conv=notrunc status=none
check "pvrom-link: refuses a head with bytes in the header area" \
	linkfails 'header area' --head "$tmp/h.bin" --elf "$elf"
cp "$head" "$tmp/big.bin"; truncate -s 4097 "$tmp/big.bin"
check "pvrom-link: refuses a head over 4096 bytes" \
	linkfails 'over 4096' --head "$tmp/big.bin" --elf "$elf"
check "pvrom-link: refuses a 1.0 ELF as ABI 1.1 (op tsc_khz missing)" \
	linkfails 'tsc_khz.*missing' --head "$head" --elf "$elf" --abi-minor 1
check "pvrom-link: refuses a 1.1 ELF as ABI 1.0 (op newer than claimed)" \
	linkfails 'PVROM_1\.1, newer' --head "$head" --elf "$elf11"
check "pvrom-link: refuses a file that is not ELF" \
	linkfails 'not a little-endian ELF64' --head "$head" --elf "$head"
# The layout note (type 7, owner "PVROM") retyped: the data sizes are unknown.
if python3 - "$elf" "$tmp/nolayout.elf" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], 'rb').read())
i = d.find(struct.pack('<III', 6, 16, 7) + b'PVROM\0')
assert i > 0 and d.find(struct.pack('<III', 6, 16, 7) + b'PVROM\0', i + 1) < 0
d[i + 8:i + 12] = struct.pack('<I', 99)
open(sys.argv[2], 'wb').write(d)
PY
then
	check "pvrom-link: refuses an ELF without the layout note" \
		linkfails 'no PVROM layout note' --head "$head" --elf "$tmp/nolayout.elf"
else
	echo "SKIP: pvrom-link: refuses an ELF without the layout note (cannot patch the ELF)"
fi
"$link" --head "$head" --elf "$elf" --pci-id 15ad:0801 -o "$tmp/ids.rom" >/dev/null 2>&1
check "pvrom-link --pci-id: PCIR carries the IDs" \
	grep -q 'PCI: *15ad:0801' <("$info" "$tmp/ids.rom")
pnp=$(od -An -tu2 -j $((0x1a)) -N2 "$rom" | tr -d ' ')
if [ "$pnp" -ne 0 ]; then
	len=$(( $(od -An -tu1 -j $((pnp + 5)) -N1 "$rom" | tr -d ' ') * 16 ))
	sum=$(od -An -tu1 -v -j "$pnp" -N "$len" "$rom" | tr -s ' ' '\n' | awk '{s += $1} END {print s % 256}')
	check "\$PnP header at 0x$(printf %x "$pnp") sums to zero" test "$sum" -eq 0
fi
check "ROM image sums to zero" \
	test "$(od -An -tu1 -v "$rom" | tr -s ' ' '\n' | awk '{s += $1} END {print s % 256}')" -eq 0

# Outputs (issue 13, defect 3): a tool writes only what it was asked to, through
# a temporary file renamed on success; it refuses an output that is one of its
# inputs or not a regular file, and never deletes a file it did not create.
cp "$elf" "$tmp/in.elf"
"$link" --head "$head" --elf "$tmp/in.elf" --abi-minor 1 -o "$tmp/in.elf" >"$tmp/o.log" 2>&1; rc=$?
check "pvrom-link: -o naming the input ELF is refused (exit 2), the ELF intact" \
	eval 'test "$rc" -eq 2 && cmp -s "$elf" "$tmp/in.elf" && grep -q "is the input" "$tmp/o.log"'
"$link" --head "$head" --elf "$tmp/in.elf" -o "$tmp/in.elf" >"$tmp/o.log" 2>&1; rc=$?
check "pvrom-link: -o naming the input ELF of a good link is refused, the ELF intact" \
	eval 'test "$rc" -eq 2 && cmp -s "$elf" "$tmp/in.elf"'
ln -s in.elf "$tmp/in-link.elf"
"$link" --head "$head" --elf "$tmp/in.elf" -o "$tmp/in-link.elf" >"$tmp/o.log" 2>&1; rc=$?
check "pvrom-link: -o a symlink to the input ELF is refused, the ELF intact" \
	eval 'test "$rc" -eq 2 && cmp -s "$elf" "$tmp/in.elf"'
mkfifo "$tmp/fifo"
"$link" --head "$head" --elf "$elf" --abi-minor 1 -o "$tmp/fifo" >"$tmp/o.log" 2>&1; rc=$?
check "pvrom-link: -o naming a FIFO is refused (exit 2, not a regular file) and not removed" \
	eval 'test "$rc" -eq 2 && test -p "$tmp/fifo" && grep -q "not a regular file" "$tmp/o.log"'
mkdir "$tmp/outdir"
"$link" --head "$head" --elf "$elf" --abi-minor 1 -o "$tmp/outdir" >"$tmp/o.log" 2>&1; rc=$?
check "pvrom-link: -o naming a directory is refused (exit 2) and not removed" \
	eval 'test "$rc" -eq 2 && test -d "$tmp/outdir"'
echo old >"$tmp/old.rom"
"$link" --head "$head" --elf "$elf" --abi-minor 1 -o "$tmp/old.rom" >/dev/null 2>&1; rc=$?
check "pvrom-link: a failed check leaves an existing output as it was" \
	eval 'test "$rc" -eq 1 && test "$(cat "$tmp/old.rom")" = old'
"$link" --head "$head" --elf "$elf" -o "$tmp/outdir/new.rom" >/dev/null 2>&1; rc=$?
check "pvrom-link: a good link writes the image and leaves no temporary file" \
	eval 'test "$rc" -eq 0 && cmp -s "$tmp/outdir/new.rom" "$rom" && test "$(ls -A "$tmp/outdir")" = new.rom'
cp "$rom" "$tmp/x.rom"
"$info" --extract-elf "$tmp/x.rom" "$tmp/x.rom" >/dev/null 2>"$tmp/x.log"; rc=$?
check "pvrom-info --extract-elf X X: refused (exit 2), the ROM intact" \
	eval 'test "$rc" -eq 2 && cmp -s "$rom" "$tmp/x.rom" && grep -q "is the input" "$tmp/x.log"'
"$info" --extract-elf "$tmp/fifo" "$rom" >/dev/null 2>"$tmp/x.log" </dev/null & pid=$!
sleep 0.2 2>/dev/null || sleep 1
if kill -0 "$pid" 2>/dev/null; then	# blocked opening the FIFO: the old behaviour
	exec 3<>"$tmp/fifo"; exec 3<&-
fi
wait "$pid"; rc=$?
check "pvrom-info --extract-elf into a FIFO: refused (exit 2, not a regular file)" \
	eval 'test "$rc" -eq 2 && grep -q "not a regular file" "$tmp/x.log"'
"$info" --extract-elf "$tmp/outdir/rom.elf" "$rom" >/dev/null 2>&1; rc=$?
check "pvrom-info --extract-elf: writes OUT, no temporary file left" \
	eval 'test "$rc" -eq 0 && cmp -s "$tmp/outdir/rom.elf" "$tmp/rom.elf" && test "$(ls -A "$tmp/outdir")" = "$(printf "new.rom\nrom.elf")"'

# pvrom-info's input (defect 8): the true size of a file too large, a
# directory named as such.
truncate -s 2G "$tmp/huge.rom"
"$info" "$tmp/huge.rom" >"$tmp/huge.out" 2>"$tmp/huge.err"; rc=$?
check "pvrom-info: a 2 GiB file is refused (exit 2) with its true size" \
	eval 'test "$rc" -eq 2 && grep -q "2147483648 bytes, over" "$tmp/huge.err" && test ! -s "$tmp/huge.out"'
rm -f "$tmp/huge.rom"
truncate -s $((4 * 1024 * 1024 + 1)) "$tmp/4m1.rom"
"$info" "$tmp/4m1.rom" >/dev/null 2>"$tmp/huge.err"; rc=$?
check "pvrom-info: a file of 4 MiB + 1 byte is refused (exit 2)" \
	eval 'test "$rc" -eq 2 && grep -q "4194305 bytes, over" "$tmp/huge.err"'
"$info" /dev/stdin <"$tmp/4m1.rom" >/dev/null 2>"$tmp/huge.err"; rc=$?
check "pvrom-info: over 4 MiB from a pipe is refused (exit 2)" \
	eval 'test "$rc" -eq 2 && grep -q "over the 4194304 bytes" "$tmp/huge.err"'
rm -f "$tmp/4m1.rom"
"$info" "$tmp/outdir" >/dev/null 2>"$tmp/dir.err"; rc=$?
check "pvrom-info: a directory is refused (exit 2) as a directory" \
	eval 'test "$rc" -eq 2 && grep -q "outdir: is a directory" "$tmp/dir.err"'

# pvrom-link's arguments (defect 9): strict, each error names its option.
usagefails() {	# usagefails PATTERN ARGS...: exit 2, message matches, no output file
	local want=$1; shift
	rm -f "$tmp/out.rom"
	"$link" "$@" >"$tmp/usage.out" 2>"$tmp/usage.log"
	[ $? -eq 2 ] && grep -Eq -- "$want" "$tmp/usage.log" && [ ! -e "$tmp/out.rom" ] &&
		[ ! -s "$tmp/usage.out" ]
}
mkdir -p "$tmp/named"; cp "$elf" "$tmp/named/ELF"
check "pvrom-link: an input named ELF is not taken for a missing --elf (-o missing is named)" \
	eval 'usagefails "missing -o" --head "$head" --elf "$tmp/named/ELF" &&
	      ! grep -q -- "--elf" "$tmp/usage.log"'
check "pvrom-link: a missing --elf is named" \
	usagefails 'missing --elf' --head "$head" -o "$tmp/out.rom"
for a in '1b36:' ':0005' '0x1b36:0005' ' 1b36:5' '1b36:+5' '1b36:00005' '1b36' '1b36:5x'; do
	check "pvrom-link: --pci-id '$a' is refused" \
		usagefails "invalid --pci-id" --head "$head" --elf "$elf" --pci-id "$a" -o "$tmp/out.rom"
done
for a in '-0' '+0' ' 0' '0x0' '2' '1 ' ''; do
	check "pvrom-link: --abi-minor '$a' is refused" \
		usagefails "invalid --abi-minor" --head "$head" --elf "$elf" --abi-minor "$a" -o "$tmp/out.rom"
done
for a in '-1' '0x8000' '32768k' '99999999999999999999999'; do
	check "pvrom-link: --max-size '$a' is refused" \
		usagefails "invalid --max-size" --head "$head" --elf "$elf" --max-size "$a" -o "$tmp/out.rom"
done
check "pvrom-link: --elf given twice is refused" \
	usagefails '--elf given twice' --head "$head" --elf "$elf" --elf "$elf11" -o "$tmp/out.rom"
check "pvrom-link: an empty -o is refused" \
	usagefails 'empty file name' --head "$head" --elf "$elf" -o ''
check "pvrom-link: a stray argument is refused" \
	usagefails "unexpected argument 'stray'" --head "$head" --elf "$elf" -o "$tmp/out.rom" stray
"$link" --head "$head" --elf "$elf" --pci-id 1B36:5 --abi-minor 0 -o "$tmp/ok.rom" >/dev/null 2>&1
check "pvrom-link: --pci-id 1B36:5 (1 to 4 hex digits, either case) is accepted" \
	grep -q 'PCI: *1b36:0005' <("$info" "$tmp/ok.rom")

# A ROM that claims a minor whose ops it lacks (mkbad's minor-ahead): each
# missing op is named, for the minor the header claims.
"$info" "$b/tests/roms/minor-ahead.rom" >"$tmp/ahead.txt"
check "pvrom-info: ops of the claimed minor that a ROM lacks are listed as missing" \
	grep -Eq '^  missing: pvrom_[a-z0-9_]+@PVROM_1\.1$' "$tmp/ahead.txt"

# A two-digit minor: pvrom-info built with a catalogue whose newer ops sit at
# minor 10 (tests/host/catalog_minor10.c).  The 1.1 ROM claims minor 1, so
# nothing it lacks is of its minor; its 1.1 ops are known names at another
# version.
m10=$b/tests/pvrom-info-minor10 rom11=$b/compat/pvrom-1.1.rom
check "pvrom-info (minor-10 catalogue) --catalog: ops at PVROM_1.10" \
	grep -q '^  PVROM_1\.10 ' <("$m10" --catalog)
"$m10" "$rom11" >"$tmp/m10.txt"; rc=$?
check "pvrom-info (minor-10 catalogue): the 1.1 ROM is valid, no op reported missing" \
	eval 'test "$rc" -eq 0 && ! grep -q missing: "$tmp/m10.txt"'
check "pvrom-info (minor-10 catalogue): a 1.1 op is a known name at another version" \
	grep -Eq ' PVROM_1\.1 +version +pvrom_' "$tmp/m10.txt"

# The validator is freestanding: no library call, nothing undefined but itself.
cc=${CC:-gcc}
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
fs_ok() {
	local f
	for f in ${PVB_VALIDATOR_SRCS:?the validator sources, from guest/bind/validator.mk}; do
		"$cc" -std=gnu11 -O2 -Wall -Wextra -Werror -ffreestanding -nostdlib -fno-builtin \
			-mno-red-zone -mgeneral-regs-only -fno-stack-protector \
			-fno-tree-loop-distribute-patterns -I"$srcdir" \
			-c "$srcdir/$f" -o "$tmp/fs_$(basename "$f" .c).o" || return 1
	done
	ld -r -o "$tmp/fs.o" "$tmp"/fs_*.o && [ -z "$(nm -u "$tmp/fs.o")" ]
}
check "validator compiles freestanding with no undefined symbol" fs_ok

[ "$fails" -eq 0 ]
