"""Latency under load: 50 concurrent clients against the demo database on loopback.

Run: .venv/bin/python benchmarks/load_benchmark.py [--seconds 10] [--connections 50]
Needs Debian's `wrk` (apt-get install wrk). Starts `minsheng serve` on a fresh demo
database in a temporary data directory, then drives each endpoint with wrk and prints
p50/p95/p99 and requests per second, with each endpoint's p95 as a ratio of a static
file's p95 measured in the same run (the server's floor on this machine). The server
runs one worker process per core.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from minsheng.data.bundled import bundled_plans
from minsheng.settings import Settings
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases.demo import set_up_demo

REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format(
    '{"p50": %f, "p95": %f, "p99": %f, "requests": %d, "seconds": %f, "errors": %d}\\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, summary.duration / 1e6, errors))
end
"""
BUDGET_MS = 100.0
WORKERS = os.cpu_count() or 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare(data_dir: Path) -> None:
    url = Settings(data_dir=data_dir).effective_database_url
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        set_up_demo(session, bundled_plans())
    engine.dispose()


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    minsheng = Path(sys.executable).parent / "minsheng"
    env = {**os.environ, "MINSHENG_DATA_DIR": str(data_dir)}
    command = [str(minsheng), "serve", "--port", str(port), "--workers", str(WORKERS)]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/plans", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


def endpoints(base: str) -> dict[str, str]:
    with urllib.request.urlopen(f"{base}/api/v1/plans") as response:
        plans = json.load(response)
    hefei = next(plan for plan in plans if plan["region"] == "合肥市")
    region = urllib.request.quote("合肥市")
    return {
        "static file (baseline)": "/static/css/minsheng.css",
        "overview page": "/",
        "plan page (合肥市)": f"/plans/{hefei['id']}",
        "API plans": "/api/v1/plans",
        "API indicators (合肥市)": f"/api/v1/indicators?plan_id={hefei['id']}",
        "API evaluation (合肥市)": f"/api/v1/evaluation?plan={region}",
        "API warnings": "/api/v1/warnings",
    }


def measure(url: str, seconds: int, connections: int, script: Path) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        prepare(data_dir)
        script = data_dir / "report.lua"
        script.write_text(REPORT)
        port = free_port()
        server = start_server(data_dir, port)
        try:
            run(f"http://127.0.0.1:{port}", args.seconds, args.connections, script)
        finally:
            server.terminate()
            server.wait(timeout=10)


def run(base: str, seconds: int, connections: int, script: Path) -> None:
    print(f"{connections} connections, {seconds} s per endpoint, budget p95 < {BUDGET_MS:g} ms")
    print(f"{'endpoint':28} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8} {'p95/base':>9}")
    baseline = None
    for name, path in endpoints(base).items():
        result = measure(base + path, seconds, connections, script)
        baseline = baseline or result["p95"]
        rate = result["requests"] / result["seconds"]
        verdict = "" if result["p95"] < BUDGET_MS else "  over budget"
        errors = f"  {result['errors']} errors" if result["errors"] else ""
        print(
            f"{name:28} {result['p50']:8.1f} {result['p95']:8.1f} {result['p99']:8.1f} "
            f"{rate:8.0f} {result['p95'] / baseline:9.1f}{verdict}{errors}"
        )


if __name__ == "__main__":
    main()
