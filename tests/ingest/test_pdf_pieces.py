"""Table pieces from consecutive PDF pages join into one table; cell text is unwrapped."""

from __future__ import annotations

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
