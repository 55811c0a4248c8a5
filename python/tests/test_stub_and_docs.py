"""The stub matches the built module, the package type-checks, and the README's Python examples run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import chitieu

REPO = Path(__file__).resolve().parents[2]


def _run(args: list, cwd: Path) -> subprocess.CompletedProcess:
    # run outside the source tree so that the installed package is the one checked
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_stub_matches_the_native_module(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    r = _run(["-m", "mypy.stubtest", "chitieu._native"], tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_package_type_checks(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    # pandas ships no type information: its types count as Any here
    cache = REPO / "target" / "mypy-cache"  # kept between runs (target/ is not committed)
    args = ["-m", "mypy", "--strict", "--ignore-missing-imports", "--cache-dir", str(cache), "-p", "chitieu"]
    r = _run(args, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_stub_and_marker_are_installed() -> None:
    here = Path(chitieu.__file__).parent
    assert (here / "_native.pyi").is_file() and (here / "py.typed").is_file()
    assert "site-packages" in str(here) or os.environ.get("CHITIEU_ALLOW_SOURCE_TREE"), here


def _python_blocks(path: Path) -> list:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("readme", ["python/README.md"])
def test_readme_examples_run(readme: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    blocks = _python_blocks(REPO / readme)
    assert len(blocks) >= 3
    monkeypatch.chdir(REPO)
    for i, code in enumerate(blocks):
        exec(compile(code, f"{readme} block {i + 1}", "exec"), {"__name__": f"readme_{i}"})



def test_docstring_examples() -> None:
    import doctest

    import chitieu._api
    import chitieu._batch
    import chitieu._draft

    for module in (chitieu._api, chitieu._batch, chitieu._draft):
        result = doctest.testmod(module, raise_on_error=False)
        assert result.attempted > 0 and result.failed == 0, module.__name__
