"""What an indicator's metadata says before any planner edits it: read from the plan (its
notes on the indicator, binding or expected, cumulative), from the department assignments,
and from short definitions of common national indicators written for minsheng.

The definitions below are written in our own words from the standard statistical
definitions; each names the statistical system it comes from (by name, no copied text).
An indicator not listed, and not defined by its plan or the catalogue, has none (暂无).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minsheng.ingest.parsers.indicators import defined_term

EDUCATION = "教育事业统计（教育部）"
HEALTH = "卫生健康统计（国家卫生健康委员会）"
MATERNAL_CHILD = "妇幼卫生监测（国家卫生健康委员会）"
LABOUR = "人力资源和社会保障统计（人力资源社会保障部）"
CIVIL_AFFAIRS = "民政统计（民政部）"
POPULATION = "人口普查和人口变动抽样调查（国家统计局）"


@dataclass(frozen=True)
class Known:
    """A catalogue indicator's definition, formula and usual statistical source."""

    definition: str
    formula: str
    data_source: str


KNOWN: dict[str, Known] = {
    "preschool_gross_enrolment": Known(
        "在园幼儿数占学前三年（3—5岁）适龄人口的比例；在园幼儿可能超出适龄范围，故可高于100%。",
        "在园幼儿数 ÷ 3—5岁适龄人口数 × 100%",
        EDUCATION,
    ),
    "compulsory_education_retention": Known(
        "初中毕业班学生数占该年级学生入小学一年级时人数的比例，反映九年义务教育完成情况。",
        "初中毕业班学生数 ÷ 该年级入小学一年级时学生数 × 100%",
        EDUCATION,
    ),
    "upper_secondary_gross_enrolment": Known(
        "高中阶段（普通高中、中等职业教育等）在校生数占15—17岁适龄人口的比例。",
        "高中阶段在校生数 ÷ 15—17岁人口数 × 100%",
        EDUCATION,
    ),
    "higher_education_gross_enrolment": Known(
        "高等教育在学总规模占18—22岁适龄人口的比例。",
        "高等教育在学总规模 ÷ 18—22岁人口数 × 100%",
        EDUCATION,
    ),
    "life_expectancy": Known(
        "按当期各年龄死亡水平计算，新出生人口平均预期可存活的年数。",
        "由当期分年龄死亡率编制生命表求得",
        POPULATION,
    ),
    "maternal_mortality": Known(
        "每10万名活产中，妇女在妊娠期至产后42天内因与妊娠有关的原因死亡的人数。",
        "孕产妇死亡人数 ÷ 活产数 × 100000",
        MATERNAL_CHILD,
    ),
    "infant_mortality": Known(
        "每1000名活产中未满1周岁即死亡的婴儿人数。",
        "婴儿死亡人数 ÷ 活产数 × 1000‰",
        MATERNAL_CHILD,
    ),
    "under5_mortality": Known(
        "每1000名活产中未满5周岁即死亡的儿童人数。",
        "5岁以下儿童死亡人数 ÷ 活产数 × 1000‰",
        MATERNAL_CHILD,
    ),
    "hospital_beds_per_1000": Known(
        "年末医疗卫生机构实有床位数与常住人口之比，以每千人计。",
        "年末医疗卫生机构床位数 ÷ 年末常住人口 × 1000",
        HEALTH,
    ),
    "physicians_per_1000": Known(
        "年末执业医师与执业助理医师人数之和与常住人口之比，以每千人计。",
        "年末执业（助理）医师数 ÷ 年末常住人口 × 1000",
        HEALTH,
    ),
    "nurses_per_1000": Known(
        "年末注册护士人数与常住人口之比，以每千人计。",
        "年末注册护士数 ÷ 年末常住人口 × 1000",
        HEALTH,
    ),
    "urban_registered_unemployment": Known(
        "城镇登记失业人数占城镇从业人员与城镇登记失业人员之和的比例。",
        "城镇登记失业人数 ÷（城镇从业人员数 + 城镇登记失业人数）× 100%",
        LABOUR,
    ),
    "elderly_care_beds_per_1000_elderly": Known(
        "养老机构和社区养老服务设施的床位数与60岁及以上老年人口之比，以每千人计。",
        "养老床位数 ÷ 60岁及以上老年人口数 × 1000",
        CIVIL_AFFAIRS,
    ),
}


_NUMBERING = re.compile(r"^\s*(?:注\s*[:：]?\s*)?(?:\d+\s*[.、．]\s*)?")
_TERM = re.compile(r"^[^：:，。,]{2,60}[：:]\s*")


def definition_from_notes(notes: list[str]) -> str | None:
    """The plan's own notes on the indicator as one text, without their numbering (注：1.)
    and, where a note opens by naming the term it defines (人均体育场地面积：…), that name."""
    texts = [_note_text(note) for note in notes]
    joined = "\n".join(text for text in texts if text)
    return joined or None


def _note_text(note: str) -> str:
    text = _NUMBERING.sub("", note).strip()
    return _TERM.sub("", text, count=1) if defined_term(note) else text


def attribute_note(attribute: str | None, *, cumulative: bool) -> str | None:
    """What the plan's table says of the indicator's kind: binding or expected, and
    whether the target is a five-year total."""
    parts = []
    if attribute == "binding":
        parts.append("约束性指标：政府必须完成的承诺。")
    elif attribute == "expected":
        parts.append("预期性指标：政府引导的预期目标。")
    if cumulative:
        parts.append("目标值为规划期五年累计数。")
    return "".join(parts) or None
