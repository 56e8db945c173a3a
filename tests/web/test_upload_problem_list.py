"""An upload with hundreds of problems: the page lists the first 200 (and their rows) and
offers every problem as a CSV file, to its uploader only."""

from __future__ import annotations

import csv
import io
import re

from tests.web.conftest import LiveServer
from tests.web.test_pages_admin import LIFE, csrf, signed_in


def test_many_problems_show_200_on_the_page_and_all_in_the_csv(live_server: LiveServer):
    lines = [f"合肥市,{LIFE},2025,坏值{i}" for i in range(300)]
    upload = ("地区,指标,年份,数值\n" + "\n".join(lines) + "\n").encode()
    with signed_in(live_server, "planner") as planner:
        rejected = planner.post(
            "/entry/upload",
            data={"csrf_token": csrf(planner, "/entry/upload"), "plan": "合肥市"},
            files={"file": ("many.csv", upload, "text/csv")},
        )
        assert rejected.status_code == 422
        total = int(re.search(r"共有 (\d+) 处问题", rejected.text)[1])
        assert total >= 300
        listed = re.search(r'<table class="problems">.*?</table>', rejected.text, re.S)[0]
        assert listed.count("<tr>") == 200 + 1  # the header row and 200 problems
        assert len(rejected.content) < 400_000
        link = re.search(r'href="(/entry/upload/problems/[^"]+)"', rejected.text)[1]
        download = planner.get(link)
        assert download.status_code == 200
        rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
        assert rows[0] == ["工作表", "行", "列", "问题"]
        assert len(rows) == total + 1
        assert {row[1] for row in rows[1:]} >= {str(n) for n in range(2, 302)}
    with signed_in(live_server, "reporter") as other:
        assert other.get(link).status_code == 404  # only the uploader gets it
