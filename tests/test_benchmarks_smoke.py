"""The national benchmark end to end at a tiny scale: build, cache, measure, print."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def national():
    spec = importlib.util.spec_from_file_location(
        "national_benchmark", BENCHMARKS / "national_benchmark.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("national_benchmark", module)
    spec.loader.exec_module(module)
    return module


def test_tiny_national_benchmark_builds_caches_and_measures(
    national, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(national, "REPEATS", 2)
    monkeypatch.setattr(national, "COLD_REPEATS", 1)
    [result] = national.main(["--fraction", "0.002", "--cache-dir", str(tmp_path)])
    regions = national.data.regions_for(0.002)
    per_region = len(national.data.SPECS) * len(national.data.YEARS)
    assert result.regions == regions
    assert result.observations >= regions * per_region  # plus the reference plan's
    assert result.build["cached"] is False
    assert all(line.seconds is not None for line in result.lines), result.lines
    names = " ".join(line.name for line in result.lines)
    assert "kernel" in names and "evaluate every plan" in names
    assert "GET /, warm" in names and "warnings" in names
    printed = capsys.readouterr().out
    assert "generation" in printed and "× kernel" in printed

    url, build = national.SqliteDatabases(tmp_path, rebuild=False).url(regions)
    assert build["cached"] is True and build["import_s"] == result.build["import_s"]
    assert url.endswith(f"national-v{national.data.GENERATOR_VERSION}-{regions}.db")


def test_tiny_equalization_benchmark_runs_and_compares_with_pysal(capsys):
    spec = importlib.util.spec_from_file_location(
        "equalization_benchmark", BENCHMARKS / "equalization_benchmark.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(["--regions", "60", "--series", "12"])
    printed = capsys.readouterr().out
    assert "PySAL inequality" in printed and "minsheng, the same measures" in printed
    assert "goal:" in printed


def test_small_access_benchmark_runs_and_compares_with_pysal_and_spopt(capsys):
    spec = importlib.util.spec_from_file_location(
        "access_benchmark", BENCHMARKS / "access_benchmark.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(["--small"])
    printed = capsys.readouterr().out
    assert "PySAL access" in printed and "minsheng: 2SFCA" in printed
    assert "spopt + CBC" in printed and "minsheng exact" in printed
    assert printed.count("goal:") == 2 and "(100.00%)" in printed
