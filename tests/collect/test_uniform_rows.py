"""Rows of a repeated shape read a column at a time give what the cell-by-cell path gives:
compared on sheets whose rows mix the template's shape with every other shape a row can
have, wherever they fall."""

from __future__ import annotations

import random
import time

import pytest
from tests.collect.test_workbook import SHARED, STYLES, TRICKY_ROWS, sheet, write_xlsx

from minsheng.collect import read_observation_file, sheet_text, uniform_rows, workbook

PLAIN = (
    '<row r="{n}" spans="1:7"><c r="A{n}" t="s"><v>{region}</v></c><c r="B{n}" t="s">'
    '<v>8</v></c><c r="C{n}"><v>{year}</v></c><c r="D{n}" s="1"><v>{value}</v></c>'
    '<c r="F{n}" t="s"><v>10</v></c></row>'
)
"""The template's shape: region, indicator, year, a percentage, a source; no note."""
OTHERS = [
    # a note in G, and a note as a date
    '<row r="{n}"><c r="A{n}" t="s"><v>7</v></c><c r="B{n}" t="s"><v>8</v></c>'
    '<c r="C{n}"><v>{year}</v></c><c r="D{n}" s="1"><v>{value}</v></c>'
    '<c r="G{n}" s="2"><v>45000</v></c></row>',
    # a styled empty cell, a formula, an inline string
    '<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>瑶海区</t></is></c><c r="B{n}" t="s">'
    '<v>8</v></c><c r="C{n}"><f>2020+1</f><v>{year}</v></c><c r="D{n}" s="1"/>'
    '<c r="E{n}" t="str"><v>人</v></c></row>',
    # the shape's cells with an empty value, and a blank row
    '<row r="{n}" spans="1:7"><c r="A{n}" t="s"><v>{region}</v></c><c r="B{n}" t="s">'
    '<v>8</v></c><c r="C{n}"><v>{year}</v></c><c r="D{n}" s="1"><v></v></c>'
    '<c r="F{n}" t="s"><v>10</v></c></row>',
    '<row r="{n}"/>',
    # the shape's cells, the last or all of them empty
    PLAIN.replace("<v>10</v>", "<v></v>"),
    '<row r="{n}"><c r="A{n}" t="s"><v></v></c><c r="B{n}" t="s"><v></v></c><c r="C{n}"><v>'
    '</v></c><c r="D{n}" s="1"><v></v></c><c r="F{n}" t="s"><v></v></c></row>',
    # whitespace between the cells, and a row without its number
    '<row r="{n}">\n <c r="A{n}" t="s"><v>9</v></c> <c r="D{n}"><v>{value}</v></c></row>',
    '<row><c r="A{n}" t="s"><v>7</v></c><c r="D{n}"><v>{value}</v></c></row>',
]


def _sheet_rows(seed: int, count: int) -> str:
    chance = random.Random(seed)
    rows = []
    for n in range(2, count + 2):
        shape = PLAIN if chance.random() < 0.7 else chance.choice(OTHERS)
        value = round(chance.uniform(0, 1), chance.randint(0, 4))
        year, region = chance.randint(2020, 2025), chance.choice([7, 9])
        rows.append(shape.format(n=n, region=region, year=year, value=value))
    return "".join(rows)


def _rows(path) -> list:
    """The sheet's rows as the workbook reader yields them: number and cell texts."""
    book = workbook.open_workbook(str(path))
    try:
        return list(book.rows(book.sheets[0]))
    finally:
        book.close()


def _both_ways(path, monkeypatch) -> tuple[list, list]:
    """The sheet's rows and records read with the column-at-a-time path, then without."""
    used = []
    original = uniform_rows.read

    def read(*args):
        found = original(*args)
        used.append(found is not None)
        return found

    monkeypatch.setattr(uniform_rows, "read", read)
    at_once = [(r.row, dict(r.values)) for r in read_observation_file(path)], _rows(path)
    monkeypatch.setattr(uniform_rows, "read", lambda *args: None)
    by_cell = [(r.row, dict(r.values)) for r in read_observation_file(path)], _rows(path)
    assert used == [True, True]
    return at_once, by_cell


@pytest.mark.parametrize("seed", range(12))
def test_mixed_rows_read_a_column_at_a_time_as_cell_by_cell(tmp_path, monkeypatch, seed):
    path = write_xlsx(tmp_path / "mixed.xlsx", sheet(_sheet_rows(seed, 300)), SHARED,
                      styles=STYLES)  # fmt: skip
    at_once, by_cell = _both_ways(path, monkeypatch)
    assert at_once == by_cell
    assert len(at_once[0]) > 200


def test_a_sheet_of_one_shape_is_read_without_the_cell_by_cell_path(tmp_path, monkeypatch):
    rows = "".join(PLAIN.format(n=n, region=7, year=2021, value=n / 100) for n in range(2, 60))
    path = write_xlsx(tmp_path / "plain.xlsx", sheet(rows), SHARED, styles=STYLES)
    between: list[str] = []
    original = sheet_text._token_rows

    def token_rows(data, number, texts_of):
        between.append(data)
        return original(data, number, texts_of)

    monkeypatch.setattr(sheet_text, "_token_rows", token_rows)
    records = read_observation_file(path)
    assert [r.get("value") for r in records[:2]] == ["2%", "3%"]
    assert len(records) == 58
    assert len(between) == 1  # the header row only: its shape is another
    assert '<row r="1">' in between[0]


def test_the_tricky_rows_between_rows_of_the_shape(tmp_path, monkeypatch):
    """Every odd row of `test_workbook` placed among rows of the shape, renumbered."""
    plain = "".join(PLAIN.format(n=n, region=7, year=2021, value=0.5) for n in range(20, 40))
    path = write_xlsx(tmp_path / "tricky.xlsx", sheet(TRICKY_ROWS + plain), SHARED,
                      styles=STYLES)  # fmt: skip
    at_once, by_cell = _both_ways(path, monkeypatch)
    assert at_once == by_cell
    assert [row for row, _ in at_once[0]][:3] == [2, 4, 6]


def test_a_sheet_of_rows_without_their_closing_tag_is_looked_at_once(tmp_path):
    """Looking for the shape among the first rows must not scan the rest of the sheet
    from every row start: 30,000 `<row r="n"/>` would take minutes."""
    first = PLAIN.format(n=2, region=7, year=2021, value=0.5)
    empty = "".join(f'<row r="{n}"/>' for n in range(3, 30_000))
    path = write_xlsx(tmp_path / "empty.xlsx", sheet(first + empty), SHARED, styles=STYLES)
    started = time.perf_counter()
    records = read_observation_file(path)
    assert time.perf_counter() - started < 5
    assert [(r.row, r.get("value")) for r in records] == [(2, "50%")]
