"""Damaged and hostile documents: every reader either reads the file or refuses it with an
error naming it (an `InputProblem`), quickly — never a traceback, a hang or all the memory.

Bounded: a fixed number of byte-flipped and truncated variants per format (a fixed seed, so
a failure is reproducible), and one crafted file for each known attack: nesting thousands
deep, spans of millions, a zip bomb, a file over the size limit.
"""

from __future__ import annotations

import io
import random
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from minsheng.errors import InputProblem
from minsheng.ingest.document import Paragraph, Table
from minsheng.ingest.readers import read_document
from minsheng.limits import MAX_FILE_BYTES

SECONDS = 30  # per file, on a loaded 2-core machine (a damaged PDF may go to OCR)
VARIANTS = {".docx": 30, ".html": 30, ".txt": 20, ".pdf": 6}


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading("合肥市公共服务规划", 1)
    document.add_paragraph("第一章 总体要求。" * 20)
    table = document.add_table(rows=4, cols=4)
    for r in range(4):
        for c in range(4):
            table.cell(r, c).text = f"指标{r}{c}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _html() -> bytes:
    rows = "".join(f"<tr><td>指标{i}</td><td>{i}</td><td>%</td></tr>" for i in range(20))
    page = f"<html><head><meta charset='utf-8'></head><body><h1>规划</h1><p>正文</p><table>{rows}</table></body></html>"  # noqa: E501
    return page.encode()


def _pdf() -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("STSong-Light", 12)
    for i in range(30):
        page.drawString(72, 800 - i * 20, f"第{i}行 公共服务规划指标 {i}")
    page.save()
    return buffer.getvalue()


def _txt() -> bytes:
    return ("合肥市“十四五”公共服务规划\n第一章 总体要求\n" + "正文。" * 100).encode()


ORIGINALS = {".docx": _docx, ".html": _html, ".txt": _txt, ".pdf": _pdf}


def _mutated(data: bytes, rng: random.Random) -> bytes:
    changed = bytearray(data)
    if rng.random() < 0.3:
        return bytes(changed[: rng.randrange(len(changed))])
    for _ in range(rng.randint(1, 8)):
        changed[rng.randrange(len(changed))] = rng.randrange(256)
    return bytes(changed)


def _read_or_refuse(path: Path) -> str:
    """'read' or 'refused'; anything else fails the test with the file kept for a look."""
    started = time.monotonic()
    try:
        read_document(path)
        outcome = "read"
    except InputProblem as problem:
        assert str(path) in str(problem)
        outcome = "refused"
    assert time.monotonic() - started < SECONDS, f"{path} took too long"
    return outcome


@pytest.mark.parametrize("suffix", sorted(VARIANTS))
def test_damaged_files_are_read_or_refused_by_name(suffix, tmp_path):
    rng = random.Random(f"minsheng-{suffix}")
    original = ORIGINALS[suffix]()
    outcomes = []
    for k in range(VARIANTS[suffix]):
        path = tmp_path / f"damaged-{k}{suffix}"
        path.write_bytes(_mutated(original, rng))
        outcomes.append(_read_or_refuse(path))
    assert len(outcomes) == VARIANTS[suffix]


def test_a_page_nested_thousands_deep_is_read(tmp_path):
    path = tmp_path / "deep.html"
    depth = 5000
    path.write_text(f"<html><body>{'<div>' * depth}最深处的段落{'</div>' * depth}</body></html>")
    texts = [b.text for b in read_document(path).blocks if isinstance(b, Paragraph)]
    assert "最深处的段落" in texts


def test_spans_of_millions_are_clipped_to_the_table(tmp_path):
    path = tmp_path / "spans.html"
    row = "<tr><td colspan='1000000' rowspan='1000000'>甲</td><td>乙</td><td>丙</td></tr>"
    path.write_text(f"<html><body><table>{row * 300}</table></body></html>")
    started = time.monotonic()
    (table,) = [b for b in read_document(path).blocks if isinstance(b, Table)]
    assert time.monotonic() - started < SECONDS
    assert len(table.rows) == 300 and len(table.rows[0]) <= 5  # 3 cells, spans capped at 3


def _docx_with(document_xml: bytes | None = None, *, padding: int = 0) -> bytes:
    """The small DOCX with its document.xml replaced or padded with whitespace."""
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = document_xml or data
                data = data.replace(b"</w:body>", b" " * padding + b"</w:body>")
            target.writestr(item.filename, data)
    return buffer.getvalue()


def test_a_huge_grid_span_is_clipped_to_the_table(tmp_path):
    xml = zipfile.ZipFile(io.BytesIO(_docx())).read("word/document.xml")
    hostile = re.sub(rb"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="100000000"/>', xml, count=1)
    assert hostile != xml
    path = tmp_path / "span.docx"
    path.write_bytes(_docx_with(hostile))
    tables = [b for b in read_document(path).blocks if isinstance(b, Table)]
    assert tables and max(len(row) for row in tables[0].rows) <= 8


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx_with(padding=60 * 2**20))  # 60 MB of spaces packs to ~60 KB
    assert path.stat().st_size < 2**20
    with pytest.raises(InputProblem, match="unpack"):
        read_document(path)


def test_a_file_over_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as sparse:
        sparse.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(InputProblem, match="MB"):
        read_document(path)


def test_the_command_line_names_a_damaged_file_without_a_traceback(tmp_path):
    path = tmp_path / "damaged.docx"
    data = bytearray(_docx())
    start = data.index(b"word/document.xml") + 200  # into the compressed stream
    data[start : start + 40] = bytes(40)
    path.write_bytes(bytes(data))
    command = Path(sys.executable).parent / "minsheng"
    found = subprocess.run(
        [str(command), "parse", str(path)], capture_output=True, text=True, check=False
    )
    assert found.returncode == 2, found.stderr
    assert str(path) in found.stderr and "Traceback" not in found.stderr
