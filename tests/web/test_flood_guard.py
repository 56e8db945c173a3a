"""The public forms' flood guard on a real server at 127.0.0.1: the limit per address and
window, Retry-After, the arithmetic challenge, and that no address is stored."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from sqlalchemy import select

from minsheng.settings import Settings
from minsheng.store import create_engine_for
from minsheng.store.tables.surveys import FormSubmission
from minsheng.web import create_app
from minsheng.web.csrf import FormDep
from minsheng.web.deps import SessionDep
from minsheng.web.flood_guard import ANSWER_FIELD, TOKEN_FIELD, FloodGuard, _number
from minsheng.web.templating import render
from tests.loopback import loopback_client
from tests.web.conftest import _free_port

GUARD = FloodGuard("flood-test", limit=3, window=120)


def _form(request: Request) -> HTMLResponse:
    return render(request, "_flood_challenge.html", challenge=GUARD.challenge(request))


def _post(request: Request, session: SessionDep, form: FormDep) -> Response:
    refused = GUARD.refusal(request, session)
    if refused is not None:
        return refused
    return PlainTextResponse("ok" if GUARD.passed(request, form) else "wrong")


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[str]:
    settings = Settings(data_dir=tmp_path, database_url=database_url, secret_key="s", warm_up=False)
    engine = create_engine_for(database_url)
    app = create_app(settings, engine=engine)
    app.add_api_route("/flood-test", _form, methods=["GET"])
    app.add_api_route("/flood-test", _post, methods=["POST"])
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
    engine.dispose()


def _solve(html: str) -> tuple[str, str]:
    """The answer a reader would compute from the question, and the hidden token."""
    question = re.search(r"验证题：(.)(加|减)(.)等于几", html)
    assert question is not None
    first, second = _number(question[1]), _number(question[3])
    assert first is not None and second is not None
    answer = first + second if question[2] == "加" else first - second
    token = re.search(rf'name="{TOKEN_FIELD}" value="([^"]+)"', html)
    assert token is not None
    return str(answer), token[1]


def test_a_right_answer_passes_and_a_wrong_one_does_not(server: str) -> None:
    with loopback_client(server) as client:
        answer, token = _solve(client.get("/flood-test").text)
        assert (
            client.post("/flood-test", data={ANSWER_FIELD: answer, TOKEN_FIELD: token}).text == "ok"
        )
        wrong = str(int(answer) + 1)
        assert (
            client.post("/flood-test", data={ANSWER_FIELD: wrong, TOKEN_FIELD: token}).text
            == "wrong"
        )
        forged = token.rsplit(".", 1)[0] + ".0"
        assert (
            client.post("/flood-test", data={ANSWER_FIELD: answer, TOKEN_FIELD: forged}).text
            == "wrong"
        )


def test_flooding_from_one_address_is_refused_after_the_limit(server: str, engine) -> None:
    with loopback_client(server) as client:
        statuses = [client.post("/flood-test", data={}).status_code for _ in range(5)]
        refused = client.post("/flood-test", data={})
    assert statuses == [200, 200, 200, 429, 429]
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 121
    assert "提交过于频繁" in refused.text and "最多提交 3 次" in refused.text
    with engine.connect() as connection:
        hashes = connection.scalars(select(FormSubmission.address_hash)).all()
    assert len(hashes) == 3 and all("127.0.0.1" not in value for value in hashes)


def test_chinese_and_full_width_answers_are_read() -> None:
    assert [_number(text) for text in ("十二", "七", "１５", " 9 ", "十", "abc")] == [
        12, 7, 15, 9, 10, None,
    ]  # fmt: skip
