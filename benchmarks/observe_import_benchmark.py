"""`observe import` end to end, in rows per second, against two baselines of the same run.

Run: .venv/bin/python benchmarks/observe_import_benchmark.py [--sizes 10000,100000]
         [--postgres postgresql+psycopg://USER@HOST:PORT/DB] [--no-sqlite]

A fresh database gets the bundled plans (`set_up_demo`) and then a new version of Hefei's
plan whose 38 indicators are repeated under numbered names, so that indicator × region ×
year (the city and its districts and counties, 2020–2025) reaches the largest size asked
for. For each size it writes a CSV and a filled-template XLSX (its ten columns, strings
shared as Excel and WPS save them) of valid values — a few wild ones among them, flagged
as outliers, and the city's 2020 rows already stored by the plan import — and times
`import_observations` through a committed `session_scope`, validation included, on a
fresh copy of that database: wall and CPU seconds, since on a busy machine they differ
(the load average is printed too). Then it imports the same file again, which must
write nothing ("again s", "written").

Baselines, printed as ratios: reading the file alone (`read_observation_file`, "×read"),
and inserting as many observations and revisions into the same tables by a plain Core
executemany, unvalidated and rolled back ("×floor": below 1, the import stores its rows
faster than that plain insert does).

`--postgres` takes a URL whose user may create databases: the benchmark creates its own
(named after the URL's database, with a suffix) and drops them again. Budget: 100,000
rows well under a minute; the goal is ≥ 20,000 rows/s.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice, product
from pathlib import Path
from xml.sax.saxutils import escape

import psycopg
from sqlalchemy import func, insert, make_url, select

from minsheng.collect import IndicatorSpec, read_observation_file
from minsheng.data.bundled import bundled_plans
from minsheng.model.plan import ParsedPlan
from minsheng.model.value import Value, ValueKind
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.store.tables import Indicator, Observation, ObservationRevision, Region
from minsheng.usecases import import_observations, import_plan
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.plans import covered_regions, find_current_plan, targets_of

PLAN = "合肥市"
YEARS = range(2020, 2026)
GOAL_ROWS_PER_S = 20_000
CSV_HEADER = ("region", "indicator", "year", "value", "unit", "source")
XLSX_HEADER = (
    "地区",
    "指标",
    "年份",
    "数值",
    "单位",
    "数据来源",
    "备注",
    "领域",
    "基期值",
    "目标值",
)
YES = "是"
SOURCE = "部门报送"


@dataclass(frozen=True)
class Generated:
    """One valid row of a department's file, with the template's context columns."""

    region: str
    indicator: str
    year: int
    value: str
    unit: str
    domain: str
    baseline: str
    target: str


# --- The database ---------------------------------------------------------------------------


def widened(parsed: ParsedPlan, copies: int) -> ParsedPlan:
    """The plan with its indicators repeated `copies` times under numbered names."""
    indicators = [
        indicator.model_copy(update={"name": f"{indicator.name}（{copy}）"} if copy else {})
        for copy in range(copies)
        for indicator in parsed.indicators
    ]
    return parsed.model_copy(update={"indicators": indicators, "source": "widened.json"})


def populate(url: str, rows: int) -> None:
    """Migrate, store the bundled plans, then widen Hefei's until it offers `rows` rows."""
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        plans = bundled_plans()
        set_up_demo(session, plans)
        hefei = next(plan for plan in plans if plan.plan.region == PLAN)
        current = find_current_plan(session, region=PLAN)
        regions = covered_regions(session, current, store_children=True)
        per_copy = len(hefei.indicators) * len(regions) * len(YEARS)
        import_plan(session, widened(hefei, math.ceil(rows / per_copy)), author="benchmark")
    engine.dispose()


def generate(url: str, count: int) -> list[Generated]:
    """`count` valid rows: indicator × region × year, values growing about 3 % a year."""
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        plan = find_current_plan(session, region=PLAN)
        regions = [region.name for region in covered_regions(session, plan, store_children=False)]
        indicators, _ = targets_of(session, plan)
        rng = random.Random(2025)
        rows = [
            row
            for indicator in indicators
            for place, region in enumerate(regions)
            for row in _series(indicator, region, place, rng)
        ]
    engine.dispose()
    return rows[:count]


def _series(
    indicator: Indicator, region: str, place: int, rng: random.Random
) -> Iterator[Generated]:
    target = Value.model_validate(indicator.target)
    baseline = Value.model_validate(indicator.baseline)
    qualitative = target.kind is ValueKind.QUALITATIVE
    spec = IndicatorSpec.infer(indicator.name, indicator.unit, qualitative=qualitative)
    start = abs(baseline.number or 0.0) or 50.0
    for year in YEARS:
        value = YES if qualitative else f"{_grown(spec, start * (1 + 0.01 * place), year, rng):.2f}"
        yield Generated(region, indicator.name, year, value, indicator.unit or "",
                        indicator.domain or "", baseline.raw, target.raw)  # fmt: skip


def _grown(spec: IndicatorSpec, start: float, year: int, rng: random.Random) -> float:
    value = start * 1.03 ** (year - 2020) * rng.uniform(0.99, 1.01)
    if rng.random() < 0.0005:
        value *= 3  # a wild value: stored, and flagged
    return min(value, 99.9) if spec.is_percent and not spec.allows_over_100 else value


def write_csv(path: Path, rows: list[Generated]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(CSV_HEADER)
        writer.writerows((r.region, r.indicator, r.year, r.value, r.unit, SOURCE) for r in rows)
    return path


def write_xlsx(path: Path, rows: list[Generated]) -> Path:
    """The filled template as Excel saves it: strings shared, years and values numbers."""
    strings: dict[str, int] = {}
    lines = [_xlsx_row(1, XLSX_HEADER, strings)]
    for number, r in enumerate(rows, start=2):
        value = r.value if r.value == YES else float(r.value)
        cells = (r.region, r.indicator, r.year, value, r.unit, SOURCE, "", r.domain, r.baseline,
                 r.target)  # fmt: skip
        lines.append(_xlsx_row(number, cells, strings))
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, part in XLSX_PARTS.items():
            book.writestr(name, XML + part)
        book.writestr("xl/sharedStrings.xml", f'{XML}<sst xmlns="{MAIN}">{shared}</sst>')
        sheet = f'<worksheet xmlns="{MAIN}"><sheetData>{"".join(lines)}</sheetData></worksheet>'
        book.writestr("xl/worksheets/sheet1.xml", XML + sheet)
    return path


def _xlsx_row(number: int, cells: tuple[object, ...], strings: dict[str, int]) -> str:
    xml = []
    for column, value in zip("ABCDEFGHIJ", cells, strict=False):
        if isinstance(value, str):
            if value:
                index = strings.setdefault(value, len(strings))
                xml.append(f'<c r="{column}{number}" t="s"><v>{index}</v></c>')
        else:
            xml.append(f'<c r="{column}{number}"><v>{value}</v></c>')
    return f'<row r="{number}">{"".join(xml)}</row>'


XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
XLSX_PARTS = {
    "[Content_Types].xml": f'<Types xmlns="{PACKAGE}/content-types">'
    f'<Default Extension="rels" ContentType="{RELS_TYPE}"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{SHEET_TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHEET_TYPE}.sharedStrings+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{SHEET_TYPE}.styles+xml"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{PACKAGE}/relationships"><Relationship Id="rId1" '
    f'Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>'
    '<sheet name="填报" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{OFFICE}/styles" Target="styles.xml"/></Relationships>',
    "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font/></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf/></cellXfs>'
    "</styleSheet>",
}


# --- Fresh copies of the populated database -------------------------------------------------


class SQLiteCopies:
    """The populated database as a file; each run gets a copy of it."""

    name = "sqlite"

    def __init__(self, folder: Path, rows: int) -> None:
        self.folder = folder
        self.base = folder / "base.db"
        populate(f"sqlite:///{self.base}", rows)

    @contextmanager
    def fresh(self) -> Iterator[str]:
        copy = self.folder / "run.db"
        shutil.copyfile(self.base, copy)
        try:
            yield f"sqlite:///{copy}"
        finally:
            copy.unlink()


class PostgresCopies:
    """The populated database on the server; each run gets `CREATE DATABASE … TEMPLATE`."""

    name = "postgresql"

    def __init__(self, url: str, rows: int) -> None:
        self.server = make_url(url)
        self.base = f"{self.server.database}_obsbench"
        self._admin(f"DROP DATABASE IF EXISTS {self.base}", f"CREATE DATABASE {self.base}")
        populate(self._url(self.base), rows)

    def _url(self, database: str) -> str:
        return self.server.set(database=database).render_as_string(hide_password=False)

    def _admin(self, *statements: str) -> None:
        url = self.server.set(drivername="postgresql", database="postgres")
        with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as db:
            for statement in statements:
                db.execute(statement)  # type: ignore[arg-type]

    @contextmanager
    def fresh(self) -> Iterator[str]:
        run = f"{self.base}_run"
        self._admin(f"DROP DATABASE IF EXISTS {run}", f"CREATE DATABASE {run} TEMPLATE {self.base}")
        try:
            yield self._url(run)
        finally:
            self._admin(f"DROP DATABASE {run} WITH (FORCE)")

    def close(self) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {self.base} WITH (FORCE)")


# --- Timing ---------------------------------------------------------------------------------


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def timed_import(url: str, path: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of one committed import of `path`, and the rows it recorded."""
    engine = create_engine_for(url)
    recorded = 0

    def run() -> None:
        nonlocal recorded
        with session_scope(engine) as session:
            result = import_observations(session, path=path, region=PLAN, author="benchmark")
            recorded = result.recorded

    cpu = time.process_time()
    wall = seconds(run)
    cpu = time.process_time() - cpu
    engine.dispose()
    return wall, cpu, recorded


def floor_insert(url: str, count: int) -> float:
    """`count` observations and their revisions by plain Core executemany, rolled back.

    The same rows into the same tables, written the straightforward way and unvalidated:
    what storing them costs at least without going around SQLAlchemy.
    """
    engine = create_engine_for(url)
    with engine.connect() as connection:
        transaction = connection.begin()
        indicators = connection.scalars(select(Indicator.id)).all()
        regions = connection.scalars(select(Region.id)).all()
        top = connection.scalar(select(func.max(Observation.id))) or 0
        keys = islice(product(indicators, regions, range(1000, 2000)), count)  # unused years
        observations = [{"id": top + n, "indicator_id": i, "region_id": r, "year": y}
                        for n, (i, r, y) in enumerate(keys, start=1)]  # fmt: skip
        revision = {"value": 1.5, "unit": "%", "source": SOURCE, "state": "approved",
                    "author": "benchmark"}  # fmt: skip
        revisions = [{"observation_id": o["id"], **revision} for o in observations]

        def insert_both() -> None:
            connection.execute(insert(Observation), observations)
            connection.execute(insert(ObservationRevision), revisions)

        took = seconds(insert_both)
        transaction.rollback()
    engine.dispose()
    return took


def revision_count(url: str) -> int:
    engine = create_engine_for(url)
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(ObservationRevision)) or 0
    engine.dispose()
    return count


# --- The run --------------------------------------------------------------------------------

HEADER = (f"{'database':10} {'format':6} {'rows':>7} {'read s':>7} {'import s':>8} {'cpu s':>6}"
          f" {'rows/s':>7} {'×read':>6} {'floor s':>7} {'×floor':>6} {'again s':>7}"
          f" {'written':>7}")  # fmt: skip


def measure(copies: SQLiteCopies | PostgresCopies, path: Path, count: int) -> str:
    """One line of the table: import `path` into a fresh copy, then import it again."""
    read_s = seconds(lambda: read_observation_file(path))
    with copies.fresh() as url:
        floor_s = floor_insert(url, count)
        wall, cpu, recorded = timed_import(url, path)
        assert recorded == count, f"recorded {recorded} of {count}"
        before = revision_count(url)
        again, _, _ = timed_import(url, path)
        rewritten = revision_count(url) - before
    fmt = path.suffix.removeprefix(".")
    return (f"{copies.name:10} {fmt:6} {count:7,} {read_s:7.2f} {wall:8.2f} {cpu:6.2f}"
            f" {count / wall:7,.0f} {wall / read_s:6.1f} {floor_s:7.2f} {wall / floor_s:6.2f}"
            f" {again:7.2f} {rewritten:7}")  # fmt: skip


def write_files(folder: Path, rows: list[Generated]) -> list[Path]:
    count = len(rows)
    return [write_csv(folder / f"{count}.csv", rows), write_xlsx(folder / f"{count}.xlsx", rows)]


def run(copies: SQLiteCopies | PostgresCopies, files: dict[int, list[Path]]) -> None:
    for count, paths in files.items():
        for path in paths:
            print(measure(copies, path, count), flush=True)


def load() -> str:
    """The machine's load: timings on a busy machine are longer than the CPU they took."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="row counts, comma-separated")
    parser.add_argument("--postgres", help="a PostgreSQL URL whose user may create databases")
    parser.add_argument("--no-sqlite", action="store_true", help="skip SQLite")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="observe-bench-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        sqlite = SQLiteCopies(work, max(sizes))
        rows = generate(f"sqlite:///{sqlite.base}", max(sizes))
        files = {n: write_files(work, rows[:n]) for n in sizes}
        print(f"set-up (databases and files): {time.perf_counter() - started:.1f} s; " + load())
        print(HEADER)
        if not args.no_sqlite:
            run(sqlite, files)
        if args.postgres:
            postgres = PostgresCopies(args.postgres, max(sizes))
            try:
                run(postgres, files)
            finally:
                postgres.close()
    print(f"goal: ≥ {GOAL_ROWS_PER_S:,} rows/s; " + load())


if __name__ == "__main__":
    main()
