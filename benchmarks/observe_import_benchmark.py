"""`observe import` end to end, in rows per second, against two baselines of the same run.

Run: .venv/bin/python benchmarks/observe_import_benchmark.py [--sizes 10000,100000]
         [--postgres postgresql+psycopg://USER@HOST:PORT/DB] [--no-sqlite]

A database with the bundled plans and a widened Hefei plan, and for each size a CSV and a
filled-template XLSX of valid rows (see `observe_import_data`; the city's 2020 rows are
already stored by the plan import). The benchmark times `import_observations` through a
committed `session_scope`, validation included, on a fresh copy of that database: wall
and CPU seconds, since on a busy machine they differ (the load average is printed too).
Then it imports the same file again, which must write nothing ("again s", "written").

Last, the command as a person runs it: `minsheng observe import FILE --plan 合肥市` in a
new process on a fresh copy, for each CSV, so Python's start-up and the modules the
command imports (a second or more, whatever the file's size) are counted too.

Baselines, printed as ratios: reading the file alone (`read_observation_file`, "×read"),
and inserting as many observations and revisions into the same tables by a plain Core
executemany, unvalidated and rolled back, once per size after every import, in a copy of
its own ("×floor": below 1, the import stores its rows faster than that plain insert does;
on PostgreSQL each of its single-row statements runs the tables' statement-level checks).

`--postgres` takes a URL whose user may create databases: the benchmark creates its own
(named after the URL's database, with a suffix) and drops them again. Budget: 100,000
rows well under a minute; the goal is ≥ 20,000 rows/s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice, product
from pathlib import Path

import psycopg
from sqlalchemy import func, insert, make_url, select

from minsheng.collect import read_observation_file
from minsheng.store import create_engine_for, session_scope
from minsheng.store.tables import Indicator, Observation, ObservationRevision, Region
from minsheng.usecases import import_observations
from observe_import_data import PLAN, SOURCE, generate, populate, write_files

GOAL_ROWS_PER_S = 20_000


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


def command_seconds(url: str, path: Path) -> float:
    """Wall seconds of `minsheng observe import` run as a command, in a new process."""
    command = [str(Path(sys.executable).with_name("minsheng")), "observe", "import", str(path),
               "--plan", PLAN]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="observe-bench-data-") as data:
        environment = dict(os.environ, MINSHENG_DATABASE_URL=url, MINSHENG_DATA_DIR=data)
        started = time.perf_counter()
        subprocess.run(command, env=environment, check=True, capture_output=True)
        return time.perf_counter() - started


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


@dataclass(frozen=True)
class Imported:
    """One file imported into a fresh copy, then imported again."""

    path: Path
    count: int
    read_s: float
    wall: float
    cpu: float
    again: float
    rewritten: int


def measure(copies: SQLiteCopies | PostgresCopies, path: Path, count: int) -> Imported:
    read_s = seconds(lambda: read_observation_file(path))
    with copies.fresh() as url:
        wall, cpu, recorded = timed_import(url, path)
        assert recorded == count, f"recorded {recorded} of {count}"
        before = revision_count(url)
        again, _, _ = timed_import(url, path)
        rewritten = revision_count(url) - before
    return Imported(path, count, read_s, wall, cpu, again, rewritten)


def line(name: str, found: Imported, floor_s: float) -> str:
    fmt, count, wall = found.path.suffix.removeprefix("."), found.count, found.wall
    return (f"{name:10} {fmt:6} {count:7,} {found.read_s:7.2f} {wall:8.2f} {found.cpu:6.2f}"
            f" {count / wall:7,.0f} {wall / found.read_s:6.1f} {floor_s:7.2f}"
            f" {wall / floor_s:6.2f} {found.again:7.2f} {found.rewritten:7}")  # fmt: skip


def run(copies: SQLiteCopies | PostgresCopies, files: dict[int, list[Path]]) -> None:
    """Every import first, then one floor per size, each in a fresh copy: the floor's
    rolled-back rows (and on PostgreSQL its minute of single-row statements) would
    otherwise weigh on the imports measured after it."""
    found = [measure(copies, path, count) for count, paths in files.items() for path in paths]
    floors = {}
    for count in files:
        with copies.fresh() as url:
            floors[count] = floor_insert(url, count)
    for imported in found:
        print(line(copies.name, imported, floors[imported.count]), flush=True)
    for imported in found:
        if imported.path.suffix == ".csv":
            with copies.fresh() as url:
                took = command_seconds(url, imported.path)
            print(f"  the command, a new process: {imported.count:,} rows in {took:.2f} s"
                  f" ({imported.count / took:,.0f} rows/s), of which start-up and imports"
                  f" about {took - imported.wall:.2f} s", flush=True)  # fmt: skip


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
