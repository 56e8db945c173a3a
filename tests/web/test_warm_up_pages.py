"""The start-up warm-up judges what the warnings list and the overview ask for, so their
first reader after a restart finds the verdicts made."""

from __future__ import annotations

import time

from minsheng.usecases import cache
from tests.web.conftest import _serving, seed


def test_the_first_warnings_request_after_start_judges_nothing_anew(database_url, tmp_path):
    password = seed(database_url)
    cache.clear()
    with _serving(database_url, tmp_path, password, warm_up=True) as server:
        deadline = time.monotonic() + 60
        while cache.kinds().count("evaluate_plans") < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        judged = cache.kinds().count("evaluate_plans")
        with server.client() as client:
            assert client.get("/api/v1/warnings").status_code == 200
            assert client.get("/warnings").status_code == 200
        assert judged == 2
        assert cache.kinds().count("evaluate_plans") == judged
