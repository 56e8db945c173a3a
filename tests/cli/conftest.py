"""Fixtures of the command-line tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def minsheng(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed `minsheng` command on a data directory of the test's own."""
    command = shutil.which("minsheng", path=str(Path(sys.executable).parent))
    assert command, "the minsheng command is installed beside the test interpreter"
    env = {**os.environ, "MINSHENG_DATA_DIR": str(tmp_path / "data")}
    env.pop("MINSHENG_DATABASE_URL", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [command, *args], capture_output=True, text=True, check=False, env=env, cwd=tmp_path
        )

    return run
