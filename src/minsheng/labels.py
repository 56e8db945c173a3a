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


# --- The audit log (操作日志): its actions, the kinds of thing written, the detail fields ---

PROJECT_FIELDS: dict[str, str] = {
    "district": "区县", "nature": "建设性质", "total_investment": "总投资（万元）",
    "start_month": "开工时间", "end_month": "竣工时间", "responsible_unit": "责任单位",
    "lon": "经度", "lat": "纬度", "investments": "年度投资",
}  # fmt: skip
"""A key project's fields besides status, progress and note, as its edit form names them."""

AUDIT_ACTIONS: dict[str, str] = {
    "create": "新建", "update": "修改", "edit": "编辑", "add": "添加", "link": "关联",
    "import": "导入", "generate": "生成", "record": "记录", "supersede": "替换旧版本",
    "assign": "分配指标", "unassign": "取消分配", "scope": "设定账号地区范围",
    "submit": "提交审核", "approve": "审核通过", "return": "退回",
    "open": "发起", "close": "关闭", "remind": "催报", "set_contact": "设置部门联系邮箱",
    "activate": "启用账号", "deactivate": "停用账号",
    "change_password": "修改本人密码", "set_password": "设置密码（命令行）",
    "reset_link": "生成重设密码链接", "reset_password": "通过链接重设密码",
    "publish": "发布", "answer": "答卷", "route": "转交办理", "reject": "不予公开", "reply": "答复",
    "revoke": "吊销", "progress": "报告进展", "define": "设定", "report": "报送",
    "set_range": "设定审核范围", "fill": "从规划文本补全项目信息",
    "fill_facts": "补算指标判定数据",
}  # fmt: skip

AUDIT_ENTITIES: dict[str, str] = {
    "user": "用户", "department": "部门", "api_token": "接口令牌", "indicator": "指标",
    "observation": "监测值", "observations": "监测值（批量）", "observation_revision": "监测值修订",
    "plan": "规划", "region": "地区", "population": "常住人口", "sample_data": SAMPLE_LABEL,
    "service_item": "服务事项", "catalogue_entry": "指标目录条目",
    "catalogue_alias": "指标目录别名", "key_project": "重点项目", "reporting_round": "报送任务",
    "indicator_metadata": "指标元数据", "facilities": "设施点位", "residents": "居民点",
    "suggestion": "意见建议", "survey": "满意度调查",
    "problem": "问题清单", "delivery_indicator": "标准实施监测指标", "review_range": "审核范围",
}  # fmt: skip

AUDIT_FIELDS: dict[str, str] = {
    # people and accounts
    "username": "用户", "user": "用户", "role": "角色", "department": "部门", "email": "电子邮箱",
    "expires_at": "有效至（北京时间）", "days": "有效天数",
    # what was written
    "region": "地区", "name": "名称", "title": "标题", "kind": "类别", "state": "审核状态",
    "reason": "原因", "status": "状态", "progress": "进度", "note": "说明", "source": "来源",
    "text": "内容", "document": "佐证材料", "reply": "答复", "public": "公开",
    "rows": "行数", "file": "文件", "added": "新增", "replaced": "替换", "items": "项数",
    "observation_id": "监测值编号", "year": "年份", "years": "年份", "value": "数值",
    "unit": "单位", "min": "下限", "max": "上限", "required": "必填",
    "before": "原值", "after": "新值", "changed": "修改内容", "changes": "修改内容",
    "revision": "修订号", "version": "版本", "update": "更新号", "code": "代码",
    # plans and their parts
    "plan": "规划", "plan_id": "规划编号", "indicator": "指标", "indicator_id": "指标编号",
    "indicators": "指标数", "previous_plan_results": "上期完成情况条数",
    "service_items": "服务事项数", "service_item_id": "服务事项编号", "columns": "专栏数",
    "key_projects": "重点项目数", "projects": "重点项目数", "carried": "沿用上一版本的编辑",
    "key": "目录键", "alias": "别名", "aliases": "别名", "catalogue_key": "目录键",
    "domain": "领域", "direction": "方向",
    # problems, rounds, surveys, reminders
    "measures": "整改措施", "deadline": "截止日期", "source_text": "问题来源",
    "reported_on": "报告日期", "in_app": "站内提醒", "questions": "题目数",
    "responses": "答卷数", "sample": SAMPLE_LABEL,
    # facility points and the demonstration data
    "city": "城市", "as_of": "截至日期", "layers": "各类点位数", "outside": "超出范围的点位",
    "values": "监测值条数", "populations": "人口数据条数", "label": "标注",
    "residents": "居民点数", "facilities": "设施点位数",
    **PROJECT_FIELDS,
}  # fmt: skip
"""The Chinese name of each field a write records in its detail (see `usecases.audit_log`)."""


def audit_action(code: str) -> str:
    return AUDIT_ACTIONS.get(code, code)


def audit_entity(code: str) -> str:
    return AUDIT_ENTITIES.get(code, code)


def audit_field(code: str) -> str:
    return AUDIT_FIELDS.get(code, code)
