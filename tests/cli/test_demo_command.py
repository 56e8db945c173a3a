"""`minsheng demo`, the README's main job, as a user runs it: a real process on a fresh data
directory loads the seed plans and the labelled 示例数据, serves the web app, and a second
run reuses the database."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from tests.loopback import loopback_client

STARTUP_S = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(tmp_path: Path, port: int, *options: str) -> subprocess.Popen[str]:
    command = shutil.which("minsheng", path=str(Path(sys.executable).parent))
    assert command, "the minsheng command is installed beside the test interpreter"
    env = {**os.environ, "MINSHENG_DATA_DIR": str(tmp_path / "data"), "MINSHENG_WARM_UP": "false"}
    env.pop("MINSHENG_DATABASE_URL", None)
    return subprocess.Popen(
        [command, "demo", "--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=tmp_path,
    )


def wait_until_serving(process: subprocess.Popen[str]) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + STARTUP_S
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
        if line.startswith("serving at"):
            return lines
    process.kill()
    raise AssertionError(f"the demo did not start: {lines}")


def first_answer(client: httpx.Client, path: str) -> httpx.Response:
    """The first response once the server accepts connections ("serving at" comes first)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return client.get(path)
        except httpx.ConnectError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_demo_loads_the_plans_and_labelled_sample_data_then_reuses_them(tmp_path):
    port = free_port()
    process = serve(tmp_path, port)
    try:
        printed = wait_until_serving(process)
        assert any(line.startswith("loaded 合肥市") for line in printed)
        assert any("示例数据" in line for line in printed)
        assert any(line.startswith("administrator: admin / ") for line in printed)
        assert any(line.startswith("demo account: wjw / ") for line in printed)
        with loopback_client(f"http://127.0.0.1:{port}", timeout=60) as client:
            home = first_answer(client, "/")
            assert home.status_code == 200 and "sample-site-banner" in home.text
            answer = client.get(
                "/api/v1/equalization",
                params={"plan": "合肥市", "indicator": "人均预期寿命", "year": 2024},
            )
            found = answer.json()
            assert found["sample_data"] is True
            for path in ("/api/v1/plans", "/api/v1/plans?format=csv"):
                assert client.get(path).headers["X-Sample-Data"] == "true"
            assert answer.headers["X-Sample-Data"] == "true"
            assert all(r["value"] is not None and r["population"] for r in found["regions"])
    finally:
        process.terminate()
        process.wait(timeout=30)
    again = serve(tmp_path, port)
    try:
        assert any(line.startswith("reusing ") for line in wait_until_serving(again))
    finally:
        again.terminate()
        again.wait(timeout=30)


def test_demo_empty_loads_the_plans_without_sample_data(tmp_path):
    port = free_port()
    process = serve(tmp_path, port, "--empty")
    try:
        printed = wait_until_serving(process)
        assert any(line.startswith("loaded 合肥市") for line in printed)
        assert not any("示例数据" in line or "demo account" in line for line in printed)
        with loopback_client(f"http://127.0.0.1:{port}", timeout=60) as client:
            home = first_answer(client, "/")
            assert home.status_code == 200 and "sample-site-banner" not in home.text
            assert "X-Sample-Data" not in client.get("/api/v1/plans").headers
    finally:
        process.terminate()
        process.wait(timeout=30)
