"""An item's standard at each level side by side, local levels checked against the
national floor (不低于国家标准) by comparing the numbers of their 服务标准."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from minsheng.evaluate.standard_floor import Floor, FloorCheck, check_floor
from minsheng.store.repositories import service_items, standard_levels
from minsheng.store.tables import ServiceItem, StandardLevel
from minsheng.store.tables.standards import STANDARD_LEVELS
from minsheng.usecases.standards.documents import LEVEL_LABELS
from minsheng.usecases.standards.search import FIELDS

ONLINE = "在线维护"


@dataclass(frozen=True)
class LevelColumn:
    """One level's standard in force: its fields and where it comes from."""

    level: str
    label: str
    fields: dict[str, str | None]
    source: str | None
    as_of: date | None
    imported_at: datetime | None
    floor: FloorCheck | None  # local levels against the national one

    @property
    def below_floor(self) -> bool:
        return self.floor is not None and self.floor.result is Floor.BELOW

    @property
    def comparable(self) -> bool:
        return self.floor is not None and self.floor.result is not Floor.NOT_COMPARABLE


@dataclass(frozen=True)
class ItemLevels:
    columns: list[LevelColumn]

    @property
    def below_floor(self) -> list[LevelColumn]:
        return [column for column in self.columns if column.below_floor]


def item_levels(session: Session, *, item_id: int) -> ItemLevels:
    """National, provincial and city standards of the item where known, in that order.

    With no city version stored, the item's own fields stand for the city when a planner
    has written them differently from every stored level (labelled 在线维护)."""
    stored = standard_levels.latest_by_level(session, item_id=item_id)
    item = service_items.get_item(session, item_id=item_id)
    national = stored.get("national")
    columns = [
        _column(level, stored[level], national) for level in STANDARD_LEVELS if level in stored
    ]
    if item is not None and "city" not in stored and _edited_online(item, stored):
        columns.append(_online(item, national))
    return ItemLevels(columns)


def _fields(row: StandardLevel | ServiceItem) -> dict[str, str | None]:
    return {name: getattr(row, name) for name in FIELDS}


def _floor(local: dict[str, str | None], national: StandardLevel | None) -> FloorCheck | None:
    return None if national is None else check_floor(local["standard"], national.standard)


def _column(level: str, row: StandardLevel, national: StandardLevel | None) -> LevelColumn:
    fields = _fields(row)
    floor = None if level == "national" else _floor(fields, national)
    return LevelColumn(
        level, LEVEL_LABELS[level], fields, row.source, row.as_of, row.imported_at, floor
    )


def _edited_online(item: ServiceItem, stored: dict[str, StandardLevel]) -> bool:
    """The 服务标准 a planner wrote is none of the stored levels' (the other fields may be
    merged from several levels by imports)."""
    return bool(item.standard) and all(item.standard != row.standard for row in stored.values())


def _online(item: ServiceItem, national: StandardLevel | None) -> LevelColumn:
    fields = _fields(item)
    label = f"市级标准（{ONLINE}）"
    return LevelColumn("city", label, fields, ONLINE, None, None, _floor(fields, national))
