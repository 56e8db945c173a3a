"""Scanned plans: a PDF that is only an image is read by Tesseract OCR where it is
installed, says so with its confidence and names the lines to check; without Tesseract
the clear error stays.

The scan is made here: an A4 page at 300 dpi with a plan's title and an indicator table
drawn in a CJK serif, labelled 示例数据 on the page, saved as an image-only PDF.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from minsheng.ingest import parse_file
from minsheng.ingest.readers.pdf_ocr import ocr_available

TITLE = "示例市“十四五”公共服务规划"
LABEL = "注：本页为示例数据，不是任何地方的真实规划。"
HEADER = ("领域", "指标", "2020年", "2025年", "属性")
ROWS = (
    ("幼有所育", "每千人口拥有3岁以下婴幼儿托位数（个）", "1.2", "4.5", "预期性"),
    ("学有所教", "劳动年龄人口平均受教育年限（年）", "11.2", "11.5", "约束性"),
    ("病有所医", "孕产妇死亡率（/10万）", "9.1", "≤9.5", "预期性"),
    ("老有所养", "基本养老保险参保率（%）", "93.5", "95", "约束性"),
)
COLUMNS = (200, 560, 1560, 1810, 2060)  # pixels: at least two characters between cells
FIRST_ROW_LINE = 4  # the title, the caption and the header come first


def cjk_font(size: int) -> ImageFont.FreeTypeFont:
    found = subprocess.run(
        ["fc-match", "-f", "%{file}:%{index}", "Noto Serif CJK SC"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    path, _, index = found.rpartition(":")
    if "CJK" not in path:
        pytest.skip("Noto CJK fonts (fonts-noto-cjk) are not installed")
    return ImageFont.truetype(path, size, index=int(index or 0))


@pytest.fixture(scope="module")
def scanned_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    font = cjk_font(40)
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    draw.text((300, 200), TITLE, font=font, fill=0)
    draw.text((200, 320), "表1 “十四五”时期公共服务主要指标", font=font, fill=0)
    for number, row in enumerate((HEADER, *ROWS)):
        for x, cell in zip(COLUMNS, row, strict=True):
            draw.text((x, 450 + number * 90), cell, font=font, fill=0)
    draw.text((200, 450 + (len(ROWS) + 2) * 90), LABEL, font=font, fill=0)
    path = tmp_path_factory.mktemp("scan") / "scanned_plan.pdf"
    page.save(path, resolution=300.0)
    return path


@pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr-chi-sim is not installed")
def test_a_scanned_plan_is_read_by_ocr_and_says_which_lines_to_check(scanned_plan):
    plan = parse_file(scanned_plan)
    assert plan.plan.region == "示例市"
    assert (plan.plan.period.start, plan.plan.period.end) == (2021, 2025)
    assert [i.domain for i in plan.indicators] == [row[0] for row in ROWS]
    assert [i.baseline.number for i in plan.indicators] == [1.2, 11.2, 9.1, 93.5]
    codes = {w.code for w in plan.warnings}
    assert "read_by_ocr" in codes
    summary = next(w for w in plan.warnings if w.code == "read_by_ocr")
    assert "mean confidence" in summary.message
    flagged = {w.line for w in plan.warnings if w.code in {"low_ocr_confidence", "odd_value"}}
    for line, (row, read) in enumerate(zip(ROWS, plan.indicators, strict=True), FIRST_ROW_LINE):
        drawn = (row[1].split("（")[0], row[2], row[3])
        if (read.name, read.baseline.raw, read.target.raw) != drawn:
            assert line in flagged, f"misread row {read.name!r} is not named for checking"


def test_without_tesseract_a_scan_is_refused_with_what_to_install(scanned_plan, tmp_path):
    command = shutil.which("minsheng", path=str(Path(sys.executable).parent))
    assert command, "the minsheng command is installed beside the test interpreter"
    result = subprocess.run(
        [command, "parse", str(scanned_plan)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": str(tmp_path), "HOME": str(tmp_path), "LANG": "C.UTF-8"},
    )
    assert result.returncode == 2
    assert "no text layer" in result.stderr and "tesseract-ocr" in result.stderr
    assert "scanned_plan.pdf" in result.stderr
