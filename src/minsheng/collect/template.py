"""Write the Excel workbook a department fills in: one row per indicator × region × year.

Layout of the data sheet (`填报`), header on row 1 and frozen:

    地区 | 指标 | 年份 | 数值 | 单位 | 数据来源 | 备注 | 领域 | 2020年基期值 | 2025年目标值

The first seven columns are the ones `read_observation_file` looks for by name, so the
file goes back in as it comes out; the last three are context for the person filling it
in and are ignored on import. The sheet is protected without a password: only 数值,
数据来源 and 备注 are unlocked, so a department cannot rename a region or shift a year by
accident but an administrator can still unprotect it. 数值 is validated as a decimal (or
as 是/否 for qualitative indicators), 数据来源 as a list. The second sheet (`填报说明`)
explains, in Chinese, how to fill the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from minsheng.collect import messages as msg
from minsheng.model.cell import parse_value
from minsheng.model.value import ValueKind

_LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
_INPUT_FILL = PatternFill("solid", fgColor="FFF9DB")
_HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
_UNLOCKED = Protection(locked=False)
_DECIMAL_LIMIT = "1000000000000"
CellValue = str | int | None


@dataclass(frozen=True)
class TemplateRow:
    """One indicator for one region; the template repeats it once per year.

    `baseline` and `target` are the raw cells of the plan's table, shown for context.
    `qualitative` is read from the target (应保尽保, 全覆盖 … parse as QUALITATIVE) unless
    given.
    """

    region: str
    indicator: str
    unit: str | None
    domain: str | None
    baseline: str
    target: str
    qualitative: bool | None = None

    @property
    def is_qualitative(self) -> bool:
        if self.qualitative is not None:
            return self.qualitative
        return parse_value(self.target).kind is ValueKind.QUALITATIVE


@dataclass(frozen=True)
class TemplateSpec:
    """What to collect: for a plan and a department, these rows for these years."""

    plan_title: str
    department: str
    years: Sequence[int]
    rows: Sequence[TemplateRow]
    base_year: int = 2020
    target_year: int = 2025


# (header, width, input column?) in sheet order; the reader finds columns by header.
def _columns(spec: TemplateSpec) -> list[tuple[str, int, bool]]:
    return [
        (msg.HEADER_REGION, 14, False),
        (msg.HEADER_INDICATOR, 46, False),
        (msg.HEADER_YEAR, 8, False),
        (msg.HEADER_VALUE, 12, True),
        (msg.HEADER_UNIT, 10, False),
        (msg.HEADER_SOURCE, 12, True),
        (msg.HEADER_NOTE, 30, True),
        (msg.HEADER_DOMAIN, 14, False),
        (msg.HEADER_BASELINE.format(year=spec.base_year), 14, False),
        (msg.HEADER_TARGET.format(year=spec.target_year), 14, False),
    ]


def write_template(spec: TemplateSpec, path: Path | str) -> Path:
    """Write the workbook for `spec` to `path` (overwriting it) and return the path."""
    path = Path(path)
    workbook = Workbook()
    data = workbook.active
    assert data is not None
    data.title = msg.DATA_SHEET
    _write_data_sheet(data, spec)
    _write_instructions(workbook.create_sheet(msg.INSTRUCTIONS_SHEET), spec)
    workbook.properties.title = msg.INSTRUCTIONS_TITLE.format(plan=spec.plan_title)
    workbook.properties.creator = spec.department
    workbook.active = 0
    workbook.save(path)
    return path


def _write_data_sheet(sheet: Worksheet, spec: TemplateSpec) -> None:
    columns = _columns(spec)
    _write_header(sheet, columns)
    validations = _Validations.for_spec(spec)
    last_row = 1
    for row in spec.rows:
        for year in spec.years:
            last_row += 1
            _write_row(sheet, last_row, _row_values(row, year), columns)
            validations.cover(last_row, qualitative=row.is_qualitative)
    validations.add_to(sheet)
    if last_row > 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"
    _protect(sheet)


def _write_header(sheet: Worksheet, columns: list[tuple[str, int, bool]]) -> None:
    """Bold, shaded, centred headers over columns of set widths; the header row frozen."""
    for index, (header, width, _) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _row_values(row: TemplateRow, year: int) -> tuple[CellValue, ...]:
    """One row's cells in column order: 数值, 数据来源 and 备注 left for the department."""
    return (row.region, row.indicator, year, None, row.unit or "", None, None,
            row.domain or "", row.baseline, row.target)  # fmt: skip


def _write_row(
    sheet: Worksheet,
    number: int,
    values: tuple[CellValue, ...],
    columns: list[tuple[str, int, bool]],
) -> None:
    """Input cells unlocked and yellow, the others locked and grey."""
    for index, (value, (_, _, is_input)) in enumerate(zip(values, columns, strict=True), start=1):
        cell = sheet.cell(row=number, column=index, value=value)
        if is_input:
            cell.protection = _UNLOCKED
            cell.fill = _INPUT_FILL
        else:
            cell.fill = _LOCKED_FILL


@dataclass(frozen=True)
class _Validations:
    """The sheet's data validations: 数值 as a number or 是/否, 数据来源 a list, 年份 fixed."""

    number: DataValidation
    yes_no: DataValidation
    source: DataValidation
    years: DataValidation

    @classmethod
    def for_spec(cls, spec: TemplateSpec) -> _Validations:
        return cls(_number_validation(), _yes_no_validation(), _source_validation(),
                   _year_validation(spec))  # fmt: skip

    def cover(self, row: int, *, qualitative: bool) -> None:
        (self.yes_no if qualitative else self.number).add(f"D{row}")
        self.source.add(f"F{row}")
        self.years.add(f"C{row}")

    def add_to(self, sheet: Worksheet) -> None:
        for validation in (self.number, self.yes_no, self.source, self.years):
            if validation.sqref.ranges:
                sheet.add_data_validation(validation)


def _number_validation() -> DataValidation:
    return _value_validation(
        DataValidation(
            type="decimal",
            operator="between",
            formula1=f"-{_DECIMAL_LIMIT}",
            formula2=_DECIMAL_LIMIT,
        ),
        msg.VALIDATION_VALUE_NUMBER,
    )


def _yes_no_validation() -> DataValidation:
    return _value_validation(
        DataValidation(type="list", formula1=f'"{msg.YES},{msg.NO}"'),
        msg.VALIDATION_VALUE_YES_NO,
    )


def _source_validation() -> DataValidation:
    return DataValidation(
        type="list",
        formula1='"{}"'.format(",".join(msg.TEMPLATE_SOURCES)),
        allow_blank=True,
        showErrorMessage=True,
        promptTitle=msg.VALIDATION_SOURCE_TITLE,
        prompt=msg.VALIDATION_SOURCE,
        errorTitle=msg.VALIDATION_ERROR_TITLE,
        error=msg.VALIDATION_SOURCE,
    )


def _year_validation(spec: TemplateSpec) -> DataValidation:
    return DataValidation(
        type="whole",
        operator="between",
        formula1=str(min(spec.years, default=spec.base_year)),
        formula2=str(max(spec.years, default=spec.target_year)),
        showErrorMessage=True,
        errorTitle=msg.VALIDATION_ERROR_TITLE,
        error=msg.VALIDATION_YEAR,
    )


def _value_validation(validation: DataValidation, text: str) -> DataValidation:
    validation.allow_blank = True
    validation.showErrorMessage = True
    validation.showInputMessage = True
    validation.promptTitle = msg.VALIDATION_VALUE_TITLE
    validation.prompt = text
    validation.errorTitle = msg.VALIDATION_ERROR_TITLE
    validation.error = text
    return validation


def _protect(sheet: Worksheet) -> None:
    """Lock every cell but the unlocked inputs; columns may still be widened or filtered."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.autoFilter = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def _write_instructions(sheet: Worksheet, spec: TemplateSpec) -> None:
    years = "、".join(str(year) for year in spec.years)
    title = sheet.cell(row=1, column=1, value=msg.INSTRUCTIONS_TITLE.format(plan=spec.plan_title))
    title.font = Font(bold=True, size=14)
    lines = [
        line.format(plan=spec.plan_title, department=spec.department, years=years)
        for line in msg.INSTRUCTIONS_HEADER
    ]
    lines += ["", *msg.INSTRUCTIONS]
    for offset, line in enumerate(lines, start=3):
        cell = sheet.cell(row=offset, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if line[1:2] == "、":  # a section heading: 一、二、…
            cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 110
    sheet.protection.sheet = True
