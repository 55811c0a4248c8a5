"""The national batch run across partitions with Dask's local scheduler, results concatenated.

    python examples/dask_batch.py [--units 300] [--partitions 4] [--scheduler threads|synchronous]

Each partition is a block of WHOLE reporting units. A unit's verdicts read all of its figures together (growth
from the 2025 base to 2030, cumulative counts over the years, two figures for the same period found as
duplicates), so a unit split across two partitions would be judged twice, each time on part of its figures:
partition by unit, never by row count. The row numbers of the whole frame are passed with each partition
(``row_numbers=part.index + 1``), so that a bad row is reported at its row in the whole frame.

``chitieu.evaluate_batch`` releases the interpreter while the core works, so Dask's threaded scheduler runs
partitions side by side on the machine's cores. The figures are synthetic (``chitieu.synthetic_figures``),
illustrative, not official statistics.
"""

from __future__ import annotations

import argparse

import dask
import numpy as np
import pandas as pd

import chitieu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--scheduler", choices=["threads", "synchronous"], default="threads")
    parser.add_argument("--as-of", default="2030")
    args = parser.parse_args()

    frame = chitieu.synthetic_figures(seed=1, units=args.units, bad_unit_per_mille=50)
    blocks = np.array_split(np.asarray(frame["unit"].cat.categories), args.partitions)

    @dask.delayed
    def judge(units: np.ndarray) -> chitieu.BatchResult:
        part = frame[frame["unit"].isin(units)]
        return chitieu.evaluate_batch(part, as_of=args.as_of, threads=1, row_numbers=part.index + 1)

    results = dask.compute(*[judge(b) for b in blocks if len(b)], scheduler=args.scheduler)
    # each partition has its own categories of units and periods: concatenate them as plain objects
    text = {"unit": object, "value_period": object}
    verdicts = pd.concat([r.verdicts.astype(text) for r in results], ignore_index=True)
    errors = pd.concat([r.errors for r in results], ignore_index=True)
    errors = errors.sort_values("row", kind="stable", na_position="last").reset_index(drop=True)

    whole = chitieu.evaluate_batch(frame, as_of=args.as_of, threads=1)
    same = verdicts.equals(whole.verdicts.astype(text)) and errors.equals(whole.errors)
    print(f"{len(blocks)} partitions of whole units, {args.scheduler} scheduler: {len(verdicts)} verdicts, "
          f"{len(errors)} errors")
    print(verdicts["status"].value_counts(dropna=False).to_string())
    print(f"same as one call: {same}")


if __name__ == "__main__":
    main()
