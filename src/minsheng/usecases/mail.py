"""E-mail through the SMTP server named in the settings (MINSHENG_SMTP_*).

Without MINSHENG_SMTP_HOST nothing is sent and callers fall back to in-app notices;
reminders (催报) and password-reset links both go through `send_mail`.
"""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from minsheng.errors import MinshengError
from minsheng.settings import Settings, get_settings

TIMEOUT_SECONDS = 20


class MailNotSent(MinshengError):
    """The SMTP server refused or could not be reached; the message names the server."""

    code = "mail_not_sent"
    http_status = 502
    exit_code = 1


def mail_configured(settings: Settings | None = None) -> bool:
    """True when an SMTP server is configured, i.e. e-mail would really be sent."""
    return bool((settings or get_settings()).smtp_host)


def build_message(settings: Settings, to: Sequence[str], subject: str, body: str) -> EmailMessage:
    """A plain-text UTF-8 message, so Chinese subjects and bodies arrive readable."""
    message = EmailMessage()
    message["From"] = formataddr(("民生规划监测", settings.smtp_from))
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=settings.smtp_from.rpartition("@")[2] or None)
    message.set_content(body, charset="utf-8")
    return message


def send_mail(to: Sequence[str], subject: str, body: str, settings: Settings | None = None) -> bool:
    """Send one message to `to`; False (nothing sent) when no SMTP server is configured."""
    settings = settings or get_settings()
    recipients = [address for address in to if address]
    if not settings.smtp_host or not recipients:
        return False
    message = build_message(settings, recipients, subject, body)
    try:
        _deliver(settings, message)
    except (smtplib.SMTPException, OSError) as error:
        where = f"{settings.smtp_host}:{settings.smtp_port}"
        raise MailNotSent(f"邮件未能发出（SMTP {where}）：{error}") from error
    return True


def _deliver(settings: Settings, message: EmailMessage) -> None:
    """One SMTP conversation: STARTTLS and login only when configured."""
    assert settings.smtp_host is not None
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(message)
