"""Chinese words for the code's English values, for pages and reports: one catalogue."""

from __future__ import annotations

from minsheng.model.plan import DOMAINS

DOMAIN_ORDER = DOMAINS

SAMPLE_LABEL = "示例数据"
"""The note on synthetic demonstration values and the source of synthetic populations;
every page that can show them says so with this word."""

LABELS: dict[str, str] = {
    # evaluation status
    "achieved": "已实现",
    "not_achieved": "未实现",
    "on_track": "进度正常",
    "moderately_improving": "稳步推进",
    "stagnating": "进展缓慢",
    "regressing": "出现倒退",
    "not_evaluable": "无法评估",
    "no_data": "暂无数据",
    # warnings
    "red": "红色预警",
    "yellow": "黄色预警",
    "none": "无预警",
    # attributes
    "expected": "预期性",
    "binding": "约束性",
    # roles
    "admin": "系统管理员",
    "planner": "规划人员",
    "reporter": "填报人员",
    "viewer": "查看人员",
    # review states
    "draft": "草稿",
    "submitted": "已提交",
    "approved": "已审核",
    "returned": "已退回",
    # levels
    "city": "市",
    "district": "区",
    "county": "县",
    "country": "全国",
    # project status
    "planned": "计划中",
    "in_progress": "实施中",
    "completed": "已完成",
    "delayed": "滞后",
    # standards catalogue: the five fields of a service item's standard
    "beneficiaries": "服务对象",
    "content": "服务内容",
    "standard": "服务标准",
    "funding": "支出责任",
    "lead_department": "牵头负责单位",
    # a new plan's account of the previous period against minsheng's final evaluation
    "unmatched": "未找到对应指标",
    "target": "目标值不一致",
    "no_value": "本平台无期末监测值",
    "actual": "完成值不一致",
    "status": "评价结论不一致",
}


def label(value: object) -> str:
    """The Chinese word for an English value; the value itself when there is none."""
    text = str(value) if value is not None else ""
    return LABELS.get(text, text)
