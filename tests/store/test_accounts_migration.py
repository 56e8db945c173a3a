"""Migration 0012: accounts that existed before it stay active and keep signing in."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from minsheng.store import create_engine_for, upgrade_database
from minsheng.store.database import alembic_config


def test_0012_keeps_existing_users_active_and_downgrades_cleanly(empty_database_url):
    assert upgrade_database(empty_database_url, revision="0011") == "0011"
    engine = create_engine_for(empty_database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, username, password_hash, role)"
                    " VALUES (1, 'old', 'x', 'admin')"
                )
            )
        upgrade_database(empty_database_url, revision="0012")
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT active, email, password_changed_at FROM users")
            ).one()
        assert (bool(row.active), row.email, row.password_changed_at) == (True, None, None)
        with engine.begin() as connection:
            config = alembic_config(empty_database_url)
            config.attributes["connection"] = connection
            command.downgrade(config, "0011")
        columns = {column["name"] for column in inspect(engine).get_columns("users")}
        assert "active" not in columns
        assert "password_resets" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()
