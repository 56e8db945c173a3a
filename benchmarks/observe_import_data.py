"""The data of the import benchmark: a database wide enough, and valid files to import.

A fresh database gets the bundled plans (`set_up_demo`) and then a new version of Hefei's
plan whose 38 indicators are repeated under numbered names, so that indicator × region ×
year (the city and its districts and counties, 2020–2025) offers as many rows as asked
for. The files hold valid values growing about 3 % a year, a few wild ones among them
(stored, and flagged as outliers): a CSV, and the template's ten columns as an `.xlsx`
written the way Excel and WPS save one (strings shared, years and values as numbers).
"""

from __future__ import annotations

import csv
import math
import random
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from minsheng.collect import IndicatorSpec
from minsheng.data.bundled import bundled_plans
from minsheng.model.plan import ParsedPlan
from minsheng.model.value import Value, ValueKind
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.store.tables import Indicator
from minsheng.usecases import import_plan
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.plans import covered_regions, find_current_plan, targets_of

PLAN = "合肥市"
YEARS = range(2020, 2026)
CSV_HEADER = ("region", "indicator", "year", "value", "unit", "source")
XLSX_HEADER = (
    "地区",
    "指标",
    "年份",
    "数值",
    "单位",
    "数据来源",
    "备注",
    "领域",
    "基期值",
    "目标值",
)
YES = "是"
SOURCE = "部门报送"


@dataclass(frozen=True)
class Generated:
    """One valid row of a department's file, with the template's context columns."""

    region: str
    indicator: str
    year: int
    value: str
    unit: str
    domain: str
    baseline: str
    target: str


# --- The database ---------------------------------------------------------------------------


def widened(parsed: ParsedPlan, copies: int) -> ParsedPlan:
    """The plan with its indicators repeated `copies` times under numbered names."""
    indicators = [
        indicator.model_copy(update={"name": f"{indicator.name}（{copy}）"} if copy else {})
        for copy in range(copies)
        for indicator in parsed.indicators
    ]
    return parsed.model_copy(update={"indicators": indicators, "source": "widened.json"})


def populate(url: str, rows: int) -> None:
    """Migrate, store the bundled plans, then widen Hefei's until it offers `rows` rows."""
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        plans = bundled_plans()
        set_up_demo(session, plans)
        hefei = next(plan for plan in plans if plan.plan.region == PLAN)
        current = find_current_plan(session, region=PLAN)
        regions = covered_regions(session, current, store_children=True)
        per_copy = len(hefei.indicators) * len(regions) * len(YEARS)
        import_plan(session, widened(hefei, math.ceil(rows / per_copy)), author="benchmark")
    engine.dispose()


def generate(url: str, count: int) -> list[Generated]:
    """`count` valid rows: indicator × region × year, values growing about 3 % a year."""
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        plan = find_current_plan(session, region=PLAN)
        regions = [region.name for region in covered_regions(session, plan, store_children=False)]
        indicators, _ = targets_of(session, plan)
        rng = random.Random(2025)
        rows = [
            row
            for indicator in indicators
            for place, region in enumerate(regions)
            for row in _series(indicator, region, place, rng)
        ]
    engine.dispose()
    return rows[:count]


def _series(
    indicator: Indicator, region: str, place: int, rng: random.Random
) -> Iterator[Generated]:
    target = Value.model_validate(indicator.target)
    baseline = Value.model_validate(indicator.baseline)
    qualitative = target.kind is ValueKind.QUALITATIVE
    spec = IndicatorSpec.infer(indicator.name, indicator.unit, qualitative=qualitative)
    start = abs(baseline.number or 0.0) or 50.0
    for year in YEARS:
        value = YES if qualitative else f"{_grown(spec, start * (1 + 0.01 * place), year, rng):.2f}"
        yield Generated(region, indicator.name, year, value, indicator.unit or "",
                        indicator.domain or "", baseline.raw, target.raw)  # fmt: skip


def _grown(spec: IndicatorSpec, start: float, year: int, rng: random.Random) -> float:
    value = start * 1.03 ** (year - 2020) * rng.uniform(0.99, 1.01)
    if rng.random() < 0.0005:
        value *= 3  # a wild value: stored, and flagged
    return min(value, 99.9) if spec.is_percent and not spec.allows_over_100 else value


def write_csv(path: Path, rows: list[Generated]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(CSV_HEADER)
        writer.writerows((r.region, r.indicator, r.year, r.value, r.unit, SOURCE) for r in rows)
    return path


def write_xlsx(path: Path, rows: list[Generated]) -> Path:
    """The filled template as Excel saves it: strings shared, years and values numbers."""
    strings: dict[str, int] = {}
    lines = [_xlsx_row(1, XLSX_HEADER, strings)]
    for number, r in enumerate(rows, start=2):
        value = r.value if r.value == YES else float(r.value)
        cells = (r.region, r.indicator, r.year, value, r.unit, SOURCE, "", r.domain, r.baseline,
                 r.target)  # fmt: skip
        lines.append(_xlsx_row(number, cells, strings))
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, part in XLSX_PARTS.items():
            book.writestr(name, XML + part)
        book.writestr("xl/sharedStrings.xml", f'{XML}<sst xmlns="{MAIN}">{shared}</sst>')
        sheet = f'<worksheet xmlns="{MAIN}"><sheetData>{"".join(lines)}</sheetData></worksheet>'
        book.writestr("xl/worksheets/sheet1.xml", XML + sheet)
    return path


def _xlsx_row(number: int, cells: tuple[object, ...], strings: dict[str, int]) -> str:
    xml = []
    for column, value in zip("ABCDEFGHIJ", cells, strict=False):
        if isinstance(value, str):
            if value:
                index = strings.setdefault(value, len(strings))
                xml.append(f'<c r="{column}{number}" t="s"><v>{index}</v></c>')
        else:
            xml.append(f'<c r="{column}{number}"><v>{value}</v></c>')
    return f'<row r="{number}">{"".join(xml)}</row>'


XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
XLSX_PARTS = {
    "[Content_Types].xml": f'<Types xmlns="{PACKAGE}/content-types">'
    f'<Default Extension="rels" ContentType="{RELS_TYPE}"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{SHEET_TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHEET_TYPE}.sharedStrings+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{SHEET_TYPE}.styles+xml"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{PACKAGE}/relationships"><Relationship Id="rId1" '
    f'Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>'
    '<sheet name="填报" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{OFFICE}/styles" Target="styles.xml"/></Relationships>',
    "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font/></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf/></cellXfs>'
    "</styleSheet>",
}


def write_files(folder: Path, rows: list[Generated]) -> list[Path]:
    count = len(rows)
    return [write_csv(folder / f"{count}.csv", rows), write_xlsx(folder / f"{count}.xlsx", rows)]
