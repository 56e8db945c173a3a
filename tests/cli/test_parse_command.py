"""`minsheng parse` and `minsheng schema` as a person runs them (see `tests.command`)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from tests.command import run_minsheng

from minsheng.cli.schema_command import parse_schema

DOCS_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "parse-schema.json"
HEFEI = "000_7c865537b9a88152.txt"


def minsheng(*args: str) -> subprocess.CompletedProcess[str]:
    return run_minsheng(args, env={}, cwd=Path.cwd())


def test_json_output_has_the_documented_keys(seeds_dir):
    result = minsheng("parse", str(seeds_dir / HEFEI))
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert set(parse_schema()["required"]) <= set(plan)
    assert plan["plan"]["region"] == "合肥市"
    first = plan["indicators"][0]
    assert first["name"] == "每千人口拥有3岁以下婴幼儿托位数"
    assert first["unit"] == "个"
    assert first["target"] == {
        "raw": "≥4.6",
        "kind": "comparison",
        "number": 4.6,
        "comparator": "ge",
        "low": None,
        "high": None,
        "text": None,
        "percent": False,
        "cumulative": False,
        "note": None,
    }
    codes = {warning["code"] for warning in plan["warnings"]}
    assert "odd_value" in codes  # 686(646) is kept, and said so


def test_table_output_is_a_readable_summary(seeds_dir):
    result = minsheng("parse", str(seeds_dir / HEFEI), "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "合肥市“十四五”公共服务规划" in result.stdout
    assert "38 indicators" in result.stdout
    assert "人均预期寿命" in result.stdout


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("plan.xls", b"whatever", "unsupported file type '.xls'"),
        ("empty.txt", b"  \n\n", "contains no text"),
        ("broken.docx", b"not a zip archive", "broken.docx"),
    ],
)
def test_bad_input_exits_2_and_names_the_file(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    result = minsheng("parse", str(path))
    assert result.returncode == 2
    assert expected in result.stderr
    assert str(path) in result.stderr
    assert result.stdout == ""


def test_missing_file_exits_2(tmp_path):
    result = minsheng("parse", str(tmp_path / "nowhere.docx"))
    assert result.returncode == 2
    assert "nowhere.docx" in result.stderr


def test_scanned_pdf_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.rect(100, 100, 300, 400, fill=1)  # an "image" and no text at all
    page.save()
    result = minsheng("parse", str(path))
    assert result.returncode == 2
    assert "no text layer" in result.stderr


def test_documented_schema_is_current():
    """docs/parse-schema.json is regenerated with `minsheng schema > docs/parse-schema.json`."""
    assert json.loads(DOCS_SCHEMA.read_text(encoding="utf-8")) == parse_schema()
