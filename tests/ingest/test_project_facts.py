"""What a plan's text says about a key project, read from the plans' own phrasing."""

from __future__ import annotations

from tests.hefei import HEFEI_DISTRICTS

from minsheng.ingest.parsers.project_facts import (
    ProjectFacts,
    district_of,
    investment_of,
    nature_of,
    project_facts,
    unit_of,
    years_of,
)
from minsheng.model.plan import ParsedPlan

# Column 2 of 合肥市's plan (义务教育重点建设项目), as printed.
SCHOOLS = (
    "庐阳区(16个):新建蒙城路小学、淮北路小学、临泉路小学,固镇路中学、古城中学;"
    "改扩建海棠花园小学、南小恒盛皇家花园小学,合肥市第十九中学。"
    "瑶海区(18个):新建白龙路小学、半塔路小学;改扩建蚌埠路第四小学、和平小学南区。"
)
# Column 7 (文化体育设施) and 11 (普通高中).
CULTURE = (
    "——博览类:续建(2个):安徽省科技馆、合肥市科技馆。新建(12个):合肥市博物馆、合肥市科技馆少荃湖分馆。\n"
    "——文艺类:新建和改扩建(8个):改扩建亚明艺术馆、久留米美术馆,新建安徽音乐厅、合肥市美术馆。"
)
HIGH_SCHOOLS = (
    "新建(11个):合肥一中东校区、滨湖规划高中。"
    "改扩建(3个):合肥一中提升工程、合肥十一中新建学生宿舍楼、合肥五中(原十中校区改扩建)。"
)
# 六安市 column 4: a programme in prose mixes natures, so none is taken.
PROGRAMME = "2.义务教育。调减义务教育小规模学校（教学点）200个以上，新建改扩建义务教育学校162所。"


def test_a_facility_lists_verb_applies_to_every_name_until_the_next_verb():
    assert nature_of("固镇路中学", SCHOOLS) == "新建"
    assert nature_of("南小恒盛皇家花园小学", SCHOOLS) == "改扩建"
    assert nature_of("合肥市第十九中学", SCHOOLS) == "改扩建"
    assert nature_of("白龙路小学", SCHOOLS) == "新建"  # a new sentence starts over


def test_nature_of_headed_groups_and_names_that_hold_a_verb():
    assert nature_of("合肥市科技馆", CULTURE) == "续建"
    assert nature_of("合肥市科技馆少荃湖分馆", CULTURE) == "新建"
    assert nature_of("亚明艺术馆", CULTURE) == "改扩建"
    assert nature_of("合肥市美术馆", CULTURE) == "新建"
    assert nature_of("合肥十一中新建学生宿舍楼", HIGH_SCHOOLS) == "改扩建"
    assert nature_of("合肥五中(原十中校区改扩建)", HIGH_SCHOOLS) == "改扩建"
    assert nature_of("新建城西小学", "") == "新建"


def test_prose_and_mixed_words_give_no_nature():
    assert nature_of("义务教育", PROGRAMME) is None
    assert nature_of("新建和在建城市居住小区", "") is None
    assert nature_of("不在栏目里的项目", SCHOOLS) is None


def test_district_from_the_name_else_the_group():
    assert district_of("蜀山区公共卫生服务中心", None, HEFEI_DISTRICTS) == "蜀山区"
    assert district_of("蒙城路小学", "庐阳区(16个)", HEFEI_DISTRICTS) == "庐阳区"
    assert district_of("庐江县城南小学磙桥校区", "庐江县(11个)", HEFEI_DISTRICTS) == "庐江县"


def test_no_district_when_none_or_two_are_named():
    assert district_of("高新区公共卫生管理中心", None, HEFEI_DISTRICTS) is None  # not in GB/T 2260
    assert (
        district_of("医疗服务", "实施相山区人民医院、推进杜集区人民医院搬迁", ("相山区", "杜集区"))
        is None
    )
    assert district_of("淮北路小学", None, HEFEI_DISTRICTS) is None  # a street, not 淮北市


def test_total_investment_in_wan_yuan():
    assert investment_of("新建合肥市博物馆,总投资12.5亿元") == 125_000
    assert investment_of("总投资约8000万元,建筑面积3万平方米") == 8000
    assert investment_of("项目总投资 3 亿元") == 30_000
    assert investment_of("甲馆总投资2亿元,乙馆总投资5亿元") is None
    assert investment_of("建设公办园102所") is None


def test_years_from_a_range_or_a_start_and_completion():
    assert years_of("2021—2023年建设") == (2021, 2023)
    assert years_of("建设期2022-2024年") == (2022, 2024)
    assert years_of("2022年开工,2024年底建成") == (2022, 2024)
    assert years_of("力争2025年建成投用") == (None, 2025)
    assert years_of("2021—2023年一期,2024—2025年二期") == (None, None)


def test_responsible_unit():
    assert unit_of("新建市妇幼保健院(责任单位:市卫健委)") == "市卫健委"
    assert unit_of("牵头单位：市教育局；配合单位：各县区政府") == "市教育局"
    assert unit_of("推进市光荣院项目建设") is None


def test_a_list_items_own_parenthesis_is_read_for_its_facts():
    column = "新建合肥市博物馆(总投资12亿元,2021—2024年)、合肥市美术馆(总投资6亿元)。"
    assert project_facts("合肥市博物馆", None, column, districts=()) == ProjectFacts(
        nature="新建", total_investment=120_000, start_year=2021, end_year=2024
    )
    assert project_facts("合肥市美术馆", None, column, districts=()).total_investment == 60_000


def test_hefei_plan_projects_get_districts_and_natures(hefei_plan: ParsedPlan):
    bodies = {column.number: "\n".join(column.body) for column in hefei_plan.columns}
    facts = {
        project.name: project_facts(
            project.name, project.detail, bodies[project.column], districts=HEFEI_DISTRICTS
        )
        for project in hefei_plan.projects
    }
    assert facts["蒙城路小学"] == ProjectFacts(district="庐阳区", nature="新建")
    assert facts["安大附中"].nature == "改扩建"
    assert facts["长丰县传染病医院"].district == "长丰县"
    assert sum(f.district == "庐阳区" for f in facts.values()) >= 16
