"""The 公文 layout in the DOCX itself: title lines, zh-CN, true properties, house templates."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt
from typer.testing import CliRunner

from minsheng.reports import styles
from minsheng.reports.govdoc import GovDocument, HouseStyle
from minsheng.reports.templates import ReportTemplateProblem, check_template
from minsheng.reports.title_lines import title_lines, width


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("合肥市“十四五”公共服务规划2025年终期评估报告",
         ["合肥市“十四五”公共服务规划", "2025年终期评估报告"]),
        ("合肥市“十四五”公共服务规划实施中期评估报告",
         ["合肥市“十四五”公共服务规划", "实施中期评估报告"]),
        ("平凉市崆峒区“十四五”公共服务规划实施中期评估报告",
         ["平凉市崆峒区“十四五”", "公共服务规划实施中期评估报告"]),
        ("崆峒区“十四五”基本公共服务均等化规划2024年度评估报告",
         ["崆峒区“十四五”基本公共服务均等化规划", "2024年度评估报告"]),
        ("合肥市2024年公共服务发展年度报告", ["合肥市2024年公共服务发展年度报告"]),
    ],
)  # fmt: skip
def test_title_lines_break_at_phrases(title: str, lines: list[str]) -> None:
    assert title_lines(title) == lines


def test_title_lines_never_leave_a_short_tail() -> None:
    for region in ("合肥市", "六安市", "滁州市", "淮北市", "平凉市崆峒区", "黔东南苗族侗族自治州"):
        for kind in ("实施中期评估报告", "2025年终期评估报告", "2024年度评估报告"):
            lines = title_lines(f"{region}“十四五”公共服务规划{kind}")
            assert "".join(lines) == f"{region}“十四五”公共服务规划{kind}"
            assert all(width(line) <= 20 for line in lines)
            assert len(lines) == 1 or width(lines[-1]) >= 4, lines


def _document(style: HouseStyle | None = None) -> Document:
    document = GovDocument(style)
    document.title("合肥市“十四五”公共服务规划2025年终期评估报告")
    document.heading("一、总体情况")
    document.paragraph("规划实施以来，基本公共服务均等化水平持续提高。")
    return Document(io.BytesIO(document.to_bytes()))


def test_language_and_true_properties() -> None:
    author = "合肥市发展和改革委员会"
    made = _document(HouseStyle(author=author, subject="规划实施评估报告"))
    properties = made.core_properties
    assert properties.title == "合肥市“十四五”公共服务规划2025年终期评估报告"
    assert (properties.author, properties.last_modified_by) == (author, author)
    assert properties.subject == "规划实施评估报告"
    assert properties.language == "zh-CN"
    assert properties.comments == ""
    for moment in (properties.created, properties.modified):
        assert abs(moment.replace(tzinfo=UTC) - datetime.now(UTC)) < timedelta(minutes=5)
    lang = made.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0]
    assert lang.get(_w("eastAsia")) == "zh-CN"  # Latin digits stay en-US: 1.38 never breaks
    assert lang.get(_w("val")) == "en-US"
    assert "python-docx" not in _core_xml(made)


def test_default_author_is_empty_never_python_docx() -> None:
    assert _document().core_properties.author == ""


def test_page_and_fonts_as_a_government_pc_knows_them() -> None:
    made = _document()
    section = made.sections[0]
    assert [round(x.mm) for x in (section.page_width, section.page_height)] == [210, 297]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    fonts = {name: made.styles[name].font for name in (styles.TITLE, styles.BODY,
             styles.HEADING1, styles.HEADING2)}  # fmt: skip
    assert fonts[styles.TITLE].name == "方正小标宋简体" and fonts[styles.TITLE].size == Pt(22)
    assert fonts[styles.BODY].name == "仿宋_GB2312" and fonts[styles.BODY].size == Pt(16)
    assert fonts[styles.HEADING1].name == "黑体"
    assert fonts[styles.HEADING2].name == "楷体_GB2312"
    assert made.paragraphs[1].style.name == styles.HEADING1
    assert "— " in section.footer.paragraphs[0].text


def test_a_house_template_wins(tmp_path: Path) -> None:
    template = _house_template(tmp_path / "发改委模板.docx")
    made = _document(HouseStyle(template=template))
    assert made.paragraphs[0].text == "合肥市发展和改革委员会文件"  # the letterhead comes first
    body = next(p for p in made.paragraphs if p.text.startswith("规划实施以来"))
    assert body.style.name == styles.BODY
    assert body.style.font.name == "宋体" and body.style.font.size == Pt(15)
    assert made.styles[styles.HEADING1].font.name == "黑体"  # missing styles are added


def _house_template(path: Path) -> Path:
    document = Document()
    document.add_paragraph("合肥市发展和改革委员会文件")
    style = document.styles.add_style(styles.BODY, 1)
    style.font.name, style.font.size = "宋体", Pt(15)
    document.save(str(path))
    return path


def test_a_missing_or_foreign_template_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReportTemplateProblem, match="not found"):
        check_template(tmp_path / "missing.docx")
    text = tmp_path / "template.docx"
    text.write_text("not a Word file", encoding="utf-8")
    with pytest.raises(ReportTemplateProblem, match="not a Word document"):
        check_template(text)


def test_report_command_refuses_a_bad_template(tmp_path: Path, monkeypatch) -> None:
    from minsheng.cli.main import app  # noqa: PLC0415

    monkeypatch.setenv("MINSHENG_DATA_DIR", str(tmp_path))
    bad = tmp_path / "house.docx"
    bad.write_text("plain text", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["report", "evaluation", "--plan", "合肥市", "-o", str(tmp_path / "r.docx"),
              "--template", str(bad)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "not a Word document" in result.output


def _w(name: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{name}"


def _core_xml(document: Document) -> str:
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return archive.read("docProps/core.xml").decode("utf-8")
