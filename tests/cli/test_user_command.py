"""`minsheng user create` and `minsheng user token`: real processes on a SQLite data directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from minsheng.settings import Settings
from minsheng.store import create_engine_for, session_scope
from minsheng.store.repositories import audit
from minsheng.usecases.users import account_for_token, authenticate


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def minsheng(data_dir: Path):
    command = shutil.which("minsheng", path=str(Path(sys.executable).parent))
    assert command, "the minsheng command is installed beside the test interpreter"
    base = {**os.environ, "MINSHENG_DATA_DIR": str(data_dir)}
    base.pop("MINSHENG_DATABASE_URL", None)
    base.pop("MINSHENG_NEW_PASSWORD", None)

    def run(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [command, *args],
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
            env={**base, **env},
        )

    return run


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
