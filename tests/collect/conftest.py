"""A small plan for collection tests: two districts, three indicators, 2021–2025."""

from __future__ import annotations

import pytest

from minsheng.collect import IndicatorSpec, TemplateRow, TemplateSpec, ValidationContext
from minsheng.model.plan import Period

REGIONS = ("瑶海区", "庐阳区")
INDICATORS = {
    "学前教育毛入园率": IndicatorSpec.infer("学前教育毛入园率", "%"),
    "每千人口执业（助理）医师数": IndicatorSpec.infer("每千人口执业（助理）医师数", "人"),
    "城乡低保": IndicatorSpec.infer("城乡低保", None, qualitative=True),
    "九年义务教育巩固率": IndicatorSpec.infer("九年义务教育巩固率", "%"),
}
ALIASES = {"毛入园率": "学前教育毛入园率", "执业医师数": "每千人口执业（助理）医师数"}


def resolve(name: str) -> IndicatorSpec | None:
    return INDICATORS.get(ALIASES.get(name.strip(), name.strip()))


@pytest.fixture
def make_context():
    def make(file: str = "upload.xlsx", history=None) -> ValidationContext:
        return ValidationContext(
            file=file,
            regions=REGIONS,
            resolve=resolve,
            period=Period(start=2021, end=2025),
            history=history or {},
        )

    return make


@pytest.fixture
def template_spec() -> TemplateSpec:
    plan_rows = [
        ("学前教育毛入园率", "%", "幼有所育", "92", "≥95"),
        ("每千人口执业（助理）医师数", "人", "病有所医", "3.1", "3.5"),
        ("城乡低保", None, "弱有所扶", "应保尽保", "应保尽保"),
    ]
    return TemplateSpec(
        plan_title="合肥市“十四五”公共服务规划",
        department="市教育局",
        years=[2021, 2022],
        rows=[
            TemplateRow(region, name, unit, domain, baseline, target)
            for name, unit, domain, baseline, target in plan_rows
            for region in REGIONS
        ],
    )
