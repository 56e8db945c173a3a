"""Standards documents written for the tests in the layout such documents use (numbered
items under domain and category headings, five labelled fields; or a table). The wording
and numbers are invented for the tests: no real standard is copied."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument

NATIONAL = """\
示例国家基本公共服务标准（测试用，非真实文本）
一、幼有所育
（一）优孕优生服务
1. 免费孕前优生健康检查
服务对象：符合条件的计划怀孕夫妇。
服务内容：提供健康教育、健康检查、风险评估和咨询指导等服务，
每对夫妇每孩次1次。
服务标准：每孩次1次，目标人群覆盖率不低于80%。
支出责任：地方人民政府负责，中央财政给予补助。
牵头负责单位：卫生健康部门
（二）儿童健康服务
2．儿童健康管理
服务对象: 辖区内0-6岁儿童
服务内容: 新生儿访视、儿童健康检查、生长发育评估
服务标准: 每年2次，儿童健康管理率不低于90%
支出责任: 中央与地方共同财政事权
牵头负责单位: 卫生健康部门
3、预防接种 服务对象：0-6岁儿童和其他重点人群 服务内容：接种国家免疫规划疫苗
服务标准：免疫规划疫苗接种率不低于90%
支出责任：中央与地方共同财政事权
牵头负责单位：卫生健康部门
二、学有所教
4. 示例不存在的服务项目
服务对象：测试对象
服务标准：每人每年不低于100元
"""

CITY = """\
示例市级基本公共服务实施标准（测试用）
一、幼有所育
1. 儿童健康管理
服务对象：全市0-6岁儿童
服务内容：新生儿访视、儿童健康检查
服务标准：每年1次，儿童健康管理率不低于85%
支出责任：市、县（区）财政共同承担
牵头负责单位：市卫生健康委
2. 预防接种
服务对象：0-6岁儿童
服务内容：接种免疫规划疫苗
服务标准：免疫规划疫苗接种率不低于95%
支出责任：市、县（区）财政共同承担
牵头负责单位：市卫生健康委
3. 免费孕前优生健康检查
服务对象：计划怀孕夫妇
服务标准：按国家规定执行
"""

TABLE_HEADER = ("序号", "服务项目", "服务对象", "服务内容", "服务标准", "支出责任", "牵头负责单位")
TABLE_ROWS = (
    (
        "1",
        "基本避孕服务",
        "育龄人群",
        "免费提供避孕药具",
        "每年随访1次",
        "地方负责",
        "卫生健康部门",
    ),
    (
        "2",
        "孕产妇健康服务",
        "孕产妇",
        "孕期保健\n产后访视",
        "孕期检查5次",
        "共同承担",
        "卫生健康部门",
    ),
)


def write_text(path: Path, text: str = NATIONAL) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def write_docx(path: Path, text: str = NATIONAL) -> Path:
    """The text as Word paragraphs, one per line (headings as Word headings)."""
    document = WordDocument()
    for line in text.splitlines():
        if line.startswith(("一、", "二、")):
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def write_table_docx(path: Path) -> Path:
    """A title and the five fields as a Word table."""
    document = WordDocument()
    document.add_paragraph("示例标准表（测试用）")
    table = document.add_table(rows=0, cols=len(TABLE_HEADER))
    for row in (TABLE_HEADER, *TABLE_ROWS):
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.save(str(path))
    return path
