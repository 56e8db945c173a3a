"""Accounts as an administrator and their users maintain them, on SQLite and PostgreSQL:
passwords changed and reset once by link, users deactivated and reactivated, roles changed,
and the audit log telling it in readable values without a secret in it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from tests.usecases.mail_sink import smtp_sink

from minsheng.errors import InputProblem, NotFound
from minsheng.settings import Settings
from minsheng.store import session_scope
from minsheng.store.repositories import audit
from minsheng.store.tables import AuditEntry, PasswordReset
from minsheng.usecases.admin import LastAdministrator, change_role, set_active
from minsheng.usecases.audit_log import audit_page
from minsheng.usecases.passwords import (
    ResetLinkRefused,
    WeakPassword,
    change_own_password,
    issue_reset_link,
    mail_reset_link,
    redeem_reset_link,
    set_password,
    weakness,
)
from minsheng.usecases.users import (
    AccountInactive,
    SignInRefused,
    account,
    account_for_token,
    authenticate,
    create_token,
    create_user,
)

BOSS = "boss-password-1"
WANG = "wang-secret-22"


@pytest.fixture
def people(engine):
    """An administrator and a reporter with an e-mail address."""
    with session_scope(engine) as session:
        create_user(session, username="boss", password=BOSS, role="admin", author="setup")
        create_user(session, username="wang", password=WANG, role="reporter",
                    department="市卫健委", email="wang@example.cn", author="boss")  # fmt: skip
    return engine


def sign_in(engine, username: str, password: str):
    with session_scope(engine) as session:
        return authenticate(session, username=username, password=password, address="test")


@pytest.mark.parametrize(
    ("password", "reason"),
    [("short1", "short"), ("abcdefghijkl", "simple"), ("1234567890", "simple"),
     ("wang-1234567", "name"), ("长城长城长城长城长城长城", "simple"),
     ("长城长城长城长城长城1", None), ("correct-horse-9", None)],
)  # fmt: skip
def test_the_strength_rule(password, reason):
    assert weakness(password, username="wang") == reason


def test_a_user_changes_their_password_with_the_current_one(people):
    user_id = sign_in(people, "wang", WANG).id
    with session_scope(people) as session, pytest.raises(InputProblem) as wrong:
        change_own_password(session, user_id=user_id, current="not-it-123", new="new-words-77")
    assert wrong.value.field == "current_password"
    with session_scope(people) as session, pytest.raises(WeakPassword) as weak:
        change_own_password(session, user_id=user_id, current=WANG, new="short")
    assert weak.value.reason == "short"
    with session_scope(people) as session:
        change_own_password(session, user_id=user_id, current=WANG, new="new-words-77")
    assert sign_in(people, "wang", "new-words-77").username == "wang"
    with pytest.raises(SignInRefused):
        sign_in(people, "wang", WANG)


def test_a_reset_link_sets_a_password_once_and_keeps_only_a_hash(people):
    with session_scope(people) as session:
        link = issue_reset_link(session, username="wang", author="boss", base_url="https://ms.cn/")
    assert link.url.startswith("https://ms.cn/password/reset/")
    token = link.url.rsplit("/", 1)[1]
    with session_scope(people) as session:
        stored = session.scalars(select(PasswordReset)).one()
        assert token not in stored.token_hash
        with pytest.raises(WeakPassword):
            redeem_reset_link(session, token=token, password="wang-is-me-1")
    with session_scope(people) as session:
        assert redeem_reset_link(session, token=token, password="fresh-start-42") == "wang"
    assert sign_in(people, "wang", "fresh-start-42").username == "wang"
    with session_scope(people) as session, pytest.raises(ResetLinkRefused) as again:
        redeem_reset_link(session, token=token, password="another-one-43")
    assert (again.value.reason, again.value.http_status) == ("used", 410)
    with session_scope(people) as session, pytest.raises(ResetLinkRefused) as unknown:
        redeem_reset_link(session, token="made-up", password="another-one-43")
    assert unknown.value.reason == "unknown"


def test_an_expired_link_and_a_superseded_link_are_refused(people):
    with session_scope(people) as session:
        first = issue_reset_link(session, username="wang", author="boss", base_url=None)
        second = issue_reset_link(session, username="wang", author="boss", base_url=None)
    assert first.url.startswith("http://127.0.0.1:8000/password/reset/")
    with session_scope(people) as session, pytest.raises(ResetLinkRefused) as superseded:
        redeem_reset_link(session, token=first.url.rsplit("/", 1)[1], password="fresh-start-42")
    assert superseded.value.reason == "used"
    with session_scope(people) as session:
        for reset in session.scalars(select(PasswordReset)):
            reset.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    with session_scope(people) as session, pytest.raises(ResetLinkRefused) as expired:
        redeem_reset_link(session, token=second.url.rsplit("/", 1)[1], password="fresh-start-42")
    assert expired.value.reason == "expired"
    assert sign_in(people, "wang", WANG).username == "wang"  # the password is unchanged


def test_a_deactivated_user_cannot_sign_in_use_a_token_or_a_session(people):
    with session_scope(people) as session:
        wang = authenticate(session, username="wang", password=WANG, address="test")
        token = create_token(session, user_id=wang.id, name="sync")
        assert set_active(session, username="wang", active=False, author="boss") is True
        assert set_active(session, username="wang", active=False, author="boss") is False
    with pytest.raises(AccountInactive):
        sign_in(people, "wang", WANG)
    with pytest.raises(SignInRefused) as wrong:
        sign_in(people, "wang", "wrong-password-1")
    assert not isinstance(wrong.value, AccountInactive)  # nothing said without the password
    with session_scope(people) as session:
        assert account(session, user_id=wang.id) is None
        assert account_for_token(session, token=token) is None
        with pytest.raises(InputProblem):
            issue_reset_link(session, username="wang", author="boss", base_url=None)
        set_active(session, username="wang", active=True, author="boss")
        assert account_for_token(session, token=token) is not None
    assert sign_in(people, "wang", WANG).username == "wang"


def test_the_last_active_administrator_cannot_leave(people):
    with session_scope(people) as session, pytest.raises(LastAdministrator):
        set_active(session, username="boss", active=False, author="boss")
    with session_scope(people) as session, pytest.raises(LastAdministrator):
        change_role(session, username="boss", role="planner", department=None, author="boss")
    with session_scope(people) as session:
        change_role(session, username="wang", role="admin", department=None, author="boss")
        set_active(session, username="boss", active=False, author="wang")
    with pytest.raises(AccountInactive):
        sign_in(people, "boss", BOSS)
    with session_scope(people) as session, pytest.raises(NotFound):
        set_active(session, username="nobody", active=False, author="wang")


def test_the_log_reads_in_beijing_time_with_old_and_new_values_and_no_secret(people):
    with session_scope(people) as session:
        change_role(session, username="wang", role="planner", department="市教育局", author="boss")
        link = issue_reset_link(session, username="wang", author="boss", base_url=None)
        set_password(session, username="wang", password="set-by-admin-5", author="root")
        set_active(session, username="wang", active=False, author="boss")
    with session_scope(people) as session:
        page = audit_page(session, username="boss")
        hashes = [e.detail for e in session.scalars(select(AuditEntry))]
        everything = audit_page(session)
        only = audit_page(session, action="deactivate")
    actions = [row.action for row in page.entries]
    assert actions == ["deactivate", "reset_link", "update", "create"]
    update = page.entries[2]
    changes = {c.key: (c.old, c.new, c.labelled) for c in update.changes}
    assert changes["role"] == ("reporter", "planner", True)
    assert changes["department"] == ("市卫健委", "市教育局", False)
    assert update.subject == "wang"
    assert update.at.utcoffset() == timedelta(hours=8)
    token = link.url.rsplit("/", 1)[1]
    assert token not in repr(hashes)
    assert "argon2" not in repr(hashes)
    assert {row.action for row in everything.entries} >= {"set_password", "create"}
    assert [row.action for row in only.entries] == ["deactivate"]


def test_a_reset_link_is_mailed_when_smtp_and_an_address_exist(people):
    with session_scope(people) as session:
        link = issue_reset_link(session, username="wang", author="boss", base_url=None)
    assert mail_reset_link(link, Settings(smtp_host=None)) is False
    with smtp_sink() as (sink, port):
        settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_from="fgw@example.cn")
        assert mail_reset_link(link, settings) is True
    [message] = sink.messages
    assert message["To"] == "wang@example.cn"
    assert message["Subject"] == "民生规划监测：重设密码"
    assert link.url in message.get_content()
    assert "只能使用一次" in message.get_content()


def test_other_writers_rows_read_as_old_and_new_values(engine):
    """Review and project updates, written as their use cases write them, read plainly."""
    with session_scope(engine) as session:
        returned = {"from": "submitted", "to": "returned", "reason": "口径不一致"}
        audit.record(session, username="li", action="return", entity="observation", entity_id=7,
                     detail=returned)  # fmt: skip
        audit.record(session, username="li", action="update", entity="key_project", entity_id=3,
                     detail={"update": 1, "before": {"status": "planned", "progress": 0},
                             "after": {"status": "in_progress", "progress": 40},
                             "token_hash": "abc"})  # fmt: skip
    with session_scope(engine) as session:
        project, review = audit_page(session).entries
    assert [(c.key, c.old, c.new, c.labelled) for c in review.changes] == [
        ("state", "submitted", "returned", True),
        ("reason", None, "口径不一致", False),
    ]
    assert [(c.key, c.old, c.new) for c in project.changes] == [
        ("update", None, "1"),
        ("status", "planned", "in_progress"),
        ("progress", "0", "40"),
    ]
