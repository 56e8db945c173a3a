"""What an installed package needs: PostgreSQL's driver is an extra, and a PostgreSQL URL
without it is a clear error; `--version`. The wheel itself: tests/web/test_installed_wheel.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


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


def test_the_first_command_on_a_new_database_prints_no_warning(tmp_path):
    env = {**os.environ, "MINSHENG_DATA_DIR": str(tmp_path / "data")}
    env.pop("MINSHENG_DATABASE_URL", None)
    found = subprocess.run(
        [str(BIN / "minsheng"), "db", "upgrade"],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )  # fmt: skip
    assert found.returncode == 0 and "is at revision" in found.stdout
    assert found.stderr == ""
