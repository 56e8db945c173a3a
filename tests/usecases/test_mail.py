"""E-mail through a real local SMTP server (aiosmtpd): what a recipient would read."""

from __future__ import annotations

import pytest
from tests.usecases.mail_sink import free_port, smtp_sink

from minsheng.settings import Settings
from minsheng.usecases.mail import MailNotSent, mail_configured, send_mail


def test_a_message_arrives_with_chinese_subject_and_body() -> None:
    with smtp_sink() as (sink, port):
        settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_from="fgw@example.cn")
        body = "请于2026年3月31日前报送。"
        sent = send_mail(["wjw@example.cn"], "催报：2025年度数据", body, settings)
    assert sent is True
    [message] = sink.messages
    assert message["To"] == "wjw@example.cn"
    assert message["Subject"] == "催报：2025年度数据"
    assert "fgw@example.cn" in message["From"]
    assert "请于2026年3月31日前报送。" in message.get_content()


def test_without_an_smtp_host_nothing_is_sent() -> None:
    settings = Settings(smtp_host=None)
    assert mail_configured(settings) is False
    assert send_mail(["wjw@example.cn"], "催报", "正文", settings) is False


def test_an_unreachable_server_is_named() -> None:
    settings = Settings(smtp_host="127.0.0.1", smtp_port=free_port())
    with pytest.raises(MailNotSent, match=r"127\.0\.0\.1"):
        send_mail(["wjw@example.cn"], "催报", "正文", settings)
