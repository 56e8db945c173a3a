"""Residents and households per region and year, imported from a file: every row checked
first (each bad cell named), then all stored, or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy.orm import Session

from minsheng.collect import messages as msg
from minsheng.collect.population import POPULATION, check_population
from minsheng.collect.readers import read_table_file
from minsheng.collect.records import Records
from minsheng.collect.validate.cells import Cell
from minsheng.errors import EmptyDocument
from minsheng.model.gazetteer import known_regions, province_of, regions_named
from minsheng.store.repositories import audit, regions
from minsheng.store.repositories.population import PopulationFigure, put_figures
from minsheng.store.tables import Region
from minsheng.usecases.observations import ObservationFileRejected

_CODE_LENGTH = 6


class PopulationFileRejected(ObservationFileRejected):
    """A population file with problems: every one listed, nothing stored."""

    code = "population_file_rejected"


@dataclass(frozen=True)
class PopulationImport:
    """What an import stored: figures added and figures that replaced earlier ones."""

    added: int
    replaced: int
    regions: int
    years: tuple[int, ...]


def import_population(session: Session, *, path: Path, author: str) -> PopulationImport:
    """Check the whole file, then store every figure (replacing the same region and year)."""
    records = read_table_file(path, POPULATION)
    if not len(records):
        raise EmptyDocument(msg.EMPTY_FILE, file=path.name)
    return record_population(session, records=records, author=author)


def record_population(session: Session, *, records: Records, author: str) -> PopulationImport:
    """Check every record (a file's, the API's, a form's), then store all figures or none."""
    checked = check_population(records, region_lookup(session))
    if checked.problems:
        raise PopulationFileRejected(checked.problems, file=records.file)
    figures = [
        PopulationFigure(r.region_id, r.year, r.population, r.households, r.source)
        for r in checked.rows
    ]
    added, replaced = put_figures(session, figures)
    years = tuple(sorted({f.year for f in figures}))
    detail = {"file": records.file, "added": added, "replaced": replaced, "years": list(years)}
    audit.record(
        session,
        username=author,
        action="import",
        entity="population",
        entity_id=None,
        detail=detail,
    )
    return PopulationImport(added, replaced, len({f.region_id for f in figures}), years)


def region_lookup(session: Session) -> Callable[[str], Cell]:
    """A region cell → its id: a 6-digit code, or a name that names one region only (a
    stored one first, else one the gazetteer knows); each text is resolved once."""

    @cache
    def lookup(text: str) -> Cell:
        if text.isdigit() and len(text) == _CODE_LENGTH:
            found = regions.ensure_code(session, code=text)
            return Cell(found.id) if found else Cell(None, msg.UNKNOWN_REGION.format(raw=text))
        return _by_name(session, text)

    return lookup


def _by_name(session: Session, name: str) -> Cell:
    stored = regions.find_by_name(session, name=name)
    if len(stored) == 1:
        return Cell(stored[0].id)
    known = regions_named(name)
    if len(known) == 1 and not stored:
        found = regions.ensure_code(session, code=known[0].code)
        return Cell(found.id if found else None)
    if not stored and not known:
        return Cell(None, msg.UNKNOWN_REGION.format(raw=name))
    places = "、".join(_place(code) for code in sorted({r.code for r in known} | _codes(stored)))
    return Cell(None, msg.AMBIGUOUS_REGION.format(raw=name, places=places))


def _codes(stored: list[Region]) -> set[str]:
    return {region.code for region in stored if region.code}


def _place(code: str) -> str:
    """A code with its province, for telling namesakes apart (鼓楼区 320106 江苏省)."""
    known = known_regions().get(code)
    province = province_of(known) if known else None
    return f"{code} {province.name}" if province else code
