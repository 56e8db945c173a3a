"""The long-lived LibreOffice never outlives the process that started it, even killed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from minsheng.reports import converter
from minsheng.reports.govdoc import GovDocument

KILLED = """
import os, sys
from minsheng.reports.converter import CONVERTER
CONVERTER.convert(sys.stdin.buffer.read())
print(CONVERTER.pid, flush=True)
os.kill(os.getpid(), 9)  # no atexit, no cleanup
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = open(f"/proc/{pid}/stat").read().split()[2]  # noqa: SIM115
    return state != "Z"


def test_server_ends_with_a_killed_parent(tmp_path: Path) -> None:
    if not converter.available():
        pytest.skip("python3-uno or unoserver is not installed: PDFs use the cold conversion")
    document = GovDocument()
    document.paragraph("规划实施以来，基本公共服务均等化水平持续提高。")
    # What the killed process cannot remove (its font configuration) is left in the test's
    # folder, not in the machine's temporary directory.
    done = subprocess.run(
        [sys.executable, "-c", KILLED],
        input=document.to_bytes(),
        capture_output=True,
        check=False,
        timeout=120,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    server = int(done.stdout.split()[0])
    deadline = time.monotonic() + 20
    while _alive(server) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _alive(server)
