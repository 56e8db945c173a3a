"""Pydantic's validation errors in Chinese, for the people reading an API error or a page.

Keyed by pydantic's error `type`; the context (`le`, `expected` …) fills the template. A
type not listed keeps pydantic's English message rather than say something wrong.
"""

from __future__ import annotations

from typing import Any

TEMPLATES = {
    "missing": "必须提供",
    "int_parsing": "须为整数",
    "int_type": "须为整数",
    "int_from_float": "须为整数",
    "float_parsing": "须为数字",
    "float_type": "须为数字",
    "finite_number": "须为有限的数字",
    "bool_parsing": "须为 true 或 false",
    "bool_type": "须为 true 或 false",
    "string_type": "须为文本",
    "date_parsing": "须为日期，格式 YYYY-MM-DD",
    "date_from_datetime_parsing": "须为日期，格式 YYYY-MM-DD",
    "date_type": "须为日期，格式 YYYY-MM-DD",
    "datetime_parsing": "须为日期时间，格式 YYYY-MM-DDTHH:MM:SS",
    "literal_error": "须为以下之一：{expected}",
    "enum": "须为以下之一：{expected}",
    "less_than_equal": "不能大于 {le}",
    "less_than": "须小于 {lt}",
    "greater_than_equal": "不能小于 {ge}",
    "greater_than": "须大于 {gt}",
    "string_too_short": "至少 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "too_short": "至少 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "extra_forbidden": "不接受此字段",
    "json_invalid": "请求体不是有效的 JSON",
    "model_attributes_type": "格式不对，应为 JSON 对象",
    "dict_type": "格式不对，应为 JSON 对象",
    "list_type": "格式不对，应为 JSON 数组",
}


def chinese_message(error: dict[str, Any]) -> str:
    """One validation error's message in Chinese (pydantic's own when not known)."""
    template = TEMPLATES.get(str(error.get("type", "")))
    if template is None:
        return str(error.get("msg", ""))
    try:
        return template.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        return str(error.get("msg", ""))
