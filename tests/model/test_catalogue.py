"""The indicator catalogue links the different wordings plans use for one concept."""

from __future__ import annotations

import csv
from dataclasses import replace
from importlib.resources import files

import pytest

from minsheng.evaluate import direction as evaluate_direction
from minsheng.ingest import parse_file
from minsheng.model.catalogue import (
    COLUMNS,
    Catalogue,
    CatalogueEntry,
    Direction,
    normalize_name,
)
from minsheng.model.plan import DOMAINS

SEEDS = (
    "000_7c865537b9a88152.txt",  # 合肥市
    "001_efc89e334599d1ca.txt",  # 六安市
    "002_ddc8656c13851e5b.txt",  # 平凉市崆峒区
    "003_2405b31521240998.txt",  # 滁州市
    "004_0c50dddbae650310.txt",  # 淮北市
)


def entry(key="k", name="某指标", **changes):
    base = CatalogueEntry(
        key=key,
        name=name,
        unit="%",
        direction=Direction.HIGHER_IS_BETTER,
        domain="病有所医",
    )
    return replace(base, **changes)


# normalize_name: one test per rule, and the near-misses each rule must leave alone.


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("每千人口执业（助理）医师数", "每千人口执业(助理)医师数"),  # full-width brackets
        ("每千人口执业【助理】医师数", "每千人口执业(助理)医师数"),  # 【】 brackets
        ("学前教育毛入园率", "学前教育 毛入园率\u3000"),  # whitespace, ideographic space
        ("ＡＢＣ１２３", "ABC123"),  # full-width letters and digits
        ("广播、电视人口综合覆盖率", "广播电视人口综合覆盖率"),  # 、
        ("每千人口拥有3岁以下婴幼儿托位数（个）", "每千人口拥有3岁以下婴幼儿托位数"),  # unit
        ("孕产妇死亡率(1/10万)", "孕产妇死亡率"),  # unit with a slash
        ("残疾人托养机构服务能力(万人次/年)", "残疾人托养机构服务能力"),
        ("人均体育场地面积(㎡)", "人均体育场地面积"),  # NFKC folds ㎡ to m2
        ("每千常住人口注册护士数", "每千人口注册护士数"),  # 常住 after 每千
        ("每万常住人口全科医生数", "每万人口全科医生数"),
        ("每千人口拥有注册护士数", "每千人口注册护士数"),  # 拥有 after 每…
        ("每百户居民拥有社区综合服务设施面积", "每百户居民社区综合服务设施面积"),
        ("城镇户籍低保、低收入家庭申请公租房的保障率", "城镇户籍低保低收入家庭申请公租房保障率"),
        ("其中：养老床位中护理型床位比例", "养老床位中护理型床位比例"),  # sub-row marker
    ],
)
def test_normalize_name_folds_what_does_not_change_meaning(a, b):
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("常住人口城镇化率", "户籍人口城镇化率"),  # 常住 kept outside 每千常住人口
        ("常住人口城镇化率", "人口城镇化率"),
        ("拥有住房家庭比例", "住房家庭比例"),  # 拥有 kept when no 每… head precedes it
        ("每千人口执业(助理)医师数", "每千人口执业医师数"),  # a bracket inside the name
        ("高血压患者规范管理率(城区)", "高血压患者规范管理率"),  # bracket that is no unit
        ("公租房(含租赁补贴)保障率", "公租房保障率"),
        ("学前三年毛入园率", "学前教育毛入园率"),  # synonyms are aliases, not rules
        ("每千名老人拥有养老床位数", "每千名老年人拥有养老床位数"),
        ("城镇新增就业人数", "五年城镇新增就业人数"),
    ],
)
def test_normalize_name_keeps_what_may_change_meaning(a, b):
    assert normalize_name(a) != normalize_name(b)


def test_normalize_name_keeps_the_word_mudi():
    assert "目的" in normalize_name("达到目的的比例")
    assert normalize_name("达到目的的比例") == "达到目的比例"


# The bundled catalogue.


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue.bundled()


def test_bundled_is_read_once(catalogue):
    assert Catalogue.bundled() is catalogue
    assert len(catalogue) == 66


def test_bundled_entries_are_well_formed(catalogue):
    for e in catalogue:
        assert e.domain in DOMAINS
        assert isinstance(e.direction, Direction)
        assert e.name not in e.aliases
    assert {e.domain for e in catalogue} == set(DOMAINS)


def test_bundled_csv_is_in_canonical_form(catalogue):
    """catalogue.csv is exactly what to_rows writes, so admin saves round-trip."""
    text = files("minsheng.model").joinpath("data/catalogue.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert tuple(rows[0]) == COLUMNS
    assert rows == catalogue.to_rows()
    assert Catalogue.from_rows(rows) == catalogue


@pytest.mark.parametrize(
    "name",
    [
        "每千人口执业（助理）医师数",
        "每千常住人口执业(助理)医师数",
        "每千人口拥有执业(助理)医师",
        "每千人口拥有执业（助理）医师数",
        "每千人口拥有执业（助理）医师数（人）",
    ],
)
def test_physician_wordings_share_one_entry(catalogue, name):
    found = catalogue.match(name)
    assert found is not None
    assert found.key == "physicians_per_1000"
    assert found.unit == "人"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("每千常住人口注册护士数", "nurses_per_1000"),
        ("每千人口拥有注册护士数", "nurses_per_1000"),
        ("城镇新增就业人数", "urban_new_jobs"),
        ("五年城镇新增就业人数", "urban_new_jobs"),  # the five-year total of the same count
        ("补贴性职业技能培训", "subsidized_skills_training"),
        ("学前三年毛入园率", "preschool_gross_enrolment"),
        ("其中：养老床位中护理型床位比例", "nursing_bed_share"),
        ("老旧小区改造", "old_urban_community_renovation"),
        ("广播电视综合人口覆盖率", "radio_tv_coverage"),
        ("经常参加体育锻炼人数占总人口比例", "regular_exercise_share"),
        ("经常参加体育锻炼人数", "regular_exercise_participants"),  # a count, not a share
        ("退役军人适应性培训参训率", "veteran_adaptive_training"),
        ("符合政府安排工作的退役士兵适应性培训参训率", "arranged_soldier_adaptive_training"),
        ("城市社区配套建设养老服务设施达标率", "elderly_facilities_in_urban_communities"),
        ("新建城区、新建居住(小)区配套建设养老服务设施达标率", "elderly_facilities_in_new_areas"),
    ],
)
def test_wordings_resolve_to_their_concept(catalogue, name, key):
    found = catalogue.match(name)
    assert found is not None
    assert found.key == key


def test_unknown_name_does_not_match(catalogue):
    assert catalogue.match("每千人口全科医生数") is None
    assert catalogue.match("") is None


@pytest.mark.parametrize(
    ("key", "direction"),
    [
        ("maternal_mortality", Direction.LOWER_IS_BETTER),
        ("infant_mortality", Direction.LOWER_IS_BETTER),
        ("under5_mortality", Direction.LOWER_IS_BETTER),
        ("urban_registered_unemployment", Direction.LOWER_IS_BETTER),
        ("zero_employment_families_cleared", Direction.QUALITATIVE),
        ("subsistence_allowance_to_consumption", Direction.WITHIN_BAND),
        ("childcare_places_per_1000", Direction.HIGHER_IS_BETTER),
        # Stated as 应保尽保 by some plans and as 100 by others: the rate is measurable,
        # and a qualitative target cell decides its own direction anyway.
        ("orphan_support_coverage", Direction.HIGHER_IS_BETTER),
    ],
)
def test_directions(catalogue, key, direction):
    assert catalogue.get(key).direction is direction


def test_definitions_come_from_plan_footnotes(catalogue):
    assert catalogue.get("sports_ground_area_per_capita").definition.startswith("体育场地内")
    assert "自然减员" in catalogue.get("urban_new_jobs").definition
    assert catalogue.get("life_expectancy").definition == ""


@pytest.mark.parametrize("seed", SEEDS)
def test_every_seed_indicator_resolves(seeds_dir, catalogue, seed):
    plan = parse_file(seeds_dir / seed)
    names = [i.name for i in plan.indicators] + [r.name for r in plan.previous_plan_results]
    assert plan.indicators
    assert [n for n in names if catalogue.match(n) is None] == []


# Admin operations return new catalogues.


def test_with_alias_returns_a_new_catalogue(catalogue):
    extended = catalogue.with_alias("physicians_per_1000", "每千人口医师数")
    assert extended.match("每千人口医师数").key == "physicians_per_1000"
    assert catalogue.match("每千人口医师数") is None
    assert len(extended) == len(catalogue)
    assert extended.get("physicians_per_1000").aliases[-1] == "每千人口医师数"


def test_with_alias_already_matching_changes_nothing(catalogue):
    assert (
        catalogue.with_alias("physicians_per_1000", "每千常住人口执业（助理）医师数") is catalogue
    )


def test_with_alias_refuses_a_name_of_another_entry(catalogue):
    with pytest.raises(ValueError, match="nurses_per_1000"):
        catalogue.with_alias("physicians_per_1000", "每千人口注册护士数")


def test_with_alias_refuses_unknown_key_and_empty_alias(catalogue):
    with pytest.raises(KeyError):
        catalogue.with_alias("no_such_key", "某指标")
    with pytest.raises(ValueError):
        catalogue.with_alias("physicians_per_1000", "  ")


def test_with_entry_adds_and_replaces():
    base = Catalogue.from_entries([entry("a", "甲指标")])
    added = base.with_entry(entry("b", "乙指标", aliases=("乙",)))
    assert [e.key for e in added] == ["a", "b"]
    assert added.match("乙").key == "b"
    assert len(base) == 1
    replaced = added.with_entry(entry("a", "甲指标", unit="个"))
    assert replaced.get("a").unit == "个"
    assert [e.key for e in replaced] == ["a", "b"]


def test_names_must_not_collide():
    with pytest.raises(ValueError, match="already a name"):
        Catalogue.from_entries(
            [entry("a", "每千人口注册护士数"), entry("b", "每千常住人口注册护士数")]
        )
    with pytest.raises(ValueError, match="duplicate"):
        Catalogue.from_entries([entry("a", "甲"), entry("a", "乙")])


def test_rows_round_trip():
    cat = Catalogue.from_entries(
        [
            entry("a", "甲", aliases=("甲甲", "甲乙"), definition="定义，含逗号"),
            entry("b", "乙", unit=None),
        ]
    )
    rows = cat.to_rows()
    assert rows[0]["aliases"] == "甲甲|甲乙"
    assert rows[1]["unit"] == ""
    assert Catalogue.from_rows(rows) == cat


@pytest.mark.parametrize(
    "changes",
    [{"key": "Physicians"}, {"key": "每千"}, {"domain": "医疗"}, {"name": " "}],
)
def test_entry_validation(changes):
    with pytest.raises(ValueError):
        entry(**changes)


def test_entry_direction_is_coerced_and_checked():
    assert entry(direction="lower_is_better").direction is Direction.LOWER_IS_BETTER
    with pytest.raises(ValueError):
        entry(direction="sideways")


def test_direction_is_reexported_by_evaluate():
    assert evaluate_direction.Direction is Direction
