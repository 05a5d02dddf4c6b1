#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# report.py OUTDIR ACCEL...
#
# Reads the guest's "BENCH key=value ..." lines from OUTDIR/<accel>.log (and
# the run's status from OUTDIR/<accel>.log.status, written by run-bench.sh),
# and writes OUTDIR/bench.md (a Markdown table plus the machine it ran on)
# and OUTDIR/bench.json (the same data).  Under tcg-icount the guest's TSC
# ticks are instructions, so the unit is relabelled.
import datetime
import json
import os
import platform
import re
import subprocess
import sys

ACCEL_NOTE = {
    "kvm": "-accel kvm -cpu host,-arch-capabilities (nested KVM)",
    "tcg": "-accel tcg -cpu qemu64",
    "tcg-icount": "-accel tcg -cpu qemu64 -icount shift=0,sleep=off,align=off",
}
PATH_NOTE = {
    "rom": "pv call through pv_ops into the ROM",
    "pv-native": "pv call through pv_ops into guest/bind's native code",
    "native": "the native instruction(s) inline, no call",
    "native-build": "PVOPS_NATIVE kernel: the pv_*() wrapper is inline",
}


def cmd(args):
    try:
        return subprocess.run(args, capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    top = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    rev = cmd(["git", "-C", top, "describe", "--always", "--dirty"])
    return {
        "kernel": platform.release(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "qemu": (cmd(["qemu-system-x86_64", "--version"]).splitlines()
                 or ["?"])[0],
        "date": datetime.datetime.now(datetime.timezone.utc)
                .strftime("%Y-%m-%d %H:%M:%S UTC"),
        "source": rev or "?",
    }


def parse(out, accel):
    rows, header, empty = [], "", None
    try:
        with open(os.path.join(out, accel + ".log"), errors="replace") as f:
            for line in f:
                line = line.strip()
                if line.startswith("bench: ") and "calls per batch" in line:
                    header = line[len("bench: "):]
                if not line.startswith("BENCH "):
                    continue
                kv = dict(re.findall(r"(\w+)=(\S+)", line))
                if kv.get("op") == "empty_loop":
                    empty = float(kv.get("min", "nan"))
                    continue
                unit = kv.get("unit", "?")
                if accel == "tcg-icount" and unit == "cycles":
                    unit = "instructions"
                rows.append({
                    "op": kv.get("op", "?"), "path": kv.get("path", "?"),
                    "backend": kv.get("backend", "?"), "accel": accel,
                    "min": float(kv.get("min", "nan")),
                    "median": float(kv.get("median", "nan")),
                    "unit": unit, "n": int(kv.get("n", 0)),
                    "batches": int(kv.get("batches", 0)),
                })
    except OSError:
        pass
    try:
        with open(os.path.join(out, accel + ".log.status")) as f:
            status = f.read().strip()
    except OSError:
        status = "not run"
    return rows, header, status, empty


def main():
    out, accels = sys.argv[1], sys.argv[2:]
    m = machine()
    runs, rows = [], []
    for a in accels:
        r, header, status, empty = parse(out, a)
        runs.append({"accel": a, "qemu": ACCEL_NOTE.get(a, a),
                     "status": status, "guest": header, "results": len(r),
                     "empty_loop_min": empty})
        rows += r
    op_order, path_order = [], ["rom", "pv-native", "native-build", "native"]
    for r in rows:
        if r["op"] not in op_order:
            op_order.append(r["op"])
    rows.sort(key=lambda r: (op_order.index(r["op"]),
                             accels.index(r["accel"]),
                             path_order.index(r["path"])
                             if r["path"] in path_order else 9))

    with open(os.path.join(out, "bench.json"), "w") as f:
        json.dump({"machine": m, "runs": runs, "results": rows}, f, indent=1)
        f.write("\n")

    md = ["# pvrom benchmark", "",
          "Cost per call of a few hot ops, through the ROM (`rom`: the pv "
          "call into the ROM's code) and as the native instruction inline "
          "(`native`), from `make bench` (guest `run=bench`, "
          "`guest/kernel/bench/bench.c`). Batches of n calls timed with "
          "`lfence; rdtsc; lfence`, the empty loop subtracted; minimum and "
          "median over the batches. `cycles` are TSC ticks; under "
          "`tcg-icount` a tick is one guest instruction (deterministic).",
          "",
          "| op | path | backend | accel | min | median | unit |",
          "|---|---|---|---|---:|---:|---|"]
    for r in rows:
        md.append("| %s | %s | %s | %s | %.1f | %.1f | %s |" % (
            r["op"], r["path"], r["backend"], r["accel"], r["min"],
            r["median"], r["unit"]))
    if not rows:
        md.append("| (no results) | | | | | | |")
    md += ["", "Runs:", ""]
    for r in runs:
        md.append("- `%s` (%s): %s, %d results%s%s" % (
            r["accel"], r["qemu"], r["status"], r["results"],
            "; empty loop (the subtracted overhead, ~3 instructions): "
            "%.1f per iteration" % r["empty_loop_min"]
            if r["empty_loop_min"] is not None else "",
            "; guest: " + r["guest"] if r["guest"] else ""))
    md += ["", "Paths: " + "; ".join(
        "`%s` = %s" % (k, v) for k, v in PATH_NOTE.items()) + ".",
        "`monotonic_ns` native is guest/bind's TSC clock called directly "
        "(rdtsc and a multiply); `rdtsc` is listed for reference. `eoi` "
        "with nothing in service; `set_pxe` rewrites a present level-1 "
        "entry of an unused page.", "",
        "Machine:", "",
        "- kernel: `%s`" % m["kernel"],
        "- CPU: %s (%s CPUs visible)" % (m["cpu"], m["cpus"]),
        "- QEMU: %s" % m["qemu"],
        "- date: %s" % m["date"],
        "- source: `%s`" % m["source"], ""]
    with open(os.path.join(out, "bench.md"), "w") as f:
        f.write("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
