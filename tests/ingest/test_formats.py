"""The seed plans laid out as real Word and HTML tables parse to what their text gives.

Each seed's text parse is rendered back into a .docx (heading styles, real tables with
vertically merged category cells) and a government-style web page (nested divs, h1/h2,
rowspan, a stray script). Both must give the same indicators, previous-plan results,
service list, notes, region and outline as the text: the layout changes, the facts not.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import docx
import pytest

from minsheng import ParsedPlan
from minsheng.ingest import parse_file
from minsheng.model.plan import Attribute, Column, ColumnKind, Indicator

EXPECTED_DIR = Path(__file__).parent / "expected"
SEED_NAMES = sorted(path.stem for path in EXPECTED_DIR.glob("*.json"))
ATTRIBUTE_TEXT = {Attribute.EXPECTED: "预期性", Attribute.BINDING: "约束性"}
TITLE_REACH = 15  # lines between a 专栏 title and the first row of the table it names
SERVICE_HEADER = ("服务领域", "服务项目")


@dataclass(frozen=True)
class Text:
    """A paragraph; `level` 0 is the document title, 1 and 2 are outline headings."""

    text: str
    level: int | None = None


@dataclass(frozen=True)
class Grid:
    """A table: header row, body rows, and whether runs of equal first cells merge."""

    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    merge_first: bool = True


Part = Text | Grid


@dataclass
class Layout:
    """The parts of a rendering keyed by the text line they stand in for."""

    placed: list[tuple[int, list[Part]]] = field(default_factory=list)

    def put(self, line: int, *parts: Part) -> None:
        self.placed.append((line, list(parts)))

    def in_order(self) -> Iterator[Part]:
        for _, parts in sorted(self.placed, key=lambda entry: entry[0]):
            yield from parts


# --- from the text parse to a layout ----------------------------------------------------


def _name_cell(name: str, unit: str | None, starred: bool) -> str:
    star = "*" if starred else ""
    return f"{name}{star}（{unit}）" if unit else f"{name}{star}"


def _star_only(indicator: Indicator) -> bool:
    """Cumulative from a '*' in the name: no 累计 in it and no bracketed cell."""
    values = (indicator.baseline, indicator.target)
    return (
        indicator.cumulative
        and "累计" not in indicator.name
        and not any(value.cumulative for value in values)
    )


def _title(column: Column | None, fallback: str) -> Text:
    return Text(f"专栏{column.number} {column.title}" if column else fallback)


def _title_column(plan: ParsedPlan, first_line: int, period: str) -> Column | None:
    """The indicator 专栏 of `period` whose title stands just above a table, if any."""
    near = [
        column
        for column in plan.columns
        if column.kind is ColumnKind.INDICATORS
        and period in column.title
        and first_line - TITLE_REACH <= column.line < first_line
    ]
    return near[-1] if near else None


def _indicator_row(indicator: Indicator, with_attribute: bool) -> tuple[str, ...]:
    i = indicator
    cells = (i.domain, _name_cell(i.name, i.unit, _star_only(i)), i.baseline.raw, i.target.raw)
    if not with_attribute:
        return cells
    return (*cells, ATTRIBUTE_TEXT[i.attribute] if i.attribute else "")


def _indicator_grid(plan: ParsedPlan) -> Grid:
    """Only the columns the text table has: 指标属性 only when rows carry attributes."""
    with_attribute = any(i.attribute for i in plan.indicators)
    header = ("类别", "指标", "2020年", "2025年", *(["指标属性"] if with_attribute else []))
    return Grid(header, [_indicator_row(i, with_attribute) for i in plan.indicators])


def _previous_grid(plan: ParsedPlan) -> Grid:
    rows = [
        (r.domain, _name_cell(r.name, r.unit, False), r.target.raw, r.actual.raw)
        for r in plan.previous_plan_results
    ]
    return Grid(("类别", "指标", "规划目标", "实际完成"), rows)


def _service_grid(plan: ParsedPlan) -> Grid:
    """One row per domain: items joined by ， and the declared count (共计N项)."""
    items: dict[str, list[str]] = {}
    for item in plan.service_items:
        items.setdefault(item.domain, []).append(item.name)
    rows = []
    for domain, names in items.items():
        count = plan.service_counts.get(domain)
        declared = f"（共计{count}项）" if count is not None else ""
        rows.append((domain, "，".join(names) + declared))
    return Grid(SERVICE_HEADER, rows, merge_first=False)


def layout_of(plan: ParsedPlan) -> Layout:
    """Where each parsed fact sits in the text, as paragraphs and tables."""
    layout = Layout()
    titles: list[Column | None] = []  # 专栏 rendered as the title of a table
    if plan.plan.title:
        layout.put(0, Text(plan.plan.title, level=0))
    for heading in plan.outline:
        layout.put(heading.line, Text(heading.title, level=heading.level))
    if plan.previous_plan_results:
        first = min(r.line for r in plan.previous_plan_results)
        titles.append(column := _title_column(plan, first, "十三五"))
        layout.put(first, _title(column, "“十三五”时期主要指标完成情况"), _previous_grid(plan))
    if plan.indicators:
        first = min(i.line for i in plan.indicators)
        titles.append(column := _title_column(plan, first, "十四五"))
        notes = [Text(note) for note in plan.indicator_table_notes]
        layout.put(first, _title(column, "“十四五”时期主要指标"), _indicator_grid(plan), *notes)
    if plan.service_items:
        services = [c for c in plan.columns if c.kind is ColumnKind.SERVICES]
        titles.append(column := services[0] if services else None)
        line = column.line if column else min(s.line for s in plan.service_items)
        layout.put(line, _title(column, "专栏99 基本公共服务项目"), _service_grid(plan))
    for column in plan.columns:
        if column not in titles:
            body = [Text("".join(column.body))] if column.body else []
            layout.put(column.line, _title(column, ""), *body)
    return layout


# --- rendering ---------------------------------------------------------------------------


def _merge_runs(rows: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """(first, last) body-row indexes of each run of equal first cells."""
    runs: list[tuple[int, int]] = []
    for index, row in enumerate(rows):
        if runs and rows[runs[-1][0]][0] == row[0]:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def _docx_table(document: docx.document.Document, grid: Grid) -> None:
    table = document.add_table(rows=1 + len(grid.rows), cols=len(grid.header))
    table.style = "Table Grid"
    for col, text in enumerate(grid.header):
        table.cell(0, col).text = text
    runs = _merge_runs(grid.rows) if grid.merge_first else []
    merged_away = {index for first, last in runs for index in range(first + 1, last + 1)}
    for index, row in enumerate(grid.rows):
        for col, text in enumerate(row):
            if not (col == 0 and index in merged_away):
                table.cell(index + 1, col).text = text
    for first, last in runs:
        if last > first:
            table.cell(first + 1, 0).merge(table.cell(last + 1, 0))


def render_docx(plan: ParsedPlan, path: Path) -> Path:
    """The plan as a Word document: heading styles, real tables, merged categories."""
    document = docx.Document()
    for part in layout_of(plan).in_order():
        if isinstance(part, Grid):
            _docx_table(document, part)
        elif part.level is not None:
            document.add_heading(part.text, level=part.level)
        else:
            document.add_paragraph(part.text)
    document.save(str(path))
    return path


def _html_text(text: str) -> str:
    """Escaped, with spaces as &nbsp; so a run of them survives as the page shows it."""
    return html.escape(text).replace(" ", "&nbsp;")


def _html_table(grid: Grid) -> str:
    header = "".join(f"<th>{_html_text(text)}</th>" for text in grid.header)
    runs = {first: last - first + 1 for first, last in _merge_runs(grid.rows)}
    body = []
    for index, row in enumerate(grid.rows):
        cells = [f"<td>{_html_text(text)}</td>" for text in row]
        if grid.merge_first and index not in runs:
            cells = cells[1:]
        elif grid.merge_first and runs[index] > 1:
            cells[0] = f'<td rowspan="{runs[index]}">{_html_text(row[0])}</td>'
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table border="1"><tbody><tr>{header}</tr>{"".join(body)}</tbody></table>'


def _html_part(part: Part) -> str:
    if isinstance(part, Grid):
        return _html_table(part)
    text = _html_text(part.text)
    if part.level == 0:
        return f'<div class="article-title">{text}</div>'
    if part.level is not None:
        return f"<h{part.level}>{text}</h{part.level}>"
    return f'<p style="text-indent:2em">{text}</p>'


def render_html(plan: ParsedPlan) -> str:
    """The plan as a government web page: nested divs, h1/h2, rowspan, page furniture."""
    body = "\n".join(_html_part(part) for part in layout_of(plan).in_order())
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>公共服务规划</title></head>'
        '<body><div class="header"><a href="/">首页</a></div>'
        '<div class="main"><div class="article"><div id="zoom">'
        '<script>document.write("第九章 脚本里的标题");</script>'
        f"{body}</div></div></div></body></html>"
    )


# --- comparison -------------------------------------------------------------------------


def facts(plan: ParsedPlan) -> dict[str, object]:
    """Everything that must survive a change of format; `line` fields legitimately differ."""
    return {
        "region": plan.plan.region,
        "outline": [(h.level, h.title) for h in plan.outline],
        "indicators": [
            (i.domain, i.name, i.unit, i.baseline.raw, i.target.raw, i.attribute, i.cumulative)
            for i in plan.indicators
        ],
        "notes": plan.indicator_table_notes,
        "previous": [
            (r.domain, r.name, r.unit, r.target.raw, r.actual.raw, r.attribute, r.cumulative)
            for r in plan.previous_plan_results
        ],
        "services": [(s.domain, s.name) for s in plan.service_items],
        "service_counts": plan.service_counts,
    }


@cache
def text_plan(seeds_dir: Path, stem: str) -> ParsedPlan:
    expected = json.loads((EXPECTED_DIR / f"{stem}.json").read_text(encoding="utf-8"))
    return parse_file(seeds_dir / expected["seed"])


@pytest.fixture(params=SEED_NAMES)
def plan(request, seeds_dir) -> ParsedPlan:
    return text_plan(seeds_dir, request.param)


def test_docx_rendering_gives_the_text_facts(plan, tmp_path):
    rendered = parse_file(render_docx(plan, tmp_path / "plan.docx"))
    assert facts(rendered) == facts(plan)


def test_html_rendering_gives_the_text_facts(plan, tmp_path):
    path = tmp_path / "plan.html"
    path.write_text(render_html(plan), encoding="utf-8")
    assert facts(parse_file(path)) == facts(plan)


def test_renderings_use_real_merged_tables(plan, tmp_path):
    """Guard the premise: the category cells really are merged in both renderings."""
    word = docx.Document(str(render_docx(plan, tmp_path / "plan.docx")))
    merged = [tc for table in word.tables for tc in table._tbl.iter_tcs() if tc.vMerge]
    assert merged
    assert "rowspan=" in render_html(plan)
