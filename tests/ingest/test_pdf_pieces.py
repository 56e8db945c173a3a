"""Table pieces from consecutive PDF pages join into one table; cell text is unwrapped;
a three-line table drawn directly is read by its columns."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from minsheng.ingest.readers import read_document
from minsheng.ingest.readers.pdf_pieces import TablePiece, stitch
from minsheng.ingest.readers.pdf_text import Line, cell_text

HEADER = ("类别", "指标", "2020年", "2025年")


def piece(
    rows: list[tuple[str, ...]], page: int, continued: set[tuple[int, int]] | None = None
) -> TablePiece:
    return TablePiece(tuple(rows), frozenset(continued or set()), page, (80.0, 70.0, 500.0, 700.0))


def test_repeated_header_is_dropped_and_a_cut_row_mended():
    first = piece([HEADER, ("幼有所育", "每千人口拥有3岁以下", "1.38", "≥4.6")], 0)
    second = piece(
        [HEADER, ("", "婴幼儿托位数（个）", "", ""), ("学有所教", "学前教育普惠率", "84.2", "88")],
        1,
    )
    (table,) = stitch([first, Line("续表", 72.0), second])
    assert isinstance(table, TablePiece)
    assert table.rows == (
        HEADER,
        ("幼有所育", "每千人口拥有3岁以下婴幼儿托位数（个）", "1.38", "≥4.6"),
        ("学有所教", "学前教育普惠率", "84.2", "88"),
    )


def test_merged_category_runs_on_over_the_page():
    first = piece(
        [HEADER, ("病有所医", "人均预期寿命", "79", "80"), ("病有所医", "婴儿死亡率", "3", "4")],
        0,
        {(2, 0)},
    )
    second = piece([("", "孕产妇死亡率", "8", "14"), ("", "床位数", "7", "9")], 1, {(1, 0)})
    (table,) = stitch([first, second])
    assert isinstance(table, TablePiece)
    assert [row[0] for row in table.rows[1:]] == ["病有所医"] * 4
    assert {(2, 0), (3, 0), (4, 0)} <= table.continued


def test_unmerged_table_row_cut_with_every_cell_filled():
    first = piece([("服务领域", "服务项目"), ("病有所医", "食品药品安全保")], 0)
    second = piece([("", "障，职工基本医疗保险"), ("老有所养", "养老保险")], 1)
    (table,) = stitch([first, Line("— 12 —", 760.0), second])
    assert isinstance(table, TablePiece)
    assert table.rows[1] == ("病有所医", "食品药品安全保障，职工基本医疗保险")


def test_text_between_pieces_keeps_them_apart():
    first = piece([HEADER, ("幼有所育", "托位数", "1", "2")], 0)
    second = piece([HEADER, ("学有所教", "普惠率", "84", "88")], 1)
    assert len(stitch([first, Line("第三章 主要任务", 72.0), second])) == 3


def test_cell_lines_are_unwrapped():
    assert cell_text("每千人口拥有3\n岁以下婴幼儿") == "每千人口拥有3岁以下婴幼儿"
    assert cell_text("annual growth\nrate") == "annual growth rate"
    assert cell_text("目标完成。\n1.说明") == "目标完成。\n1.说明"


def test_three_line_table_with_a_section_row(tmp_path):
    """Rules only around the header and under the table; a lone row spans the columns."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "three_line.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 10)
    pdf.drawString(72, 760, "表1 主要指标")
    for y in (750, 730, 640):
        pdf.line(72, y, 520, y)
    texts = [
        (736, "类别", "指标", "2020年", "2025年"),
        (720, "", "一、幼有所育（全市范围内的各项指标）", "", ""),
    ]
    texts += [
        (706, "幼有所育", "每千人口拥有3岁", "1.38", "4.6"),
        (694, "", "以下托位数（个）", "", ""),
    ]
    texts += [(680, "", "儿童保障覆盖率（%）", "100", "100")]
    for y, *cells in texts:
        for x, text in zip((80, 160, 330, 430), cells, strict=True):
            pdf.drawString(x, y, text)
    pdf.drawString(72, 620, "注：数据来源于统计局。")
    pdf.showPage()
    pdf.save()
    blocks = read_document(path).blocks
    assert [type(block).__name__ for block in blocks] == ["Paragraph", "Table", "Paragraph"]
    assert blocks[1].rows == (
        ("类别", "指标", "2020年", "2025年"),
        ("", "一、幼有所育（全市范围内的各项指标）", "", ""),
        ("幼有所育", "每千人口拥有3岁以下托位数（个）", "1.38", "4.6"),
        ("", "儿童保障覆盖率（%）", "100", "100"),
    )
