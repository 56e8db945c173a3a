"""Generating the Hefei mid-term evaluation report, DOCX and PDF, against its 5 s budget.

Also times the PDF conversion three ways in the same run: a cold LibreOffice per request
(`cold_docx_to_pdf`, the baseline of the ratios), the long-lived LibreOffice after its first
start, and a repeated request answered from the report cache.

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
from minsheng.reports import ReportFormat, render_report, report_cache, to_format
from minsheng.reports.converter import CONVERTER
from minsheng.reports.pdf import cold_docx_to_pdf
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases import cache, evaluate_plan
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.observations import record_observations
from minsheng.usecases.read.plans import plan_named

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
        report_cache.clear()
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

        with session_scope(engine) as session:
            plan_id = plan_named(session, region=HEFEI).id

        def docx() -> bytes:
            with session_scope(engine) as session:
                return render_report(session, kind="evaluation", plan_id=plan_id, year=YEAR).docx

        def pdf() -> bytes:
            with session_scope(engine) as session:
                report = render_report(session, kind="evaluation", plan_id=plan_id, year=YEAR)
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
        conversions(docx())
        engine.dispose()


def conversions(document: bytes) -> None:
    """Cold LibreOffice vs the long-lived one vs the cache, ratios against the cold one."""
    cold = statistics.median(_timed(lambda: cold_docx_to_pdf(document)) for _ in range(3))
    CONVERTER.shut_down()  # the PDF report runs above started it
    first = _timed(lambda: CONVERTER.convert(document))  # starts LibreOffice
    warm = statistics.median(_timed(lambda: CONVERTER.convert(document)) for _ in range(REPEATS))
    key = ("benchmark",)
    report_cache.kept(key, lambda: document)
    cached = statistics.median(
        _timed(lambda: report_cache.kept(key, lambda: b"")) for _ in range(REPEATS)
    )
    print(f"PDF conversion, cold LibreOffice per request (baseline): {cold:.2f} s")
    print(f"PDF conversion, long-lived LibreOffice, first (starts it): {first:.2f} s")
    print(f"PDF conversion, long-lived LibreOffice, warm: {warm:.2f} s ({warm / cold:.2f}× cold)")
    print(f"PDF again, report cache: {cached * 1e3:.3f} ms ({cached / cold:.1e}× cold)")
    CONVERTER.shut_down()


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
