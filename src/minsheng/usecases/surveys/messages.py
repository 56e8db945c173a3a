"""The Chinese words of surveys: scale, states, question texts and every refusal."""

from __future__ import annotations

SCALE = {1: "很不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "很满意"}
STATE_LABELS = {"open": "进行中", "closed": "已结束"}
SOURCE_LABELS = {"web": "网上答卷", "import": "第三方调查导入"}
DOMAIN_QUESTION = "您对本地“{domain}”领域基本公共服务的总体满意程度如何？"
ITEM_QUESTION = "您对“{item}”服务的满意程度如何？"

NO_PLAN = "请选择规划"
NO_TITLE = "请填写调查名称（不超过 200 字）"
NO_PERIOD = "请填写调查期（如“2026年”，不超过 40 字）"
NO_QUESTIONS = "请至少选择一个领域或服务事项作为调查题目"
UNKNOWN_DOMAIN = "“{domain}”不是本规划的服务领域"
UNKNOWN_ITEM = "服务事项编号 {item} 不属于本规划"
NOT_FOUND = "没有编号为 {survey} 的满意度调查"
CLOSED = "该调查已结束，不再接受答卷"
ALREADY_CLOSED = "该调查已经结束"
NO_DISTRICT = "请选择您所在的区县"
BAD_DISTRICT = "“{district}”不是本次调查的区县"
MISSING_SCORE = "请为第 {position} 题选择满意程度"
BAD_SCORE = "第 {position} 题的评分应为 1 至 5 的整数"
LONG_COMMENT = "意见建议不超过 {limit} 字"

SHEET_UNREADABLE = "无法读取该 XLSX 文件，请确认是 Excel 工作簿"
SHEET_EMPTY = "工作表没有表头或数据行"
NO_DISTRICT_COLUMN = "表头缺少“区县”列"
UNKNOWN_COLUMN = "表头“{column}”既不是本调查的题目，也不是题号、“区县”或“意见”"
NO_SCORE_COLUMN = "表头没有任何题目列（题目原文或题号 1、2 …）"
CELL_PROBLEM = "第 {row} 行“{column}”列：{problem}"
CELL_SCORE = "评分应为 1 至 5 的整数，实为“{value}”"
CELL_DISTRICT = "“{value}”不是本次调查的区县"
ROW_EMPTY = "没有任何评分"
IMPORT_FAILED = "导入失败，未写入任何数据。{problems}"
