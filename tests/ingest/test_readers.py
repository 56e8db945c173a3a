"""Readers turn real .txt/.docx/.html/.pdf files, built here in tmp_path, into Documents."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from minsheng.errors import EmptyDocument, NotFound, UnreadableDocument, UnsupportedFormat
from minsheng.ingest.document import Document, Table
from minsheng.ingest.readers import READERS, read_document
from minsheng.ingest.readers.pdf_text import restore_lookalikes

CID_FONT = "STSong-Light"


def texts(document: Document) -> list[str]:
    return [block.text for block in document.paragraphs()]


def numbered(document: Document) -> list[tuple[int, str]]:
    return [(block.line, block.text) for block in document.paragraphs()]


def tables(document: Document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- registry and dispatch -------------------------------------------------------------


def test_registry_covers_every_supported_suffix():
    assert {".txt", ".docx", ".html", ".htm", ".pdf"} <= set(READERS)
    assert all(suffix == suffix.lower() for suffix in READERS)


def test_suffix_is_case_insensitive(tmp_path):
    document = read_document(write(tmp_path / "PLAN.TXT", "规划".encode()))
    assert texts(document) == ["规划"]


def test_unknown_suffix_lists_supported_formats(tmp_path):
    path = write(tmp_path / "plan.doc", b"anything")
    with pytest.raises(UnsupportedFormat) as caught:
        read_document(path)
    message = str(caught.value)
    assert "plan.doc" in message
    assert ".docx" in message and ".txt" in message and ".pdf" in message


def test_missing_file_is_not_found(tmp_path):
    with pytest.raises(NotFound, match=r"nope\.txt"):
        read_document(tmp_path / "nope.txt")


@pytest.mark.parametrize("content", [b"", b"\n\n  \r\n\xc2\xa0\n\t\n"])
def test_file_without_text_is_empty(tmp_path, content):
    with pytest.raises(EmptyDocument, match=r"plan\.txt"):
        read_document(write(tmp_path / "plan.txt", content))


# --- text ----------------------------------------------------------------------------------


def test_text_keeps_real_line_numbers_and_skips_blank_lines(tmp_path):
    content = "第一章  总体要求\n\n\n一、指导思想\r\n   \n最后一行  \n"
    document = read_document(write(tmp_path / "plan.txt", content.encode()))
    assert numbered(document) == [(1, "第一章  总体要求"), (4, "一、指导思想"), (6, "最后一行")]
    assert document.source == str(tmp_path / "plan.txt")
    assert all(block.heading_level is None for block in document.paragraphs())


def test_text_keeps_tabs_and_normalises_wide_spaces(tmp_path):
    content = "\t序号\t指标\t2025年\n\t\n\u3000\u3000各区\u00a0县：\u3000\n1\t\t95\t\n"
    document = read_document(write(tmp_path / "plan.txt", content.encode()))
    assert numbered(document) == [
        (1, "\t序号\t指标\t2025年"),
        (2, "\t"),  # an empty table cell in Word-exported text
        (3, "  各区 县："),
        (4, "1\t\t95\t"),
    ]


def test_text_removes_bookmark_debris(tmp_path):
    content = (
        " [bookmark: _Toc26031][bookmark: _Toc23737][bookmark: _Toc7217]序  言\n"
        "[bookmark: _Toc3213]\n"
        "专栏 1 [bookmark: _Toc90991489]目标\n"
    )
    document = read_document(write(tmp_path / "plan.txt", content.encode()))
    assert numbered(document) == [(1, " 序  言"), (3, "专栏 1 目标")]


def test_text_utf8_bom_is_not_part_of_the_text(tmp_path):
    data = "\ufeff第一章\n第二章\n".encode()
    document = read_document(write(tmp_path / "plan.txt", data))
    assert texts(document) == ["第一章", "第二章"]


def test_text_gb18030_fallback(tmp_path):
    content = "“十四五”基本公共服务规划\n人均预期寿命（岁）\t79.5\n䶮\n"
    document = read_document(write(tmp_path / "plan.txt", content.encode("gb18030")))
    assert texts(document) == ["“十四五”基本公共服务规划", "人均预期寿命（岁）\t79.5", "䶮"]


def test_text_utf16_with_bom(tmp_path):
    document = read_document(write(tmp_path / "plan.txt", "民生规划\n".encode("utf-16")))
    assert texts(document) == ["民生规划"]


@pytest.mark.parametrize("data", [b"\x80\x81\xff\xfe\xfd" * 20, b"PK\x03\x04\x00\x00binary"])
def test_text_that_cannot_be_decoded_is_unreadable(tmp_path, data):
    with pytest.raises(UnreadableDocument, match=r"plan\.txt"):
        read_document(write(tmp_path / "plan.txt", data))


# --- docx ----------------------------------------------------------------------------------


def build_docx(path: Path) -> Path:
    """Heading, paragraph, merged table, paragraph, Chinese-named heading style."""
    word = docx.Document()
    word.add_heading("第一章 总体要求", level=1)
    word.add_paragraph("正文段落")
    word.add_paragraph("")  # empty paragraphs are not blocks
    table = word.add_table(rows=3, cols=3)
    header = table.cell(0, 1).merge(table.cell(0, 2))
    category = table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(0, 0).text = "领域"
    header.text = "指标"
    category.text = "基本公共教育"
    table.cell(1, 1).text = "巩固率（%）"
    table.cell(1, 2).text = "95"
    table.cell(2, 1).text = "均衡县比例"
    table.cell(2, 2).text = "100"
    word.add_paragraph("表后段落")
    word.add_heading("一、指导思想", level=2)
    word.styles.add_style("标题 3", WD_STYLE_TYPE.PARAGRAPH)
    word.add_paragraph("（一）三级标题", style="标题 3")
    word.save(str(path))
    return path


def test_docx_blocks_in_body_order_with_heading_levels(tmp_path):
    document = read_document(build_docx(tmp_path / "plan.docx"))
    kinds = [type(block).__name__ for block in document.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Table", "Paragraph", "Paragraph", "Paragraph"]
    assert [block.line for block in document.blocks] == [1, 2, 3, 4, 5, 6]
    assert [(p.text, p.heading_level) for p in document.paragraphs()] == [
        ("第一章 总体要求", 1),
        ("正文段落", None),
        ("表后段落", None),
        ("一、指导思想", 2),
        ("（一）三级标题", 3),
    ]


def test_docx_merged_cells_are_expanded_and_marked_continued(tmp_path):
    (table,) = tables(read_document(build_docx(tmp_path / "plan.docx")))
    assert table.rows == (
        ("领域", "指标", "指标"),
        ("基本公共教育", "巩固率（%）", "95"),
        ("基本公共教育", "均衡县比例", "100"),
    )
    assert table.continued == frozenset({(0, 2), (2, 0)})


def test_docx_nested_table_and_multi_paragraph_cells_are_flattened(tmp_path):
    word = docx.Document()
    table = word.add_table(rows=1, cols=2)
    cell = table.cell(0, 0)
    cell.text = "外层"
    cell.add_paragraph("第二段")
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内层甲"
    inner.cell(0, 1).text = "内层乙"
    table.cell(0, 1).text = "右"
    path = tmp_path / "nested.docx"
    word.save(str(path))
    (read,) = tables(read_document(path))
    assert read.rows == (("外层\n第二段\n内层甲\n内层乙", "右"),)
    assert read.continued == frozenset()


def test_docx_soft_line_breaks_become_separate_paragraphs(tmp_path):
    word = docx.Document()
    run = word.add_paragraph().add_run("第一行")
    run.add_break()
    run.add_text("第二行")
    path = tmp_path / "breaks.docx"
    word.save(str(path))
    assert numbered(read_document(path)) == [(1, "第一行"), (2, "第二行")]


def test_docx_without_text_is_empty(tmp_path):
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    with pytest.raises(EmptyDocument):
        read_document(path)


def test_corrupt_docx_is_unreadable(tmp_path):
    path = write(tmp_path / "plan.docx", bytes(range(256)) * 8)
    with pytest.raises(UnreadableDocument, match=r"plan\.docx"):
        read_document(path)


# --- html ----------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>页面标题</title>
<style>.x { color: red }</style><script>var leaked = "脚本文字";</script></head>
<body>
<header>网站头部</header>
<nav><a href="/">首页</a></nav>
<div class="main"><div class="content"><div id="zoom">
  <h1>合肥市“十四五”基本公共服务规划</h1>
  <div>
    <p>　　为推进<b>基本公共服务</b>均等化，制定本规划。</p>
    散落的文字
    <div><div>深层段落</div></div>
    第一行<br>第二行<br/>
  </div>
  <h2>第一章 规划背景</h2>
  <table border="1">
    <tr><th>领域</th><th colspan="2">指标</th></tr>
    <tr><td rowspan="2">基本公共教育</td><td>巩固率（%）</td><td>95</td></tr>
    <tr><td>均衡县比例</td><td>100</td></tr>
  </table>
  <ul><li>一项</li><li>二项</li></ul>
  <!-- 注释文字 -->
</div></div></div>
<footer>版权所有</footer>
</body></html>
"""


def test_html_paragraphs_in_order_without_duplicates_or_boilerplate(tmp_path):
    document = read_document(write(tmp_path / "plan.html", HTML_PAGE.encode()))
    assert numbered(document) == [
        (1, "合肥市“十四五”基本公共服务规划"),
        (2, "为推进基本公共服务均等化，制定本规划。"),
        (3, "散落的文字"),
        (4, "深层段落"),
        (5, "第一行"),
        (6, "第二行"),
        (7, "第一章 规划背景"),
        (9, "一项"),
        (10, "二项"),
    ]
    headings = {p.text: p.heading_level for p in document.paragraphs()}
    assert headings["合肥市“十四五”基本公共服务规划"] == 1
    assert headings["第一章 规划背景"] == 2
    assert headings["深层段落"] is None


def test_html_table_spans_expanded_and_not_repeated_as_paragraphs(tmp_path):
    document = read_document(write(tmp_path / "plan.htm", HTML_PAGE.encode()))
    (table,) = tables(document)
    assert table.line == 8
    assert table.rows == (
        ("领域", "指标", "指标"),
        ("基本公共教育", "巩固率（%）", "95"),
        ("基本公共教育", "均衡县比例", "100"),
    )
    assert table.continued == frozenset({(0, 2), (2, 0)})
    assert not any("基本公共教育" in text or text == "95" for text in texts(document))


def test_html_gbk_declared_page_encoded_in_gb18030(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "</head><body><p>人均预期寿命（岁）</p><p>䶮字不在GB2312中</p></body></html>"
    )
    document = read_document(write(tmp_path / "plan.html", page.encode("gb18030")))
    assert texts(document) == ["人均预期寿命（岁）", "䶮字不在GB2312中"]


def test_html_stale_gb2312_declaration_on_a_utf8_page(tmp_path):
    page = '<html><head><meta charset="gb2312"></head><body><p>基本公共服务</p></body></html>'
    document = read_document(write(tmp_path / "plan.html", page.encode()))
    assert texts(document) == ["基本公共服务"]


def test_html_layout_table_is_read_as_paragraphs(tmp_path):
    page = (
        "<html><body><table><tr><td><h2>第二章 总体要求</h2><p>正文</p>"
        "<table><tr><td>序号</td><td>指标</td></tr><tr><td>1</td><td>覆盖率</td></tr></table>"
        "</td></tr></table></body></html>"
    )
    document = read_document(write(tmp_path / "plan.html", page.encode()))
    assert [type(block).__name__ for block in document.blocks] == [
        "Paragraph",
        "Paragraph",
        "Table",
    ]
    assert document.paragraphs()[0].heading_level == 2
    assert tables(document)[0].rows == (("序号", "指标"), ("1", "覆盖率"))


def test_html_nested_table_in_data_cell_is_flattened(tmp_path):
    page = (
        "<html><body><table><tr><td>甲</td><td>乙<br>丙</td></tr>"
        "<tr><td>丁</td><td><div><span>戊</span></div></td></tr></table></body></html>"
    )
    (table,) = tables(read_document(write(tmp_path / "plan.html", page.encode())))
    assert table.rows == (("甲", "乙\n丙"), ("丁", "戊"))


# --- pdf -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cid_font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT


def build_pdf(path: Path, font: str, pages: list[list[tuple[float, float, str]]]) -> Path:
    """Each page is a list of (x, y, text) strings drawn with `font` at 12 pt."""
    pdf = canvas.Canvas(str(path))
    for page in pages:
        pdf.setFont(font, 12)
        for x, y, text in page:
            pdf.drawString(x, y, text)
        pdf.showPage()
    pdf.save()
    return path


def test_pdf_chinese_lines_and_table_cells(tmp_path, cid_font):
    page = [
        (72, 760, "第一章 总体要求"),
        (72, 740, "基本公共服务标准体系更加完善。"),
        (72, 700, "序号"),
        (150, 700, "指标名称"),
        (320, 700, "2025年目标"),
        (72, 680, "1"),
        (150, 680, "九年义务教育巩固率（%）"),
        (320, 680, "96"),
    ]
    document = read_document(build_pdf(tmp_path / "plan.pdf", cid_font, [page]))
    assert numbered(document) == [
        (1, "第一章 总体要求"),
        (2, "基本公共服务标准体系更加完善。"),
        (3, "序号\t指标名称\t2025年目标"),
        (4, "1\t九年义务教育巩固率（%）\t96"),
    ]


def test_pdf_line_numbers_run_across_pages(tmp_path, cid_font):
    pages = [[(72, 760, "第一页甲"), (72, 740, "第一页乙")], [(72, 760, "第二页")]]
    document = read_document(build_pdf(tmp_path / "plan.pdf", cid_font, pages))
    assert numbered(document) == [(1, "第一页甲"), (2, "第一页乙"), (3, "第二页")]


def test_pdf_latin_words_keep_single_spaces(tmp_path):
    pages = [[(72, 760, "Hello world 95.5%"), (72, 740, "A"), (300, 740, "B")]]
    document = read_document(build_pdf(tmp_path / "plan.pdf", "Helvetica", pages))
    assert texts(document) == ["Hello world 95.5%", "A\tB"]


def test_pdf_without_text_layer_needs_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(72, 400, 300, 200, fill=1)
    pdf.showPage()
    pdf.save()
    with pytest.raises(UnreadableDocument, match="no text layer") as caught:
        read_document(path)
    assert "OCR" in str(caught.value) and "scan.pdf" in str(caught.value)


def test_corrupt_pdf_is_unreadable(tmp_path):
    path = write(tmp_path / "plan.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 4)
    with pytest.raises(UnreadableDocument, match=r"plan\.pdf"):
        read_document(path)


def test_encrypted_pdf_is_unreadable(tmp_path):
    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.drawString(72, 700, "locked")
    pdf.showPage()
    pdf.save()
    with pytest.raises(UnreadableDocument, match="password"):
        read_document(path)


def test_pdf_kangxi_radicals_become_ordinary_ideographs():
    # Some Chinese PDFs extract 一 as the Kangxi radical ⼀ (U+2F00); full-width
    # punctuation must survive the repair.
    assert restore_lookalikes("第⼀章（%）⼈⼝") == "第一章（%）人口"
