"""The reports' Chinese words and sentences, in one place so wording is edited once."""

from __future__ import annotations

from collections.abc import Mapping

from minsheng.labels import label

ISSUER = "{region}发展和改革委员会"
COUNTY_ISSUER = "{region}发展和改革局"  # districts and counties have a 局, cities a 委员会


def issuer(region: str) -> str:
    """The development and reform body that issues the report for `region`."""
    template = COUNTY_ISSUER if region.endswith(("区", "县")) else ISSUER
    return template.format(region=region)


DATE = "{d.year}年{d.month}月{d.day}日"
DEFAULT_PLAN_TITLE = "{region}{period}公共服务规划"
"""A plan's name when its document gave no title; `period` is “十五五” or empty."""

EVALUATION_TITLE = {
    "mid_term": "{plan}实施中期评估报告",
    "final": "{plan}实施终期（总结）评估报告",
    "annual": "{plan}{year}年度实施评估报告",
}
EVALUATION_KIND = {"mid_term": "中期评估", "final": "终期评估", "annual": "年度监测"}
JUDGED_AS = "评估年份{year}年（{kind}，规划期{start}—{end}年）"  # one centred line
OLDER_VALUES = (
    "其中{n}项指标截至{year}年的最新监测值来自更早年份（见表2“数据年份”），"
    "按{year}年评估；评估年份已到目标年份的，未达到目标即为未实现。"
)
EVALUATION_HEADINGS = (
    "一、总体进展",
    "二、主要指标完成情况",
    "三、监测预警",
    "四、上期规划目标完成情况",
    "五、基本公共服务均等化",
    "六、设施布局与服务半径",
    "七、重点项目实施情况",
    "八、问题清单与整改情况",
    "九、存在问题",
    "十、对策建议",
    "附录　数据来源",
)
INDICATOR_HEADER = (
    "领域",
    "指标",
    "单位",
    "{base}年基期值",
    "{target}年目标值",
    "监测值（数据年份）",
    "状态",
    "预警",
)
DOMAIN_STATUS_HEADER = (
    "领域",
    "指标数",
    "已实现",
    "进度正常",
    "稳步推进",
    "滞后或倒退",
    "无法评估",
    "暂无数据",
)
WARNING_HEADER = ("预警", "指标", "地区", "责任单位", "原因")
PREVIOUS_HEADER = ("领域", "指标", "单位", "规划目标", "实际完成", "评价")
PROJECT_HEADER = ("专栏", "项目数", "计划中", "实施中", "已完成", "滞后", "平均进度")

OVERVIEW = (
    "《{plan}》共设置主要指标{total}项，其中约束性指标{binding}项、预期性指标{expected}项。"
    "截至{year}年，按最新监测数据评估：{statuses}。"
)
DOMAIN_LINE = "{domain}领域{total}项指标：{statuses}。"
NO_WARNINGS = "截至{year}年，有监测数据的{judged}项指标中未发现需要预警的指标。"
NOTHING_JUDGED = (
    "截至{year}年，{total}项指标均暂无可用于评估的监测数据，无法判断是否需要预警；"
    "请各责任单位尽快报送监测数据。"
)
UNJUDGED = "另有{n}项指标暂无数据或无法评估，是否滞后尚不能判断。"
OVERVIEW_NO_DATA = "截至{year}年，尚无审核通过的监测数据，以下各表只列出规划目标，不作评估结论。"
WARNING_SUMMARY = (
    "截至{year}年，共有{red}项指标发出红色预警、{yellow}项指标发出黄色预警。{rest}具体如下："
)
WARNING_REASON = "{attribute}指标，{path}实际{actual}，{progress}。"
WARNING_PATH = "按线性进度{year}年应达到{expected}，"
PROGRESS_SHARE = "完成进度为应有进度的{share}%"
PROGRESS_BACKWARD = "较基期值向相反方向变化（出现倒退）"
WARNING_STATUS = "当前状态为“{status}”"
NO_DEPARTMENT = "未明确"
SOME_DEPARTMENT = "有关单位"
NO_PREVIOUS = "本规划未载明上期规划目标完成情况。"
PREVIOUS_SUMMARY = "上期规划{total}项指标中，{statuses}。"
NO_PROJECTS = "本规划未列出重点项目。"
PROJECT_SUMMARY = "规划专栏共列出重点项目{total}项，其中{statuses}。"
SOURCE_PLAN = "规划文本：《{plan}》{issued}。"
SOURCE_OBSERVATIONS = "监测数据：{counts}。"
NO_OBSERVATIONS = "监测数据：基期以后暂无审核通过的监测数据。"
SOURCE_METHOD = (
    "评估方法：进度按可持续发展解决方案网络（SDSN）趋势仪表盘的线性方法判断，即比较实际变化量与"
    "按直线路径到目标年所需的变化量：达到所需变化量的为进度正常，达到一半以上的为稳步推进，"
    "不足一半的为进展缓慢，反向变化的为出现倒退；增长率方法参照联合国统计司（UNSD）SDG进展图表方法。"
)
GENERATED = "生成时间：{at:%Y年%m月%d日 %H:%M}（由 minsheng 自动生成）。"
CHART_STATUS_NAME = "各领域指标评估状态"
CHART_PROGRESS_NAME = "有监测数据指标的完成进度"
CHART_PROGRESS_PART = "（{total}项中的{shown}项，预警指标优先）"
CHART_PROGRESS_AXIS = "完成进度（实际变化占应有变化的百分比，100%为按进度）"
TABLE = "表{n}　{name}"
DISTRICT_VALUES_INTRO = "表{n}列出区县一级报送的各项指标{year}年监测值，按数值从高到低排列。"
DISTRICT_VALUES_TABLE = "各区县指标监测值"
DISTRICT_VALUES_HEADER = ("指标", "单位", "达到目标的区县", "各区县监测值（从高到低）")
DRAFT_NOTE = "【草稿，请修改】本节由系统根据监测预警结果自动起草，提交前请核实、修改和补充。"
PROBLEMS_NONE = "截至{year}年，监测预警未发现滞后指标，暂未归纳出问题。"
PROBLEMS_NO_DATA = (
    "监测数据不全。{total}项指标中{n}项暂无监测数据或无法评估，难以全面判断规划实施进展。"
)
PROBLEM_LAGGING = "{domain}领域指标滞后。{lines}。"
PROBLEM_LINE = "{name}{own}{districts}"
PROBLEM_OWN = "（{region}）{status}，{facts}"
PROBLEM_DISTRICTS = "；{n}个区县发出预警（{names}）"
PROBLEM_TARGET = "{year}年实际{actual}，目标为{target}"
WARNING_NOT_ACHIEVED = "{attribute}指标，目标为{target}，{year}年实际{actual}，到期未实现。"
PROBLEM_FACTS = "{year}年实际{actual}，按线性进度应达到{expected}"
PROBLEM_OVERDUE = "整改推进不够及时。问题清单中{n}项问题已超过整改时限仍未销号：{names}。"
ADVICE_DEPARTMENT = (
    "请{department}针对{names}等指标滞后情况，深入分析原因，制定针对性措施，"
    "列入问题清单并明确整改时限，按季度报告进展。"
)
ADVICE_DATA = "请各责任单位按照报送分工，及时报送{n}项暂无数据指标的监测值，补齐数据短板。"
ADVICE_OVERDUE = "对已逾期的{n}项整改问题，请责任单位说明原因，限期销号。"
ADVICE_NONE = "继续按年度做好监测评估，巩固各项指标进展。"
LEDGER_SUMMARY = (
    "截至{day}，问题清单共有问题{total}项：待整改或整改中{open}项，"
    "已逾期{overdue}项，已销号{closed}项。"
)
LEDGER_NONE = "截至{day}，问题清单中暂无问题。"
LEDGER_TABLE = "问题清单与整改台账"
LEDGER_HEADER = ("问题", "来源", "责任单位", "整改时限", "状态")
EQUALIZATION_NO_DISTRICTS = "{region}为区县一级规划，不涉及所辖区县之间的比较。"
EQUALIZATION_NO_DATA = "截至{year}年，各区县尚未报送监测数据，暂不能评估区县之间的均等化水平。"
EQUALIZATION_OVERVIEW = (
    "{year}年，各区县报送了{count}项指标的监测数据。表{n}列出各项指标区县间的差距：变异系数、"
    "基尼系数和泰尔指数越小，区县之间越均衡；泰尔指数中城区与县（市）之间的差距所占比重，"
    "说明差距主要来自城乡之间还是各组内部。与基期以来历年相比，{shrinking}项指标的区县间差距在缩小。"
)
EQUALIZATION_SAMPLE = (
    "注：本节区县数值或常住人口含示例数据（演示用合成数据），不代表任何地方的真实情况。"
)
EQUALIZATION_HEADER = (
    "指标",
    "单位",
    "报送区县",
    "变异系数",
    "基尼系数",
    "泰尔指数T",
    "城区/县组间占比",
    "差距变化",
)
EQUALIZATION_TABLE = {True: "各指标区县间差距（按常住人口加权）", False: "各指标区县间差距"}
EQUALIZATION_TREND = {True: "缩小", False: "未缩小"}
EQUALIZATION_MAP_TITLE = "{indicator}（{year}年）"
EQUALIZATION_MAP = "{indicator}分区县分布（区县间差距最大的指标）"
FACILITIES_NO_DATA = (
    "{region}尚未导入设施点位和居民分布数据，暂不能评估服务半径覆盖和配置标准达标情况。"
)
FACILITIES_SAMPLE = (
    "注：本节设施点位与居民分布为示例数据（演示用合成数据），不代表任何地方的真实情况。"
)
FACILITIES_OVERVIEW = (
    "按《城市居住区规划设计标准》（GB 50180-2018）生活圈步行距离，表{n}列出截至{year}年末"
    "各类设施服务半径内居民占全部居民的比例（覆盖率），以及覆盖率最低的区县。"
)
FACILITIES_TABLE = "各类设施服务半径覆盖率"
FACILITIES_HEADER = ("设施类型", "服务半径（米）", "设施数", "全市覆盖率", "覆盖率最低的区县")
NORMS_OVERVIEW = (
    "表{n}对照配置标准，按{year}年常住人口（户数未导入时按平均每户2.62人折算）衡量全市水平、"
    "达标区县数和全市缺口。"
)
NORMS_TABLE = "设施配置标准达标情况"
NORM_MEASURE_UNITS = {
    "per_thousand_residents": "{unit}/千人",
    "area_per_hundred_households": "平方米/百户",
    "residents_per_facility": "人/处",
    "area_per_resident": "平方米/人",
}
NORM_SHORTFALL_UNITS = {
    "per_thousand_residents": "{unit}",
    "area_per_hundred_households": "平方米",
    "residents_per_facility": "处",
    "area_per_resident": "平方米",
}
NORMS_HEADER = ("设施类型", "配置标准", "全市水平", "达标区县", "全市缺口")

ANNUAL_TITLE = "{region}{year}年公共服务发展年度报告"
ANNUAL_HEADINGS = (
    "一、规划承诺了什么",
    "二、今年进展如何",
    "三、正在执行的基本公共服务标准",
    "四、与上年相比有什么变化",
    "五、群众怎么评价（社会满意度调查）",
)
PROMISE = (
    "《{plan}》是{region}{start}—{end}年公共服务发展的总体安排，围绕{domains}等{n}个领域，"
    "设置了{indicators}项主要指标，列出{services}项基本公共服务，安排{projects}项重点项目。"
)
PROMISE_EXAMPLES = "例如：{examples}。"
PROMISE_EXAMPLE = "{name}从{base}年的{baseline}{unit}到{target}年达到{target_value}{unit}"
PROGRESS_INTRO = "截至{year}年，{total}项指标中{good}项已实现或按进度推进，{warned}项需要加快。"
PROGRESS_DOMAIN = "{domain}：{sentence}"
PROGRESS_GOOD = "{n}项指标已实现或进展顺利"
PROGRESS_SLOW = {
    "regressing": "{n}项出现倒退（{names}）",
    "stagnating": "{n}项进展偏慢（{names}）",
    "not_achieved": "{n}项到期未实现（{names}）",
}
RED_MARK = "，红色预警"
PROGRESS_NODATA = "{n}项暂无今年数据"
STANDARDS_INTRO = "{region}基本公共服务清单共{total}项，分领域如下："
STANDARDS_DOMAIN = "{domain}{n}项：{names}。"
STANDARD_FIELDS_HEADER = (
    "服务项目",
    "服务对象",
    "服务内容",
    "服务标准",
    "支出责任",
    "牵头负责单位",
)
NO_FULL_STANDARDS = (
    "目前尚无填写完整五项标准要素（服务对象、服务内容、服务标准、支出责任、牵头负责单位）"
    "的服务项目。"
)
FULL_STANDARDS = "以下{n}项服务已明确全部五项标准要素："
CHANGES_OBSERVATIONS = "{year}年与{previous}年均有监测数据的指标{n}项："
CHANGE_LINE = "{name}由{before}{trend}{after}{judgement}"
CHANGE_SAME = "{name}与上年持平，为{after}"
QUALITATIVE = {True: "已做到", False: "未做到"}
YES_NO = {True: "是", False: "否"}
QUALITATIVE_SAME = "{name}{state}，与上年相同"
QUALITATIVE_CHANGE = "{name}由{before}变为{after}"
CHANGES_NO_OBSERVATIONS = "暂无{year}年与{previous}年均有数据的指标，无法逐项比较。"
CHANGES_STATUS = "评估状态发生变化的指标{n}项：{lines}。"
STATUS_CHANGE_LINE = "{name}由“{before}”变为“{after}”"
CHANGES_NO_STATUS = "与上年相比，各指标评估状态没有变化。"
CHANGES_STANDARDS = "{year}年修订了{n}项服务标准：{names}。"
CHANGES_NO_STANDARDS = "{year}年未修订服务标准。"
CHANGES_PROJECTS = "{year}年更新了{n}个重点项目的状态：{lines}。"
PROJECT_CHANGE_LINE = "{name}（{status}{progress}）"
CHANGES_NO_PROJECTS = "{year}年重点项目状态没有更新。"
UP, DOWN = "升至", "降至"
BETTER, WORSE = "有所改善", "有所下滑"
CHANGES_DOMAIN = "{domain}：{lines}。"
NONE_TEXT = "—"
SEPARATOR = "、"


def counted(counts: Mapping[str, int]) -> str:
    """ "已实现3项、暂无数据2项": labelled counts, largest first, zeros left out."""
    ranked = sorted(((n, key) for key, n in counts.items() if n), key=lambda pair: -pair[0])
    return SEPARATOR.join(f"{label(key)}{n}项" for n, key in ranked) or "暂无"


def number(value: float | None) -> str:
    """A value as a person writes it: no trailing zeros, at most four decimals."""
    if value is None:
        return NONE_TEXT
    return f"{value:.4f}".rstrip("0").rstrip(".")


def with_unit(amount: str, unit: str | None) -> str:
    """ "196万人", "87%", "9.1（每10万人）": a 每… unit reads badly glued to the number."""
    if not unit:
        return amount
    return f"{amount}（{unit}）" if unit.startswith("每") else f"{amount}{unit}"
