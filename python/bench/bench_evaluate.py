"""Time one evaluation of the whole built-in catalogue for one ward from a DataFrame.

    .venv/bin/python python/bench/bench_evaluate.py [--runs N] [--check]

Prints the median of N runs (default 1000) of

- ``evaluate``:            chitieu.evaluate(frame, as_of="2027")  (the DataFrame read, checked and evaluated;
                           the Scorecard's typed objects are built on first use)
- ``evaluate + objects``:  the same, then every Evaluation object built
- ``evaluate + to_pandas``: the same, then the DataFrame of verdicts (the statistician's two lines)
- ``native only``:         the core's evaluation of figures already read (no Python translation)

The frame is the bundled ILLUSTRATIVE sample (examples/data/sample_figures.csv, 48 figures, 20 targets), read
with pandas' defaults (float columns). The budget for ``evaluate`` is 2 ms; ``--check`` exits 1 above it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, List

import pandas as pd

import chitieu
from chitieu import _native

BUDGET_MS = 2.0
SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "sample_figures.csv"


def median_ms(f: Callable[[], object], runs: int) -> float:
    for _ in range(min(50, runs)):
        f()  # warm up
    times: List[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


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
        "evaluate + objects": median_ms(lambda: chitieu.evaluate(frame, as_of="2027").evaluations, args.runs),
        "evaluate + to_pandas": median_ms(lambda: chitieu.evaluate(frame, as_of="2027").to_pandas(), args.runs),
        "native only": median_ms(
            lambda: _native.scorecard(catalogue._native, figures._native, options), args.runs
        ),
    }
    print(f"chitieu {chitieu.__version__}: {len(frame)} figures, {len(catalogue)} targets, median of {args.runs} runs")
    for name, ms in results.items():
        print(f"  {name:<22} {ms:8.3f} ms")
    within = results["evaluate"] <= BUDGET_MS
    print(f"  budget for evaluate: {BUDGET_MS} ms -> {'within' if within else 'OVER'}")
    return 0 if within or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
