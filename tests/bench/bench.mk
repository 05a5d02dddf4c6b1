# SPDX-License-Identifier: GPL-2.0-only
#
# The benchmark (issue 10, item 4): not a test, nothing here asserts a time.
#
#   make bench     boots build/guest-native.elf and the ABI 1.1 guest on the
#                  ABI 1.1 ROM with run=bench in four modes (native-build, unpatched, patched,
#                  off) under TCG -icount (instructions), TCG and KVM when
#                  usable (cycles) (tests/bench/run-bench.sh), and writes
#                  build/bench/bench.json, bench.md and bench.svg
#                  (tests/bench/report.py).  BENCH_ACCELS="tcg-icount tcg kvm",
#                  BENCH_MODES="native-build unpatched patched off" and
#                  BENCH_ARGS="bench.ops=syscall,eoi bench.batches=3" narrow it.
#
# Suite bench-icount: under -icount shift=0 the guest's TSC counts
# instructions, so per-call counts are exact (tests/bench/icount-check.sh).

BENCH_DIR := $(B)/bench

# The ROM modes run the ABI 1.1 guest on the ABI 1.1 ROM: op_info (1.1 on
# both sides) is what lets the patcher inline native sequences; with a 1.0
# ROM it can only make direct calls, which cost the indirect calls' count.
BENCH_GUEST := $(B)/compat/guest-1.1.elf
BENCH_ROM := $(B)/compat/pvrom-1.1.rom

bench-body: $(BENCH_GUEST) $(B)/guest-native.elf $(BENCH_ROM)
	$(Q)BENCH_ARGS='$(BENCH_ARGS)' tests/bench/run-bench.sh $(BENCH_GUEST) \
	    $(B)/guest-native.elf $(BENCH_ROM) $(BENCH_DIR)
	$(Q)cat $(BENCH_DIR)/bench.md

SUITE_bench-icount := tests/bench/icount-check.sh $(B)/guest.elf $(B)/pvrom.rom \
	$(B)/tests/bench-icount

# Suite bench-smoke: make bench cut down (tests/bench/smoke.sh): every mode
# runs every workload, the report has its documented shape.  No timings.
SUITE_bench-smoke := tests/bench/smoke.sh $(BENCH_GUEST) $(B)/guest-native.elf \
	$(BENCH_ROM) $(B)/tests/bench-smoke

.PHONY: bench-body
