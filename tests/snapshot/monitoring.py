"""A fixed year of monitoring on top of the seed, so evaluations have something to judge.

The five seed plans alone hold only the baselines the plans state (every indicator is
"no data", nothing is warned). To pin down statuses, warnings, chart series, latest
values, departments and the annual report's "what changed", `add_monitoring` writes,
through the app's own HTTP interface as the seeded planner and the administrator:

- approved values for 2021–2023 (and 2024 for every other indicator) in each seed plan's
  own region, following one of five patterns chosen by the indicator's position: on the
  linear path, slower than the path, regressing, already at the target, or nothing;
- one draft value (not yet published) and one value for a district (蜀山区);
- a new department and two assignments (one for all regions, one for the plan's region);
- three key-project updates and one standards edit. Their timestamps are then set to
  2025-06-30 and 2025-05-01 in the database, so the 2025 annual report lists them.

Everything is computed from what the API returns for the seeded plans, never from the
clock or a random source.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
from sqlalchemy import Engine, text

YEARS = (2021, 2022, 2023)
EXTRA_YEAR = 2024
PROJECT_UPDATED_AT = datetime(2025, 6, 30, 9, 30, tzinfo=UTC)
STANDARD_EDITED_AT = datetime(2025, 5, 1, 10, 0, tzinfo=UTC)
LIFE_EXPECTANCY = "人均预期寿命"
NURSING_BEDS = "养老机构护理型床位占比"
DISTRICT_VALUE = {"region": "蜀山区", "indicator": LIFE_EXPECTANCY, "year": 2023, "value": "81.2"}
DRAFT_VALUE = {"indicator": LIFE_EXPECTANCY, "year": 2024, "value": "80.5"}
HEALTH = "合肥市卫生健康委员会"  # the seeded reporter's department
CIVIL_AFFAIRS = "合肥市民政局"
PROJECT_CHANGES = (  # (which of the plan's first two projects, status, progress, note)
    (0, "in_progress", "40", "主体结构完工"),
    (0, "delayed", "45", ""),
    (1, "completed", "100", "已投用"),
)


def add_monitoring(
    planner: httpx.Client, admin: httpx.Client, engine: Engine, plans: list[dict]
) -> None:
    """Write the monitoring year through `planner`'s and `admin`'s signed-in sessions."""
    local = [plan for plan in plans if not plan["is_reference"]]
    city = local[0]["region"]
    for plan in local:
        indicators = planner.get(
            "/api/v1/indicators", params={"plan_id": plan["id"], "limit": 1000}
        ).json()
        values = [
            {"region": plan["region"], "indicator": i["name"], "year": year, "value": value}
            for i in indicators
            for year, value in _series(i)
        ]
        if values:
            _post_values(planner, plan["region"], values)
    _post_values(planner, city, [DISTRICT_VALUE])
    _post_values(planner, city, [{"region": city, **DRAFT_VALUE}], draft=True)
    _assign(admin, local[0])
    _update_projects(planner, local[0]["id"])
    _edit_standard(planner, local[0]["id"])
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE key_project_updates SET created_at = :at"), {"at": PROJECT_UPDATED_AT}
        )
        connection.execute(
            text("UPDATE service_item_revisions SET created_at = :at"),
            {"at": STANDARD_EDITED_AT},
        )


def _series(indicator: dict) -> list[tuple[int, str]]:
    """The indicator's values by year, following the pattern its position picks."""
    goal = _number(indicator["target"])
    if goal is None:
        return []
    baseline = indicator["baseline"]
    start = baseline["number"] if baseline["kind"] == "number" else None
    if indicator["cumulative"]:  # a five-year total: report each year's share of it
        start, goal = goal / 5, goal / 5
    elif start is None:
        start = goal * 0.9
    pattern = indicator["position"] % 5
    years = (*YEARS, EXTRA_YEAR) if indicator["position"] % 2 == 0 else YEARS
    values = []
    for year in years:
        share = (year - 2020) / 5
        if pattern == 0:  # on the linear path
            value = start + (goal - start) * share
        elif pattern == 1:  # a third of the way the path needs
            value = start + (goal - start) * share / 3
        elif pattern == 2:  # moving away from the target
            value = start - (goal - start) * share / 2 - abs(start) * 0.02 * (year - 2020)
        elif pattern == 3:  # already there
            value = goal
        else:
            return []
        if indicator["unit"] == "%":
            value = min(value, 100.0)
        values.append((year, f"{max(value, 0.0):.2f}"))
    return values


def _number(target: dict) -> float | None:
    if target["kind"] == "range" and target["low"] is not None and target["high"] is not None:
        return (target["low"] + target["high"]) / 2
    if target["kind"] in ("number", "comparison"):
        return target["number"]
    return None


def _post_values(client: httpx.Client, plan: str, values: list[dict], draft: bool = False) -> None:
    response = client.post(
        "/api/v1/observations", params={"plan": plan, "draft": draft}, json=values
    )
    assert response.status_code == 201, response.text


def csrf(client: httpx.Client, path: str = "/") -> str:
    """The session's CSRF token, from any page with a form (the logout button has one)."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found, f"no CSRF token on {path}"
    return found[1]


def _assign(admin: httpx.Client, plan: dict) -> None:
    added = admin.post(
        "/admin/departments", data={"name": CIVIL_AFFAIRS, "csrf_token": csrf(admin, "/admin")}
    )
    assert added.status_code in (200, 303), added.text
    page = admin.get("/admin/assignments", params={"plan": plan["region"]}).text
    departments = dict(
        (name, number) for number, name in re.findall(r'<option value="(\d+)"[^>]*>([^<]+)<', page)
    )
    indicators = admin.get(
        "/api/v1/indicators", params={"plan_id": plan["id"], "limit": 1000}
    ).json()
    by_name = {i["name"]: i["id"] for i in indicators}
    region_id = next(
        r["id"]
        for r in admin.get("/api/v1/regions", params={"limit": 1000}).json()
        if r["name"] == plan["region"]
    )
    for department, indicator, region in (
        (HEALTH, LIFE_EXPECTANCY, ""),
        (CIVIL_AFFAIRS, NURSING_BEDS, str(region_id)),
    ):
        response = admin.post(
            "/admin/assignments",
            data={
                "csrf_token": csrf(admin, "/admin/assignments"),
                "plan": plan["region"],
                "department": departments[department],
                "indicator": str(by_name[indicator]),
                "region": region,
            },
        )
        assert response.status_code == 303, response.text


def _update_projects(planner: httpx.Client, plan_id: int) -> None:
    projects = planner.get("/api/v1/projects", params={"plan_id": plan_id, "limit": 2}).json()
    for which, status, progress, note in PROJECT_CHANGES:
        project_id = projects[which]["id"]
        response = planner.post(
            f"/projects/{project_id}",
            data={
                "csrf_token": csrf(planner, f"/projects/{project_id}"),
                "status": status,
                "progress": progress,
                "note": note,
            },
        )
        assert response.status_code == 303, response.text


def _edit_standard(planner: httpx.Client, plan_id: int) -> None:
    item = planner.get("/api/v1/service-items", params={"plan_id": plan_id, "limit": 1}).json()[0]
    fields = ("beneficiaries", "content", "standard", "funding", "lead_department")
    data = {field: item[field] or "" for field in fields}
    data["standard"] += "（2025年起提高补助标准）"
    data["csrf_token"] = csrf(planner, f"/standards/items/{item['id']}")
    response = planner.post(f"/standards/items/{item['id']}", data=data)
    assert response.status_code == 303, response.text
