"""Indicator tables in PDFs converted from Word by LibreOffice read as the text gives them.

Each seed's indicator rows, as the text parser reads them, are written into a short Word
document three ways: a ruled table, a three-line table (三线表: rules only above and below
the header and under the last row), and a ruled table split by a page break with a
`续表` caption, the header repeated and one row cut in two. LibreOffice turns the
documents into PDFs once per session; each PDF must give the text's indicator rows.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table as WordTable

from minsheng.ingest import parse_file
from minsheng.ingest.document import Table
from minsheng.ingest.readers import read_document
from minsheng.model.plan import Attribute, Indicator, ParsedPlan

SOFFICE = shutil.which("soffice")
ATTRIBUTE_TEXT = {Attribute.EXPECTED: "预期性", Attribute.BINDING: "约束性"}
LAYOUTS = ("ruled", "three_line", "split")
CONVERT_TIMEOUT = 180  # seconds for all fifteen documents
CONVERTERS = 2

Row = tuple[str, ...]


def _name_cell(indicator: Indicator) -> str:
    return f"{indicator.name}（{indicator.unit}）" if indicator.unit else indicator.name


def indicator_grid(plan: ParsedPlan) -> tuple[Row, list[Row]]:
    """Header and body rows of the plan's indicator table, as the text parse read it."""
    header = ("类别", "指标", "2020年", "2025年", "指标属性")
    rows = [
        (i.domain, _name_cell(i), i.baseline.raw, i.target.raw, ATTRIBUTE_TEXT.get(i.attribute, ""))
        for i in plan.indicators
    ]
    return header, rows


def row_facts(plan: ParsedPlan) -> list[tuple[str, str, str, str, Attribute | None]]:
    """What the PDF must give back: category, name, baseline, target, attribute per row."""
    return [(i.domain, i.name, i.baseline.raw, i.target.raw, i.attribute) for i in plan.indicators]


# --- Word documents --------------------------------------------------------------------


def _border(cell_xml: OxmlElement, *sides: str) -> None:
    """Give a cell single rules on `sides` (top, bottom) and none elsewhere."""
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        rule = OxmlElement(f"w:{side}")
        rule.set(qn("w:val"), "single" if side in sides else "nil")
        rule.set(qn("w:sz"), "8")
        borders.append(rule)
    cell_xml.get_or_add_tcPr().append(borders)


def _repeat_header(table: WordTable) -> None:
    """Mark the first row as a header that repeats on every page the table runs onto."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(flag)


def _add_table(word: WordDocument, header: Row, rows: list[Row], *, ruled: bool) -> WordTable:
    """A table with the header repeated and runs of equal categories merged."""
    table = word.add_table(rows=1 + len(rows), cols=len(header))
    if ruled:
        table.style = "Table Grid"
    for col, text in enumerate(header):
        table.cell(0, col).text = text
    starts = [index for index, row in enumerate(rows) if index == 0 or rows[index - 1][0] != row[0]]
    for index, row in enumerate(rows):
        for col, text in enumerate(row):
            if col or index in starts:
                table.cell(index + 1, col).text = text
    for first, end in zip(starts, [*starts[1:], len(rows)], strict=True):
        if end - first > 1:
            table.cell(first + 1, 0).merge(table.cell(end, 0))
    _repeat_header(table)
    return table


def _three_line(table: WordTable) -> None:
    """Rules above and below the header and under the last row, nothing else."""
    for tc in table.rows[0]._tr.tc_lst:
        _border(tc, "top", "bottom")
    for tr in table._tbl.tr_lst[1:-1]:
        for tc in tr.tc_lst:
            _border(tc)
    for tc in table._tbl.tr_lst[-1].tc_lst:
        _border(tc, "bottom")


def _cut(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Split the rows in the middle, the name of the row at the cut broken in two."""
    middle = len(rows) // 2
    row = rows[middle]
    half = len(row[1]) // 2
    head = (row[0], row[1][:half], *row[2:])
    tail = ("", row[1][half:], *[""] * (len(row) - 2))
    return [*rows[:middle], head], [tail, *rows[middle + 1 :]]


def build_word(plan: ParsedPlan, layout: str, path: Path) -> Path:
    """A title, a caption and the indicator table in the given layout, then a note."""
    word = docx.Document()
    word.add_paragraph(f"{plan.plan.region or '某市'}“十四五”公共服务规划")
    word.add_paragraph("表1 “十四五”时期主要指标")
    _write_table(word, *indicator_grid(plan), layout)
    word.add_paragraph("注：以上指标均为全市口径。")
    word.save(str(path))
    return path


def _write_table(word: WordDocument, header: Row, rows: list[Row], layout: str) -> None:
    if layout == "split":
        first, second = _cut(rows)
        _add_table(word, header, first, ruled=True)
        word.add_page_break()
        word.add_paragraph("续表")
        _add_table(word, header, second, ruled=True)
        return
    table = _add_table(word, header, rows, ruled=layout == "ruled")
    if layout == "three_line":
        _three_line(table)


# --- PDFs -------------------------------------------------------------------------------


def convert(sources: list[Path], out_dir: Path) -> None:
    """Convert Word files to PDF with two LibreOffice runs side by side, one per core.

    Each run has its own profile directory, so the runs (and other sessions) never clash.
    """
    assert SOFFICE is not None
    runs = []
    for batch in range(CONVERTERS):
        profile = (out_dir / f"profile-{batch}").as_uri()
        command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless"]
        command += ["--convert-to", "pdf", "--outdir", str(out_dir)]
        command += [str(source) for source in sources[batch::CONVERTERS]]
        runs.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    for run in runs:
        _, errors = run.communicate(timeout=CONVERT_TIMEOUT)
        assert run.returncode == 0, errors.decode(errors="replace")


@pytest.fixture(scope="session")
def seed_plans(seeds_dir: Path) -> dict[str, ParsedPlan]:
    return {path.stem: parse_file(path) for path in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_pdfs(
    seed_plans: dict[str, ParsedPlan], tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str, str], Path]:
    """Every seed in every layout as a PDF, converted once for the session."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot make PDFs from Word")
    root = tmp_path_factory.mktemp("pdf_tables")
    sources = [
        build_word(plan, layout, root / f"{stem}-{layout}.docx")
        for stem, plan in seed_plans.items()
        for layout in LAYOUTS
    ]
    convert(sources, root)
    return lambda stem, layout: root / f"{stem}-{layout}.pdf"


SEED_STEMS = sorted(path.stem for path in (Path(__file__).parent / "expected").glob("*.json"))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("stem", SEED_STEMS)
def test_pdf_indicator_rows_match_the_text(stem, layout, seed_plans, seed_pdfs):
    plan = seed_plans[stem]
    assert plan.indicators, "the seed's text gives indicator rows to compare with"
    assert row_facts(parse_file(seed_pdfs(stem, layout))) == row_facts(plan)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_pdf_table_is_one_table_between_paragraphs(layout, seed_plans, seed_pdfs):
    """Title and caption before the table, the note after it; a split table is stitched."""
    stem = SEED_STEMS[0]
    document = read_document(seed_pdfs(stem, layout))
    kinds = ["table" if isinstance(block, Table) else block.text for block in document.blocks]
    assert kinds[1:] == ["表1 “十四五”时期主要指标", "table", "注：以上指标均为全市口径。"]
    (table,) = [block for block in document.blocks if isinstance(block, Table)]
    assert len(table.rows) == 1 + len(seed_plans[stem].indicators)
