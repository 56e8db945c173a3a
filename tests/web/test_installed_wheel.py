"""The package as a user installs it: `pip wheel .`, the wheel installed into a new
virtual environment, `minsheng demo` run from there, and an indicator page whose chart
script loads in Chromium (an installed wheel without the vendored assets shows no chart).

The new environment takes minsheng from the wheel only; its dependencies come from the
test environment's site-packages through a path entry (installing them again from PyPI
would test pip, not us, and cost minutes)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import sysconfig
import time
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests import loopback

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Installed:
    base: str
    venv: Path


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "-q", "-w", str(out)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (found,) = out.glob("minsheng-*.whl")
    return found


def test_the_wheel_carries_the_licence_and_the_vendored_assets(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for asset in ("echarts.min.js", "swagger-ui-bundle.js", "swagger-ui.css"):
        assert f"minsheng/web/static/vendor/{asset}" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA")))
    requires = [
        line for line in metadata.decode().splitlines() if line.startswith("Requires-Dist: psycopg")
    ]
    assert requires and all('extra == "postgresql"' in line for line in requires)


def _installed(wheel: Path, where: Path) -> Path:
    """A new venv holding the wheel; returns its `minsheng` script."""
    venv.EnvBuilder(with_pip=False).create(where)
    python = where / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # Plain path entry: the test env's packages, but not its editable finder for minsheng.
    Path(site, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         str(wheel)],
        check=True, timeout=300,
    )  # fmt: skip
    return where / "bin" / "minsheng"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def installed_demo(wheel, tmp_path_factory) -> Iterator[Installed]:
    home = tmp_path_factory.mktemp("installed")
    script = _installed(wheel, home / "venv")
    port = _free_port()
    env = {**os.environ, "MINSHENG_DATA_DIR": str(home / "data"), "PYTHONPATH": ""}
    env.pop("MINSHENG_DATABASE_URL", None)
    log = (home / "demo.log").open("w")
    server = subprocess.Popen(
        [str(script), "demo", "--empty", "--port", str(port)], stdout=log, stderr=log, env=env,
        cwd=home,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, server, home / "demo.log")
        yield Installed(base=base, venv=home / "venv")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            if loopback.get(base + "/", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    pytest.fail("the installed demo did not answer:\n" + log.read_text())


def test_the_installed_demo_runs_the_package_from_the_wheel(installed_demo):
    python = Path(installed_demo.venv, "bin", "python")
    found = subprocess.run(
        [str(python), "-c", "import minsheng; print(minsheng.__file__)"],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": ""},
    ).stdout  # fmt: skip
    assert found.startswith(str(installed_demo.venv)) and str(ROOT / "src") not in found
    assert "合肥市" in loopback.get(installed_demo.base + "/").text


def test_an_installed_indicator_page_draws_its_chart(installed_demo, browser):
    base = installed_demo.base
    plan_path = _first_link(loopback.get(base + "/").text, "/plans/")
    indicator_path = _first_link(loopback.get(base + plan_path).text, "/indicators/")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(base + indicator_path, wait_until="networkidle")
    assert page.evaluate("typeof echarts") == "object"
    assert page.locator("canvas, svg").count() >= 1
    assert failed == []
    context.close()


def _first_link(html: str, prefix: str) -> str:
    start = html.index(f'href="{prefix}') + len('href="')
    return html[start : html.index('"', start)]
