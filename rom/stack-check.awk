# SPDX-License-Identifier: GPL-2.0-only
#
# Whole-call-chain stack check of the ROM (the ABI bounds what an op uses
# *including everything it calls*, which -fstack-usage alone cannot see).
# Reads the .ci call graphs gcc writes with -fcallgraph-info=su and fails if
# any op's deepest chain exceeds max bytes.
#   awk -v max=512 -v name=pvrom.elf -f rom/stack-check.awk obj/*.ci
# Functions without a graph are assembly: counted as asm_cost bytes (return
# address plus one push), except the dispatch stubs pvrom_X of rom/dispatch.S,
# which jump (no stack) to native_X.

function field(key,    i, s) {
	i = index($0, key ": \"")
	if (!i)
		return ""
	s = substr($0, i + length(key) + 3)
	return substr(s, 1, index(s, "\"") - 1)
}

function depth(f,    i, d, best, n) {
	if (f in memo)
		return memo[f]
	if (f in busy) {
		print "pvrom: recursion through " f " : stack use unbounded"
		bad = 1
		return 0
	}
	if (f == "__indirect_call") {
		print "pvrom: indirect call from C: stack use unknown"
		bad = 1
		return 0
	}
	if (!(f in size)) {
		n = f
		if (sub(/^pvrom_/, "native_", n) && (n in size))
			return memo[f] = depth(n)
		return memo[f] = asm_cost
	}
	busy[f] = 1
	best = 0
	for (i = 1; i <= nedge[f]; i++) {
		d = depth(edge[f, i])
		if (d > best)
			best = d
	}
	delete busy[f]
	return memo[f] = size[f] + best
}

BEGIN { if (!asm_cost) asm_cost = 16 }

/^node:/ {
	t = field("title")
	l = field("label")
	if (match(l, /[0-9]+ bytes \(static\)/))
		size[t] = substr(l, RSTART, RLENGTH) + 0
	else if (l ~ / bytes \(/) {
		print "pvrom: " t " : stack use not static"
		bad = 1
	}
}

/^edge:/ {
	s = field("sourcename")
	nedge[s]++
	edge[s, nedge[s]] = field("targetname")
}

END {
	worst = 0
	for (f in size) {
		if (f !~ /^(pvrom_|native_)/)
			continue
		d = depth(f)
		if (d > max) {
			print "pvrom: " f " needs " d " bytes of stack, over " max
			bad = 1
		}
		if (d > worst) {
			worst = d
			wf = f
		}
	}
	if (!bad)
		printf "  STACK   %s: deepest %s, %d of %d bytes\n", name, wf, worst, max
	exit bad
}
