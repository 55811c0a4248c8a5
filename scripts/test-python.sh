#!/usr/bin/env bash
# Build the Python package and test the installed wheel: pytest (python/tests, with the golden vectors of
# tests/vectors/ and the stub check) and the example notebook (examples/notebook.ipynb, executed, not saved).
#
# Run from anywhere:  bash scripts/test-python.sh [setup] [build] [test]
# Needs python3 (>= 3.9) with venv, and a Rust toolchain (cargo). Creates .venv on first use; later runs reuse
# it and the build cache in target/maturin, so a warm run takes seconds plus the tests.
# No argument runs the three parts; each can be run alone, in this order (scripts/test.sh runs `setup build` in the
# background while the core's tests build, then `test`):
#   setup   the virtual environment with the pinned tools (1.)
#   build   the wheel, installed into it (2.)
#   test    pytest and the notebook (3., 4.)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/steps.sh

VENV=.venv
PY="$VENV/bin/python"
REQUIREMENTS=python/requirements-dev.txt
WHEELS=target/maturin/wheels

# 1. A virtual environment with the pinned tools (reinstalled only when the pins change).
setup() {
    if [[ ! -x "$PY" ]]; then
        step "python: creating $VENV"
        python3 -m venv "$VENV"
    fi
    local stamp="$VENV/.chitieu-requirements" want
    want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
        step "python: installing $REQUIREMENTS"
        "$PY" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
        echo "$want" > "$stamp"
    fi
}

# 2. Build the wheel (abi3, CPython >= 3.9) and install it: the tests run against the installed artefact.
build() {
    step "python: building the wheel"
    rm -rf "$WHEELS"
    # The dependencies at opt-level 1, as for the core's tests (scripts/test.sh): the tests need their code, not
    # its speed; the wrapper and the core (workspace members) keep the release profile's opt-level.
    "$VENV/bin/maturin" build --release --quiet --config 'profile.release.package."*".opt-level=1' \
        -m python/Cargo.toml --target-dir target/maturin -o "$WHEELS" -i "$PY"
    local wheel
    wheel="$(ls "$WHEELS"/chitieu-*.whl)"
    "$PY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
    echo "   installed $(basename "$wheel")"
}

test_() {
    # 3. pytest from the repository root (not python/, whose chitieu/ source folder would shadow the wheel).
    step "python: pytest"
    # On every core (pytest-xdist; the tests write only into their own temporary folders), the slowest listed.
    "$VENV/bin/pytest" -q -n auto --durations=15 python/tests

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
}

run_parts test-python "setup build test" "$@"
step_end
