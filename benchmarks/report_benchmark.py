"""Generating the Hefei mid-term evaluation report, DOCX and PDF, against its 5 s budget.

Run: .venv/bin/python benchmarks/report_benchmark.py
Seeds a temporary SQLite database with the five bundled plans and a year of Hefei
observations, then times (median of REPEATS runs, each with a cold evaluation cache):
the evaluation of the plan alone (the baseline measured in the same run), the DOCX
report, and the PDF report (DOCX plus a LibreOffice conversion). Prints seconds, the
ratio to the budget and the ratio to the baseline.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from minsheng.collect.readers import RawRecord
from minsheng.data.bundled import bundled_plans
from minsheng.reports import ReportFormat, render_report, to_format
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases import cache, evaluate_plan
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.observations import record_observations

HEFEI, YEAR = "合肥市", 2023
BUDGET_S = 5.0
REPEATS = 5
VALUES = {"人均预期寿命": "80.05", "失业保险参保人数": "196", "养老机构护理型床位占比": "47",
          "学前教育普惠率": "87", "每千常住人口执业(助理)医师数": "3.0"}  # fmt: skip


def seeded(folder: Path) -> Engine:
    url = f"sqlite:///{folder / 'minsheng.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    records = [
        RawRecord("benchmark", None, row, {"region": HEFEI, "indicator": name,
                                           "year": str(YEAR), "value": value}, {})
        for row, (name, value) in enumerate(VALUES.items(), start=2)
    ]  # fmt: skip
    with session_scope(engine) as session:
        set_up_demo(session, bundled_plans())
    with session_scope(engine) as session:
        record_observations(session, records=records, region=HEFEI, author="benchmark")
    return engine


def median_seconds(run: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        cache.clear()  # cold: every run evaluates the plan again
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = seeded(Path(folder))

        def evaluation() -> object:
            with session_scope(engine) as session:
                return evaluate_plan(session, region=HEFEI, year=YEAR)

        def docx() -> bytes:
            with session_scope(engine) as session:
                return render_report(session, kind="evaluation", region=HEFEI, year=YEAR).docx

        def pdf() -> bytes:
            with session_scope(engine) as session:
                report = render_report(session, kind="evaluation", region=HEFEI, year=YEAR)
            return to_format(report, ReportFormat.PDF)

        baseline = median_seconds(evaluation)
        print(f"evaluate the plan alone (baseline): {baseline:.3f} s")
        for name, run in (("DOCX report", docx), ("PDF report", pdf)):
            seconds = median_seconds(run)
            print(
                f"{name}: {seconds:.3f} s (median of {REPEATS}); "
                f"{seconds / BUDGET_S:.2f} of the {BUDGET_S:g} s budget; "
                f"{seconds / baseline:.1f}× the baseline"
            )
        engine.dispose()


if __name__ == "__main__":
    main()
