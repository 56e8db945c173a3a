"""The standards-document parser on text written for the test in the documents' layout."""

from __future__ import annotations

from minsheng.ingest.document import Document, Paragraph, Table
from minsheng.ingest.parsers.standards import parse_standards
from minsheng.ingest.readers import read_document

LAYOUT = """\
示例标准（测试用文本）
一、幼有所育
（一）优孕优生服务
1. 免费孕前优生健康检查
服务对象：符合条件的计划怀孕夫妇。
服务内容：提供健康教育、体格检查等孕前优生服务，
每对夫妇每次怀孕前1次。
服务标准：每年1次，检查率达到80%。
支出责任：地方人民政府负责，中央财政给予补助。
牵头负责单位：市卫生健康委
2．预防接种 服务对象: 0-6岁儿童 服务内容: 免疫规划疫苗接种
服务标准: 接种率不低于90%
支出责任: 中央和地方共同承担
牵头负责单位: 市卫生健康委
二、学有所教
3、这是一个只有名称没有字段的项目
4. 免费义务教育
服务对象：义务教育阶段学生
服务标准：生均公用经费每人每年不低于650元
"""


def document(text: str) -> Document:
    lines = text.splitlines()
    return Document("示例.txt", tuple(Paragraph(t, i + 1) for i, t in enumerate(lines)))


def test_numbered_items_with_wrapped_fields_under_their_domain():
    entries = parse_standards(document(LAYOUT)).entries
    assert [e.name for e in entries] == ["免费孕前优生健康检查", "预防接种", "免费义务教育"]
    first, second, third = entries
    assert (first.domain, first.category, first.line) == ("幼有所育", "优孕优生服务", 4)
    wrapped = "提供健康教育、体格检查等孕前优生服务，每对夫妇每次怀孕前1次。"
    assert first.fields["content"] == wrapped
    assert first.fields["lead_department"] == "市卫生健康委"
    assert second.fields == {
        "beneficiaries": "0-6岁儿童",
        "content": "免疫规划疫苗接种",
        "standard": "接种率不低于90%",
        "funding": "中央和地方共同承担",
        "lead_department": "市卫生健康委",
    }
    assert third.domain == "学有所教" and set(third.fields) == {"beneficiaries", "standard"}


def test_a_table_with_the_five_headers():
    rows = (
        ("序号", "服务项目", "服务对象", "服务内容", "服务标准", "支出责任", "牵头负责单位"),
        ("1", "预防接种", "0-6岁儿童", "免疫规划\n疫苗接种", "接种率90%", "共同承担", "卫健委"),
        ("", "", "", "", "", "", ""),
    )
    parsed = parse_standards(Document("t.docx", (Table(rows, 1),)))
    assert [(e.name, e.fields["content"], e.fields["lead_department"]) for e in parsed.entries] == [
        ("预防接种", "免疫规划疫苗接种", "卫健委")
    ]


def test_a_table_without_field_headers_is_not_read_as_standards():
    rows = (("指标", "2020年", "2025年"), ("预防接种率", "90", "95"))
    assert parse_standards(Document("t.docx", (Table(rows, 1),))).entries == []


def test_an_html_page_read_through_the_readers(tmp_path):
    page = tmp_path / "standards.html"
    lines = "".join(f"<p>{line}</p>" for line in LAYOUT.splitlines())
    table = (
        "<table><tr><th>服务项目</th><th>服务对象</th><th>服务标准</th><th>支出责任</th></tr>"
        "<tr><td>基本避孕服务</td><td>育龄人群</td><td>每年随访1次</td><td>地方负责</td></tr></table>"
    )
    page.write_text(f"<html><body>{lines}{table}</body></html>", encoding="utf-8")
    entries = parse_standards(read_document(page)).entries
    assert [e.name for e in entries] == [
        "免费孕前优生健康检查",
        "预防接种",
        "免费义务教育",
        "基本避孕服务",
    ]
    assert entries[-1].fields["standard"] == "每年随访1次"
