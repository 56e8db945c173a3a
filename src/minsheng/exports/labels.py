"""The Chinese words of open data: column headers, table names and coded values.

A published table keeps its English field names (the data package's names, the second
header row of a file) and shows these Chinese headers first, so that a person reads the
file and a program keeps stable names. One catalogue, to be reviewed as a whole.
"""

from __future__ import annotations

from minsheng.labels import label

TABLE_NAMES: dict[str, str] = {
    "plan": "规划",
    "indicators": "指标",
    "indicator_metadata": "指标元数据",
    "previous_plan_results": "上期规划完成情况",
    "service_items": "基本公共服务项目",
    "columns": "专栏",
    "key_projects": "重点项目",
    "observations": "监测值",
    "observation_revisions": "监测值修订记录",
    "evaluations": "评估结果",
    "facilities": "公共服务设施",
    "problems": "问题清单",
    "standards": "基本公共服务标准目录",
}

HEADERS: dict[str, str] = {
    "plan_id": "规划编号",
    "region": "地区",
    "region_code": "行政区划代码",
    "region_id": "地区编号",
    "title": "标题",
    "period_start": "规划期起始年",
    "period_end": "规划期终止年",
    "issue_date": "印发日期",
    "version": "版本",
    "source_name": "来源文件",
    "imported_at": "导入时间",
    "indicator_id": "指标编号",
    "position": "序号",
    "domain": "领域",
    "name": "名称",
    "unit": "单位",
    "baseline_raw": "基期值（原文）",
    "baseline_number": "基期值",
    "target_raw": "目标值（原文）",
    "target_kind": "目标值类型",
    "target_comparator": "比较关系",
    "target_number": "目标值",
    "target_low": "目标下限",
    "target_high": "目标上限",
    "attribute": "指标属性",
    "attribute_code": "指标属性代码",
    "cumulative": "是否累计值",
    "catalogue_key": "指标目录代码",
    "direction": "评价方向",
    "definition": "定义",
    "formula": "计算方法",
    "data_source": "数据来源",
    "department": "责任单位",
    "frequency": "更新频率",
    "notes": "备注",
    "origins": "字段来源",
    "updated_at": "更新时间",
    "result_id": "行编号",
    "actual_raw": "实际完成（原文）",
    "actual_number": "实际完成",
    "item_id": "项目编号",
    "beneficiaries": label("beneficiaries"),
    "content": label("content"),
    "standard": label("standard"),
    "funding": label("funding"),
    "lead_department": label("lead_department"),
    "plan_title": "规划名称",
    "number": "专栏序号",
    "kind": "类型",
    "project_id": "项目编号",
    "column_number": "所在专栏",
    "detail": "建设内容",
    "status": "状态",
    "status_code": "状态代码",
    "progress": "进度（%）",
    "nature": "建设性质",
    "total_investment": "总投资（万元）",
    "start_month": "开工时间",
    "end_month": "竣工时间",
    "responsible_unit": "责任单位",
    "lon": "经度",
    "lat": "纬度",
    "investments": "分年度投资（万元）",
    "indicator": "指标",
    "year": "年份",
    "value": "数值",
    "source": "数据来源",
    "note": "备注",
    "observation_id": "监测值编号",
    "state": "审核状态",
    "state_code": "审核状态代码",
    "author": "记录人",
    "recorded_at": "记录时间",
    "revision_id": "修订编号",
    "raw": "原文",
    "reason": "退回原因",
    "sample_data": "示例数据",
    "facility_id": "设施编号",
    "type_code": "类型代码",
    "type": "设施类型",
    "capacity": "规模",
    "capacity_unit": "规模单位",
    "as_of": "数据日期",
    "id": "编号",
    "measures": "整改措施",
    "deadline": "整改期限",
    "progress_reports": "进展报告数",
    "latest_progress": "最新进展",
    "closed_at": "销号时间",
    "evidence_value": "销号依据数值",
    "evidence_note": "销号说明",
    "evidence_document": "销号文件",
    "evaluation_year": "评估年份",
    "data_year": "数据年份",
    "baseline": "基期值",
    "target": "目标值",
    "ratio": "进度比率",
    "warning": "预警",
    "warning_code": "预警代码",
    "status_word": "评价结论",
}

TABLE_HEADERS: dict[tuple[str, str], str] = {
    ("indicators", "name"): "指标名称",
    ("indicator_metadata", "name"): "指标名称",
    ("previous_plan_results", "name"): "指标名称",
    ("service_items", "name"): "服务项目",
    ("standards", "name"): "服务项目",
    ("key_projects", "name"): "项目名称",
    ("facilities", "name"): "设施名称",
    ("columns", "title"): "专栏标题",
    ("problems", "title"): "问题名称",
    ("problems", "source"): "问题来源",
    ("problems", "department"): "责任部门",
    ("problems", "kind"): "问题类型",
    ("observations", "department"): "报送单位",
    ("evaluations", "status"): "评价结论",
    ("evaluations", "value"): "监测值",
}
"""Where one field name means something more precise in one table."""

CODE_WORDS: dict[str, str] = {
    "higher_is_better": "越大越好",
    "lower_is_better": "越小越好",
    "within_band": "区间内为好",
    "qualitative": "定性",
}


def header(table: str, field: str) -> str:
    """The Chinese header of `field` in `table`; its English name when there is none."""
    return TABLE_HEADERS.get((table, field)) or HEADERS.get(field, field)


def table_name(table: str) -> str:
    """The Chinese name of a table, for sheet and file names."""
    return TABLE_NAMES.get(table, table)


def word(code: str | None) -> str | None:
    """A coded value (binding, red, approved, lower_is_better …) in Chinese words."""
    if code is None:
        return None
    return CODE_WORDS.get(code) or label(code)
