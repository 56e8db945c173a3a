"""The .xlsx reader: the same cell text as openpyxl gives, by the text patterns or by lxml."""

from __future__ import annotations

import datetime
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from minsheng.collect import read_observation_file, workbook
from minsheng.collect.workbook import number_text
from minsheng.errors import InputProblem

HEADER = ["地区", "指标", "年份", "数值", "单位", "数据来源", "备注"]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def openpyxl_texts(path: Path) -> list[tuple[int, dict[str, str]]]:
    """What the reader gave when it used openpyxl: (row, field texts) of each data row."""
    fields = ("region", "indicator", "year", "value", "unit", "source", "note")
    book = load_workbook(path, data_only=True)
    rows = []
    for cells in book.worksheets[0].iter_rows(min_row=2):
        texts = [_openpyxl_text(cell) for cell in cells][: len(fields)]
        texts += [""] * (len(fields) - len(texts))
        if texts[3]:
            rows.append((cells[0].row, dict(zip(fields, texts, strict=True))))
    return rows


def _openpyxl_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        if "%" in (cell.number_format or ""):
            return number_text(round(float(value) * 100, 10)) + "%"
        return number_text(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def test_cells_of_every_kind_read_as_openpyxl_reads_them(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "填报"
    sheet.append(HEADER)
    sheet.append(["瑶海区", "a&b <c>", 2021, 0.955, "%", True, "第一行\n第二行"])
    sheet["D2"].number_format = "0.0%"
    sheet.append(["瑶海区", "x", 2022.0, 12345678901234, " 人 ", False, datetime.date(2021, 5, 3)])
    sheet.append(["瑶海区", "y", 2023, 1e-7, None, "统计公报", datetime.datetime(2021, 5, 3, 8)])
    sheet.append(["瑶海区", "y", 2024, -3.25, None, None, 45000])
    sheet["G5"].number_format = "yyyy-mm-dd"
    sheet.append(["瑶海区", "y", 2025, "=1+1", None, None, None])  # no cached value: blank
    rich = CellRichText(["庐阳", TextBlock(InlineFont(b=True), "区")])
    sheet.append([rich, "z", 2026, "3,5", "个", None, 3.0])
    path = tmp_path / "kinds.xlsx"
    workbook.save(path)

    records = read_observation_file(path)

    assert [(r.row, dict(r.values)) for r in records] == openpyxl_texts(path)
    assert records[0].get("value") == "95.5%"
    assert records[-1].get("region") == "庐阳区"  # rich text: read by lxml, runs joined


def write_xlsx(path: Path, sheet_xml: str, shared: list[str], *, styles: str = "") -> Path:
    """A workbook as an office suite writes it: shared strings, styles, one sheet."""
    strings = "".join(f"<si>{item}</si>" for item in shared)
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="填报" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">{strings}</sst>',
        "xl/styles.xml": f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>',
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>\n' + text)
    return path


SHARED = [
    *(f"<t>{text}</t>" for text in HEADER),
    "<t>瑶海区</t>",
    "<t>毛入园率</t>",
    '<r><t>庐阳</t></r><r><rPr><b/></rPr><t xml:space="preserve">区 </t></r>',
    "<t>执业医师数</t><rPh sb='0' eb='1'><t>ZHI</t></rPh>",  # a phonetic guide: not text
]
STYLES = (
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>'
)


def sheet(rows: str, *, prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    declare = f' xmlns:{prefix}="{MAIN}"' if prefix else f' xmlns="{MAIN}"'
    header = "".join(
        f'<{p}c r="{col}1" t="s"><{p}v>{i}</{p}v></{p}c>' for i, col in enumerate("ABCDEFG")
    )
    return (
        f'<{p}worksheet{declare} xmlns:x14ac="urn:x14ac"><{p}sheetData>'
        f'<{p}row r="1">{header}</{p}row>{rows}</{p}sheetData></{p}worksheet>'
    )


OFFICE_ROWS = (
    '<row r="2" spans="1:7" x14ac:dyDescent="0.25"><c r="A2" s="0" t="s"><v>7</v></c>'
    '<c r="B2" t="s"><v>8</v></c><c r="C2"><v>2021</v></c>'
    '<c r="D2" s="1"><v>0.955</v></c><c r="G2" s="2"><v>45000</v></c></row>'
    '<row r="4"><c r="A4" t="s"><v>9</v></c><c r="B4" t="s"><v>10</v></c>'
    '<c r="C4"><f>2020+2</f><v>2022</v></c><c r="D4" cm="1"><f>1+2</f><v>3</v></c>'
    '<c r="E4" t="str"><f>"人"</f><v>人</v></c><c r="F4" t="b"><v>1</v></c>'
    '<c r="G4" t="e"><v>#N/A</v></c></row>'
    '<row r="5"><c r="A5" t="inlineStr"><is><t>a &amp; b</t></is></c>'
    f'<c r="B5" t="inlineStr"><is><t>{"".join(f"&#{ord(c)};" for c in "毛入园率")}</t></is></c>'
    '<c r="C5" t="n"><v>2023</v></c><c r="D5" t="n"><v>1.5E-2</v></c></row>'
    '<row r="6"><c r="A6" t="s"><v>7</v></c><c r="D6"/></row>'
)
EXPECTED = [
    (2, {"region": "瑶海区", "indicator": "毛入园率", "year": "2021", "value": "95.5%",
         "unit": "", "source": "", "note": "2023-03-15T00:00:00"}),
    (4, {"region": "庐阳区", "indicator": "执业医师数", "year": "2022", "value": "3",
         "unit": "人", "source": "是", "note": "#N/A"}),
    (5, {"region": "a & b", "indicator": "毛入园率", "year": "2023", "value": "0.015",
         "unit": "", "source": "", "note": ""}),
]  # fmt: skip


@pytest.mark.parametrize(("prefix", "by_lxml"), [("", [4]), ("x", [1, 2, 4, 5, 6])])
def test_an_office_suites_workbook_by_either_path(tmp_path, monkeypatch, prefix, by_lxml):
    """Without a prefix the text patterns read it (row 4 by lxml: `cm` is not a known
    attribute); with a namespace prefix lxml reads the whole sheet. Both say the same."""
    rows = (
        OFFICE_ROWS.replace("<", f"<{prefix}:").replace(f"<{prefix}:/", f"</{prefix}:")
        if prefix
        else OFFICE_ROWS
    )
    path = write_xlsx(tmp_path / "office.xlsx", sheet(rows, prefix=prefix), SHARED, styles=STYLES)
    parsed: list[int] = []
    original = workbook.element_cells

    def element_cells(row):
        parsed.append(int(row[0].get("r")[1:]))  # the row number of its first cell
        return original(row)

    monkeypatch.setattr(workbook, "element_cells", element_cells)
    records = read_observation_file(path)
    assert [(r.row, dict(r.values)) for r in records] == EXPECTED
    assert parsed == by_lxml
    assert {(r.sheet, r.file) for r in records} == {("填报", "office.xlsx")}


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="2"><c r="A2"><v>1</c></row>',
        '<row r="2"><c r="A2" t="s"><v>99</v></c><c r="D2"><v>1</v></c></row>',  # no string 99
    ],
)
def test_a_damaged_sheet_is_an_input_problem(tmp_path, rows):
    path = write_xlsx(tmp_path / "bad.xlsx", sheet(rows), SHARED)
    with pytest.raises(InputProblem, match="无法读取"):
        read_observation_file(path)


def test_an_error_in_the_value_column_is_read_as_its_code(tmp_path):
    """A broken formula is a problem to report, not a blank value ("not reported")."""
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(["瑶海区", "毛入园率", 2021, "=1/0"])
    path = tmp_path / "error.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:  # Excel's cached result, which openpyxl leaves out
        parts = {name: archive.read(name) for name in archive.namelist()}
    part = "xl/worksheets/sheet1.xml"
    parts[part] = (
        parts[part]
        .replace(b"<f>1/0</f><v></v>", b"<f>1/0</f><v>#DIV/0!</v>")
        .replace(b'<c r="D2">', b'<c r="D2" t="e">')
    )
    assert b'<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v>' in parts[part]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    (record,) = read_observation_file(path)
    assert record.get("value") == "#DIV/0!"


def test_rows_keep_their_sheet_numbers_when_the_data_starts_lower_and_righter(tmp_path):
    book = Workbook()
    book.create_chartsheet("图", 0)  # not a worksheet: skipped
    data = book["Sheet"]
    for column, text in zip("CDEF", HEADER, strict=False):
        data[f"{column}4"] = text
    for column, value in zip("CDEF", ["瑶海区", "毛入园率", 2021, 96], strict=True):
        data[f"{column}6"] = value
    data["C7"], data["F7"] = "庐阳区", datetime.date(2021, 5, 3)
    path = tmp_path / "offset.xlsx"
    book.save(path)
    records = read_observation_file(path)
    assert [(r.sheet, r.row, r.get("region"), r.get("value")) for r in records] == [
        ("Sheet", 6, "瑶海区", "96"),
        ("Sheet", 7, "庐阳区", "2021-05-03T00:00:00"),
    ]


def test_a_value_in_the_sheets_last_cell_is_read_in_little_memory(tmp_path):
    """A stray value in XFD1048576 (Ctrl+End, then a keystroke) is one more cell, not a
    grid of 17 billion: a reader that fills the used range densely (calamine 0.36, python-
    calamine 0.9) aborts the whole process on this 2 KB file, so it runs in a child
    process with 1 GiB of address space."""
    rows = (
        '<row r="2"><c r="A2" t="s"><v>7</v></c><c r="D2"><v>1.5</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    path = write_xlsx(tmp_path / "far.xlsx", sheet(rows), SHARED)
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from minsheng.collect import read_observation_file\n"
        "print([(r.row, r.get('value')) for r in read_observation_file(sys.argv[1])])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[(2, '1.5')]"


def test_a_percent_sign_in_quotes_is_text_not_a_percentage(tmp_path):
    """`0.0"%"` shows 95.5 as 95.5% without multiplying: the cell holds 95.5, not 0.955."""
    styles = (
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0&quot;%&quot;"/>'
        '<numFmt numFmtId="165" formatCode="0.0\\%"/></numFmts>'
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>'
    )
    rows = (
        '<row r="2"><c r="A2" t="s"><v>7</v></c><c r="D2" s="1"><v>95.5</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>7</v></c><c r="D3" s="2"><v>96</v></c></row>'
    )
    path = write_xlsx(tmp_path / "quoted.xlsx", sheet(rows), SHARED, styles=styles)
    assert [r.get("value") for r in read_observation_file(path)] == ["95.5", "96"]


TRICKY_ROWS = (
    '<row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2" t="s"><v>8</v></c>'
    '<c r="C2"><v>2021</v></c><c r="D2" t="n" s="1"><v>0.955</v></c><c r="E2"/>'
    '<c r="G2" s="2"><v>45000</v></c></row>'
    '<row r="3"/><row><c r="A4" t="inlineStr"><is><t xml:space="preserve"> a &amp; b\r\n'
    '</t></is></c><c r="D4"><f>1+2</f><v>3</v></c><c r="D4"><v>4</v></c></row>'
    '<row r="6" spans="1:7">\n  <c r="A6" t="s"><v>9</v></c><c r="C6"><f t="shared" si="0"/>'
    '<v>2023</v></c><c r="D6" s="0" t="str"><v>x</v></c><c r="F6" t="b"><v>0</v></c>'
    '<c r="Z6" t="s"><v>10</v></c></row>'
    '<row r="7"><c r="A7" t="s"><v>7</v></c><c r="D7"><v/></c></row>'
)


def test_one_pass_over_the_sheet_reads_what_the_row_by_row_patterns_read(tmp_path, monkeypatch):
    """Every cell has a known shape, so the whole sheet is matched at once; reading it row
    by row instead (what a sheet with one odd cell gets) gives the same records."""
    path = write_xlsx(tmp_path / "tricky.xlsx", sheet(TRICKY_ROWS), SHARED, styles=STYLES)
    monkeypatch.setattr(workbook, "raw_rows", None)  # not called: one pass reads it all
    at_once = [(r.row, dict(r.values)) for r in read_observation_file(path)]
    monkeypatch.undo()
    monkeypatch.setattr(workbook, "sheet_rows", lambda data, text_of: None)
    by_row = [(r.row, dict(r.values)) for r in read_observation_file(path)]
    assert at_once == by_row
    assert [(row, values["region"], values["value"]) for row, values in at_once] == [
        (2, "瑶海区", "95.5%"),
        (4, "a & b", "4"),
        (6, "庐阳区", "x"),
    ]


def test_a_damaged_cell_below_a_sheet_without_the_header_is_never_read(tmp_path):
    """The reader looks for the header in a sheet's first rows only, so a broken cell far
    below them in a sheet it skips does not make the workbook unreadable."""
    path = write_xlsx(tmp_path / "two.xlsx", sheet(OFFICE_ROWS.replace(' cm="1"', "")), SHARED)
    notes = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 30))
    broken = '<row r="30"><c r="A30" t="s"><v>99</v></c></row>'  # no shared string 99
    parts = _parts(path)
    parts["xl/worksheets/notes.xml"] = (
        f'<worksheet xmlns="{MAIN}"><sheetData>{notes}{broken}</sheetData></worksheet>'
    ).encode()
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="说明" sheetId="2" '
        'r:id="rId9"/><sheet name="填报" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ).encode()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rId9" Type="{REL}/worksheet" Target="worksheets/notes.xml"/>'
        "</Relationships>".encode(),
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    records = read_observation_file(path)
    assert [(r.sheet, r.row) for r in records] == [("填报", 2), ("填报", 4), ("填报", 5)]


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
