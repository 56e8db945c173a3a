"""The indicator catalogue: one entry per concept, however each plan words it.

Plans name the same measure differently (每千人口执业（助理）医师数, 每千常住人口执业(助理)医师数,
每千人口拥有执业(助理)医师). An entry holds the canonical name, a stable ASCII key, the
unit, the direction in which the value is good, the domain, a short definition where a plan
gives one, and the other names (aliases) plans use for it. `Catalogue.match` finds the entry
for a name by exact comparison of `normalize_name` keys, never by similarity.

The bundled catalogue (data/catalogue.csv) was built by reading the indicator tables of the
seed plans and the national plan. Grouping rules: names share an entry when they denote the
same measure of the same population; the unit's multiplier (张 / 万张) may differ because
the plan's own unit column carries it. A five-year total and a year-end figure of the same
measure share an entry (城镇新增就业人数 / 五年城镇新增就业人数): whether a target is
cumulative is a property of the plan's cell, kept on the indicator, not of the concept.

Catalogues are immutable; an administrator's additions are made with `with_entry` and
`with_alias`, which return a new catalogue, and saved by whoever stores them via `to_rows`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from importlib.resources import files

from minsheng.model.plan import DOMAINS


class Direction(StrEnum):
    """The sense in which a value is good; it decides what "meeting the target" means."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    WITHIN_BAND = "within_band"
    QUALITATIVE = "qualitative"


COLUMNS: tuple[str, ...] = ("key", "name", "unit", "direction", "domain", "definition", "aliases")
"""Columns of catalogue.csv and of `Catalogue.to_rows`."""

ALIAS_SEPARATOR = "|"

_KEY = re.compile(r"[a-z][a-z0-9_]*")

# Brackets NFKC leaves alone, folded to the ASCII pair; 、and quotes are dropped.
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "［": "(", "］": ")"})
_DROPPED = re.compile(r"[\s、,，;；:：\"'“”‘’「」『』《》·•]")

# A trailing bracket that holds only a unit: (个), (%), (万人次), (每10万人), (平方米/人).
_UNIT_CHARS = "个人岁年月日张次户套所间座床位项家名件册辆平方米公里顷亩元万千百亿每/%‰‱.·0-9m²"
_TRAILING_UNIT = re.compile(rf"\([{_UNIT_CHARS}]{{1,8}}\)$")

# 每千常住人口 → 每千人口: 常住 only after a per-population head (每千/每万/每百…).
_RESIDENT = re.compile(r"(每[十百千万]?)常住(人口)")
# 每千人口拥有注册护士数 → 每千人口注册护士数: 拥有 only right after a 每… head (≤8 chars).
_HAVING = re.compile(r"(每[^每拥]{1,8}?)拥有")
# 其中：…: the sub-row marker of a table, not part of the name.
_SUB_ROW = re.compile(r"^其中")
# The particle 的 (…申请公租房的保障率), except inside 目的.
_PARTICLE = re.compile(r"(?<!目)的")


def normalize_name(name: str) -> str:
    """The key two names must share to denote the same catalogue entry.

    Folds full-width characters and brackets to half width (NFKC, plus 【】〔〕［］),
    drops whitespace, 、, commas, colons and quotes, drops a leading 其中, a trailing
    bracket that holds only a unit (每千人口拥有3岁以下婴幼儿托位数（个）), the filler 常住 in
    每千常住人口, the filler 拥有 right after a 每… head, and the particle 的. Nothing else:
    other synonyms (老人 / 老年人, 流通 / 服务) are aliases in the catalogue, not rules here.
    """
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS)
    text = _DROPPED.sub("", text)
    text = _SUB_ROW.sub("", text)
    text = _TRAILING_UNIT.sub("", text)
    text = _RESIDENT.sub(r"\1\2", text)
    text = _HAVING.sub(r"\1", text)
    return _PARTICLE.sub("", text)


@dataclass(frozen=True)
class CatalogueEntry:
    """One indicator concept.

    `key` is a stable ASCII slug (physicians_per_1000) for code and URLs; `name` is the
    canonical Chinese name; `aliases` are the other names plans use for the same concept.
    """

    key: str
    name: str
    unit: str | None
    direction: Direction
    domain: str
    definition: str = ""
    aliases: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not _KEY.fullmatch(self.key):
            raise ValueError(f"catalogue key must be a lower-case ASCII slug: {self.key!r}")
        if not self.name.strip():
            raise ValueError(f"catalogue entry {self.key} has no name")
        if self.domain not in DOMAINS:
            raise ValueError(f"catalogue entry {self.key}: unknown domain {self.domain!r}")
        object.__setattr__(self, "direction", Direction(self.direction))
        object.__setattr__(self, "unit", self.unit or None)
        object.__setattr__(self, "aliases", tuple(self.aliases))

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)

    def to_row(self) -> dict[str, str]:
        """The entry as one catalogue.csv row."""
        return {
            "key": self.key,
            "name": self.name,
            "unit": self.unit or "",
            "direction": self.direction.value,
            "domain": self.domain,
            "definition": self.definition,
            "aliases": ALIAS_SEPARATOR.join(self.aliases),
        }

    @classmethod
    def from_row(cls, row: Mapping[str, str | None]) -> CatalogueEntry:
        """An entry from one catalogue.csv row (aliases separated by `|`)."""
        aliases = (row.get("aliases") or "").split(ALIAS_SEPARATOR)
        return cls(
            key=(row.get("key") or "").strip(),
            name=(row.get("name") or "").strip(),
            unit=(row.get("unit") or "").strip() or None,
            direction=Direction((row.get("direction") or "").strip()),
            domain=(row.get("domain") or "").strip(),
            definition=(row.get("definition") or "").strip(),
            aliases=tuple(a.strip() for a in aliases if a.strip()),
        )


class Catalogue:
    """An immutable set of entries, looked up by key or by any of their names."""

    __slots__ = ("_by_key", "_by_name")

    def __init__(self, entries: Iterable[CatalogueEntry] = ()) -> None:
        by_key: dict[str, CatalogueEntry] = {}
        by_name: dict[str, CatalogueEntry] = {}
        for entry in entries:
            if entry.key in by_key:
                raise ValueError(f"duplicate catalogue key: {entry.key}")
            by_key[entry.key] = entry
            for name in entry.names:
                normalized = normalize_name(name)
                other = by_name.get(normalized)
                if other is not None and other.key != entry.key:
                    raise ValueError(f"{name!r} of {entry.key} is already a name of {other.key}")
                by_name[normalized] = entry
        self._by_key = by_key
        self._by_name = by_name

    @classmethod
    def from_entries(cls, entries: Iterable[CatalogueEntry]) -> Catalogue:
        """A catalogue of these entries; keys and normalized names must be unique."""
        return cls(entries)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str | None]]) -> Catalogue:
        """A catalogue from rows shaped like catalogue.csv (the inverse of `to_rows`)."""
        return cls(CatalogueEntry.from_row(row) for row in rows)

    @classmethod
    def bundled(cls) -> Catalogue:
        """The catalogue shipped with the package (model/data/catalogue.csv), read once."""
        return _bundled()

    def __len__(self) -> int:
        return len(self._by_key)

    def __iter__(self) -> Iterator[CatalogueEntry]:
        return iter(self._by_key.values())

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalogue):
            return NotImplemented
        return self._by_key == other._by_key

    def __hash__(self) -> int:
        return hash(tuple(self._by_key.values()))

    def __repr__(self) -> str:
        return f"Catalogue({len(self)} entries)"

    @property
    def entries(self) -> tuple[CatalogueEntry, ...]:
        return tuple(self._by_key.values())

    def get(self, key: str) -> CatalogueEntry | None:
        """The entry with this key, if any."""
        return self._by_key.get(key)

    def match(self, name: str) -> CatalogueEntry | None:
        """The entry whose name or alias has the same `normalize_name` key, if any."""
        return self._by_name.get(normalize_name(name))

    def with_entry(self, entry: CatalogueEntry) -> Catalogue:
        """A new catalogue with this entry added, or replacing the entry with its key."""
        entries = dict(self._by_key)
        entries[entry.key] = entry
        return Catalogue(entries.values())

    def with_alias(self, key: str, alias: str) -> Catalogue:
        """A new catalogue where the entry `key` also answers to `alias`.

        Raises KeyError for an unknown key and ValueError when the alias already names
        another entry; an alias the entry already matches changes nothing.
        """
        entry = self._by_key.get(key)
        if entry is None:
            raise KeyError(key)
        alias = alias.strip()
        if not alias:
            raise ValueError("an alias must not be empty")
        current = self.match(alias)
        if current is not None:
            if current.key != key:
                raise ValueError(f"{alias!r} is already a name of {current.key}")
            return self
        return self.with_entry(replace(entry, aliases=(*entry.aliases, alias)))

    def to_rows(self) -> list[dict[str, str]]:
        """Every entry as a catalogue.csv row, in catalogue order."""
        return [entry.to_row() for entry in self]


@cache
def _bundled() -> Catalogue:
    text = files("minsheng.model").joinpath("data/catalogue.csv").read_text(encoding="utf-8")
    return Catalogue.from_rows(csv.DictReader(text.splitlines()))
