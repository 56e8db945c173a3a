"""The PDF a planner submits, measured: 28 characters a body line, 22 lines a full page,
the title whole where it fits, "— N —" page numbers, Noto faces, no server paths.

One module-scoped database; every seed plan's evaluation report and Hefei's annual report
go through the long-lived LibreOffice once (the first conversion starts it).
"""

from __future__ import annotations

import itertools
import re
import subprocess
import time
import unicodedata
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from sqlalchemy import Engine

from minsheng.reports import ReportFormat, render_report, texts, to_format
from minsheng.reports.converter import CONVERTER
from minsheng.reports.title_lines import title_lines
from minsheng.store import session_scope
from minsheng.usecases.read.plans import plan_named

from .conftest import ARTIFACTS, REGIONS, render_pages, require_tool

PATH_LIKE = re.compile(r"/home|/tmp|/work|/usr|[A-Za-z]:\\|docs/|\.py\b|\.md\b")
BODY_SIZE = 16.0
LEFT_EDGE, RIGHT_EDGE = 28 / 25.4 * 72, (210 - 26) / 25.4 * 72  # the text block, in points
PITCH = (RIGHT_EDGE - LEFT_EDGE) / 28  # one 三号 character's advance


@pytest.fixture(scope="module")
def pdfs(report_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    require_tool("soffice", "libreoffice-writer-nogui")
    folder = ARTIFACTS / "pdf"  # kept to look at
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    jobs = [("evaluation", region) for region in REGIONS] + [("annual", "合肥市")]
    for kind, region in jobs:
        with session_scope(report_engine) as session:
            plan_id = plan_named(session, region=region).id
            report = render_report(session, kind=kind, plan_id=plan_id, year=2023)
        path = folder / f"{kind}-{region}.pdf"
        path.write_bytes(to_format(report, ReportFormat.PDF))
        made[f"{kind}-{region}"] = path
    return made


def _body_lines(page: pdfplumber.page.Page) -> list[dict]:
    """Lines set in 三号 (16 pt) characters: the body and its headings."""
    lines = page.extract_text_lines(return_chars=True)
    return [line for line in lines if line["chars"] and round(line["chars"][0]["size"]) == 16]


def _full_chinese_lines(pdf: Path) -> list[str]:
    """Body lines that reach the right margin (not a paragraph's last line) and hold only
    full-width characters (digits and Latin letters are half as wide), followed by a line
    that starts with one too (not pushed short by an unbreakable file name or number);
    a first line's indent counts as the characters it stands for (两个字符)."""
    full = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            lines = [(line, line["text"].replace(" ", "")) for line in _body_lines(page)]
            for (line, text), (_, after) in itertools.pairwise([*lines, ({}, "。。")]):
                if _wide(text) and _wide(after[:2]) and line["x1"] > RIGHT_EDGE - 2:
                    indent = round((line["x0"] - LEFT_EDGE) / PITCH)
                    full.append("　" * indent + text)
    return full


def _wide(text: str) -> bool:
    return all(unicodedata.east_asian_width(c) in "WFA" for c in text)


def test_28_characters_a_full_body_line(pdfs: dict[str, Path]) -> None:
    """28 in every full line, but for one that ends early so that an opening quote or
    bracket does not end it (避头尾), which a 公文 allows."""
    everywhere: list[str] = []
    for name, pdf in pdfs.items():
        full = _full_chinese_lines(pdf)
        assert full, name
        assert max(len(line) for line in full) == 28, name
        everywhere += full
    share = sum(len(line) == 28 for line in everywhere) / len(everywhere)
    assert len(everywhere) >= 20 and share > 0.9, Counter(len(line) for line in everywhere)


def test_22_lines_a_full_page(pdfs: dict[str, Path]) -> None:
    most = 0
    for name, pdf in pdfs.items():
        with pdfplumber.open(pdf) as document:
            counts = [len(_body_lines(page)) for page in document.pages]
        assert max(counts) <= 22, (name, counts)
        most = max(most, *counts)
        pitch = _line_pitch(pdf)
        assert 28.5 < pitch < 29.5, name  # 225 mm / 22 lines
    assert most == 22  # a page of running text holds exactly 22


def _line_pitch(pdf: Path) -> float:
    """The most common distance between successive 三号 lines, in points."""
    with pdfplumber.open(pdf) as document:
        gaps = []
        for page in document.pages:
            tops = [line["top"] for line in page.extract_text_lines(return_chars=True)
                    if round(line["chars"][0]["size"]) == BODY_SIZE]  # fmt: skip
            gaps += [round(b - a, 1) for a, b in itertools.pairwise(tops)]
    return Counter(gaps).most_common(1)[0][0]


def test_title_whole_where_it_fits_else_broken_at_a_phrase(pdfs: dict[str, Path]) -> None:
    for name, pdf in pdfs.items():
        with pdfplumber.open(pdf) as document:
            first = document.pages[0].extract_text_lines(return_chars=True)
        title = [line["text"].replace(" ", "") for line in first
                 if round(line["chars"][0]["size"]) == 22]  # fmt: skip
        assert title == title_lines("".join(title)), name
        assert len(title) == 1 or len(title[-1]) >= 4, name


def _page_texts(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [page.extract_text() or "" for page in document.pages]


def test_page_numbers(pdfs: dict[str, Path]) -> None:
    for name, pdf in pdfs.items():
        for number, text in enumerate(_page_texts(pdf), start=1):
            assert text.rstrip().endswith(f"— {number} —"), (name, number)


def test_no_path_like_strings(pdfs: dict[str, Path]) -> None:
    for name, pdf in pdfs.items():
        found = PATH_LIKE.findall("\n".join(_page_texts(pdf)))
        assert not found, (name, found)


def test_every_section_is_in_the_pdf(pdfs: dict[str, Path]) -> None:
    """The headings of every section, 存在问题 and 对策建议 (marked as drafts) among them."""
    for name, pdf in pdfs.items():
        text = "".join("\n".join(_page_texts(pdf)).split())
        evaluation = name.startswith("evaluation")
        wanted = texts.EVALUATION_HEADINGS if evaluation else texts.ANNUAL_HEADINGS
        missing = [h for h in wanted if "".join(h.split()) not in text]
        assert not missing, (name, missing)
        if evaluation:
            assert text.count("".join(texts.DRAFT_NOTE.split())[:7]) == 2, name


def test_chinese_text_embedded_in_noto_faces(pdfs: dict[str, Path]) -> None:
    require_tool("pdffonts", "poppler-utils")
    for name, pdf in pdfs.items():
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
        fonts = [line.split()[0] for line in listing.stdout.splitlines()[2:]]
        assert any("NotoSerifCJK" in font for font in fonts), (name, fonts)
        assert any("NotoSansCJK" in font for font in fonts), (name, fonts)  # 黑体 headings
        assert not [font for font in fonts if "DejaVu" in font or "Liberation" in font], fonts


def test_pages_rendered_to_look_at(pdfs: dict[str, Path]) -> None:
    pages = render_pages(pdfs["evaluation-合肥市"], ARTIFACTS, "govdoc-evaluation")
    assert pages and pages[0].stat().st_size > 10_000


def test_second_request_is_instant_and_server_restarts(
    pdfs: dict[str, Path], report_engine: Engine
) -> None:
    with session_scope(report_engine) as session:
        plan_id = plan_named(session, region="合肥市").id
        start = time.perf_counter()
        report = render_report(session, kind="evaluation", plan_id=plan_id, year=2023)
        pdf = to_format(report, ReportFormat.PDF)
    assert time.perf_counter() - start < 0.5  # kept since the fixture made it
    assert pdf == pdfs["evaluation-合肥市"].read_bytes()
    if CONVERTER.pid is not None:  # the long-lived LibreOffice dies: the next PDF restarts it
        CONVERTER.shut_down()
    from minsheng.reports.pdf import docx_to_pdf  # noqa: PLC0415

    assert docx_to_pdf(report.docx).startswith(b"%PDF")


def test_no_number_broken_across_lines(pdfs: dict[str, Path]) -> None:
    """1.38 stays whole (Latin text is en-US; marked zh-CN, LibreOffice split it)."""
    for name, pdf in pdfs.items():
        lines = "\n".join(_page_texts(pdf)).splitlines()
        broken = [
            (a, b) for a, b in itertools.pairwise(lines)
            if re.search(r"\d[.,]$", a.strip()) and re.match(r"\d", b.strip())
        ]  # fmt: skip
        assert not broken, (name, broken)
