"""What an installed package needs: the wheel carries the licence and the front-end
libraries the web app serves (no chart and no API docs without them); PostgreSQL's
driver is an extra, and a PostgreSQL URL without it is a clear error; `--version`."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_the_wheel_carries_the_licence_and_the_vendored_assets(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "-q", "-w", str(tmp_path)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("minsheng-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for asset in ("echarts.min.js", "swagger-ui-bundle.js", "swagger-ui.css"):
        assert f"minsheng/web/static/vendor/{asset}" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA")))
    requires = [
        line for line in metadata.decode().splitlines() if line.startswith("Requires-Dist: psycopg")
    ]
    assert requires and all('extra == "postgresql"' in line for line in requires)


def test_a_postgresql_url_without_its_driver_is_a_clear_error(tmp_path):
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text("import sys\nsys.modules['psycopg'] = None\n", encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(tmp_path),
        "MINSHENG_DATABASE_URL": "postgresql+psycopg://someone:secret@127.0.0.1/minsheng",
    }
    found = subprocess.run(
        [str(BIN / "minsheng"), "db", "upgrade"],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )  # fmt: skip
    assert found.returncode == 2
    assert "minsheng[postgresql]" in found.stderr and "secret" not in found.stderr
    assert "Traceback" not in found.stderr


def test_version():
    found = subprocess.run(
        [str(BIN / "minsheng"), "--version"], capture_output=True, text=True, check=True
    )
    assert found.stdout.startswith("minsheng ") and found.stdout.split()[1][0].isdigit()
