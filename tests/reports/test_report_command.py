"""`minsheng report …` as a real process on a seeded SQLite file in a temporary data dir."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from docx import Document

from minsheng.store import create_engine_for, upgrade_database
from tests.reports.conftest import pdf_text, require_tool, seed_reports


def _minsheng(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = shutil.which("minsheng", path=str(Path(sys.executable).parent))
    assert command, "the minsheng command is installed beside the test interpreter"
    env = {**os.environ, "MINSHENG_DATA_DIR": str(data_dir)}
    env.pop("MINSHENG_DATABASE_URL", None)
    return subprocess.run(
        [command, *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def _seeded(data_dir: Path) -> None:
    data_dir.mkdir()
    url = f"sqlite:///{data_dir / 'minsheng.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    seed_reports(engine)
    engine.dispose()


def test_report_commands_write_docx_and_pdf(tmp_path):
    data_dir = tmp_path / "data"
    _seeded(data_dir)
    docx = tmp_path / "评估.docx"
    done = _minsheng(
        data_dir, "report", "evaluation", "--plan", "合肥市", "--year", "2023", "-o", str(docx)
    )
    assert done.returncode == 0, done.stderr
    assert "实施中期评估报告" in done.stdout
    assert (
        Document(str(docx)).paragraphs[0].text.replace("\n", "")
        == "合肥市“十四五”公共服务规划实施中期评估报告"
    )
    require_tool("soffice", "libreoffice-writer-nogui")
    pdf = tmp_path / "annual.pdf"
    done = _minsheng(
        data_dir, "report", "annual", "--region", "合肥市", "--year", "2024",
        "--format", "pdf", "-o", str(pdf),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "合肥市2024年公共服务发展年度报告" in pdf_text(pdf)


def test_unknown_plan_and_missing_soffice_are_clear_errors(tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    _seeded(data_dir)
    done = _minsheng(
        data_dir, "report", "evaluation", "--plan", "火星市", "-o", str(tmp_path / "x")
    )
    assert done.returncode == 2
    assert "火星市" in done.stderr
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # minsheng, no soffice
    done = _minsheng(
        data_dir, "report", "annual", "--region", "合肥市", "--format", "pdf",
        "-o", str(tmp_path / "x.pdf"),
    )  # fmt: skip
    assert done.returncode == 2
    assert "soffice" in done.stderr and "libreoffice-writer-nogui" in done.stderr
    assert not (tmp_path / "x.pdf").exists()
