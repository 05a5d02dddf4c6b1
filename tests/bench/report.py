#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# report.py OUTDIR ACCEL:MODE...
#
# Reads the guest's "BENCH key=value ..." lines (guest/kernel/bench/bench.h)
# from OUTDIR/<accel>.<mode>.log and each run's status from
# <accel>.<mode>.log.status (tests/bench/run-bench.sh), and writes
#   OUTDIR/bench.json  a list of rows {"name", "kind": "op"|"workload",
#                      "mode", "backend", "accel", "unit", "min", "median",
#                      "n"} (n: calls per batch for an op, what the workload
#                      counts for a workload; min and median are per call for
#                      an op and per whole workload for a workload)
#   OUTDIR/bench.md    the tables, how the runs went, the machine
#   OUTDIR/bench.svg   instructions per op and per workload across modes
#                      (gnuplot; OUTDIR/bench.gp is its script)
# Under tcg-icount a TSC tick is one guest instruction: the unit becomes
# "instructions".  The guest's inline-instruction loops (path=native) and
# the empty loop are the guest's own reference points, not a mode: they stay
# in the logs only.
import datetime
import json
import os
import platform
import re
import subprocess
import sys

MODES = ["native-build", "unpatched", "patched", "off"]
MODE_NOTE = {
    "native-build": "build/guest-native.elf, built with PVOPS_NATIVE: every "
                    "pv_*() is the native instruction(s) inline, no ROM",
    "unpatched": "the ABI 1.1 guest (build/compat/guest-1.1.elf) on the ABI "
                 "1.1 ROM (build/compat/pvrom-1.1.rom), `pvrom.patch=off`: "
                 "every site stays an indirect call through the pv_ops table",
    "patched": "the same as it boots by default: every site patched at bind "
               "time to what the ROM's op_info says the op is (its native "
               "sequence, a direct call of the backend's code, a NOP)",
    "off": "the same guest, `pvrom=off`: the ROM is not used, the sites "
           "patched to the native sequences (or direct calls of the binding "
           "library's native code)",
}
# the path the guest prints for its pv calls in each mode
MODE_PATH = {"native-build": "native-build", "unpatched": "rom",
             "patched": "rom", "off": "pv-native"}
ACCEL_NOTE = {
    "kvm": "-accel kvm -cpu host,-arch-capabilities",
    "tcg": "-accel tcg -cpu qemu64",
    "tcg-icount": "-accel tcg -cpu qemu64 -icount shift=0,sleep=off,align=off",
}
WORKLOAD_NOTE = {
    "syscall": "getpid round trips from ring 3",
    "context_switch": "switches between the boot thread and a user task",
    "demand_paging": "first touches of demand-paged pages (the kernel "
                     "zeroes each new page)",
    "lazy_map_unmap_512": "map then unmap 512 pages in one lazy-MMU batch "
                          "(n = pages)",
    "timer_irq": "LAPIC timer interrupts (clock read, re-arm, EOI)",
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
    return {
        "kernel": platform.release(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "qemu": (cmd(["qemu-system-x86_64", "--version"]).splitlines()
                 or ["?"])[0],
        "date": datetime.datetime.now(datetime.timezone.utc)
                .strftime("%Y-%m-%d %H:%M:%S UTC"),
        "source": cmd(["git", "-C", top, "describe", "--always", "--dirty"])
                  or "?",
    }


def read(path, default=""):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return default


def parse(out, accel, mode):
    """Rows, TLB details and notes of one run."""
    rows, tlb, notes = [], {}, []
    text = read(os.path.join(out, "%s.%s.log" % (accel, mode)))
    for line in text.splitlines():
        line = line.strip()
        if "cmdline: ignoring 'pvrom.patch=off'" in line:
            notes.append("this guest has no `pvrom.patch=off`: no call-site "
                         "patcher, so unpatched and patched run alike")
        if line.startswith("pvrom: call sites: "):
            notes.append(line[len("pvrom: "):])
        if not line.startswith("BENCH "):
            continue
        kv = dict(re.findall(r"(\w+)=(\S+)", line))
        name, path = kv.get("op", "?"), kv.get("path", "?")
        if name == "empty_loop" or path == "native":
            continue
        if " failed: " in line:
            notes.append("%s: %s" % (name, line.split(" failed: ", 1)[1]))
            continue
        if path != MODE_PATH.get(mode, path):
            notes.append("%s ran as `%s`, not `%s` (ROM not bound?)" % (
                name, path, MODE_PATH[mode]))
        unit = kv.get("unit", "?")
        if accel == "tcg-icount" and unit == "cycles":
            unit = "instructions"
        rows.append({
            "name": name, "kind": kv.get("kind", "op"), "mode": mode,
            "backend": kv.get("backend", "?"), "accel": accel, "unit": unit,
            "min": float(kv.get("min", "nan")),
            "median": float(kv.get("median", "nan")),
            "n": int(kv.get("n", 0)),
        })
        if unit == "tlb_flushes":
            tlb = {k: kv.get(k, "?") for k in
                   ("invlpg", "cr3_writes", "cr4_writes", "instructions")}
    status = read(os.path.join(out, "%s.%s.log.status" % (accel, mode)),
                  "not run").strip()
    return rows, tlb, status, sorted(set(notes), key=notes.index)


def fmt(v, digits=1):
    if v is None:
        return "-"
    if v == int(v) and abs(v) >= 1000:
        return "{:,}".format(int(v))
    return "%.*f" % (digits, v)


def delta(v, base):
    if v is None or not base:
        return "-"
    return "%+.2f%%" % ((v / base - 1) * 100)


def pick(rows, name, unit, accel, mode, key="median"):
    for r in rows:
        if (r["name"], r["unit"], r["accel"], r["mode"]) == \
           (name, unit, accel, mode):
            return r[key]
    return None


def names(rows, kind, unit):
    seen = []
    for r in rows:
        if r["kind"] == kind and r["unit"] == unit and r["name"] not in seen:
            seen.append(r["name"])
    return seen


def targets(rows):
    """Issue 10's targets, measured under tcg-icount on the native backend:
    (target, measured, verdict) rows for bench.md."""
    def v(name, mode):
        r = [x for x in rows if (x["name"], x["mode"], x["accel"], x["unit"])
             == (name, mode, "tcg-icount", "instructions")]
        return r[0]["median"] if r else None

    out = []
    for op in ("irq_disable_enable", "read_cr3", "set_pxe"):
        p, n = v(op, "patched"), v(op, "native-build")
        if p is None or n is None:
            continue
        out.append(("`%s` patched == native build" % op,
                    "%s vs %s" % (fmt(p), fmt(n)),
                    "holds" if p == n else "misses by %+g" % (p - n)))
    p = v("eoi", "patched")
    if p is not None:
        out.append(("`eoi` patched <= 4 (native backend, xAPIC)", fmt(p),
                    "holds" if p <= 4 else "misses by %+g" % (p - 4)))
    out.append(("`cpuid` on a cached leaf under KVM < native `cpuid` + call",
                "-", "not measured: needs the KVM backend (no KVM here)"
                if not any(r["accel"] == "kvm" for r in rows) else
                "see the kvm cycles"))
    for w in names(rows, "workload", "instructions"):
        p, n = v(w, "patched"), v(w, "native-build")
        if p is None or not n:
            continue
        d = (p / n - 1) * 100
        out.append(("`%s` patched within +0.5%% of the native build" % w,
                    "%+.2f%%" % d, "holds" if d <= 0.5 else
                    "misses by %.2f points" % (d - 0.5)))
    return out


def plot(out, rows, modes):
    """bench.svg: instructions per op call, per workload unit of work, and
    each workload relative to the native build.  Returns a note."""
    ops = names(rows, "op", "instructions")
    wls = names(rows, "workload", "instructions")
    try:
        os.remove(os.path.join(out, "bench.svg"))
    except OSError:
        pass
    if not ops and not wls:
        return "no tcg-icount results: no plot"

    def per(name, mode, kind):
        v = pick(rows, name, "instructions", "tcg-icount", mode)
        if v is None:
            return None
        if kind == "workload":
            n = next(r["n"] for r in rows if r["name"] == name)
            return v / n
        return v

    with open(os.path.join(out, "bench-ops.dat"), "w") as f:
        for o in ops:
            f.write("%s %s\n" % (o, " ".join(
                "?" if per(o, m, "op") is None else "%g" % per(o, m, "op")
                for m in modes)))
    with open(os.path.join(out, "bench-workloads.dat"), "w") as f:
        for w in wls:
            base = per(w, "native-build", "workload")
            vals = [per(w, m, "workload") for m in modes]
            rel = ["?" if v is None or not base else "%g" % ((v / base - 1)
                                                             * 100)
                   for v in vals]
            f.write("%s %s %s\n" % (w, " ".join(
                "?" if v is None else "%g" % v for v in vals), " ".join(rel)))
    k = len(modes)
    # one colour per mode in every panel
    lc = dict(zip(MODES, ("#4d4d4d", "#d95f02", "#1b9e77", "#7570b3")))

    def bars(dat, first_col, ms):
        return ", ".join("%s using %d%s title '%s' lc rgb '%s'" % (
            "'%s'" % dat if i == 0 else "''", first_col + i,
            ":xtic(1)" if i == 0 else "", m, lc[m]) for i, m in enumerate(ms))

    ops_dat = os.path.join(out, "bench-ops.dat")
    wl_dat = os.path.join(out, "bench-workloads.dat")
    gp = [
        "set terminal svg size 900,1100 dynamic enhanced font 'sans,11'",
        "set output '%s'" % os.path.join(out, "bench.svg"),
        "set datafile missing '?'",
        "set style data histograms",
        "set style histogram clustered gap 1",
        "set style fill solid 0.8 border -1",
        "set boxwidth 0.9",
        "set grid ytics",
        "set key outside right top vertical Left reverse noenhanced",
        "set xtics noenhanced rotate by 20 right",
        "set lmargin 12",
        "set rmargin 24",
        "set bmargin 5",
        "set multiplot layout 3,1 title 'pvrom: guest instructions, TCG "
        "-icount (exact), by mode'",
        "set title 'per op call'",
        "set ylabel 'instructions per call'",
        "set yrange [0:*]",
        "plot " + bars(ops_dat, 2, modes),
        "set title 'per unit of work of each whole workload (log scale)'",
        "set ylabel 'instructions per unit'",
        "set logscale y",
        "set yrange [10:*]",
        "plot " + bars(wl_dat, 2, modes),
        "unset logscale y",
        "set title 'whole workloads: instructions over the native build'",
        "set ylabel '% over native-build'",
        "set yrange [*:*]",
        "plot " + bars(wl_dat, k + 3, modes[1:]) +
        ", 0.5 with lines lc rgb 'black' dt 2 title 'target +0.5%'",
        "unset multiplot",
    ]
    with open(os.path.join(out, "bench.gp"), "w") as f:
        f.write("\n".join(gp) + "\n")
    try:
        r = subprocess.run(["gnuplot", os.path.join(out, "bench.gp")],
                           capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as e:
        return "gnuplot did not run (%s): no plot" % e
    if r.returncode:
        return "gnuplot failed: %s" % r.stderr.strip()
    # the copy README.md shows (tests/bench/bench.svg) carries the tree's SPDX line
    svg = os.path.join(out, "bench.svg")
    head, _, rest = read(svg).partition("\n")
    with open(svg, "w") as f:
        f.write("%s\n<!-- SPDX-License-Identifier: GPL-2.0-only -->\n%s" % (
            head, rest))
    return None


def main():
    out, runs = sys.argv[1], [a.split(":", 1) for a in sys.argv[2:]]
    accels = list(dict.fromkeys(a for a, _ in runs))
    modes = [m for m in MODES if m in {m for _, m in runs}]
    rows, tlb, info = [], {}, []
    for accel, mode in runs:
        r, t, status, notes = parse(out, accel, mode)
        rows += r
        if t and (accel == "tcg-icount" or mode not in tlb):
            tlb[mode] = t
        info.append((accel, mode, status, len(r), notes))

    with open(os.path.join(out, "bench.json"), "w") as f:
        json.dump(rows, f, indent=1)
        f.write("\n")
    plot_note = plot(out, rows, modes)

    icount = "tcg-icount" in accels
    md = ["# pvrom benchmark", "",
          "From `make bench` (guest `run=bench`, `guest/kernel/bench/`; "
          "`tests/bench/run-bench.sh`). Each mode is a boot of the reference "
          "guest:", ""]
    md += ["- `%s`: %s." % (m, MODE_NOTE[m]) for m in modes]
    md += ["", "Under `tcg-icount` (TCG with `-icount shift=0,sleep=off,"
           "align=off`) a TSC tick is one guest instruction: those counts "
           "are exact and the same on every run. Under `tcg` and `kvm` the "
           "unit is TSC cycles, median (and minimum) of the batches.", ""]

    wl = names(rows, "workload", "instructions")
    if icount and wl:
        md += ["## Whole workloads, instructions (tcg-icount)", "",
               "Median instructions for the whole workload (per unit of "
               "work in parentheses), and each mode against the native "
               "build.", "",
               "| workload | n | %s | %s |" % (" | ".join(modes), " | ".join(
                   "%s vs native" % m for m in modes if m != "native-build")),
               "|---|---:|%s%s" % ("---:|" * len(modes),
                                    "---:|" * (len(modes) - 1))]
        for w in wl:
            n = next(r["n"] for r in rows if r["name"] == w)
            base = pick(rows, w, "instructions", "tcg-icount", "native-build")
            vals = [pick(rows, w, "instructions", "tcg-icount", m)
                    for m in modes]
            md.append("| %s | %s | %s | %s |" % (w, "{:,}".format(n), " | ".join(
                "-" if v is None else "%s (%.1f)" % (fmt(v), v / n)
                for v in vals), " | ".join(
                delta(v, base) for m, v in zip(modes, vals)
                if m != "native-build")))
        md += [""] + ["- `%s`: %s" % (w, WORKLOAD_NOTE.get(w, "")) for w in wl]
        md.append("")
    if tlb:
        md += ["## TLB flushes in the lazy-MMU batch of 512 unmaps", "",
               "The batch run once more single-stepped (RFLAGS.TF): the "
               "guest counts the TLB-invalidating instructions executed, in "
               "its own code and the ROM's. A full flush is a CR3 load or a "
               "CR4.PGE toggle (two CR4 writes). The goal is one flush, not "
               "512.", "",
               "| mode | TLB flushes | invlpg | CR3 writes | CR4 writes | "
               "instructions stepped |", "|---|---:|---:|---:|---:|---:|"]
        for m in modes:
            if m in tlb:
                v = pick(rows, "lazy_map_unmap_512", "tlb_flushes",
                         "tcg-icount" if icount else accels[0], m)
                if v is None:
                    v = next((r["median"] for r in rows if r["mode"] == m and
                              r["unit"] == "tlb_flushes"), None)
                t = tlb[m]
                md.append("| %s | %s | %s | %s | %s | %s |" % (
                    m, fmt(v, 0), t["invlpg"], t["cr3_writes"],
                    t["cr4_writes"], t["instructions"]))
        md.append("")
    tg = targets(rows) if icount else []
    if tg:
        md += ["## Issue 10's targets (tcg-icount)", "",
               "| target | measured | verdict |", "|---|---|---|"]
        md += ["| %s | %s | %s |" % t for t in tg]
        md.append("")
    ops = names(rows, "op", "instructions")
    if icount and ops:
        md += ["## Ops, instructions per call (tcg-icount)", "",
               "A loop of 100,000 calls through the `pv_*()` wrapper, the "
               "empty loop subtracted.", "",
               "| op | %s |" % " | ".join(modes),
               "|---|%s" % ("---:|" * len(modes))]
        for o in ops:
            md.append("| %s | %s |" % (o, " | ".join(
                fmt(pick(rows, o, "instructions", "tcg-icount", m))
                for m in modes)))
        md.append("")
    for accel in accels:
        if accel == "tcg-icount":
            continue
        got = [r for r in rows if r["accel"] == accel and r["unit"] == "cycles"]
        if not got:
            continue
        md += ["## Cycles under %s, median (min)" % accel, "",
               "| name | kind | %s |" % " | ".join(modes),
               "|---|---|%s" % ("---:|" * len(modes))]
        for kind in ("op", "workload"):
            for o in names(got, kind, "cycles"):
                md.append("| %s | %s | %s |" % (o, kind, " | ".join(
                    "-" if pick(got, o, "cycles", accel, m) is None else
                    "%s (%s)" % (fmt(pick(got, o, "cycles", accel, m)),
                                 fmt(pick(got, o, "cycles", accel, m, "min")))
                    for m in modes)))
        md.append("")
    md += ["## Runs", ""]
    for accel, mode, status, n, notes in info:
        md.append("- `%s` `%s` (%s): %s, %d results%s" % (
            accel, mode, ACCEL_NOTE.get(accel, accel), status, n,
            "".join("; " + x for x in notes)))
    md += ["", "Plot: %s" % (plot_note or "`bench.svg` (script `bench.gp`)"),
           ""]
    m = machine()
    md += ["Machine:", "",
           "- kernel: `%s`" % m["kernel"],
           "- CPU: %s (%s CPUs visible)" % (m["cpu"], m["cpus"]),
           "- QEMU: %s" % m["qemu"],
           "- date: %s" % m["date"],
           "- source: `%s`" % m["source"], ""]
    with open(os.path.join(out, "bench.md"), "w") as f:
        f.write("\n".join(md))
    print("bench: wrote %s" % ", ".join(
        os.path.join(out, x) for x in ("bench.json", "bench.md", "bench.svg")
        if os.path.exists(os.path.join(out, x))))
    if plot_note:
        print("bench: %s" % plot_note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
