"""Key projects: a project column's enumerations become one entry per named project."""

from __future__ import annotations

import re
from collections import Counter

from minsheng.ingest import parse_file
from minsheng.ingest.parsers.columns import extract_projects
from minsheng.model.plan import Column, ColumnKind

HEFEI = "000_7c865537b9a88152.txt"


def column(*body: str, kind: ColumnKind = ColumnKind.PROJECTS) -> Column:
    return Column(number=3, title="重点工程", kind=kind, body=list(body), line=10)


def test_grouped_facility_list_is_split_per_facility():
    entry = "甲区(3个):新建一小、二小;改扩建三中。乙县:迁建四中、五小。"
    projects = extract_projects([column(entry)])
    assert [(p.name, p.detail) for p in projects] == [
        ("一小", "甲区(3个)"),
        ("二小", "甲区(3个)"),
        ("三中", "甲区(3个)"),
        ("四中", "乙县"),
        ("五小", "乙县"),
    ]


def test_a_programme_is_one_project_named_by_its_lead_phrase():
    projects = extract_projects([column("就业服务。加强就业困难人员就业帮扶,每年开发公益性岗位。")])
    assert [(p.name, p.detail) for p in projects] == [
        ("就业服务", "加强就业困难人员就业帮扶,每年开发公益性岗位。")
    ]


def test_columns_of_other_kinds_hold_no_projects():
    assert extract_projects([column("新建一小、二小。", kind=ColumnKind.SERVICES)]) == []


def test_hefei_school_projects_match_each_districts_declared_count(seeds_dir):
    """专栏2 states per district how many schools it builds, e.g. 庐阳区(16个)."""
    plan = parse_file(seeds_dir / HEFEI)
    per_district = Counter(p.detail for p in plan.projects if p.column == 2)
    declared = {group: int(re.search(r"(\d+)个", group)[1]) for group in per_district}
    assert len(per_district) == 12
    assert per_district == Counter(declared)


def test_hefei_public_health_facilities_are_listed(seeds_dir):
    plan = parse_file(seeds_dir / HEFEI)
    names = [p.name for p in plan.projects if p.column == 4]
    assert "安徽省疾病预防控制中心" in names
    assert "长丰县传染病医院" in names


def test_prose_about_a_norm_is_not_split_into_projects():
    """`新建A,按照…标准建设B` is one programme, not a list of facilities."""
    entry = "新建和在建城市居住小区,按照每千人口不少于10个托位标准,规划建设托育服务设施。"
    projects = extract_projects([column(entry)])
    assert len(projects) == 1
    assert projects[0].detail == entry


def test_a_programme_without_lead_phrase_is_named_by_its_first_clause():
    projects = extract_projects([column("新建和在建城市居住小区,按照标准建设托育设施。")])
    assert projects[0].name == "新建和在建城市居住小区"
