"""The downloads page and its files over HTTP, on both databases: every file named for
what it holds, every row in it, the Chinese headers above the field names."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from urllib.parse import quote, unquote

from openpyxl import load_workbook

from minsheng.web.pages import downloads
from tests.exports.sheets import csv_records


def test_every_plan_offers_its_files_and_each_downloads(read_server):
    with read_server.client() as client:
        page = client.get("/downloads")
        assert page.status_code == 200
        plan_ids = sorted({int(m) for m in re.findall(r"/downloads/plans/(\d+)\.xlsx", page.text)})
        assert len(plan_ids) == 6  # the five seed plans and the national reference
        for suffix in ("zip", "datapackage.zip"):
            assert f"/downloads/plans/{plan_ids[0]}.{suffix}" in page.text
        assert f"/downloads/plans/{plan_ids[0]}/evaluations.csv" in page.text
        for plan_id in plan_ids:
            workbook = fetch(client, f"/downloads/plans/{plan_id}.xlsx")
            sheets = load_workbook(io.BytesIO(workbook)).sheetnames
            assert sheets[0] == "规划" and {"监测值", "评估结果"} <= set(sheets)
            assert "监测值修订记录" not in sheets  # drafts and authors stay private
        archive = zipfile.ZipFile(io.BytesIO(fetch(client, f"/downloads/plans/{plan_ids[0]}.zip")))
        assert {"observations.csv", "evaluations.csv"} <= set(archive.namelist())
        package = fetch(client, f"/downloads/plans/{plan_ids[0]}.datapackage.zip")
        descriptor = json.loads(zipfile.ZipFile(io.BytesIO(package)).read("datapackage.json"))
        assert [r["name"] for r in descriptor["resources"]][:2] == ["plan", "indicators"]
        assert descriptor["licenses"] and descriptor["contributors"]
        assert client.get("/downloads/plans/99999.xlsx").status_code == 404
        assert client.get(f"/downloads/plans/{plan_ids[0]}.pdf").status_code == 404
        assert client.get(f"/downloads/plans/{plan_ids[0]}/users.csv").status_code == 404


def test_a_table_downloads_whole_under_a_name_that_says_what_it_is(read_server):
    with read_server.client() as client:
        page = client.get("/downloads").text
        hefei = re.search(r'href="/downloads/plans/(\d+)\.xlsx"[^>]*>合肥市-十四五\.xlsx', page)
        assert hefei, "the Hefei workbook is offered as 合肥市-十四五.xlsx"
        plan_id = int(hefei.group(1))
        response = client.get(f"/downloads/plans/{plan_id}/indicators.csv")
        assert response.headers["content-disposition"] == disposition(
            "合肥市-十四五-指标.csv", f"plan-{plan_id}-indicators.csv"
        )
        labels, rows = csv_records(response.content)
        assert labels[:5] == ["指标编号", "规划编号", "序号", "领域", "指标名称"]
        assert len(rows) == 38  # every indicator of Hefei's plan
        assert {row["attribute"] for row in rows} == {"约束性", "预期性"}
        english = client.get(f"/downloads/plans/{plan_id}/indicators.csv?headers=en")
        parsed = list(csv.DictReader(io.StringIO(english.content.decode("utf-8-sig"))))
        assert len(parsed) == 38 and parsed[0]["name"] == rows[0]["name"]
        workbook = client.get(f"/downloads/plans/{plan_id}/evaluations.xlsx")
        assert "合肥市-十四五-评估结果.xlsx" in unquoted(workbook.headers["content-disposition"])
        assert load_workbook(io.BytesIO(workbook.content)).sheetnames == ["评估结果"]
        refused = client.get(f"/downloads/plans/{plan_id}/indicators.csv?headers=fr")
        assert refused.status_code == 422 and "表头" in refused.text


def test_the_standards_catalogue_downloads(read_server):
    with read_server.client() as client:
        workbook = load_workbook(io.BytesIO(fetch(client, "/downloads/standards.xlsx")))
        rows = workbook["基本公共服务标准目录"]
        labels, parsed = csv_records(fetch(client, "/downloads/standards.csv"))
        assert client.get("/downloads/standards.json").status_code == 404
    assert len(parsed) == rows.max_row - 2 > 200
    assert {"beneficiaries", "content", "standard", "funding", "lead_department"} <= set(parsed[0])
    assert {"服务对象", "服务内容", "服务标准", "支出责任", "牵头负责单位"} <= set(labels)


ENDINGS = {"xlsx": ".xlsx", "zip": "-CSV.zip", "datapackage.zip": "-数据包.zip"}


def fetch(client, url: str) -> bytes:
    """The file at `url`, sent as an attachment named for what it holds (plans/3.xlsx:
    合肥市-十四五.xlsx, with plan-3.xlsx for clients without RFC 5987)."""
    response = client.get(url)
    assert response.status_code == 200, url
    name = unquoted(response.headers["content-disposition"])
    if url.startswith("/downloads/plans/"):
        ending = ENDINGS[url.split(".", 1)[1]]
        assert name.endswith(ending) and re.match(r"^(全国|\w+[省市区县])", name), name
    else:
        assert name == "基本公共服务标准目录." + url.rsplit(".", 1)[1]
    return response.content


def disposition(name: str, fallback: str) -> str:
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


def unquoted(header: str) -> str:
    """The file name a browser saves: the RFC 5987 one when given."""
    found = re.search(r"filename\*=UTF-8''([^;]+)", header)
    return unquote(found.group(1)) if found else header.split('"')[1]


def test_an_api_list_as_a_file_holds_every_row_not_a_page(read_server):
    with read_server.client() as client:
        total = int(client.get("/api/v1/observations?limit=1").headers["X-Total-Count"])
        as_csv = client.get("/api/v1/observations?format=csv")
        as_xlsx = client.get("/api/v1/observations?format=xlsx")
    assert total > 100  # more than one JSON page
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert len(rows) == total and "Link" not in as_csv.headers
    assert load_workbook(io.BytesIO(as_xlsx.content)).active.max_row - 1 == total


def test_an_api_file_can_carry_chinese_headers_above_the_field_names(read_server):
    with read_server.client() as client:
        total = int(client.get("/api/v1/observations?limit=1").headers["X-Total-Count"])
        both = client.get("/api/v1/observations?format=csv&headers=zh-en")
        chinese = client.get("/api/v1/observations?format=xlsx&headers=zh")
        wrong = client.get("/api/v1/observations?format=csv&headers=fr")
    lines = list(csv.reader(io.StringIO(both.content.decode("utf-8-sig"))))
    assert "地区" in lines[0] and "region" in lines[1] and len(lines) == total + 2
    sheet = load_workbook(io.BytesIO(chinese.content)).active
    assert "地区" in [c.value for c in sheet[1]] and sheet.max_row - 1 == total
    assert wrong.status_code == 422


def test_a_long_list_of_plans_is_paged(live_server, monkeypatch):
    """The nation's 2,876 plans made a 7.3 MB page: the list is paged like the overview."""
    monkeypatch.setattr(downloads, "PAGE_SIZE", 2)
    with live_server.client() as client:
        pages = [client.get("/downloads", params={"page": n}).text for n in (1, 2, 3, 9)]
    listed = [re.findall(r'href="/downloads/plans/(\d+)\.xlsx"', page) for page in pages]
    assert [len(ids) for ids in listed] == [2, 2, 2, 2]  # six plans; past the end: the last
    assert len({i for ids in listed[:3] for i in ids}) == 6 and listed[3] == listed[2]
    assert "第 1 / 3 页" in pages[0] and 'rel="prev"' not in pages[0]
