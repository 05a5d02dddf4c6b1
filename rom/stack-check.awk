# SPDX-License-Identifier: GPL-2.0-only
#
# The ROM's stack check.  The ABI bounds what an op uses *including
# everything it calls*, which -fstack-usage alone cannot see: this reads
# the call graphs gcc writes with -fcallgraph-info=su (one .ci per C file)
# and fails if any function's deepest chain exceeds max bytes, or if any
# function's own use is not static (a VLA, alloca), or if the chain is not
# known (recursion, an indirect call from C).  Every function is checked,
# so each one's own frame is bounded too.
#   awk -v max=512 -v name=pvrom.elf -v backends=native,kvm \
#       -f rom/stack-check.awk rom/dispatch.S obj/*.ci
# Functions without a graph are assembly, counted as asm_cost bytes (return
# address plus one push).  The exception is the dispatch stubs, read from
# the DISPATCH lines of rom/dispatch.S: a stub jumps (no stack) to the
# implementation named on its line (before init) or to a backend's
# <backend>_<op> or <backend>_<op>_<variant> (rom/data.h), so it costs the
# deepest of those.

function field(key,    i, s) {
	i = index($0, key ": \"")
	if (!i)
		return ""
	s = substr($0, i + length(key) + 3)
	return substr(s, 1, index(s, "\"") - 1)
}

function depth(f,    i, d, best, nb, b, g) {
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
	if (f in dispatch) {
		best = depth(dispatch[f])
		nb = split(backends, b, ",")
		for (i = 1; i <= nb; i++) {
			g = b[i] "_" substr(f, 7)	# pvrom_<op> -> <backend>_<op>
			for (h in size)
				if ((h == g || index(h, g "_") == 1) && depth(h) > best)
					best = depth(h)
		}
		return memo[f] = best
	}
	if (!(f in size))
		return memo[f] = asm_cost
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

# rom/dispatch.S: "DISPATCH pvrom_<op>, <index>, <implementation before init>"
$1 == "DISPATCH" {
	gsub(/,/, " ")
	dispatch[$2] = $4
	ndispatch++
	next
}

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
	if (!ndispatch) {
		print "pvrom: no DISPATCH line read: give rom/dispatch.S first"
		exit 1
	}
	worst = 0
	for (f in size) {
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
