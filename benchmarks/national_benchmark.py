"""The read side at national scale: evaluate every plan, the overview and the warnings API.

Run: .venv/bin/python benchmarks/national_benchmark.py            # SQLite, 10 % and 100 %
     .venv/bin/python benchmarks/national_benchmark.py --quick    # SQLite, 2 % (smoke run)
     .venv/bin/python benchmarks/national_benchmark.py --fraction 0.1 --postgres
     .venv/bin/python benchmarks/national_benchmark.py --postgres-url postgresql+psycopg://…

The database: 2,875 county-level regions × 40 indicators × 15 years (2016–2030), about
1.7 M approved observations, built by benchmarks/national_data.py through the store's
real code paths (its docstring says which): synthetic plans (示例县0001 …, titled
示例数据) imported with the `import_plan` use case, observations written in bulk with
both revision pointers set. `--fraction F` builds F of the regions (0.1 → 288); a
database is the first N regions of the full one, so scales compare like for like.

Built databases are cached (keyed by generator version and region count) and reused by
later runs, which print the time the build took: SQLite files in `--cache-dir` (default
$TMPDIR/minsheng-national-bench); with `--postgres`, a throwaway PostgreSQL cluster whose
data directory is kept in the cache directory and whose server is started from the
installed initdb/pg_ctl for the run and stopped after it, as tests/conftest.py does; with
`--postgres-url`, databases created on that server (its user must be allowed to create
databases). `--rebuild` ignores the cache.

Measured at each scale, on the same rows:
* kernel — `evaluate.status.evaluate_arrays` over one row per (indicator, region), the
  latest value as of 2025 (median of 11): the baseline every other line is a multiple of;
* evaluate every plan — `usecases.read.evaluations.evaluate_plans(session)` cold (after
  `usecases.cache.clear()`, as after a restart), after an observation write (a real one,
  of one value through `import_observations`: `ValueWriter`; each run of the benchmark
  adds a few revisions to that value in the cached database) and warm (median of 5). Until
  that module exists, the old path is measured instead and labelled so:
  `usecases.evaluate_plan.evaluate_plan` per current plan, timed on a sample of plans
  (`--old-sample`) and extrapolated to all;
* `GET /` and `GET /api/v1/warnings?limit=100` over real HTTP (uvicorn on a loopback
  port in a thread, as tests/web/conftest.py's `live_server`), cold (the anonymous
  response cache and the derived-result cache emptied first; median of up to 3), after an
  observation write (a real one, as above) and warm (median of 5);
* growth — the ratio of each line between the smallest and largest scale run (10 % and
  100 % by default); linear growth is the ratio of their region counts (≈ 10).
Goals: evaluate every plan < 2 s, pages cold < 1 s and warm < 100 ms, growth linear.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import pwd
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import httpx
import numpy as np
import psycopg
import uvicorn
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

import national_data as data
from minsheng.evaluate.status import STATUSES, WARNINGS, evaluate_arrays
from minsheng.settings import Settings
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.store.repositories import plan_parts
from minsheng.store.repositories import plans as plan_store
from minsheng.store.tables import Observation, ObservationRevision, Plan
from minsheng.usecases import cache, import_observations
from minsheng.usecases.indicator_facts import fill_missing_facts
from minsheng.web import create_app
from minsheng.web.response_cache import AnonymousResponseCache

DEFAULT_FRACTIONS = (0.1, 1.0)
QUICK_FRACTION = 0.02
REPEATS = 5
KERNEL_REPEATS = 11
COLD_REPEATS = 3
SLOW_S = 10.0
"""A measurement slower than this is taken once rather than repeated."""
PAGES = {"GET /": "/", "GET /api/v1/warnings?limit=100": "/api/v1/warnings?limit=100"}
GOAL_EVALUATE_S, GOAL_COLD_S, GOAL_WARM_S, GROWTH_SLACK = 2.0, 1.0, 0.1, 1.2
PG_USER = "minsheng"
PG_TIMEOUT = 120


# --- Results --------------------------------------------------------------------------------


@dataclass
class Line:
    """One measured line: seconds (None when it could not be measured) and a note."""

    name: str
    seconds: float | None
    goal: float | None = None
    note: str = ""


@dataclass
class ScaleResult:
    backend: str
    fraction: float
    regions: int
    observations: int
    build: dict[str, object]
    lines: list[Line] = field(default_factory=list)

    def kernel(self) -> float:
        return self.lines[0].seconds or float("nan")


def median_time(action: Callable[[], object], repeats: int) -> float:
    """Median wall time of `repeats` calls; a single call when the first is slow."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
        if times[0] > SLOW_S:
            break
    return statistics.median(times)


def cold_time(action: Callable[[], object], clear: Callable[[], None]) -> tuple[float, str]:
    """Seconds with the caches emptied before each call, and how that was taken.

    A first call pays the process's one-time costs (imports, templates, catalogue) and is
    not counted, unless it is slow: then it is the measurement, taken once.
    """
    clear()
    started = time.perf_counter()
    action()
    first = time.perf_counter() - started
    if first > SLOW_S:
        return first, "single run"
    times = []
    for _ in range(COLD_REPEATS):
        clear()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), f"median of {COLD_REPEATS} after a warm-up"


# --- Databases ------------------------------------------------------------------------------


def cache_key(regions: int) -> str:
    return f"national-v{data.GENERATOR_VERSION}-{regions}"


class SqliteDatabases:
    """SQLite files in the cache directory, built once per scale."""

    name = "SQLite"

    def __init__(self, cache_dir: Path, rebuild: bool) -> None:
        self.cache_dir, self.rebuild = cache_dir, rebuild

    def url(self, regions: int) -> tuple[str, dict[str, object]]:
        path = self.cache_dir / f"{cache_key(regions)}.db"
        info = path.with_suffix(".json")
        url = f"sqlite:///{path}"
        if path.exists() and info.exists() and not self.rebuild:
            _upgraded(url)
            return url, {**json.loads(info.read_text()), "cached": True}
        partial = path.with_name(f"{path.stem}.partial.db")
        for stale in (path, info, partial):
            _remove_sqlite(stale)
        times = data.build(f"sqlite:///{partial}", regions)
        _checkpoint(f"sqlite:///{partial}")
        os.replace(partial, path)
        _remove_sqlite(partial)
        built = {**asdict(times), "built_at": time.strftime("%Y-%m-%d %H:%M")}
        info.write_text(json.dumps(built))
        return url, {**built, "cached": False}

    def close(self) -> None:
        pass


def _upgraded(url: str) -> None:
    """A cached database brought up to date as `minsheng db upgrade` does: migrated, and
    the facts of indicators stored before facts were kept filled in."""
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        fill_missing_facts(session)
    engine.dispose()


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _checkpoint(url: str) -> None:
    """Fold the WAL into the file, so the file alone is the database."""
    engine = create_engine_for(url)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


class PostgresDatabases:
    """Databases on a PostgreSQL server, one per scale, named after the cache key."""

    name = "PostgreSQL"

    def __init__(self, server_url: str, rebuild: bool, cluster: PostgresCluster | None) -> None:
        self.server = make_url(server_url)
        self.rebuild, self.cluster = rebuild, cluster

    def _admin(self, statement: str, *params: object) -> list[tuple[object, ...]]:
        with psycopg.connect(
            host=self.server.host,
            port=self.server.port or 5432,
            user=self.server.username,
            password=self.server.password,
            dbname="postgres",
            autocommit=True,
        ) as connection:
            cursor = connection.execute(statement, params or None)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def _url(self, name: str) -> str:
        return self.server.set(database=name).render_as_string(hide_password=False)

    def url(self, regions: int) -> tuple[str, dict[str, object]]:
        name = cache_key(regions).replace("-", "_")
        found = self._admin(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            name,
        )
        if found and found[0][0] and not self.rebuild:
            _upgraded(self._url(name))
            return self._url(name), {**json.loads(str(found[0][0])), "cached": True}
        building = f"{name}_building"
        for stale in (name, building):
            self._admin(f"DROP DATABASE IF EXISTS {stale} WITH (FORCE)")
        self._admin(f"CREATE DATABASE {building}")
        times = data.build(self._url(building), regions)
        self._admin(f"ALTER DATABASE {building} RENAME TO {name}")
        built = {**asdict(times), "built_at": time.strftime("%Y-%m-%d %H:%M")}
        comment = json.dumps(built).replace("'", "''")
        self._admin(f"COMMENT ON DATABASE {name} IS '{comment}'")
        return self._url(name), {**built, "cached": False}

    def close(self) -> None:
        if self.cluster is not None:
            self.cluster.stop()


class PostgresCluster:
    """A throwaway server on a cluster kept in the cache directory (see tests/conftest.py)."""

    def __init__(self, cache_dir: Path) -> None:
        self.bindir = _postgres_bin()
        self.prefix, owner = _run_as()
        self.base = cache_dir / f"pg-v{data.GENERATOR_VERSION}"
        self.data = self.base / "data"
        self.base.mkdir(parents=True, exist_ok=True)
        if owner is not None:
            os.chown(self.base, owner.pw_uid, owner.pw_gid)
        self.pg_ctl = [*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data)]

    def start(self) -> str:
        if not (self.data / "PG_VERSION").exists():
            shutil.rmtree(self.data, ignore_errors=True)
            _run(
                [
                    *self.prefix,
                    str(self.bindir / "initdb"),
                    "-D",
                    str(self.data),
                    "-A",
                    "trust",
                    "-U",
                    PG_USER,
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync",
                ]
            )
        status = subprocess.run([*self.pg_ctl, "status"], capture_output=True, check=False)
        if status.returncode == 0:
            raise SystemExit(
                f"the cached cluster in {self.data} is running (another run, or one that was "
                f"killed); wait for it, or stop it: {' '.join(self.pg_ctl)} stop"
            )
        port = _free_port()
        options = f"-p {port} -k {self.base} -c listen_addresses=127.0.0.1 -F"
        _run([*self.pg_ctl, "-l", str(self.base / "server.log"), "-o", options, "-w", "start"])
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{port}/postgres"

    def stop(self) -> None:
        subprocess.run([*self.pg_ctl, "-m", "fast", "stop"], capture_output=True, check=False)


def _postgres_bin() -> Path:
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise SystemExit("PostgreSQL is not installed (no initdb); use --postgres-url")
    return found[-1].parent


def _run_as() -> tuple[list[str], pwd.struct_passwd | None]:
    if os.geteuid() != 0:
        return [], None
    owner = pwd.getpwnam("postgres")
    return ["runuser", "-u", "postgres", "--"], owner


def _run(command: list[str]) -> None:
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=PG_TIMEOUT, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- Evaluate every plan --------------------------------------------------------------------


def new_path() -> Callable[..., object] | None:
    """`usecases.read.evaluations.evaluate_plans`, once it exists and imports."""
    try:
        module = importlib.import_module("minsheng.usecases.read.evaluations")
    except Exception:
        return None
    return getattr(module, "evaluate_plans", None)


def evaluation_year() -> int:
    """The year `evaluate_plans(year=None)` judges the synthetic plans at (`default_year`)."""
    return max(data.PERIOD.start, min(date.today().year, data.PERIOD.end))


def measure_kernel(regions: int) -> Line:
    arrays = data.kernel_arrays(regions, evaluation_year())
    rows = len(arrays["value"])
    seconds = median_time(lambda: evaluate_arrays(**arrays), KERNEL_REPEATS)
    result = evaluate_arrays(**arrays)
    counts = np.bincount(result.status, minlength=len(STATUSES))
    warned = np.bincount(result.warning, minlength=len(WARNINGS))
    mix = ", ".join(f"{s}={c:,}" for s, c in zip(STATUSES, counts, strict=True) if c)
    warn = ", ".join(f"{w}={c:,}" for w, c in zip(WARNINGS, warned, strict=True) if c)
    name = f"kernel evaluate_arrays ({rows:,} rows, {evaluation_year()})"
    return Line(name, seconds, note=f"median of {KERNEL_REPEATS}; {mix}; {warn}")


def measure_evaluate_all(engine: object, old_sample: int, writer: ValueWriter) -> list[Line]:
    evaluate_plans = new_path()
    if evaluate_plans is not None:
        return _evaluate_new(engine, evaluate_plans, writer)
    return _evaluate_old(engine, old_sample)


def _evaluate_new(
    engine: object, evaluate_plans: Callable[..., object], writer: ValueWriter
) -> list[Line]:
    def run() -> object:
        with session_scope(engine, writes=False) as session:  # type: ignore[arg-type]
            return evaluate_plans(session, plan_ids=None, year=None)

    cold, how = cold_time(run, cache.clear)
    run()
    written, how_written = cold_time(run, writer)
    warm = median_time(run, REPEATS)
    verdicts = _count_verdicts(run())
    label = "evaluate every plan [new: read.evaluations.evaluate_plans]"
    return [
        Line(f"{label}, cold", cold, GOAL_EVALUATE_S, f"{how}; {verdicts}"),
        Line(
            f"{label}, after an observation write",
            written,
            GOAL_EVALUATE_S,
            f"{how_written}; a real write of one value before each",
        ),
        Line(f"{label}, warm", warm, GOAL_EVALUATE_S, f"median of {REPEATS}"),
    ]


def _count_verdicts(result: object) -> str:
    """Verdicts and warnings in the result, to set beside the kernel's (same rows)."""
    arrays = getattr(getattr(result, "judged", None), "result", None)
    if arrays is None:
        return f"returned {type(result).__name__}"
    warned = np.bincount(arrays.warning, minlength=len(WARNINGS))
    warn = ", ".join(f"{w}={c:,}" for w, c in zip(WARNINGS, warned, strict=True) if c)
    return f"{len(arrays.status):,} verdicts as arrays; {warn}"


def _evaluate_old(engine: object, sample: int) -> list[Line]:
    """The old path: `evaluate_plan` per plan, a spread sample timed and extrapolated."""
    from minsheng.usecases.evaluate_plan import evaluate_plan  # noqa: PLC0415

    with session_scope(engine, writes=False) as session:  # type: ignore[arg-type]
        names = [plan.region.name for plan in plan_store.current_plans(session)]
    step = max(1, len(names) // sample)
    chosen = names[::step][:sample]

    def run() -> None:
        with session_scope(engine, writes=False) as session:  # type: ignore[arg-type]
            for name in chosen:
                evaluate_plan(session, region=name)

    scale = len(names) / len(chosen)
    cold, how = cold_time(run, cache.clear)
    warm = median_time(run, REPEATS)
    label = "evaluate every plan [OLD: evaluate_plan per plan]"
    note = f"{len(chosen)} of {len(names):,} plans timed, extrapolated ×{scale:.1f}"
    return [
        Line(f"{label}, cold", cold * scale, GOAL_EVALUATE_S, f"{how}; {note}"),
        Line(f"{label}, warm", warm * scale, GOAL_EVALUATE_S, f"median of {REPEATS}; {note}"),
    ]


# --- Pages over HTTP ------------------------------------------------------------------------


@contextlib.contextmanager
def live_server(url: str, data_dir: Path) -> Iterator[tuple[str, object]]:
    """uvicorn on a free loopback port in a thread; yields (base URL, app)."""
    settings = Settings(data_dir=data_dir, database_url=url, secret_key="bench")
    engine = create_engine_for(url)
    app = create_app(settings, engine=engine)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the benchmark server did not start")
        time.sleep(0.05)
    app.state.warmed.wait(timeout=600)  # its start-up warm-up would share the cores
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        engine.dispose()


def response_cache_of(app: object) -> AnonymousResponseCache | None:
    """The app's response cache middleware (built with the stack on the first request)."""
    node = getattr(app, "middleware_stack", None)
    while node is not None:
        if isinstance(node, AnonymousResponseCache):
            return node
        node = getattr(node, "app", None)
    return None


def clear_caches(app: object) -> None:
    cache.clear()
    _clear_responses(app)


class ValueWriter:
    """A real write of one value, as a department's report makes one: the first region
    plan's first indicator in its own region, a year into the period, set through
    `import_observations` to a number it does not hold yet (each call adds a revision)."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine_for(url)
        with session_scope(self.engine, writes=False) as session:
            plan = next(p for p in plan_store.current_plans(session) if not p.is_reference)
            self.region, year = plan.region.name, (plan.period_start or 2021) + 1
            indicator = plan_parts.indicators_of(session, plan_id=plan.id)[0].name
        self.row, self.step = f"{self.region},{indicator},{year}", 0

    def __call__(self) -> None:
        with tempfile.TemporaryDirectory(prefix="minsheng-bench-") as folder:
            for _ in range(3):  # a number the observation holds is no write: try the next
                self.step += 1
                path = Path(folder) / "values.csv"
                text = f"region,indicator,year,value\n{self.row},{50 + self.step % 40}\n"
                path.write_text(text, encoding="utf-8")
                with session_scope(self.engine) as session:
                    done = import_observations(
                        session, path=path, region=self.region, author="benchmark"
                    )
                if done.recorded:
                    return
        raise RuntimeError(f"could not write a new value for {self.row}")

    def close(self) -> None:
        self.engine.dispose()


def _clear_responses(app: object) -> None:
    responses = response_cache_of(app)
    if responses is not None:
        with responses.lock:
            responses.entries.clear()


def wait_idle(app: object, limit_s: float) -> float | None:
    """Wait until the server computes no cacheable response; seconds waited, None if never."""
    responses, started = response_cache_of(app), time.perf_counter()
    while responses is not None and responses.computing:
        if time.perf_counter() - started > limit_s:
            return None
        time.sleep(0.5)
    return time.perf_counter() - started


def measure_pages(url: str, data_dir: Path, timeout: float, writer: ValueWriter) -> list[Line]:
    lines: list[Line] = []
    with live_server(url, data_dir) as (base, app), httpx.Client(base_url=base) as client:
        client.get("/static/favicon.svg")  # builds the middleware stack
        for label, path in PAGES.items():
            lines += _measure_page(client, app, (label, path), timeout, writer)
    return lines


def _measure_page(
    client: httpx.Client, app: object, page: tuple[str, str], timeout: float, writer: ValueWriter
) -> list[Line]:
    label, path = page

    def get() -> httpx.Response:
        response = client.get(path, timeout=timeout)
        response.raise_for_status()
        return response

    try:
        cold_s, how = cold_time(get, lambda: clear_caches(app))
    except httpx.TimeoutException:
        waited = wait_idle(app, timeout * 4)
        note = (
            f"timed out; the server finished after {timeout + waited:.0f} s"
            if waited is not None
            else "timed out; the server was still busy, later lines unreliable"
        )
        return [
            Line(f"{label}, cold", None, GOAL_COLD_S, f"> {timeout:.0f} s: {note}"),
            Line(f"{label}, warm", None, GOAL_WARM_S, "not measured"),
        ]
    written_s, how_written = cold_time(get, writer)
    body = len(get().content)
    cached = response_cache_of(app)
    replayed = cached is not None and any(
        key[1] == path.split("?", maxsplit=1)[0].encode() for key in cached.entries
    )
    warm_s = median_time(get, REPEATS)
    note = f"{body / 1024:,.0f} KiB" + ("" if replayed else ", NOT kept by the response cache")
    return [
        Line(f"{label}, cold", cold_s, GOAL_COLD_S, f"{how}; {note}"),
        Line(
            f"{label}, after an observation write",
            written_s,
            GOAL_COLD_S,
            f"{how_written}; a real write of one value before each",
        ),
        Line(f"{label}, warm", warm_s, GOAL_WARM_S, f"median of {REPEATS}"),
    ]


# --- One scale ------------------------------------------------------------------------------


def measure_scale(
    databases: SqliteDatabases | PostgresDatabases, fraction: float, args: argparse.Namespace
) -> ScaleResult:
    regions = data.regions_for(fraction)
    print(f"\n{databases.name}, {percent(fraction)}: {regions:,} regions", flush=True)
    url, build = databases.url(regions)
    engine, writer = create_engine_for(url), ValueWriter(url)
    try:
        with session_scope(engine, writes=False) as session:
            observations = session.scalar(select(func.count()).select_from(Observation)) or 0
            revisions = session.scalar(select(func.count()).select_from(ObservationRevision))
            plans = session.scalar(select(func.count()).select_from(Plan).where(Plan.is_current))
        print(
            f"  {plans:,} current plans, {observations:,} observations, {revisions:,} revisions",
            flush=True,
        )
        result = ScaleResult(databases.name, fraction, regions, observations, build)
        result.lines.append(measure_kernel(regions))
        result.lines += measure_evaluate_all(engine, args.old_sample, writer)
        with tempfile.TemporaryDirectory(prefix="minsheng-bench-") as data_dir:
            result.lines += measure_pages(url, Path(data_dir), args.page_timeout, writer)
    finally:
        engine.dispose()
        writer.close()
    print_scale(result)
    return result


# --- Printing -------------------------------------------------------------------------------


def source_state() -> str:
    """The commit measured, and whether the working tree differs from it."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "src"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "source: not a git checkout"
    return f"source: {head}" + (" with uncommitted changes in src/" if dirty else "")


def percent(fraction: float) -> str:
    return f"{fraction * 100:g} %"


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:9.3f}"


def _goal(line: Line) -> str:
    if line.goal is None:
        return ""
    mark = "" if line.seconds is None else ("ok" if line.seconds < line.goal else "MISSED")
    goal = f"< {line.goal * 1000:.0f} ms" if line.goal < 1 else f"< {line.goal:.0f} s"
    return f"{goal:>8} {mark:6}"


def describe_build(build: dict[str, object]) -> str:
    total = float(build["import_s"]) + float(build["observations_s"])  # type: ignore[arg-type]
    source = f"cached, built {build.get('built_at', '?')}" if build["cached"] else "built now"
    return (
        f"generation {total:,.0f} s = import_plan {float(build['import_s']):,.0f} s"  # type: ignore[arg-type]
        f" + bulk observations {float(build['observations_s']):,.0f} s"  # type: ignore[arg-type]
        f" ({build['observations']:,} rows via {build['path']}; {source})"
    )


def print_scale(result: ScaleResult) -> None:
    print(
        f"\n{result.backend}, {percent(result.fraction)} ({result.regions:,} regions, "
        f"{result.observations:,} observations)"
    )
    print(f"  {describe_build(result.build)}")
    width = max(len(line.name) for line in result.lines)
    print(f"  {'measurement':<{width}}  {'seconds':>9}  {'× kernel':>9}  {'goal':>8}")
    kernel = result.kernel()
    for line in result.lines:
        ratio = "" if line.seconds is None else f"{line.seconds / kernel:9.1f}"
        print(
            f"  {line.name:<{width}}  {_seconds(line.seconds)}  {ratio:>9}  {_goal(line)}"
            f"  {line.note}".rstrip()
        )
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)


def print_growth(results: list[ScaleResult]) -> None:
    small, large = results[0], results[-1]
    linear = large.regions / small.regions
    print(
        f"\n{small.backend} growth {percent(small.fraction)} → {percent(large.fraction)} "
        f"({small.regions:,} → {large.regions:,} regions; linear = ×{linear:.1f})"
    )
    width = max(len(line.name) for line in small.lines)
    print(f"  {'measurement':<{width}}  {'small s':>9}  {'large s':>9}  {'ratio':>7}  verdict")
    for before, after in zip(small.lines, large.lines, strict=True):
        name = before.name if before.name == after.name else after.name
        if before.seconds is None or after.seconds is None:
            ratio, verdict = "", "not measured"
        else:
            growth = after.seconds / before.seconds
            ratio = f"{growth:7.1f}"
            verdict = "linear or better" if growth <= linear * GROWTH_SLACK else "SUPER-LINEAR"
        print(
            f"  {name:<{width}}  {_seconds(before.seconds)}  {_seconds(after.seconds)}"
            f"  {ratio:>7}  {verdict}"
        )


# --- Main -----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fraction",
        type=float,
        action="append",
        help="scale to run (repeatable); default 0.1 and 1.0",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"one {percent(QUICK_FRACTION)} scale".replace("%", "%%"),
    )
    parser.add_argument("--postgres", action="store_true", help="also a throwaway PostgreSQL")
    parser.add_argument("--postgres-url", help="also PostgreSQL on this server")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument(
        "--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "minsheng-national-bench"
    )
    parser.add_argument("--rebuild", action="store_true", help="build again, ignoring the cache")
    parser.add_argument(
        "--old-sample",
        type=int,
        default=30,
        help="plans timed on the old evaluate path (then extrapolated)",
    )
    parser.add_argument("--page-timeout", type=float, default=300.0, help="seconds per request")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> list[ScaleResult]:
    args = parse_args(argv)
    fractions = sorted(
        set(args.fraction or ([QUICK_FRACTION] if args.quick else DEFAULT_FRACTIONS))
    )
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    evaluate_path = "new (read.evaluations.evaluate_plans)" if new_path() else "OLD (evaluate_plan)"
    print(
        f"national read benchmark: scales {', '.join(percent(f) for f in fractions)}; "
        f"evaluate path: {evaluate_path}; bulk write path: {data.BULK_PATH}; "
        f"cache {args.cache_dir}; {source_state()}"
    )
    backends: list[Callable[[], SqliteDatabases | PostgresDatabases]] = []
    if not args.no_sqlite:
        backends.append(lambda: SqliteDatabases(args.cache_dir, args.rebuild))
    if args.postgres_url:
        backends.append(lambda: PostgresDatabases(args.postgres_url, args.rebuild, None))
    if args.postgres:

        def throwaway() -> PostgresDatabases:
            cluster = PostgresCluster(args.cache_dir)
            return PostgresDatabases(cluster.start(), args.rebuild, cluster)

        backends.append(throwaway)
    everything: list[ScaleResult] = []
    for make in backends:
        databases = make()
        try:
            results = [measure_scale(databases, fraction, args) for fraction in fractions]
        finally:
            databases.close()
        if len(results) > 1:
            print_growth(results)
        everything += results
    return everything


if __name__ == "__main__":
    main()
