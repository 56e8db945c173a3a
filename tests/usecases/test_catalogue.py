"""An administrator's additions to the catalogue, on a real database of either kind.

Every indicator of the Hefei seed plan matches a bundled entry, so these tests rename some
of its indicators (model_copy) to wordings the bundled catalogue does not know.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from minsheng.errors import Conflict, InputProblem, NotFound
from minsheng.model.catalogue import Catalogue, Direction
from minsheng.store import session_scope
from minsheng.store.repositories import audit
from minsheng.store.tables import Indicator, StoredCatalogueAlias, StoredCatalogueEntry
from minsheng.usecases import cache, compare_indicator, import_plan
from minsheng.usecases.catalogue import (
    add_alias,
    add_entry,
    catalogue_for,
    describe_entry,
    list_catalogue,
    new_entry,
)
from minsheng.usecases.read.evaluations import evaluate_plans
from minsheng.usecases.read.plans import current_plans

ADMIN = "管理员"
DOCTORS = "每千常住人口执业(助理)医师数"  # physicians_per_1000 in the Hefei plan
DOCTORS_NEW = "每千常住人口执业医师和执业助理医师数"  # a wording no bundled entry knows
EVENTS = "每个文化站每年群众公共文体活动场次"  # cultural_station_events
TRAINING = "补贴性职业技能培训"  # subsidized_skills_training
NURSERY = "普惠性托育机构覆盖率"  # a concept the bundled catalogue lacks
NURSERY_ALIAS = "普惠托育机构覆盖率"


def renamed(parsed, renames: dict[str, str]):
    """The plan with these indicators renamed, every other part unchanged."""
    assert set(renames) <= {i.name for i in parsed.indicators}
    indicators = [
        i.model_copy(update={"name": renames[i.name]}) if i.name in renames else i
        for i in parsed.indicators
    ]
    return parsed.model_copy(update={"indicators": indicators})


@pytest.fixture
def hefei_renamed(engine, hefei_plan):
    """Hefei stored with three indicators worded so that nothing in the catalogue matches."""
    parsed = renamed(hefei_plan, {DOCTORS: DOCTORS_NEW, EVENTS: NURSERY_ALIAS, TRAINING: NURSERY})
    with session_scope(engine) as session:
        import_plan(session, parsed, author="规划处")
    assert keys_of(engine, DOCTORS_NEW, NURSERY_ALIAS, NURSERY) == {
        DOCTORS_NEW: None,
        NURSERY_ALIAS: None,
        NURSERY: None,
    }
    return parsed


def keys_of(engine, *names: str) -> dict[str, str | None]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(Indicator.name, Indicator.catalogue_key).where(Indicator.name.in_(names))
        ).all()
    return dict(rows)


def nursery_entry(**changes):
    fields = {
        "key": "childcare_institution_coverage",
        "name": NURSERY,
        "unit": "%",
        "direction": "higher_is_better",
        "domain": "幼有所育",
        "definition": "提供普惠托育服务的机构占比",
    } | changes
    return new_entry(**fields)


def test_without_additions_the_catalogue_is_the_bundled_one(engine):
    with session_scope(engine) as session:
        assert catalogue_for(session) == Catalogue.bundled()
        listed = list_catalogue(session)
    assert [item.entry for item in listed] == list(Catalogue.bundled())
    assert {item.origin for item in listed} == {"bundled"}


def test_an_alias_links_the_stored_indicator_it_names(engine, hefei_renamed):
    with session_scope(engine) as session:
        change = add_alias(session, key="physicians_per_1000", alias=DOCTORS_NEW, author=ADMIN)
    assert (change.key, change.added, change.linked) == ("physicians_per_1000", True, 1)
    assert keys_of(engine, DOCTORS_NEW) == {DOCTORS_NEW: "physicians_per_1000"}
    with session_scope(engine) as session:
        catalogue = catalogue_for(session)
        assert catalogue.match(DOCTORS_NEW).key == "physicians_per_1000"
        assert catalogue.match(DOCTORS).key == "physicians_per_1000"  # the bundled names stay
        alias = session.scalar(select(StoredCatalogueAlias))
        assert (alias.key, alias.alias, alias.created_by) == (
            "physicians_per_1000",
            DOCTORS_NEW,
            ADMIN,
        )
        added = audit.entries(session, entity="catalogue_alias")
        assert [(e.action, e.username, e.entity_id, e.detail) for e in added] == [
            ("add", ADMIN, alias.id, {"key": "physicians_per_1000", "alias": DOCTORS_NEW})
        ]
        linked = audit.entries(session, entity="indicator")
        assert [(e.action, e.detail["catalogue_key"], e.detail["name"]) for e in linked] == [
            ("link", "physicians_per_1000", DOCTORS_NEW)
        ]


def test_an_alias_takes_effect_in_comparisons(engine, hefei_renamed):
    with session_scope(engine) as session:
        add_alias(session, key="physicians_per_1000", alias=DOCTORS_NEW, author=ADMIN)
    with session_scope(engine) as session:
        comparison = compare_indicator(session, name=DOCTORS_NEW, year=2023)
    assert comparison.entry.key == "physicians_per_1000"
    assert [(row.region, row.evaluation.name) for row in comparison.rows] == [
        ("合肥市", DOCTORS_NEW)
    ]


def test_a_plan_imported_after_the_alias_is_linked_on_import(engine, hefei_plan):
    with session_scope(engine) as session:
        add_alias(session, key="physicians_per_1000", alias=DOCTORS_NEW, author=ADMIN)
    with session_scope(engine) as session:
        import_plan(session, renamed(hefei_plan, {DOCTORS: DOCTORS_NEW}), author="规划处")
    assert keys_of(engine, DOCTORS_NEW) == {DOCTORS_NEW: "physicians_per_1000"}


def test_a_new_entry_and_its_alias_link_new_indicators(engine, hefei_renamed):
    with session_scope(engine) as session:
        change = add_entry(session, entry=nursery_entry(), author=ADMIN)
    assert (change.key, change.added, change.linked) == ("childcare_institution_coverage", True, 1)
    with session_scope(engine) as session:
        change = add_alias(
            session, key="childcare_institution_coverage", alias=NURSERY_ALIAS, author=ADMIN
        )
    assert change.linked == 1
    assert keys_of(engine, NURSERY, NURSERY_ALIAS) == {
        NURSERY: "childcare_institution_coverage",
        NURSERY_ALIAS: "childcare_institution_coverage",
    }
    with session_scope(engine) as session:
        entry = catalogue_for(session).match(NURSERY_ALIAS)
        assert entry is not None
        assert (entry.key, entry.unit, entry.direction, entry.aliases) == (
            "childcare_institution_coverage",
            "%",
            Direction.HIGHER_IS_BETTER,
            (NURSERY_ALIAS,),
        )
        assert entry.definition == "提供普惠托育服务的机构占比"
        row = session.scalar(select(StoredCatalogueEntry))
        assert (row.key, row.domain, row.created_by) == (entry.key, "幼有所育", ADMIN)
        added = audit.entries(session, entity="catalogue_entry")
        assert [(e.action, e.entity_id, e.detail["key"]) for e in added] == [
            ("add", row.id, "childcare_institution_coverage")
        ]
        listed = list_catalogue(session)
        assert listed[-1].entry == entry
        assert listed[-1].origin == "added"
        detail = describe_entry(session, name=NURSERY_ALIAS)
    assert detail.listed.entry.key == "childcare_institution_coverage"
    assert sorted((i.region, i.name, i.is_current) for i in detail.indicators) == [
        ("合肥市", NURSERY, True),
        ("合肥市", NURSERY_ALIAS, True),
    ]


def test_a_new_entry_stores_its_aliases(engine):
    entry = nursery_entry(aliases=(NURSERY_ALIAS, "普惠性托育机构覆盖率（%）"))
    with session_scope(engine) as session:
        assert add_entry(session, entry=entry, author=ADMIN).linked == 0
    with session_scope(engine) as session:
        # The second alias normalizes to the name itself, so only the first is stored.
        assert [a.alias for a in session.scalars(select(StoredCatalogueAlias))] == [NURSERY_ALIAS]
        assert catalogue_for(session).match(NURSERY_ALIAS).key == "childcare_institution_coverage"


def test_only_empty_catalogue_keys_are_filled(engine, hefei_renamed):
    with session_scope(engine) as session:
        session.execute(
            update(Indicator).where(Indicator.name == DOCTORS_NEW).values(catalogue_key="manual")
        )
    with session_scope(engine) as session:
        change = add_alias(session, key="physicians_per_1000", alias=DOCTORS_NEW, author=ADMIN)
        assert audit.entries(session, entity="indicator") == []
    assert (change.added, change.linked) == (True, 0)
    assert keys_of(engine, DOCTORS_NEW) == {DOCTORS_NEW: "manual"}


def test_an_alias_the_entry_already_has_writes_nothing(engine, row_counts):
    before = row_counts()
    with session_scope(engine) as session:
        change = add_alias(session, key="physicians_per_1000", alias=DOCTORS, author=ADMIN)
    assert (change.added, change.linked) == (False, 0)
    assert row_counts() == before


def test_an_alias_of_another_entry_is_a_conflict_naming_both(engine, hefei_renamed, row_counts):
    before = row_counts()
    with pytest.raises(Conflict) as raised, session_scope(engine) as session:
        add_alias(session, key="physicians_per_1000", alias="每千人口注册护士数", author=ADMIN)
    message = str(raised.value)
    assert "nurses_per_1000" in message
    assert "physicians_per_1000" in message
    assert raised.value.exit_code == 2
    assert row_counts() == before


def test_an_alias_of_an_unknown_key_is_not_found(engine, row_counts):
    before = row_counts()
    with pytest.raises(NotFound, match="no_such_key"), session_scope(engine) as session:
        add_alias(session, key="no_such_key", alias=NURSERY, author=ADMIN)
    with pytest.raises(NotFound, match="physicians_per_1000"), session_scope(engine) as session:
        add_alias(session, key=DOCTORS, alias=NURSERY, author=ADMIN)  # a name, not a key
    with pytest.raises(InputProblem, match="not a usable alias"), session_scope(engine) as session:
        add_alias(session, key="physicians_per_1000", alias=" 、 ", author=ADMIN)
    assert row_counts() == before


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"key": "physicians_per_1000"}, "physicians_per_1000"),  # a bundled key
        ({"name": "每千人口拥有注册护士数"}, "nurses_per_1000"),  # a bundled name
        ({"aliases": ("每千人口注册护士数",)}, "nurses_per_1000"),  # a bundled alias
    ],
)
def test_an_entry_that_clashes_is_a_conflict(engine, row_counts, changes, named):
    before = row_counts()
    with pytest.raises(Conflict, match=named), session_scope(engine) as session:
        add_entry(session, entry=nursery_entry(**changes), author=ADMIN)
    assert row_counts() == before


def test_an_added_entry_clashes_with_later_additions(engine, row_counts):
    with session_scope(engine) as session:
        add_entry(session, entry=nursery_entry(), author=ADMIN)
    before = row_counts()
    clash = "childcare_institution_coverage"
    with pytest.raises(Conflict, match=clash), session_scope(engine) as session:
        add_entry(session, entry=nursery_entry(key="another_key"), author=ADMIN)
    with pytest.raises(Conflict, match=clash), session_scope(engine) as session:
        add_alias(session, key="physicians_per_1000", alias=NURSERY, author=ADMIN)
    assert row_counts() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"direction": "up"}, "direction"),
        ({"domain": "卫生"}, "domain"),
        ({"key": "Nursery-Coverage"}, "key"),
        ({"name": "  "}, "name"),
    ],
)
def test_a_malformed_entry_names_the_field(changes, field):
    with pytest.raises(InputProblem) as raised:
        nursery_entry(**changes)
    assert raised.value.field == field
    assert raised.value.exit_code == 2


def test_the_direction_lists_the_choices():
    with pytest.raises(InputProblem, match="higher_is_better, lower_is_better"):
        nursery_entry(direction="higher")


def test_an_evaluation_reads_its_targets_as_of_its_own_snapshot(
    engine, hefei_renamed, database_kind
):
    """A link written while an evaluation reads: on SQLite, whose read transaction is a
    snapshot, the evaluation judges the state before the link; on PostgreSQL, where the
    targets are read on a connection of their own beside the observations and each
    statement sees what is committed, it judges the link."""
    with session_scope(engine, writes=False) as session:
        before = directions(session)
    with session_scope(engine) as session:  # a throwaway link shows what would change
        add_entry(session, entry=nursery_entry(direction="lower_is_better"), author=ADMIN)
        after = directions(session)
        session.rollback()
    assert before != after
    cache.clear()
    with session_scope(engine, writes=False) as reading:
        assert [p.region.name for p in current_plans(reading)] == ["合肥市"]  # snapshot begins
        with session_scope(engine) as writing:
            add_entry(writing, entry=nursery_entry(direction="lower_is_better"), author=ADMIN)
        seen = directions(reading)
    assert seen == (before if database_kind == "sqlite" else after)


def directions(session) -> list[int]:
    return evaluate_plans(session).plan_targets.columns.direction.tolist()
