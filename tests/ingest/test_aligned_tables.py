"""Space-aligned text tables read like tab-separated ones.

Each seed's current indicator table is written back into the seed's text twice, as
tab-separated lines and padded with spaces to each column's display width (a CJK
character is two columns). Both copies must give the same indicator rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.ingest.test_formats import ATTRIBUTE_TEXT, SEED_NAMES, _name_cell, _star_only

from minsheng.ingest import parse_file
from minsheng.ingest.document import Document, Paragraph
from minsheng.ingest.parsers.aligned import display_width, retab
from minsheng.ingest.parsers.plan import parse_document
from minsheng.ingest.parsers.tables import find_tables
from minsheng.ingest.readers import read_document
from minsheng.model.plan import ParsedPlan

SEEDS = [f"{stem}.txt" for stem in SEED_NAMES]
HEADER = ("类别", "指标", "2020年", "2025年", "指标属性")


def _grid(plan: ParsedPlan) -> list[tuple[str, ...]]:
    """Header and rows; a category is written on the first row of its run only."""
    rows, previous = [HEADER], ""
    for i in plan.indicators:
        domain = "" if i.domain == previous else i.domain
        previous = i.domain
        attribute = ATTRIBUTE_TEXT[i.attribute] if i.attribute else ""
        name = _name_cell(i.name, i.unit, _star_only(i))
        rows.append((domain, name, i.baseline.raw, i.target.raw, attribute))
    return rows


def _padded(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(display_width(row[c]) for row in rows) for c in range(len(HEADER))]
    return [
        "  ".join(
            cell + " " * (width - display_width(cell))
            for cell, width in zip(row, widths, strict=True)
        )
        for row in rows
    ]


def _with_table(seed: Path, table_lines: list[str], target: Path) -> Path:
    """The seed's text with its current indicator table replaced by `table_lines`."""
    blocks = read_document(seed).blocks
    current = next(t for t in find_tables(blocks) if not t.is_previous_plan)
    first, last = current.line, blocks[current.end - len(current.notes) - 1].line
    lines = seed.read_text(encoding="utf-8-sig").splitlines()
    target.write_text("\n".join([*lines[: first - 1], *table_lines, *lines[last:]]), "utf-8")
    return target


def _rows(plan: ParsedPlan) -> list[tuple[object, ...]]:
    return [
        (i.domain, i.name, i.unit, i.baseline.raw, i.target.raw, i.attribute, i.cumulative)
        for i in plan.indicators
    ]


@pytest.mark.parametrize("seed_name", SEEDS)
def test_space_aligned_table_gives_the_tab_rows(seeds_dir, tmp_path, seed_name):
    seed = seeds_dir / seed_name
    grid = _grid(parse_file(seed))
    tabbed = parse_file(_with_table(seed, ["\t".join(row) for row in grid], tmp_path / "tab.txt"))
    spaced = parse_file(_with_table(seed, _padded(grid), tmp_path / "space.txt"))
    assert _rows(tabbed) == _rows(parse_file(seed))
    assert _rows(spaced) == _rows(tabbed)
    assert len(spaced.indicators) > 10


def test_cells_are_cut_at_display_columns():
    lines = ["指标          2020年  2025年  备注", "托位数（个）  1.38            新增"]
    blocks = retab(tuple(Paragraph(text, n) for n, text in enumerate(lines, 1)))
    assert [b.text.split("\t") for b in blocks if isinstance(b, Paragraph)] == [
        ["指标", "2020年", "2025年", "备注"],
        ["托位数（个）", "1.38", "", "新增"],
    ]


def test_an_unknown_column_keeps_its_place():
    lines = [
        "类别      指标          统计口径  2020年  2025年  属性",
        "学有所教  巩固率（%）  全市      98      99      约束性",
    ]
    plan = parse_document(Document("t.txt", tuple(Paragraph(t, n) for n, t in enumerate(lines, 1))))
    assert [(i.name, i.baseline.raw, i.target.raw) for i in plan.indicators] == [
        ("巩固率", "98", "99")
    ]
