"""The downloads page and its files over HTTP, on both databases."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

from openpyxl import load_workbook


def test_every_plan_offers_its_files_and_each_downloads(read_server):
    with read_server.client() as client:
        page = client.get("/downloads")
        assert page.status_code == 200
        plan_ids = sorted({int(m) for m in re.findall(r"/downloads/plans/(\d+)\.xlsx", page.text)})
        assert len(plan_ids) == 6  # the five seed plans and the national reference
        for suffix in ("zip", "datapackage.zip"):
            assert f"/downloads/plans/{plan_ids[0]}.{suffix}" in page.text
        for plan_id in plan_ids:
            workbook = fetch(client, f"/downloads/plans/{plan_id}.xlsx")
            sheets = load_workbook(io.BytesIO(workbook)).sheetnames
            assert sheets[0] == "plan" and "observations" in sheets
            assert "observation_revisions" not in sheets  # drafts and authors stay private
        archive = zipfile.ZipFile(io.BytesIO(fetch(client, f"/downloads/plans/{plan_ids[0]}.zip")))
        assert "observations.csv" in archive.namelist()
        package = fetch(client, f"/downloads/plans/{plan_ids[0]}.datapackage.zip")
        descriptor = json.loads(zipfile.ZipFile(io.BytesIO(package)).read("datapackage.json"))
        assert [r["name"] for r in descriptor["resources"]][:2] == ["plan", "indicators"]
        assert client.get("/downloads/plans/99999.xlsx").status_code == 404
        assert client.get(f"/downloads/plans/{plan_ids[0]}.pdf").status_code == 404


def test_the_standards_catalogue_downloads(read_server):
    with read_server.client() as client:
        rows = load_workbook(io.BytesIO(fetch(client, "/downloads/standards.xlsx")))["standards"]
        text = fetch(client, "/downloads/standards.csv").decode("utf-8-sig")
        assert client.get("/downloads/standards.json").status_code == 404
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert len(parsed) == rows.max_row - 1 > 200
    assert {"beneficiaries", "content", "standard", "funding", "lead_department"} <= set(parsed[0])


def fetch(client, url: str) -> bytes:
    """The file at `url`, sent as an attachment named like it (plans/3.xlsx: plan-3.xlsx)."""
    response = client.get(url)
    assert response.status_code == 200, url
    name = url.removeprefix("/downloads/").replace("plans/", "plan-")
    assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    return response.content
