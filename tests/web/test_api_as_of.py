"""`as_of=` on /api/v1/evaluation and /api/v1/warnings: the data approved by the end of a
day (Beijing); a malformed or future date is a bad `as_of` parameter (422)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

HEFEI = "合肥市"


@pytest.fixture
def api(read_server):
    with read_server.client() as client:
        client.base_url = f"{read_server.url}/api/v1"
        yield client


@pytest.mark.parametrize("path", ["/evaluation", "/warnings"])
@pytest.mark.parametrize("as_of", ["2026-13-01", "yesterday", "tomorrow"])
def test_a_malformed_or_future_date_is_refused_naming_as_of(api, path, as_of):
    if as_of == "tomorrow":
        as_of = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    refused = api.get(path, params={"plan": HEFEI, "as_of": as_of})
    assert refused.status_code == 422
    body = refused.json()
    assert body["error"] == "invalid_request"
    assert [field["field"] for field in body["fields"]] == ["as_of"]


def test_a_response_names_the_day_its_data_stood_at(api):
    now = api.get("/evaluation", params={"plan": HEFEI, "year": 2025, "limit": 1000})
    assert now.status_code == 200 and "X-Data-As-Of" not in now.headers
    then = api.get(
        "/evaluation", params={"plan": HEFEI, "year": 2025, "as_of": "2021-06-30", "limit": 1000}
    )
    assert then.status_code == 200, then.text
    assert then.headers["X-Data-As-Of"] == "2021-06-30"
    assert len(then.json()) > 0 and all(row["value"] is None for row in then.json())
    warned = api.get("/warnings", params={"as_of": "2021-06-30"})
    assert warned.status_code == 200 and warned.headers["X-Data-As-Of"] == "2021-06-30"
