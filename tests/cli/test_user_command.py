"""`minsheng user create` and `minsheng user token`: real processes on a SQLite data directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from minsheng.settings import Settings
from minsheng.store import create_engine_for, session_scope
from minsheng.store.repositories import audit
from minsheng.usecases.passwords import redeem_reset_link
from minsheng.usecases.users import AccountInactive, account_for_token, authenticate


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def minsheng(data_dir: Path, tmp_path: Path, minsheng_in):
    return minsheng_in(data_dir, tmp_path)


def _engine(data_dir: Path):
    return create_engine_for(Settings(data_dir=data_dir).effective_database_url)


def test_create_reads_the_password_from_the_environment_and_it_signs_in(minsheng, data_dir):
    result = minsheng(
        "user",
        "create",
        "wei",
        "--role",
        "reporter",
        "--department",
        "合肥市卫生健康委员会",
        MINSHENG_NEW_PASSWORD="a-long-password-1",
    )
    assert result.returncode == 0, result.stderr
    assert "created wei (reporter)" in result.stdout
    engine = _engine(data_dir)
    try:
        with session_scope(engine) as session:
            account = authenticate(
                session, username="wei", password="a-long-password-1", address="test"
            )
            assert account.role == "reporter"
            assert account.department_id is not None
            assert [e.detail["username"] for e in audit.entries(session, entity="user")] == ["wei"]
    finally:
        engine.dispose()


def test_create_asks_twice_and_refuses_duplicates_and_short_passwords(minsheng):
    asked = minsheng("user", "create", "li", "--role", "planner", stdin="secret-words-9\n" * 2)
    assert asked.returncode == 0, asked.stderr
    again = minsheng(
        "user", "create", "li", "--role", "planner", MINSHENG_NEW_PASSWORD="secret-words-9"
    )
    assert again.returncode == 2
    assert "exists already" in again.stderr
    short = minsheng("user", "create", "zhao", "--role", "viewer", MINSHENG_NEW_PASSWORD="short")
    assert short.returncode == 2
    assert "at least 10 characters" in short.stderr


def test_token_is_printed_once_and_identifies_the_user(minsheng, data_dir):
    created = minsheng(
        "user", "create", "api-bot", "--role", "viewer", MINSHENG_NEW_PASSWORD="bot-password-12"
    )
    assert created.returncode == 0, created.stderr
    result = minsheng("user", "token", "api-bot", "--name", "nightly sync")
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip()
    assert len(token) >= 40
    engine = _engine(data_dir)
    try:
        with session_scope(engine) as session:
            owner = account_for_token(session, token=token)
            assert owner is not None
            assert owner.username == "api-bot"
            logged = audit.entries(session, entity="api_token")
            assert [e.detail["name"] for e in logged] == ["nightly sync"]
            assert token not in str(logged[0].detail)
    finally:
        engine.dispose()
    missing = minsheng("user", "token", "nobody", "--name", "x")
    assert missing.returncode == 2
    assert "no user 'nobody'" in missing.stderr


def _admin_and_reporter(minsheng) -> None:
    for name, role in (("root", "admin"), ("wu", "reporter")):
        made = minsheng("user", "create", name, "--role", role,
                        MINSHENG_NEW_PASSWORD=f"{name}-start-pw-1")  # fmt: skip
        assert made.returncode == 0, made.stderr


def test_passwd_sets_a_strong_password_and_names_what_is_wrong(minsheng, data_dir):
    _admin_and_reporter(minsheng)
    weak = minsheng("user", "passwd", "wu", MINSHENG_NEW_PASSWORD="abcdefghijkl")
    assert weak.returncode == 2
    assert "mix at least two of letters, digits and other characters" in weak.stderr
    nobody = minsheng("user", "passwd", "nobody", MINSHENG_NEW_PASSWORD="long-enough-77")
    assert (nobody.returncode, "no user 'nobody'" in nobody.stderr) == (2, True)
    asked = minsheng("user", "passwd", "wu", stdin="long-enough-77\n" * 2)
    assert asked.returncode == 0, asked.stderr
    assert "password of wu changed" in asked.stdout
    engine = _engine(data_dir)
    try:
        with session_scope(engine) as session:
            assert authenticate(session, username="wu", password="long-enough-77", address="t")
            [entry] = [e for e in audit.entries(session, entity="user") if e.action != "create"]
            assert (entry.action, entry.detail) == ("set_password", {"username": "wu"})
    finally:
        engine.dispose()


def test_reset_link_prints_a_link_at_the_public_url_that_works_once(minsheng, data_dir):
    _admin_and_reporter(minsheng)
    default = minsheng("user", "reset-link", "wu")
    assert default.returncode == 0, default.stderr
    assert default.stdout.startswith("http://127.0.0.1:8000/password/reset/")
    assert "Beijing time" in default.stderr
    result = minsheng("user", "reset-link", "wu", MINSHENG_PUBLIC_URL="https://ms.hefei.cn/")
    link = result.stdout.strip()
    assert link.startswith("https://ms.hefei.cn/password/reset/")
    engine = _engine(data_dir)
    try:
        with session_scope(engine) as session:
            redeem_reset_link(session, token=link.rsplit("/", 1)[1], password="via-link-2026")
            assert authenticate(session, username="wu", password="via-link-2026", address="t")
    finally:
        engine.dispose()
    missing = minsheng("user", "reset-link", "nobody")
    assert (missing.returncode, "no user 'nobody'" in missing.stderr) == (2, True)


def test_deactivate_activate_and_role_keep_an_administrator(minsheng, data_dir):
    _admin_and_reporter(minsheng)
    off = minsheng("user", "deactivate", "wu")
    assert (off.returncode, off.stdout.strip()) == (0, "wu is now deactivated")
    engine = _engine(data_dir)
    try:
        with session_scope(engine) as session, pytest.raises(AccountInactive):
            authenticate(session, username="wu", password="wu-start-pw-1", address="t")
        assert minsheng("user", "deactivate", "wu").stdout.strip() == "wu was already deactivated"
        assert minsheng("user", "activate", "wu").returncode == 0
        last = minsheng("user", "deactivate", "root")
        assert last.returncode == 2
        assert "last active administrator" in last.stderr
        demote = minsheng("user", "role", "root", "planner")
        assert (demote.returncode, "last active administrator" in demote.stderr) == (2, True)
        bad = minsheng("user", "role", "wu", "boss")
        assert (bad.returncode, "role must be one of" in bad.stderr) == (2, True)
        moved = minsheng("user", "role", "wu", "planner", "--department", "市发展改革委")
        assert moved.returncode == 0, moved.stderr
        assert moved.stdout.strip() == "wu is now planner in 市发展改革委"
        with session_scope(engine) as session:
            account = authenticate(session, username="wu", password="wu-start-pw-1", address="t")
            assert account.role == "planner"
            update = audit.entries(session, entity="user")[-1]
            assert update.detail["role"] == {"from": "reporter", "to": "planner"}
            assert update.detail["department"] == {"from": None, "to": "市发展改革委"}
    finally:
        engine.dispose()
