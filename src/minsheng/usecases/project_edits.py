"""A planner's edit of a key project: the form's (or a spreadsheet row's) text checked field
by field, in Chinese, and written with its history row and audit entry.

Every field a planner sets is remembered in `edited_fields`, so filling the project from
the plan's text again (`project_fill`) leaves it alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from minsheng.errors import InputProblem
from minsheng.labels import PROJECT_FIELDS

STATUSES = ("planned", "in_progress", "completed", "delayed")
STATUS_WORDS = dict(zip(("计划中", "实施中", "已完成", "滞后"), STATUSES, strict=True))
NATURES = ("新建", "改扩建", "扩建", "续建", "改建", "迁建", "其他")
MAX_NOTE_LENGTH = 2000
MAX_UNIT_LENGTH = 200
FIELDS = (
    "district",
    "nature",
    "total_investment",
    "start_month",
    "end_month",
    "responsible_unit",
    "lon",
    "lat",
    "investments",
)
"""The fields an edit sets besides status, progress and note."""
FIELD_LABELS = {
    "status": "实施状态",
    "progress": "完成进度",
    "note": "说明",
    **PROJECT_FIELDS,
}
WAN_PER_YI = 10_000
CHINA_LON = (73.0, 136.0)
CHINA_LAT = (3.0, 54.0)
_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?)\s*(亿元|亿|万元|万)?$")
_MONTH = re.compile(r"^(\d{4})(?:\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?)?\s*年?$")
_YEAR_FIELD = re.compile(r"^(planned|completed)_(\d{4})$")


class EditRefused(InputProblem):
    """An edit with bad fields: every problem named, field by field, nothing written."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        named = "；".join(f"{FIELD_LABELS.get(k, k)}：{v}" for k, v in problems.items())
        super().__init__(named, field=",".join(problems))


@dataclass(frozen=True)
class ProjectEdit:
    """What an edit sets; `investments` is {"2023": {"planned": 万元, "completed": 万元}}."""

    status: str
    progress: int | None = None
    note: str | None = None
    district: str | None = None
    nature: str | None = None
    total_investment: float | None = None
    start_month: str | None = None
    end_month: str | None = None
    responsible_unit: str | None = None
    lon: float | None = None
    lat: float | None = None
    investments: dict[str, dict[str, float | None]] = field(default_factory=dict)


def parse_edit(form: Mapping[str, str], *, districts: Collection[str], years: range) -> ProjectEdit:
    """The form's text as an edit; raises `EditRefused` naming every bad field in Chinese.
    `districts` are the names the project may lie in, `years` the plan's period."""
    problems: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, parse in _PARSERS.items():
        try:
            values[name] = parse(_text(form.get(name)))
        except ValueError as error:
            problems[name] = str(error)
    _check_choices(values, problems, districts)
    _check_together(values, problems)
    values["investments"] = _investments(form, years, problems)
    if problems:
        raise EditRefused(problems)
    return ProjectEdit(**values)


def _text(value: str | None) -> str:
    return (value or "").strip()


def parse_status(text: str) -> str:
    """An English status or its Chinese label (as the spreadsheet shows it)."""
    chinese = {
        "计划中": "planned",
        "实施中": "in_progress",
        "已完成": "completed",
        "滞后": "delayed",
    }
    status = chinese.get(text, text)
    if status not in STATUSES:
        raise ValueError("请选择计划中、实施中、已完成或滞后")
    return status


def parse_progress(text: str) -> int | None:
    """Blank is unknown, else a whole percentage 0–100."""
    if not text:
        return None
    if not text.rstrip("%").isdigit() or int(text.rstrip("%")) > 100:
        raise ValueError("请填写 0—100 之间的整数")
    return int(text.rstrip("%"))


def parse_amount(text: str) -> float | None:
    """An amount in 万元; `1.2亿元` and `8,000万元` are normalised to 万元."""
    if not text:
        return None
    match = _AMOUNT.match(text.replace(",", "").replace("，", ""))
    if not match:
        raise ValueError("请填写不小于 0 的金额（万元），如 8000 或 1.2亿元")
    scale = WAN_PER_YI if (match[2] or "").startswith("亿") else 1
    amount = float(match[1]) * scale
    if not math.isfinite(amount):
        raise ValueError("金额过大，无法保存")
    return round(amount, 4)


def parse_month(text: str) -> str | None:
    """`2023-05`, `2023年5月` or a bare year `2023`, as YYYY-MM or YYYY."""
    if not text:
        return None
    match = _MONTH.match(text)
    month = int(match[2]) if match and match[2] else None
    if not match or not 1990 <= int(match[1]) <= 2060 or month not in (None, *range(1, 13)):
        raise ValueError("请按“2023-05”或“2023”填写年月")
    return f"{match[1]}-{month:02d}" if month else match[1]


def parse_coordinate(text: str) -> float | None:
    if not text:
        return None
    try:
        degrees = float(text)
    except ValueError:
        degrees = math.nan
    if not math.isfinite(degrees):
        raise ValueError("请填写十进制度数，如 117.283")
    return degrees


def parse_short_text(text: str) -> str | None:
    if len(text) > MAX_UNIT_LENGTH:
        raise ValueError(f"不能超过 {MAX_UNIT_LENGTH} 个字")
    return text or None


def parse_note(text: str) -> str | None:
    if len(text) > MAX_NOTE_LENGTH:
        raise ValueError(f"不能超过 {MAX_NOTE_LENGTH} 个字")
    return text or None


_PARSERS = {
    "status": parse_status,
    "progress": parse_progress,
    "note": parse_note,
    "district": lambda text: text or None,
    "nature": lambda text: text or None,
    "total_investment": parse_amount,
    "start_month": parse_month,
    "end_month": parse_month,
    "responsible_unit": parse_short_text,
    "lon": parse_coordinate,
    "lat": parse_coordinate,
}


def _check_choices(
    values: dict[str, Any], problems: dict[str, str], districts: Collection[str]
) -> None:
    district, nature = values.get("district"), values.get("nature")
    if district and district not in districts:
        problems["district"] = f"“{district}”不是本规划地区的区县"
    if nature and nature not in NATURES:
        problems["nature"] = f"请选择{'、'.join(NATURES)}之一"


def _check_together(values: dict[str, Any], problems: dict[str, str]) -> None:
    """Start before end; a location is both coordinates, inside China (lon first)."""
    start, end = values.get("start_month"), values.get("end_month")
    if start and end and (start[:4] > end[:4] or (len(start) == len(end) and start > end)):
        problems["end_month"] = "竣工时间不能早于开工时间"
    lon, lat = values.get("lon"), values.get("lat")
    if "lon" in problems or "lat" in problems:
        return
    if (lon is None) != (lat is None):
        problems["lon" if lon is None else "lat"] = "经度和纬度须同时填写"
    elif lon is not None and lat is not None and not _in_china(lon, lat):
        problems["lon"] = "坐标不在中国境内：请填写 WGS84 经纬度，经度在前（如 117.28, 31.86）"


def _in_china(lon: float, lat: float) -> bool:
    return CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]


def _investments(
    form: Mapping[str, str], years: range, problems: dict[str, str]
) -> dict[str, dict[str, float | None]]:
    """`planned_2023` / `completed_2023` fields as {"2023": {...}}; years outside the plan's
    period are refused, blank years left out."""
    found: dict[str, dict[str, float | None]] = {}
    for key, raw in form.items():
        match = _YEAR_FIELD.match(key)
        if not match or not _text(raw):
            continue
        kind, year = match[1], int(match[2])
        if year not in years:
            problems[key] = f"{year} 年不在规划期 {years.start}—{years.stop - 1} 年内"
            continue
        try:
            found.setdefault(str(year), {"planned": None, "completed": None})[kind] = parse_amount(
                _text(raw)
            )
        except ValueError as error:
            problems[key] = f"{year} 年{'计划' if kind == 'planned' else '完成'}投资：{error}"
    return dict(sorted(found.items()))
