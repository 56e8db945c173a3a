"""A failure nobody foresaw (here: a table gone behind the server's back) is logged with
its traceback and answered with a Chinese page, or the API's error shape — never a bare
500 with an English text and nothing in the log."""

from __future__ import annotations

import logging

from sqlalchemy import text

from minsheng.store import create_engine_for, upgrade_database
from tests.web.conftest import _serving, seed


def test_an_unexpected_failure_is_logged_and_answered_in_chinese(tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'broken.db'}"
    upgrade_database(url)
    password = seed(url)
    engine = create_engine_for(url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE key_project_updates"))
        connection.execute(text("DROP TABLE key_projects"))
    engine.dispose()
    caplog.set_level(logging.ERROR, logger="minsheng.web")
    with _serving(url, tmp_path, password) as server, server.client() as client:
        page = client.get("/projects")
        answer = client.get("/api/v1/projects")
    assert page.status_code == 500 and "服务器内部错误" in page.text
    assert "Traceback" not in page.text and "key_projects" not in page.text
    assert answer.status_code == 500 and answer.json()["error"] == "server_error"
    logged = [r for r in caplog.records if r.name == "minsheng.web"]
    assert any("/projects" in r.getMessage() and r.exc_info for r in logged)
