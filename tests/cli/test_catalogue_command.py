"""`minsheng catalogue …` as an administrator runs it: a real process each, on SQLite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HEFEI = "000_7c865537b9a88152.txt"
DOCTORS = "每千常住人口执业(助理)医师数"
DOCTORS_NEW = "每千常住人口执业医师和执业助理医师数"  # a wording no bundled entry knows


@pytest.fixture
def minsheng(tmp_path, minsheng_in):
    return minsheng_in(tmp_path / "data", tmp_path, COLUMNS="200")


@pytest.fixture
def hefei_reworded(seeds_dir, tmp_path) -> Path:
    """The Hefei plan with the physicians indicator worded as no catalogue entry is."""
    text = (seeds_dir / HEFEI).read_text(encoding="utf-8")
    assert DOCTORS in text
    path = tmp_path / "hefei.txt"
    path.write_text(text.replace(DOCTORS, DOCTORS_NEW), encoding="utf-8")
    return path


def show(minsheng, name: str) -> dict:
    result = minsheng("catalogue", "show", name, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_an_alias_links_the_stored_indicator_and_show_lists_it(minsheng, hefei_reworded):
    assert minsheng("import", str(hefei_reworded)).returncode == 0
    assert minsheng("catalogue", "show", DOCTORS_NEW).returncode == 2  # not a name yet
    result = minsheng("catalogue", "alias", "physicians_per_1000", DOCTORS_NEW)
    assert result.returncode == 0, result.stderr
    assert f"{DOCTORS_NEW} is now an alias of physicians_per_1000" in result.stdout
    assert "1 stored indicator(s) linked" in result.stdout
    detail = show(minsheng, DOCTORS_NEW)
    assert detail["key"] == "physicians_per_1000"
    assert DOCTORS_NEW in detail["aliases"]
    assert detail["added_aliases"] == [DOCTORS_NEW]
    assert [(i["region"], i["name"], i["reference"]) for i in detail["indicators"]] == [
        ("合肥市", DOCTORS_NEW, False),
        ("全国", "每千人口拥有执业（助理）医师数", True),
    ]
    table = minsheng("catalogue", "show", "physicians_per_1000")
    assert table.returncode == 0, table.stderr
    assert f"{DOCTORS_NEW} (added)" in table.stdout
    assert "合肥市" in table.stdout
    again = minsheng("catalogue", "alias", "physicians_per_1000", DOCTORS_NEW)
    assert again.returncode == 0, again.stderr
    assert "nothing changed" in again.stdout


def test_add_an_entry_then_list_it(minsheng):
    result = minsheng(
        "catalogue", "add", "childcare_institution_coverage",
        "--name", "普惠性托育机构覆盖率", "--unit", "%",
        "--direction", "higher_is_better", "--domain", "幼有所育",
        "--definition", "提供普惠托育服务的机构占比",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "added childcare_institution_coverage (普惠性托育机构覆盖率)" in result.stdout
    listed = minsheng("catalogue", "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)
    assert entries[-1] == {
        "key": "childcare_institution_coverage",
        "name": "普惠性托育机构覆盖率",
        "unit": "%",
        "direction": "higher_is_better",
        "domain": "幼有所育",
        "definition": "提供普惠托育服务的机构占比",
        "aliases": [],
        "origin": "added",
        "added_aliases": [],
    }
    assert {e["origin"] for e in entries[:-1]} == {"bundled"}
    table = minsheng("catalogue", "list")
    assert table.returncode == 0, table.stderr
    assert "childcare_institution_coverage" in table.stdout


FIELDS = ("--name", "某指标", "--domain", "病有所医", "--direction")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("alias", "no_such_key", "某指标"), "no catalogue entry with key 'no_such_key'"),
        (("alias", "physicians_per_1000", "每千人口注册护士数"), "already names nurses_per_1000"),
        (("show", "不存在的指标"), "no catalogue entry matches '不存在的指标'"),
        (("add", "new_key", *FIELDS, "up"), "direction: 'up' is not one of: higher_is_better"),
        (
            ("add", "physicians_per_1000", *FIELDS, "higher_is_better"),
            "catalogue key physicians_per_1000 already exists",
        ),
    ],
)
def test_errors_exit_2_with_a_message(minsheng, args, message):
    result = minsheng("catalogue", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
