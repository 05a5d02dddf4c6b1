# SPDX-License-Identifier: GPL-2.0-only
#
# The benchmark (issue 4).
#
#   make bench     boots build/guest.elf with run=bench under KVM (when usable),
#                  TCG and TCG -icount (tests/bench/run-bench.sh), writes
#                  build/bench/bench.md and build/bench/bench.json
#                  (BENCH_ACCELS="tcg kvm", BENCH_ARGS="bench.n=..." narrow it)
#
# Suite bench-icount: under -icount shift=0 the guest's TSC counts
# instructions, so a per-call count is exact: the inline cli;sti pair must
# cost exactly 2 instructions per iteration, and two runs of the pair
# (inline and through the pv op) must print identical numbers.

BENCH_DIR := $(B)/bench

bench-body: $(B)/guest.elf $(B)/pvrom.rom
	$(Q)BENCH_ARGS='$(BENCH_ARGS)' tests/bench/run-bench.sh $(B)/guest.elf \
	    $(B)/pvrom.rom $(BENCH_DIR)
	$(Q)cat $(BENCH_DIR)/bench.md

SUITE_bench-icount := tests/bench/icount-check.sh $(B)/guest.elf $(B)/pvrom.rom \
	$(B)/tests/bench-icount

.PHONY: bench-body
