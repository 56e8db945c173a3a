"""`minsheng evaluate --as-of`: the data approved by the end of a day (Beijing), said as
数据截至 in the table and `as_of` in the JSON; a malformed or future date exits 2."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

HEFEI_SEED = "000_7c865537b9a88152.txt"
HEFEI = "合肥市"
DOCTORS = "每千常住人口执业(助理)医师数"


@pytest.fixture
def hefei(tmp_path, minsheng_with_hefei):
    """The Hefei plan with its 2023 doctors (3.4) recorded, in a SQLite database of its own."""
    run = minsheng_with_hefei
    values = tmp_path / "values.csv"
    values.write_text(f"地区,指标,年份,数值\n{HEFEI},{DOCTORS},2023,3.4\n", encoding="utf-8")
    assert run("observe", "import", str(values), "--plan", HEFEI).returncode == 0
    return run


@pytest.mark.parametrize("as_of", ["2026-02-30", "30/06/2026", "future"])
def test_a_malformed_or_future_date_exits_2_naming_as_of(hefei, as_of):
    if as_of == "future":
        as_of = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    result = hefei("evaluate", "--plan", HEFEI, "--as-of", as_of)
    assert result.returncode == 2, result.stdout
    assert "as_of" in result.stderr and as_of in result.stderr
    assert result.stdout == ""


def test_a_value_approved_on_july_1st_counts_as_of_that_day(hefei, tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'data' / 'minsheng.db'}")
    with engine.begin() as connection:  # approved at 08:00 on 2026-07-01 in Beijing
        connection.execute(text("UPDATE observation_revisions SET created_at = :at"), {
            "at": "2026-07-01 00:00:00.000000"
        })  # fmt: skip
    engine.dispose()

    def doctors(as_of: str) -> dict:
        done = hefei("evaluate", "--plan", HEFEI, "--year", "2023", "--as-of", as_of,
                     "--format", "json")  # fmt: skip
        assert done.returncode == 0, done.stderr
        return next(e for e in json.loads(done.stdout) if e["name"] == DOCTORS)

    assert (doctors("2026-06-30")["as_of"], doctors("2026-06-30")["value"]) == ("2026-06-30", None)
    assert doctors("2026-07-01")["value"] == 3.4
    table = hefei("evaluate", "--plan", HEFEI, "--year", "2023", "--as-of", "2026-07-01")
    assert "数据截至 2026-07-01" in table.stdout
