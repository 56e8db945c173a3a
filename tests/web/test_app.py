"""The app's start-up: every plan is judged in the background before anyone asks."""

from __future__ import annotations

import time

from minsheng.usecases import cache
from tests.web.conftest import _serving, seed


def test_the_server_judges_every_plan_on_start_without_a_request(database_url, tmp_path):
    password = seed(database_url)
    cache.clear()
    with _serving(database_url, tmp_path, password, warm_up=True):
        deadline = time.monotonic() + 60
        while "evaluate_plans" not in cache.kinds() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "evaluate_plans" in cache.kinds()
        assert "targets" in cache.kinds()


def test_the_warm_up_can_be_turned_off(database_url, tmp_path):
    password = seed(database_url)
    cache.clear()
    with _serving(database_url, tmp_path, password, warm_up=False) as server:
        time.sleep(1)
        assert "evaluate_plans" not in cache.kinds()
        with server.client() as client:
            assert client.get("/warnings").status_code == 200
        assert "evaluate_plans" in cache.kinds()
