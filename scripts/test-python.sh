#!/usr/bin/env bash
# Build the Python package and test the installed wheel: pytest (python/tests, with the golden vectors of
# tests/vectors/ and the stub check) and the example notebook (examples/notebook.ipynb, executed, not saved).
#
# Run from the repository root (it goes there itself):  bash scripts/test-python.sh
# Needs python3 (>= 3.9) with venv, and a Rust toolchain (cargo). Creates .venv on first use; later runs reuse
# it and the build cache in target/maturin, so a warm run takes seconds plus the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/steps.sh

VENV=.venv
PY="$VENV/bin/python"
REQUIREMENTS=python/requirements-dev.txt
WHEELS=target/maturin/wheels

# 1. A virtual environment with the pinned tools (reinstalled only when the pins change).
if [[ ! -x "$PY" ]]; then
    step "python: creating $VENV"
    python3 -m venv "$VENV"
fi
STAMP="$VENV/.chitieu-requirements"
WANT="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$WANT" ]]; then
    step "python: installing $REQUIREMENTS"
    "$PY" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
    echo "$WANT" > "$STAMP"
fi

# 2. Build the wheel (abi3, CPython >= 3.9) and install it: the tests run against the installed artefact.
step "python: building the wheel"
rm -rf "$WHEELS"
"$VENV/bin/maturin" build --release --quiet -m python/Cargo.toml --target-dir target/maturin -o "$WHEELS" -i "$PY"
WHEEL="$(ls "$WHEELS"/chitieu-*.whl)"
"$PY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"
echo "   installed $(basename "$WHEEL")"

# 3. pytest from the repository root (not python/, whose chitieu/ source folder would shadow the wheel).
step "python: pytest"
"$VENV/bin/pytest" -q python/tests

# 4. Execute the example notebook (outputs are not written back).
step "python: notebook"
"$PY" - <<'PYTHON'
import time

import nbformat
from nbclient import NotebookClient

path = "examples/notebook.ipynb"
nb = nbformat.read(path, as_version=4)
if any(c.get("outputs") or c.get("execution_count") for c in nb.cells if c.cell_type == "code"):
    raise SystemExit(f"{path} has outputs committed: clear them")
start = time.monotonic()
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "examples"}}).execute()
print(f"   {path}: {sum(c.cell_type == 'code' for c in nb.cells)} code cells ran in {time.monotonic() - start:.1f} s")
PYTHON

step_end
echo "== python: all passed"
