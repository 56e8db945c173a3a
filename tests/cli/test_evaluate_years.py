"""`minsheng evaluate --year`: the plan's period or nothing (exit 2, naming the period); the
JSON says which year was judged and which evaluation it is; a 2023 value judged for the
final evaluation is not achieved."""

from __future__ import annotations

import json

import pytest

HEFEI_SEED = "000_7c865537b9a88152.txt"
HEFEI = "合肥市"
DOCTORS = "每千常住人口执业(助理)医师数"  # 3.1 → 3.6; the path is 3.4 in 2023


@pytest.fixture
def hefei(minsheng_with_hefei, tmp_path):
    minsheng = minsheng_with_hefei
    values = tmp_path / "values.csv"
    values.write_text(f"地区,指标,年份,数值\n{HEFEI},{DOCTORS},2023,3.4\n", encoding="utf-8")
    imported = minsheng("observe", "import", str(values), "--plan", HEFEI)
    assert imported.returncode == 0, imported.stderr
    return minsheng


@pytest.mark.parametrize("year", ["2019", "2026", "2030"])
def test_a_year_outside_the_period_exits_2_naming_the_period(hefei, year):
    result = hefei("evaluate", "--plan", HEFEI, "--year", year)
    assert result.returncode == 2
    assert "2021–2025" in result.stderr and year in result.stderr
    assert result.stdout == ""


def test_the_mid_term_and_the_final_evaluation_of_a_2023_value(hefei):
    def doctors(*args: str) -> dict:
        done = hefei("evaluate", "--plan", HEFEI, *args, "--format", "json")
        assert done.returncode == 0, done.stderr
        return next(e for e in json.loads(done.stdout) if e["name"] == DOCTORS)

    mid, final, default = doctors("--year", "2023"), doctors("--year", "2025"), doctors()
    assert (mid["judged_year"], mid["evaluation"], mid["status"]) == (2023, "mid_term", "on_track")
    assert (final["judged_year"], final["evaluation"], final["year"], final["status"]) == (
        2025, "final", 2023, "not_achieved",
    )  # fmt: skip
    assert default["judged_year"] == 2023  # the newest year with approved data
    table = hefei("evaluate", "--plan", HEFEI, "--year", "2025")
    assert "final evaluation (终期评估) as of 2025" in table.stdout
