"""Time the national batch: a DataFrame of every commune's and ward's figures to a DataFrame of verdicts.

    .venv/bin/python python/bench/bench_batch.py [--runs 5] [--units 3321] [--quick]

Prints (stdout only):

1. the median of ``--runs`` runs of ``chitieu.evaluate_batch(frame, as_of="2030")`` on the synthetic national
   frame (seed 1, 3,321 units, categorical text columns and float64 numbers; conversion and the result DataFrame
   included), with ``threads=1`` and the default (the machine's cores), split into the parts the call reports:
   ``columns`` (the frame's buffers and codes, Python), ``read`` (figures built by the core), ``evaluate``
   (judged by the core), ``output`` (the table's buffers) and ``frames`` (the result DataFrames); then one line:
   the one-thread total against issue 19's goal (under 0.4 s); ``cpu`` is the process's CPU time;
2. scaling: the median time for 100, 330, 1000 and 3321 units, and the time per unit (linear if it is flat);
3. memory: a fresh process that loads the frame (pickled) and runs the batch once: the peak while unpickling,
   the memory held with the frame loaded, and the peak during the batch alone (Linux ``clear_refs``);
4. the baseline a user would otherwise write: a plain vectorised pandas implementation, in floats, of a handful
   of the same rules over the same frame, timed per rule, against chitieu's time per target (the whole
   catalogue's targets for every unit, exactly); and the whole catalogue written that way, estimated at these
   rules' mean time a rule, against chitieu's whole call.

The figures are synthetic (``chitieu.synthetic_figures``): illustrative, not official statistics. Wall-clock
times depend on the machine's load (``os.getloadavg`` is printed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from typing import Any, Callable, Dict, List

import numpy as np
import pandas as pd

import chitieu

AS_OF = "2030"
GOAL_S = 0.4  # issue 19: evaluate_batch on the national frame, conversion in and out included, one thread


def median_s(f: Callable[[], Any], runs: int) -> float:
    f()  # warm up
    times: List[float] = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def split(frame: pd.DataFrame, threads: Any, runs: int) -> Dict[str, float]:
    parts: Dict[str, List[float]] = {}
    chitieu.evaluate_batch(frame, as_of=AS_OF, threads=threads)
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        r = chitieu.evaluate_batch(frame, as_of=AS_OF, threads=threads)
        total, cpu = time.perf_counter() - t, time.process_time() - c
        for k, v in {**r.timings, "total": total, "cpu": cpu}.items():
            parts.setdefault(k, []).append(v)
    return {k: statistics.median(v) for k, v in parts.items()}


# ---- the pandas baseline: a few of the same rules, vectorised, in floats ----------------------------------


def rule_grdp_growth(f: pd.DataFrame) -> pd.Series:
    """GRDP average growth 2026-2030 at least 16 % a year: Y2030 >= Y2025 * 1.16^5 (floats)."""
    g = f[f["indicator"] == "grdp"]
    y = g.pivot_table(index="unit", columns="period", values="value", aggfunc="first", observed=True)
    return (y["2030"] / y["2025"]) ** (1 / 5) - 1 >= 0.16


def rule_online_dossiers(f: pd.DataFrame) -> pd.Series:
    """Online dossiers: more than 85 % in 2030."""
    g = f[(f["indicator"] == "online_dossiers") & (f["period"] == "2030")]
    share = g["value"].where(g["value"].notna(), 100 * g["numerator"] / g["denominator"])
    return (share > 85).groupby(g["unit"], observed=True).first()


def rule_enterprises(f: pd.DataFrame) -> pd.Series:
    """At least 800 new enterprises over the term (cumulative over the years)."""
    g = f[f["indicator"] == "new_enterprises"]
    return g.groupby("unit", observed=True)["value"].sum() >= 800


def rule_poor_households(f: pd.DataFrame) -> pd.Series:
    """No poor households in any year."""
    g = f[f["indicator"] == "poor_households"]
    return g.groupby("unit", observed=True)["value"].max() <= 0


BASELINE = {
    "GRDP growth >= 16 %/yr": rule_grdp_growth,
    "online dossiers > 85 %": rule_online_dossiers,
    "new enterprises >= 800": rule_enterprises,
    "poor households = 0": rule_poor_households,
}


def peak_memory(path: str, threads: str) -> Any:
    """Resident memory (MB) of a fresh process that loads the pickled frame and runs one batch: the peak while
    loading (``ru_maxrss``; unpickling needs the file's bytes and the frame at once), the memory held once the frame
    is loaded, and the peak during the batch alone (Linux: the peak is reset through ``/proc/self/clear_refs``
    before the batch; elsewhere it is the process's peak so far)."""
    code = (
        "import pickle, resource, chitieu\n"
        "def status(key):\n"
        "    try:\n"
        "        for line in open('/proc/self/status'):\n"
        "            if line.startswith(key): return float(line.split()[1])\n"
        "    except OSError: pass\n"
        "    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        f"frame = pickle.load(open({path!r}, 'rb'))\n"
        "load_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "held = status('VmRSS:')\n"
        "try:\n"
        "    open('/proc/self/clear_refs', 'w').write('5')\n"
        "except OSError: pass\n"
        f"r = chitieu.evaluate_batch(frame, as_of='{AS_OF}', threads={threads})\n"
        "print(load_peak, held, status('VmHWM:'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return tuple(float(x) / 1024 for x in out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--quick", action="store_true", help="skip the scaling and memory parts")
    args = parser.parse_args()

    t = time.perf_counter()
    frame = chitieu.synthetic_figures(seed=1, units=args.units)
    made = time.perf_counter() - t
    n_targets = len(chitieu.Catalogue.builtin())
    result = chitieu.evaluate_batch(frame, as_of=AS_OF)
    print(f"chitieu {chitieu.__version__}: {len(frame):,} figure rows, {args.units} units, {n_targets} targets "
          f"-> {len(result.verdicts):,} verdict rows, {len(result.errors)} errors "
          f"(frame made in {made:.2f} s, {frame.memory_usage().sum() / 1e6:.0f} MB)")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs; median of {args.runs} runs\n")

    print("1. DataFrame -> verdict DataFrame (seconds)")
    header = ["columns", "read", "evaluate", "output", "frames", "total", "cpu"]
    print(f"  {'threads':<10}" + "".join(f"{h:>10}" for h in header))
    totals, cpus = {}, {}
    for threads in (1, None):
        s = split(frame, threads, args.runs)
        totals[threads], cpus[threads] = s["total"], s["cpu"]
        name = "1" if threads == 1 else f"default({os.cpu_count()})"
        print(f"  {name:<10}" + "".join(f"{s[h]:>10.3f}" for h in header))
    print("  (read/evaluate/output: summed over the blocks of units; with threads they overlap, so total is less;"
          " cpu: the process's CPU seconds, all threads, the steadier figure on a loaded machine)")
    one = totals[1]
    print(f"  goal (issue 19): the national frame in under {GOAL_S:.1f} s on one thread: {one:.3f} s "
          f"({cpus[1]:.3f} s CPU), {'met' if one < GOAL_S else 'not met'} ({one / GOAL_S:.2f} of the goal; load "
          f"average {os.getloadavg()[0] if hasattr(os, 'getloadavg') else float('nan'):.1f})")

    if not args.quick:
        print("\n2. Scaling (threads=1; total seconds, and milliseconds per unit)")
        for units in (100, 330, 1000, args.units):
            part = frame[frame["unit"].cat.codes < units]
            s = median_s(lambda: chitieu.evaluate_batch(part, as_of=AS_OF, threads=1), args.runs)
            print(f"  {units:>6} units {len(part):>10,} rows {s:>8.3f} s {1e3 * s / units:>8.3f} ms/unit")

        print("\n3. Memory of a fresh process (MB): peak while unpickling the frame; held with the frame loaded;"
              " peak during the batch")
        import pickle
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "frame.pickle")
            with open(path, "wb") as f:
                pickle.dump(frame, f)
            for threads in ("1", "None"):
                load_peak, held, batch_peak = peak_memory(path, threads)
                print(f"  threads={threads:<5} unpickling {load_peak:6.0f}   frame held {held:6.0f}   "
                      f"batch peak {batch_peak:6.0f}")

    print("\n4. Baseline: vectorised pandas, floats, one rule at a time, same frame (seconds)")
    # the baseline reads periods as text, as chitieu's frame holds them
    chitieu_total = split(frame, 1, args.runs)["total"]
    per_target = chitieu_total / n_targets
    print(f"  chitieu, every target exactly, threads=1: {chitieu_total:.3f} s = {per_target * 1e3:.2f} ms per target "
          f"(for all {args.units} units)")
    rule_times = []
    for name, rule in BASELINE.items():
        s = median_s(lambda: rule(frame), args.runs)
        rule_times.append(s)
        print(f"  pandas {name:<26} {s:8.3f} s   chitieu per target / pandas per rule = {per_target / s:6.2f}")
    # the issue's comparison: the whole catalogue written this way, at these rules' mean time a rule
    pandas_all = statistics.mean(rule_times) * n_targets
    print(f"  pandas, the whole catalogue at these rules' mean ({statistics.mean(rule_times) * 1e3:.1f} ms a rule x "
          f"{n_targets} targets): {pandas_all:.2f} s (estimate); chitieu exactly, conversion included: "
          f"{chitieu_total:.2f} s on one thread ({chitieu_total / pandas_all:.2f} of it), "
          f"{totals[None]:.2f} s on the default threads ({totals[None] / pandas_all:.2f} of it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
