"""Time one evaluation of the whole built-in catalogue for one ward from a DataFrame.

    .venv/bin/python python/bench/bench_evaluate.py [--runs N] [--check]

Prints the median of N runs (default 1000) of

- ``evaluate``:            chitieu.evaluate(frame, as_of="2027")  (the DataFrame read, checked and evaluated;
                           the Scorecard's typed objects are built on first use)
- ``evaluate, explain=False``: the same without the explanations in words (batch work)
- ``evaluate + objects``:  the same as ``evaluate``, then every Evaluation object built
- ``evaluate + to_pandas``: the same, then the DataFrame of verdicts (the statistician's two lines)
- ``native only``:         the core's evaluation of figures already read (no Python translation)

Both the wall-clock time and the CPU time of the process are shown (they differ when the machine is busy).

The frame is the bundled ILLUSTRATIVE sample (examples/data/sample_figures.csv: one ward, every figure of the
sample), read with pandas' defaults (float columns); the catalogue is the built-in one (every target). The budget for ``evaluate`` is 2 ms; ``--check`` exits 1 above it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, List, Tuple

import pandas as pd

import chitieu
from chitieu import _native

BUDGET_MS = 2.0
SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "sample_figures.csv"


def median_ms(f: Callable[[], object], runs: int) -> Tuple[float, float]:
    """Median wall-clock time and median CPU time of this process, in milliseconds."""
    for _ in range(min(50, runs)):
        f()  # warm up
    wall: List[float] = []
    cpu: List[float] = []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        f()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return statistics.median(wall) * 1e3, statistics.median(cpu) * 1e3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--check", action="store_true", help=f"exit 1 if evaluate takes more than {BUDGET_MS} ms")
    args = parser.parse_args()

    frame = pd.read_csv(SAMPLE)
    catalogue = chitieu.Catalogue.builtin()
    figures = chitieu.Figures.from_dataframe(frame, catalogue)
    options = chitieu.options("2027")

    results = {
        "evaluate": median_ms(lambda: chitieu.evaluate(frame, as_of="2027"), args.runs),
        "evaluate, explain=False": median_ms(lambda: chitieu.evaluate(frame, as_of="2027", explain=False), args.runs),
        "evaluate + objects": median_ms(lambda: chitieu.evaluate(frame, as_of="2027").evaluations, args.runs),
        "evaluate + to_pandas": median_ms(lambda: chitieu.evaluate(frame, as_of="2027").to_pandas(), args.runs),
        "native only": median_ms(
            lambda: _native.scorecard(catalogue._native, figures._native, options), args.runs
        ),
    }
    print(f"chitieu {chitieu.__version__}: {len(frame)} figures, {len(catalogue)} targets, median of {args.runs} runs")
    print(f"  {'':<24} {'wall':>8}    {'cpu':>8}")
    for name, (wall, cpu) in results.items():
        print(f"  {name:<24} {wall:8.3f} ms {cpu:8.3f} ms")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"  (load average {load:.1f} on {os.cpu_count()} CPUs: on a busy machine wall time exceeds CPU time)")
    within = results["evaluate"][0] <= BUDGET_MS
    print(f"  budget for evaluate: {BUDGET_MS} ms -> {'within' if within else 'OVER'}")
    return 0 if within or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
