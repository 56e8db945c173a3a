"""Everything the application shows on the seed plans, captured as one comparable snapshot.

`capture(database_url)` seeds an empty database the way tests/web/conftest.py's `seed()`
does (the five bundled plans, the national reference, an administrator and a planner,
reporter and viewer), runs the real app on uvicorn on a free loopback port, and collects,
keyed "PHASE:KIND:NAME":

- page: public pages as visible text, links, chart JSON and data attributes: /, every
  plan, indicator pages (five per plan as seeded; after monitoring every indicator of the
  first two plans and five of each other), /warnings with filters, /projects page by page
  and filtered with the first project of each column, /standards per plan, searched and
  compared with the first item of each domain, /downloads, /reports, /login, not-found
  pages; "page-planner": a few pages as the signed-in planner (header, forms, /entry);
- api: GET endpoints under /api/v1 with limit=1000, paged to the end, with each filter
  once; every indicator and some service items by id; the OpenAPI contract without its
  prose; "api-paging": one list in pages of 40, with the Link headers;
- download: /downloads files (the CSVs inside the zips, datapackage.json), format=csv
  lists, and one evaluation report from /reports (DOCX);
- export: what `minsheng export` writes (each plan as a data package — datapackage.json
  and a CSV per table —, one as XLSX; the standards catalogue as CSV);
- report: evaluation and annual reports from `minsheng report`, as DOCX reduced to their
  paragraphs and table cells (no PDF).

Exports and reports go through the command line, pages and API through HTTP, and the
monitoring data through the app's forms and API: those are what users rely on, and they
stay put while the library beneath is rearranged. Only the seeding calls the library
directly, exactly as tests/web/conftest.py does.

Phase "seed" is the database as seeded (every indicator "no data"); phase "monitored" is
the same after tests/snapshot/monitoring.py adds a fixed set of observations and edits,
so that statuses, warnings and changes are exercised too. Volatile values (run dates,
timestamps, the server's port) are replaced by placeholders; see `reading.Volatile`.

tests/snapshot/golden.json.gz holds the snapshot of the code before the read side
(usecases/dashboard.py, usecases/queries.py and their consumers) was rewritten, taken at
commit 04b4e24; test_same_content.py checks that the current code still produces it.

Regenerate it ONLY for an intentional, named change of behaviour, and say in the commit
message which keys change and why. From the repository root:

    .venv/bin/python -m tests.snapshot.capture --write

(without --write it only captures and prints counts and timings). To capture another
checkout's code, e.g. the commit before a change, put its sources first on the path:

    PYTHONPATH=/path/to/checkout/src .venv/bin/python -m tests.snapshot.capture --write

The command prints which minsheng it imported; check it is the one you meant.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import socket
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlencode

import httpx
import uvicorn
from sqlalchemy import Engine

import minsheng
from minsheng.data.bundled import bundled_plans
from minsheng.settings import Settings
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.users import create_user
from minsheng.web import create_app
from tests.loopback import loopback_client
from tests.snapshot.commands import OUTPUT, Command, CommandRun, commands_running
from tests.snapshot.monitoring import add_monitoring, csrf
from tests.snapshot.reading import (
    Volatile,
    csv_content,
    page_content,
    report_content,
    zip_content,
)

GOLDEN = Path(__file__).with_name("golden.json.gz")
# The users of tests/web/conftest.py's seed(), copied so the snapshot does not follow it.
PASSWORDS = {
    "planner": "planner-password-1",
    "reporter": "reporter-password-1",
    "viewer": "viewer-password-1",
}
REPORTER_DEPARTMENT = "合肥市卫生健康委员会"
API = "/api/v1"
LIMIT = 1000
SMALL_PAGE = 40  # one list is also paged through in small pages, to pin the Link headers
SEED_INDICATOR_PAGES = 5  # per plan before monitoring; after it …
MONITORED_INDICATOR_PLANS = 2  # … every indicator of the first two plans …
FIRST_INDICATORS = 5  # … and the first five of each other plan
PROJECTS_PER_PAGE = 50  # the /projects list's page size
MID_TERM = 2023
MONITORED_ANNUAL_REPORTS = ("合肥市", "崆峒区")  # a city's and a district's
MISSING_ID = 99_999


def seed(database_url: str) -> str:
    """The five seed plans, the reference plan, an admin and one user of each other role."""
    engine = create_engine_for(database_url)
    try:
        with session_scope(engine) as session:
            setup = set_up_demo(session, bundled_plans())
            for role, password in PASSWORDS.items():
                department = REPORTER_DEPARTMENT if role == "reporter" else None
                create_user(
                    session,
                    username=role,
                    password=password,
                    role=role,
                    department=department,
                    author="test",
                )
    finally:
        engine.dispose()
    assert setup.admin_password
    return setup.admin_password


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_app(database_url: str, engine: Engine, data_dir: Path) -> Iterator[str]:
    """The app on uvicorn on a free loopback port, as tests/web/conftest.py runs it."""
    settings = Settings(data_dir=data_dir, database_url=database_url, secret_key="test-secret")
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, engine=engine), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the snapshot server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def signed_in(base_url: str, username: str, password: str) -> Iterator[httpx.Client]:
    """A client holding `username`'s session, signed in through the login form."""
    with loopback_client(base_url, timeout=120) as client:
        response = client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": csrf(client, "/login")},
        )
        assert response.status_code == 303, f"{username} could not sign in: {response.text}"
        yield client


class Recorder:
    """Fetches and reads one phase's pages, API responses and downloads; keeps results."""

    def __init__(self, client: httpx.Client, found: dict[str, object]) -> None:
        self.client = client
        self.found = found
        self.phase = "seed"
        self.seconds: Counter[str] = Counter()
        self._clock = time.perf_counter()

    def keep(self, kind: str, name: str, value: object) -> None:
        key = f"{self.phase}:{kind}:{unquote(name)}"  # 中文, not %E4%B8%AD%E6%96%87
        assert key not in self.found, f"captured twice: {key}"
        self.found[key] = value
        self.lap(kind)

    def lap(self, label: str) -> None:
        """Count the seconds since the last lap as `label`'s."""
        now = time.perf_counter()
        self.seconds[label] += now - self._clock
        self._clock = now

    def page(self, path: str, *, client: httpx.Client | None = None, kind: str = "page") -> None:
        response = (client or self.client).get(path)
        html = "html" in response.headers.get("content-type", "")
        content = page_content(response.text) if html else {"body": response.text}
        self.keep(kind, path, {"status": response.status_code, **content})

    def api(self, path: str, **params: object) -> object:
        """One JSON response (a list is paged through to its end); returns the body."""
        url = _url(f"{API}{path}", params)
        response = self.client.get(url)
        body = response.json()
        kept: dict[str, object] = {"status": response.status_code}
        if "x-total-count" in response.headers:
            kept["total"] = response.headers["x-total-count"]
            pages = 1
            while "link" in response.headers:
                response = self.client.get(_next_link(response.headers["link"]))
                assert response.status_code == 200, response.text
                body += response.json()
                pages += 1
            kept["pages"] = pages
        kept["body"] = body
        self.keep("api", url, kept)
        return body

    def openapi(self) -> None:
        """The API's contract: paths, parameters and schemas, without the prose."""
        response = self.client.get(f"{API}/openapi.json")
        self.keep("api", f"{API}/openapi.json", _without_prose(response.json()))

    def api_pages(self, path: str, **params: object) -> None:
        """A list in small pages: each page's Link header and rows."""
        url = _url(f"{API}{path}", {**params, "limit": SMALL_PAGE})
        seen = []
        next_url: str | None = url
        while next_url:
            response = self.client.get(next_url)
            link = response.headers.get("link")
            seen.append(
                {
                    "status": response.status_code,
                    "total": response.headers.get("x-total-count"),
                    "link": link,
                    "body": response.json(),
                }
            )
            next_url = _next_link(link) if link else None
        self.keep("api-paging", url, seen)

    def download(self, path: str) -> None:
        """A file from /downloads, /reports or an API list's `format=csv`, read back."""
        response = self.client.get(path)
        kept: dict[str, object] = {
            "status": response.status_code,
            "content_type": response.headers.get("content-type"),
            "disposition": response.headers.get("content-disposition"),
            "total": response.headers.get("x-total-count"),
        }
        media = response.headers.get("content-type", "")
        if response.status_code != 200:
            kept["body"] = response.text
        elif "csv" in media:
            kept["rows"] = csv_content(response.content)
        elif "zip" in media:
            kept["files"] = zip_content(response.content)
        elif "wordprocessingml" in media:
            kept.update(report_content(response.content))
        self.keep("download", path, kept)

    def commands(self, run: CommandRun) -> None:
        results = run.results()
        self.lap("(waiting for commands)")
        for name, result in results:
            self.keep(name.split()[0], name, result)


def capture(database_url: str, *, timings: dict[str, float] | None = None) -> dict[str, object]:
    """Seed the empty database at `database_url`, run the app on it and capture everything.

    The export and report commands run in another process while the pages are fetched
    (reports take as long as every page together). `timings`, if given, receives the
    seconds spent per kind of capture (waiting for the commands counts as theirs).
    """
    volatile = Volatile()
    volatile.note_today()
    upgrade_database(database_url)
    admin_password = seed(database_url)
    volatile.secrets.append(admin_password)
    found: dict[str, object] = {}
    engine = create_engine_for(database_url)
    try:
        with (
            tempfile.TemporaryDirectory(prefix="minsheng-snapshot-") as data_dir,
            running_app(database_url, engine, Path(data_dir)) as base_url,
            loopback_client(base_url, timeout=120) as client,
        ):
            volatile.server = base_url
            recorder = Recorder(client, found)
            plans = client.get(f"{API}/plans", params={"limit": LIMIT}).json()
            folder = Path(data_dir)
            with commands_running(database_url, _seed_commands(plans), folder) as commands:
                _seed_phase(recorder, base_url, plans)
                recorder.commands(commands)
            with (
                signed_in(base_url, "planner", PASSWORDS["planner"]) as planner,
                signed_in(base_url, "admin", admin_password) as admin,
            ):
                add_monitoring(planner, admin, engine, plans)
            recorder.lap("(monitoring)")
            recorder.phase = "monitored"
            with commands_running(database_url, _monitored_commands(plans), folder) as commands:
                _monitored_phase(recorder, base_url, plans)
                recorder.commands(commands)
            if timings is not None:
                timings.update(recorder.seconds)
    finally:
        engine.dispose()
    volatile.note_today()
    normalized = volatile.apply(found)
    assert isinstance(normalized, dict)
    return normalized


def _seed_commands(plans: list[dict]) -> list[Command]:
    """Each plan as a data package, one as a workbook; the standards; the annual reports."""
    commands: list[Command] = []
    for plan in plans:
        region = ["--plan", plan["region"]]
        commands.append(_command(["export", "plan", *region, "--format", "datapackage"], "pkg"))
    workbook = ["export", "plan", "--plan", plans[0]["region"], "--format", "xlsx"]
    commands.append(_command(workbook, "plan.xlsx"))
    csv = ["--format", "csv"]
    commands.append(_command(["export", "standards", *csv], "standards.csv"))
    for plan in plans:
        standards = ["export", "standards", "--plan", plan["region"], *csv]
        commands.append(_command(standards, "standards.csv"))
    for plan in plans:
        if not plan["is_reference"]:
            annual = ["report", "annual", "--region", plan["region"]]
            commands.append(_command(annual, "r.docx"))
    return commands


def _monitored_commands(plans: list[dict]) -> list[Command]:
    """Each seed plan's data package and evaluation report; annual reports of a city and
    of the district (fewer than before monitoring: reports are the slowest part).
    """
    local = [plan["region"] for plan in plans if not plan["is_reference"]]
    commands = [
        _command(["export", "plan", "--plan", region, "--format", "datapackage"], "pkg")
        for region in local
    ]
    for region in local:
        commands.append(_command(["report", "evaluation", "--plan", region], "r.docx"))
    for region in MONITORED_ANNUAL_REPORTS:
        commands.append(_command(["report", "annual", "--region", region], "r.docx"))
    mid_term = ["report", "evaluation", "--plan", local[0], "--year", str(MID_TERM)]
    commands.append(_command(mid_term, "r.docx"))
    return commands


def _command(arguments: list[str], output: str) -> Command:
    return " ".join(arguments), [*arguments, "--output", OUTPUT], output


def _seed_phase(recorder: Recorder, base_url: str, plans: list[dict]) -> None:
    """Everything, as seeded: the plans' own content and nothing observed yet."""
    plan_ids = [plan["id"] for plan in plans]
    regions = [plan["region"] for plan in plans]
    local = [plan["id"] for plan in plans if not plan["is_reference"]]

    recorder.openapi()
    recorder.api("/plans", limit=LIMIT)
    for plan_id in [*plan_ids, MISSING_ID]:
        recorder.api(f"/plans/{plan_id}")
    _static_reads(recorder, plan_ids, regions)
    indicators = recorder.api("/indicators", limit=LIMIT)
    projects = recorder.api("/projects", limit=LIMIT)
    items = recorder.api("/service-items", limit=LIMIT)
    assert isinstance(indicators, list) and isinstance(projects, list)
    assert isinstance(items, list)
    for indicator in indicators:
        recorder.api(f"/indicators/{indicator['id']}")
    for item in _first_of_each(items, "plan_id", "domain"):
        recorder.api(f"/service-items/{item['id']}")
    recorder.api("/observations", limit=LIMIT)
    recorder.api("/observations", limit=LIMIT, state="any")
    recorder.api("/observations", limit=LIMIT, plan_id=plan_ids[0])
    recorder.api("/observations", limit=LIMIT, indicator_id=indicators[0]["id"])
    recorder.api("/observations", limit=LIMIT, region=regions[0], year=2020)
    for region in regions:
        recorder.api("/evaluation", limit=LIMIT, plan=region)
    recorder.api("/evaluation", limit=LIMIT, plan="不存在市")
    recorder.api("/warnings", limit=LIMIT)
    recorder.api_pages("/indicators")
    recorder.download(_url(f"{API}/indicators", {"limit": LIMIT, "format": "csv"}))
    recorder.download(_url(f"{API}/observations", {"limit": LIMIT, "format": "csv"}))

    for path in ["/", "/warnings", "/projects", "/standards", "/downloads", "/reports", "/login"]:
        recorder.page(path)
    for plan_id in plan_ids:
        recorder.page(f"/plans/{plan_id}")
    for indicator in _first_of_each(indicators, "plan_id", count=SEED_INDICATOR_PAGES):
        recorder.page(f"/indicators/{indicator['id']}")
    _project_pages(recorder, projects, local[0])
    _standards_pages(recorder, items, local)
    for path in [f"/plans/{MISSING_ID}", f"/indicators/{MISSING_ID}", f"/projects/{MISSING_ID}"]:
        recorder.page(path)
    _planner_pages(recorder, base_url, [f"/plans/{local[0]}", f"/projects/{projects[0]['id']}"])

    for plan_id in plan_ids:
        recorder.download(f"/downloads/plans/{plan_id}.zip")
    recorder.download(f"/downloads/plans/{plan_ids[0]}.datapackage.zip")
    recorder.download("/downloads/standards.csv")
    recorder.download(f"/reports/evaluation/{local[0]}")


def _static_reads(recorder: Recorder, plan_ids: list[int], regions: list[str]) -> None:
    """The API's lists of the plans' own content, with each filter once."""
    recorder.api("/regions", limit=LIMIT)
    recorder.api("/regions", limit=LIMIT, level="city")
    recorder.api("/regions", limit=LIMIT, parent_id=1)
    recorder.api("/regions", limit=LIMIT, q="市")
    for plan_id in plan_ids:
        recorder.api("/indicators", limit=LIMIT, plan_id=plan_id)
    recorder.api("/indicators", limit=LIMIT, region=regions[1])
    recorder.api("/indicators", limit=LIMIT, domain="病有所医")
    recorder.api("/indicators", limit=LIMIT, attribute="binding")
    recorder.api("/indicators", limit=LIMIT, q="率")
    recorder.api(f"/indicators/{MISSING_ID}")
    for plan_id in plan_ids:
        recorder.api("/service-items", limit=LIMIT, plan_id=plan_id)
    recorder.api("/service-items", limit=LIMIT, domain="老有所养", region=regions[0])
    recorder.api("/service-items", limit=LIMIT, q="儿童")
    recorder.api(f"/service-items/{MISSING_ID}")
    for plan_id in plan_ids:
        recorder.api("/projects", limit=LIMIT, plan_id=plan_id)
    recorder.api("/projects", limit=LIMIT, region=regions[0], column=1)
    recorder.api("/projects", limit=LIMIT, status="planned")
    recorder.api("/projects", limit=LIMIT, q="医院")
    recorder.api("/previous-plan-results", limit=LIMIT)
    for region in regions:
        recorder.api("/previous-plan-results", limit=LIMIT, plan=region)


def _project_pages(recorder: Recorder, projects: list[dict], plan_id: int) -> None:
    """The list page by page and filtered; the first project of each plan's column."""
    for page in range(2, len(projects) // PROJECTS_PER_PAGE + 2):
        recorder.page(_url("/projects", {"page": page}))
    for query in (
        {"plan": plan_id},
        {"plan": plan_id, "column": 1},
        {"status": "planned"},
        {"status": "completed"},
        {"q": "医院"},
        {"q": "医院", "page": 2},
    ):
        recorder.page(_url("/projects", query))
    for project in _first_of_each(projects, "plan_id", "column_number"):
        recorder.page(f"/projects/{project['id']}")


def _standards_pages(recorder: Recorder, items: list[dict], local: list[int]) -> None:
    """The catalogue per plan and searched, comparisons, an item of each plan's domain."""
    for query in (*({"plan": plan_id} for plan_id in local), {"q": "儿童"}, {"q": "托育 儿童"}):
        recorder.page(_url("/standards", query))
    recorder.page(_url("/standards", {"q": "儿童", "plan": local[0]}))
    recorder.page("/standards/compare")
    recorder.page(_url("/standards/compare", {"plan": local[:2]}))
    recorder.page(_url("/standards/compare", {"plan": local}))
    for item in _first_of_each(items, "plan_id", "domain"):
        recorder.page(f"/standards/items/{item['id']}")


def _planner_pages(recorder: Recorder, base_url: str, extra: list[str]) -> None:
    """Pages as the seeded planner sees them: the header, forms, entry and review."""
    with signed_in(base_url, "planner", PASSWORDS["planner"]) as client:
        for path in ["/", "/warnings", "/entry", "/entry/review", *extra]:
            recorder.page(path, client=client, kind="page-planner")


def _monitored_phase(recorder: Recorder, base_url: str, plans: list[dict]) -> None:
    """After monitoring.py's values and edits: what evaluation, warnings and changes show."""
    plan_ids = [plan["id"] for plan in plans]
    regions = [plan["region"] for plan in plans]
    local = [plan["id"] for plan in plans if not plan["is_reference"]]

    recorder.api("/regions", limit=LIMIT)
    recorder.api(f"/plans/{plan_ids[0]}")
    recorder.api("/observations", limit=LIMIT)
    for state in ("any", "draft", "submitted", "returned"):
        recorder.api("/observations", limit=LIMIT, state=state)
    recorder.api("/observations", limit=LIMIT, plan_id=plan_ids[0])
    recorder.api("/observations", limit=LIMIT, year=2023)
    recorder.api("/observations", limit=LIMIT, region="蜀山区")
    for region in regions:
        recorder.api("/evaluation", limit=LIMIT, plan=region)
        recorder.api("/evaluation", limit=LIMIT, plan=region, year=MID_TERM)
    recorder.api("/evaluation", limit=LIMIT, plan=regions[0], method="growth_rate")
    recorder.api("/warnings", limit=LIMIT)
    recorder.api("/warnings", limit=LIMIT, year=MID_TERM)
    recorder.api("/warnings", limit=LIMIT, method="growth_rate")
    for region in regions:
        recorder.api("/warnings", limit=LIMIT, plan=region)
    for query in ({"level": "red"}, {"level": "yellow"}, {"domain": "老有所养"}):
        recorder.api("/warnings", limit=LIMIT, **query)
    for region in (regions[0], "蜀山区"):
        recorder.api("/warnings", limit=LIMIT, region=region)
    recorder.api("/projects", limit=LIMIT, status="completed")
    recorder.api("/projects", limit=LIMIT, plan_id=plan_ids[0], column=1)
    items = recorder.api("/service-items", limit=LIMIT, plan_id=plan_ids[0])
    indicators = recorder.api("/indicators", limit=LIMIT)
    assert isinstance(items, list) and isinstance(indicators, list)
    recorder.api_pages("/warnings")
    recorder.download(_url(f"{API}/warnings", {"limit": LIMIT, "format": "csv"}))
    recorder.download(
        _url(f"{API}/observations", {"limit": LIMIT, "format": "csv", "state": "any"})
    )
    _monitored_pages(recorder, base_url, plans, indicators, items[0]["id"])
    recorder.download(f"/downloads/plans/{local[0]}.zip")


def _monitored_pages(
    recorder: Recorder, base_url: str, plans: list[dict], indicators: list[dict], item_id: int
) -> None:
    plan_ids = [plan["id"] for plan in plans]
    regions = [plan["region"] for plan in plans]
    local = [plan["id"] for plan in plans if not plan["is_reference"]]
    for path in ["/", "/warnings", "/projects"]:
        recorder.page(path)
    for plan_id in plan_ids:
        recorder.page(f"/plans/{plan_id}")
    first_plans = set(plan_ids[:MONITORED_INDICATOR_PLANS])
    for indicator in indicators:
        if indicator["plan_id"] in first_plans:
            recorder.page(f"/indicators/{indicator['id']}")
    for indicator in _first_of_each(indicators, "plan_id", count=FIRST_INDICATORS):
        if indicator["plan_id"] not in first_plans:
            recorder.page(f"/indicators/{indicator['id']}")
    for query in (
        {"plan": local[0]},
        {"domain": "老有所养"},
        {"region": regions[0]},
        {"region": "蜀山区"},
        {"department": "合肥市卫生健康委员会"},
        {"department": "合肥市民政局"},
        {"plan": local[1], "domain": "病有所医"},
    ):
        recorder.page(_url("/warnings", query))
    for query in ({"status": "completed"}, {"status": "delayed"}, {"plan": local[0]}):
        recorder.page(_url("/projects", query))
    updated = recorder.client.get(f"{API}/projects", params={"plan_id": local[0], "limit": 2})
    for project in updated.json():  # the two monitoring.py updated
        recorder.page(f"/projects/{project['id']}")
    recorder.page(f"/standards/items/{item_id}")
    recorder.page(_url("/standards", {"plan": local[0]}))
    _planner_pages(recorder, base_url, [_url("/entry", {"plan": regions[0]})])


def _first_of_each(rows: list[dict], *keys: str, count: int = 1) -> list[dict]:
    """The first `count` rows of each group of rows sharing the values of `keys`."""
    seen: Counter[tuple[object, ...]] = Counter()
    chosen = []
    for row in rows:
        group = tuple(row[key] for key in keys)
        seen[group] += 1
        if seen[group] <= count:
            chosen.append(row)
    return chosen


def _without_prose(value: object) -> object:
    """An OpenAPI document without descriptions, summaries and titles (docs, not contract)."""
    if isinstance(value, dict):
        prose = {"description", "summary", "title"}
        return {
            key: _without_prose(item)
            for key, item in value.items()
            if key not in prose or not isinstance(item, str)
        }
    if isinstance(value, list):
        return [_without_prose(item) for item in value]
    return value


def _url(path: str, params: dict[str, object]) -> str:
    return f"{path}?{urlencode(params, doseq=True)}" if params else path


def _next_link(header: str) -> str:
    found = re.fullmatch(r'<([^>]+)>; rel="next"', header)
    assert found, f"unexpected Link header {header!r}"
    return found[1]


def save(snapshot: dict[str, object], path: Path = GOLDEN) -> None:
    """Write the snapshot as gzipped, indented JSON; the same snapshot gives the same bytes."""
    text = json.dumps(snapshot, ensure_ascii=False, indent=1) + "\n"
    with path.open("wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as zipped:
        zipped.write(text.encode("utf-8"))


def load(path: Path = GOLDEN) -> dict[str, object]:
    with gzip.open(path, "rt", encoding="utf-8") as text:
        return json.load(text)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {GOLDEN.name}")
    parser.add_argument("--output", type=Path, default=GOLDEN, help="where --write writes")
    arguments = parser.parse_args(argv)
    print(f"capturing with minsheng from {Path(minsheng.__file__).parent}", file=sys.stderr)
    started = time.perf_counter()
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="minsheng-snapshot-db-") as folder:
        snapshot = capture(f"sqlite:///{Path(folder) / 'minsheng.db'}", timings=timings)
    seconds = time.perf_counter() - started
    print(f"captured {len(snapshot)} keys in {seconds:.1f}s", file=sys.stderr)
    kinds = Counter(key.split(":")[1] for key in snapshot)
    for kind in sorted({*kinds, *timings}):
        count = f"{kinds[kind]:5} keys" if kind in kinds else " " * 10
        print(f"  {kind:24} {count} {timings.get(kind, 0):6.1f}s", file=sys.stderr)
    if arguments.write:
        save(snapshot, arguments.output)
        print(f"wrote {arguments.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
