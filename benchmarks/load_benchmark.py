"""Latency under load: 50 concurrent clients, anonymous and signed in, on loopback.

Run: .venv/bin/python benchmarks/load_benchmark.py [--seconds 10] [--connections 50]
Needs Debian's `wrk` (apt-get install wrk). Starts `minsheng serve --workers 2` on a
fresh demo database (the bundled plans with the 示例数据 monitoring set) in a temporary
data directory, signs in as the demo's administrator, then drives each endpoint with wrk
— anonymous pages and API calls first, then the pages a signed-in planner opens, with
the session cookie — and prints p50/p95/p99 and requests per second. Each endpoint's p95
is also given as a ratio of a static file's p95 measured in the same run (the server's
floor on this machine); the signed-in pages' p95 is summarized at the end. wrk waits
up to 30 s for an answer, so a slow response counts in the percentiles instead of being
dropped as a timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import httpx

from minsheng.data.bundled import bundled_plans
from minsheng.settings import Settings
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases.demo import set_up_demo

REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format(
    '{"p50": %f, "p95": %f, "p99": %f, "requests": %d, "seconds": %f, "errors": %d, ' ..
    '"status": %d, "timeout": %d}\\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, summary.duration / 1e6, errors,
    e.status, e.timeout))
end
"""
BUDGET_MS = 100.0
WORKERS = 2
START_S = 300
"""Seconds the server may take to answer: on a busy machine two workers start slowly."""
ADMIN = "admin"
CSRF_FIELD = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare(data_dir: Path) -> str:
    """The demo database (plans and 示例数据); returns the administrator's password."""
    url = Settings(data_dir=data_dir).effective_database_url
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        password = set_up_demo(session, bundled_plans(), sample_data=True).admin_password
    engine.dispose()
    if password is None:
        raise RuntimeError("the demo did not create its administrator")
    return password


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    minsheng = Path(sys.executable).parent / "minsheng"
    env = {**os.environ, "MINSHENG_DATA_DIR": str(data_dir)}
    command = [str(minsheng), "serve", "--port", str(port), "--workers", str(WORKERS)]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/plans", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"the server did not answer within {START_S} s")


def sign_in(base: str, password: str) -> str:
    """A signed-in session's Cookie header, through the login form as a browser does."""
    with httpx.Client(base_url=base) as client:
        form = client.get("/login")
        token = CSRF_FIELD.search(form.text)
        if token is None:
            raise RuntimeError("the login form carries no CSRF token")
        fields = {"username": ADMIN, "password": password, "csrf_token": token.group(1)}
        answer = client.post("/login", data=fields)
        if answer.status_code != 303:
            raise RuntimeError(f"signing in failed: HTTP {answer.status_code}")
        return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


def hefei_id(base: str) -> int:
    with urllib.request.urlopen(f"{base}/api/v1/plans") as response:
        plans = json.load(response)
    return int(next(plan for plan in plans if plan["region"] == "合肥市")["id"])


def anonymous_endpoints(plan_id: int) -> dict[str, str]:
    region = urllib.parse.quote("合肥市")
    return {
        "static file (baseline)": "/static/css/minsheng.css",
        "overview page": "/",
        "plan page (合肥市)": f"/plans/{plan_id}",
        "warnings page": "/warnings",
        "API plans": "/api/v1/plans",
        "API indicators (合肥市)": f"/api/v1/indicators?plan_id={plan_id}",
        "API evaluation (合肥市)": f"/api/v1/evaluation?plan={region}",
        "API warnings": "/api/v1/warnings",
    }


def signed_in_endpoints(plan_id: int) -> dict[str, str]:
    return {
        "overview page": "/",
        "plan page (合肥市)": f"/plans/{plan_id}",
        "warnings page": "/warnings",
        "reporting rounds": "/rounds",
        "problem ledger": "/problems",
        "API warnings": "/api/v1/warnings",
    }


def measure(
    url: str, seconds: int, connections: int, script: Path, cookie: str | None = None
) -> dict[str, float]:
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
    ]
    if cookie is not None:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        password = prepare(data_dir)
        script = data_dir / "report.lua"
        script.write_text(REPORT)
        port = free_port()
        server = start_server(data_dir, port)
        try:
            run(f"http://127.0.0.1:{port}", password, args.seconds, args.connections, script)
        finally:
            server.terminate()
            server.wait(timeout=10)


def run(base: str, password: str, seconds: int, connections: int, script: Path) -> None:
    plan_id = hefei_id(base)
    cookie = sign_in(base, password)
    print(
        f"{connections} connections, {seconds} s per endpoint, {WORKERS} workers, "
        f"budget p95 < {BUDGET_MS:g} ms; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    print(f"{'endpoint':36} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8} {'p95/base':>9}")
    baseline = 0.0
    for name, path in anonymous_endpoints(plan_id).items():
        result = measure(base + path, seconds, connections, script)
        baseline = baseline or result["p95"]
        show(f"anonymous: {name}", result, baseline)
    signed: list[float] = []
    for name, path in signed_in_endpoints(plan_id).items():
        result = measure(base + path, seconds, connections, script, cookie)
        signed.append(result["p95"])
        show(f"signed in: {name}", result, baseline)
    worst = max(signed)
    verdict = "within budget" if worst < BUDGET_MS else "OVER BUDGET"
    print(
        f"signed-in pages: p95 {min(signed):.1f}–{worst:.1f} ms "
        f"({worst / baseline:.1f} × the static file's p95); {verdict}"
    )


def show(name: str, result: dict[str, float], baseline: float) -> None:
    rate = result["requests"] / result["seconds"]
    verdict = "" if result["p95"] < BUDGET_MS else "  over budget"
    errors = (
        f"  {result['errors']:.0f} errors ({result['status']:.0f} non-2xx/3xx, "
        f"{result['timeout']:.0f} timeouts)"
        if result["errors"]
        else ""
    )
    print(
        f"{name + ' ' * (36 - _width(name))} {result['p50']:8.1f} {result['p95']:8.1f} "
        f"{result['p99']:8.1f} {rate:8.0f} {result['p95'] / baseline:9.1f}{verdict}{errors}",
        flush=True,
    )


def _width(text: str) -> int:
    """Columns the text takes in a terminal: a Chinese character takes two."""
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


if __name__ == "__main__":
    main()
