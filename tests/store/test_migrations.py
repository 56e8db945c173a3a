"""The migrations shipped in the package build exactly the tables the code declares."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from minsheng.store import create_engine_for, upgrade_database
from minsheng.store.database import alembic_config, declared_objects_kept, newest_revision
from minsheng.store.tables import Base

TABLES = {
    "regions",
    "plans",
    "indicators",
    "previous_plan_results",
    "service_items",
    "columns",
    "key_projects",
    "departments",
    "users",
    "audit_log",
    "observations",
    "observation_revisions",
    "catalogue_entries",
    "catalogue_aliases",
    "service_item_revisions",
    "key_project_updates",
    "indicator_assignments",
    "api_tokens",
    "login_attempts",
    "populations",
    "point_layers",
    "facilities",
    "resident_points",
    "password_resets",
    "reporting_rounds",
    "round_items",
    "round_reminders",
    "department_contacts",
    "review_ranges",
    "indicator_metadata",
    "indicator_metadata_revisions",
    "standard_levels",
    "delivery_indicators",
    "delivery_reports",
    "problems",
    "problem_progress",
    "surveys",
    "survey_questions",
    "survey_responses",
    "survey_answers",
    "form_submissions",
    "suggestions",
    "web_sessions",
    "sign_in_throttles",
}
HEAD = newest_revision()
POPULATION_TABLES = {"populations"}
POINT_TABLES = {"point_layers", "facilities", "resident_points"}
ROUND_TABLES = {"reporting_rounds", "round_items", "round_reminders", "department_contacts"}
METADATA_TABLES = {"indicator_metadata", "indicator_metadata_revisions"}  # 0014
STANDARD_TABLES = {"standard_levels", "delivery_indicators", "delivery_reports"}  # 0015
PROBLEM_TABLES = {"problems", "problem_progress"}  # 0016
SURVEY_TABLES = {  # 0017
    "surveys",
    "survey_questions",
    "survey_responses",
    "survey_answers",
    "form_submissions",
}
LATER_TABLES = (
    {"password_resets", "review_ranges"}
    | ROUND_TABLES
    | METADATA_TABLES
    | STANDARD_TABLES
    | PROBLEM_TABLES
    | SURVEY_TABLES
    | {"suggestions"}  # 0018
    | {"web_sessions", "sign_in_throttles"}  # 0020
)  # after 0009
CATALOGUE_TABLES = {"catalogue_entries", "catalogue_aliases"}
WEB_TABLES = {
    "service_item_revisions",
    "key_project_updates",
    "indicator_assignments",
    "api_tokens",
    "login_attempts",
}


def table_names(url: str) -> set[str]:
    engine = create_engine_for(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_creates_every_table(empty_database_url):
    assert table_names(empty_database_url) == set()
    assert upgrade_database(empty_database_url) == HEAD
    assert table_names(empty_database_url) == TABLES | {"alembic_version"}
    assert set(Base.metadata.tables) == TABLES


def test_upgrade_is_idempotent(database_url):
    assert upgrade_database(database_url) == HEAD
    assert table_names(database_url) == TABLES | {"alembic_version"}


# SQLite cannot reflect the expression index on current plans; PostgreSQL compares it.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
def test_migrations_match_the_declared_tables(database_url):
    """An empty autogenerate diff: nobody changed tables.py without a migration."""
    engine = create_engine_for(database_url)
    try:
        with engine.connect() as connection:
            kept = declared_objects_kept(connection.dialect.name)
            options = {"compare_type": True, "include_object": kept}
            context = MigrationContext.configure(connection, opts=options)
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_downgrade_to_base_removes_every_table(database_url):
    engine = create_engine_for(database_url)
    try:
        with engine.begin() as connection:
            config = alembic_config(database_url)
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
    finally:
        engine.dispose()
    assert table_names(database_url) == {"alembic_version"}


def test_0002_adds_and_removes_only_the_catalogue_tables(empty_database_url):
    assert upgrade_database(empty_database_url, revision="0001") == "0001"
    before = (
        TABLES - CATALOGUE_TABLES - WEB_TABLES - POPULATION_TABLES - POINT_TABLES - LATER_TABLES
    )
    assert table_names(empty_database_url) == before | {"alembic_version"}
    assert upgrade_database(empty_database_url, revision="0002") == "0002"
    at_0002 = TABLES - WEB_TABLES - POPULATION_TABLES - POINT_TABLES - LATER_TABLES
    assert table_names(empty_database_url) == at_0002 | {"alembic_version"}
    engine = create_engine_for(empty_database_url)
    try:
        with engine.begin() as connection:
            config = alembic_config(empty_database_url)
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
    finally:
        engine.dispose()
    assert table_names(empty_database_url) == before | {"alembic_version"}


def test_0008_adds_only_the_population_table(empty_database_url):
    assert upgrade_database(empty_database_url, revision="0007") == "0007"
    assert table_names(
        empty_database_url
    ) == TABLES - POPULATION_TABLES - POINT_TABLES - LATER_TABLES | {"alembic_version"}
    assert upgrade_database(empty_database_url, revision="0008") == "0008"
    assert table_names(empty_database_url) == TABLES - POINT_TABLES - LATER_TABLES | {
        "alembic_version"
    }


def test_0009_adds_only_the_point_tables(empty_database_url):
    assert upgrade_database(empty_database_url, revision="0009") == "0009"
    assert table_names(empty_database_url) == TABLES - LATER_TABLES | {"alembic_version"}


def test_0014_adds_and_removes_only_the_metadata_tables(empty_database_url):
    assert upgrade_database(empty_database_url, revision="0013") == "0013"
    before = table_names(empty_database_url)
    assert not before & METADATA_TABLES
    assert upgrade_database(empty_database_url, revision="0014") == "0014"
    assert table_names(empty_database_url) == before | METADATA_TABLES
    engine = create_engine_for(empty_database_url)
    try:
        with engine.begin() as connection:
            config = alembic_config(empty_database_url)
            config.attributes["connection"] = connection
            command.downgrade(config, "0013")
    finally:
        engine.dispose()
    assert table_names(empty_database_url) == before


def test_0003_adds_only_the_web_tables(empty_database_url):
    assert upgrade_database(empty_database_url, revision="0002") == "0002"
    assert upgrade_database(empty_database_url, revision="0003") == "0003"
    assert table_names(
        empty_database_url
    ) == TABLES - POPULATION_TABLES - POINT_TABLES - LATER_TABLES | {"alembic_version"}
    engine = create_engine_for(empty_database_url)
    try:
        with engine.begin() as connection:
            config = alembic_config(empty_database_url)
            config.attributes["connection"] = connection
            command.downgrade(config, "0002")
    finally:
        engine.dispose()
    at_0002 = TABLES - WEB_TABLES - POPULATION_TABLES - POINT_TABLES - LATER_TABLES
    assert table_names(empty_database_url) == at_0002 | {"alembic_version"}


FILL_0003 = [
    "INSERT INTO regions (id, name, level) VALUES (1, '合肥市', 'city')",
    "INSERT INTO plans (id, region_id, version, is_current, is_reference, source_name,"
    " content_hash, imported_at) VALUES (1, 1, 1, true, false, 'p.txt', 'h', '2026-01-01')",
    "INSERT INTO indicators (id, plan_id, position, domain, name, baseline, target,"
    " cumulative, notes) VALUES (1, 1, 0, '幼有所育', 'x', '{}', '{}', false, '[]')",
    "INSERT INTO observations (id, indicator_id, region_id, year) VALUES (1, 1, 1, 2021),"
    " (2, 1, 1, 2022)",
    "INSERT INTO observation_revisions (id, observation_id, value, source, state, author,"
    " created_at) VALUES (1, 1, 1.0, 'import', 'approved', 'a', '2026-01-01'),"
    " (2, 1, 2.0, 'import', 'approved', 'a', '2026-01-01'),"
    " (3, 1, 3.0, 'form', 'draft', 'a', '2026-01-01'),"
    " (4, 2, 4.0, 'form', 'submitted', 'a', '2026-01-01')",
]


def test_0004_and_0005_point_each_observation_at_its_value_in_force(empty_database_url):
    assert upgrade_database(empty_database_url, revision="0003") == "0003"
    engine = create_engine_for(empty_database_url)
    try:
        with engine.begin() as connection:
            for statement in FILL_0003:
                connection.execute(text(statement))
        assert upgrade_database(empty_database_url) == HEAD
        with engine.connect() as connection:
            pointers = connection.execute(
                text(
                    "SELECT id, current_revision_id, latest_revision_id, current_value"
                    " FROM observations ORDER BY id"
                )
            ).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in pointers] == [(1, 2, 3, 2.0), (2, None, 4, None)]


def test_the_newest_revision_by_file_name_is_alembics_head():
    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    assert heads == [newest_revision()] == [HEAD]


def test_a_database_at_head_is_not_migrated_again(empty_database_url):
    assert upgrade_database(empty_database_url) == HEAD
    assert upgrade_database(empty_database_url) == HEAD  # the fast path
