"""Word layouts around the plan's content: split tables, boxed 专栏, text boxes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml

from minsheng.ingest import parse_file
from minsheng.model.plan import ParsedPlan

HEADER = ("类别", "指标", "2020年", "2025年", "属性")
ROWS = [
    ("幼有所育", "每千人口拥有3岁以下婴幼儿托位数（个）", "1.38", "4.5", "预期性"),
    ("学有所教", "九年义务教育巩固率（%）", "98", "99", "约束性"),
    ("病有所医", "人均预期寿命（岁）", "77.8", "78.5", "预期性"),
    ("老有所养", "养老机构护理型床位占比（%）", "49", "55", "约束性"),
]
COLUMN = [
    "专栏3 养老服务重点工程",
    "1.养老服务设施建设。新建区级养老服务指导中心3个，改扩建乡镇敬老院12所。",
    "2.居家养老服务提升。为2000户特殊困难老年人家庭实施适老化改造。",
]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _table(document, rows) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def _save(document, path: Path) -> ParsedPlan:
    document.save(str(path))
    return parse_file(path)


def _indicators(plan: ParsedPlan) -> list[tuple[str, str, str]]:
    return [(i.name, i.baseline.raw, i.target.raw) for i in plan.indicators]


def _split_table_plan(tmp_path: Path, between: str | None) -> ParsedPlan:
    document = docx.Document()
    document.add_paragraph("表2 “十四五”公共服务主要指标")
    _table(document, [HEADER, *ROWS[:2]])
    if between:
        document.add_paragraph(between)
    _table(document, [HEADER, *ROWS[2:]])
    return _save(document, tmp_path / "split.docx")


def test_a_table_repeating_the_header_continues_the_table(tmp_path):
    plan = _split_table_plan(tmp_path, None)
    assert [name for name, _, _ in _indicators(plan)] == [
        "每千人口拥有3岁以下婴幼儿托位数",
        "九年义务教育巩固率",
        "人均预期寿命",
        "养老机构护理型床位占比",
    ]
    assert not [w for w in plan.warnings if w.code == "extra_table"]


def test_a_table_after_a_continued_caption_continues_the_table(tmp_path):
    plan = _split_table_plan(tmp_path, "续表")
    assert len(plan.indicators) == 4
    assert _indicators(plan)[2] == ("人均预期寿命", "77.8", "78.5")


def _column_facts(plan: ParsedPlan) -> tuple[object, ...]:
    columns = [(c.number, c.title, c.kind, c.body) for c in plan.columns]
    projects = [(p.column, p.name, p.detail) for p in plan.projects]
    return columns, projects


def _plain(tmp_path: Path) -> ParsedPlan:
    document = docx.Document()
    document.add_paragraph("第四章 养老服务")
    for line in COLUMN:
        document.add_paragraph(line)
    document.add_paragraph("第五章 保障措施")
    return _save(document, tmp_path / "plain.docx")


def test_a_column_boxed_in_a_one_cell_table_reads_as_paragraphs(tmp_path):
    document = docx.Document()
    document.add_paragraph("第四章 养老服务")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = COLUMN[0]
    for line in COLUMN[1:]:
        cell.add_paragraph(line)
    document.add_paragraph("第五章 保障措施")
    boxed = _save(document, tmp_path / "boxed.docx")
    assert boxed.projects
    assert _column_facts(boxed) == _column_facts(_plain(tmp_path))


def _text_box(lines: list[str]) -> str:
    """A drawing text box with its legacy VML copy, as Word writes them."""
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    return (
        f'<w:r xmlns:w="{W}" xmlns:mc="{MC}"><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><w:txbxContent>{body}</w:txbxContent>'
        f"</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{body}</w:txbxContent>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_a_column_in_a_text_box_reads_as_paragraphs(tmp_path):
    document = docx.Document()
    document.add_paragraph("第四章 养老服务")
    anchor = document.add_paragraph()
    anchor._p.append(parse_xml(_text_box(COLUMN)))
    document.add_paragraph("第五章 保障措施")
    boxed = _save(document, tmp_path / "textbox.docx")
    assert boxed.projects
    assert _column_facts(boxed) == _column_facts(_plain(tmp_path))
