"""`minsheng import` and `minsheng db upgrade` as a person runs them: a real process each."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from minsheng.store.database import newest_revision

HEFEI = "000_7c865537b9a88152.txt"
LUAN = "001_efc89e334599d1ca.txt"


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def minsheng(data_dir, tmp_path, minsheng_in):
    return minsheng_in(data_dir, tmp_path)


def row_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        names = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
        }


def test_import_twice_says_unchanged(minsheng, seeds_dir, data_dir):
    first = minsheng("import", str(seeds_dir / HEFEI))
    assert first.returncode == 0, first.stderr
    assert "created 合肥市 version 1" in first.stdout
    assert "38 indicators" in first.stdout
    assert "309 key projects" in first.stdout
    database = data_dir / "minsheng.db"
    before = row_counts(database)
    assert before["plans"] == 2  # 合肥市 and the national reference plan
    again = minsheng("import", str(seeds_dir / HEFEI))
    assert again.returncode == 0, again.stderr
    assert "unchanged 合肥市 version 1" in again.stdout
    assert row_counts(database) == before


def test_a_bad_file_exits_2_names_it_and_writes_nothing(minsheng, seeds_dir, data_dir, tmp_path):
    assert minsheng("import", str(seeds_dir / HEFEI)).returncode == 0
    database = data_dir / "minsheng.db"
    before = row_counts(database)
    no_region = tmp_path / "notes.txt"
    no_region.write_text("会议纪要\n今天讨论了工作安排。\n", encoding="utf-8")
    result = minsheng("import", str(no_region), str(seeds_dir / LUAN))
    assert result.returncode == 2
    assert str(no_region) in result.stderr
    assert "names no region" in result.stderr
    assert "1 later file(s) not imported" in result.stderr
    assert result.stdout == ""
    assert row_counts(database) == before


def test_files_before_the_bad_one_stay_imported(minsheng, seeds_dir, data_dir, tmp_path):
    unsupported = tmp_path / "plan.xls"
    unsupported.write_bytes(b"whatever")
    result = minsheng("import", str(seeds_dir / HEFEI), str(unsupported))
    assert result.returncode == 2
    assert "created 合肥市 version 1" in result.stdout
    assert str(unsupported) in result.stderr
    assert row_counts(data_dir / "minsheng.db")["plans"] == 2  # 合肥市 and the reference


def test_db_upgrade_creates_the_database(minsheng, data_dir):
    result = minsheng("db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert f"is at revision {newest_revision()}" in result.stdout
    assert str(data_dir / "minsheng.db") in result.stdout
    assert row_counts(data_dir / "minsheng.db")["alembic_version"] == 1
