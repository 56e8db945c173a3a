"""Settings read from the environment (MINSHENG_*), built on demand by `get_settings()`.

Nothing is read at import time, so tests and tools can set the environment first and a
library user who never stores anything never touches the data directory.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DATABASE_FILE = "minsheng.db"
SECRET_FILE = "secret.key"


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("minsheng"))


class Settings(BaseSettings):
    """Where minsheng keeps its data; every field can be set as MINSHENG_<FIELD>."""

    model_config = SettingsConfigDict(env_prefix="MINSHENG_", extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description=(
            "Directory for minsheng's own files, including the default SQLite database "
            "(MINSHENG_DATA_DIR; default: the platform's user data directory)."
        ),
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database, e.g. "
            "postgresql+psycopg://user:password@host/minsheng (MINSHENG_DATABASE_URL); "
            f"unset means a SQLite file {DATABASE_FILE} in the data directory."
        ),
    )

    secret_key: str | None = Field(
        default=None,
        description=(
            "Key that signs session cookies (MINSHENG_SECRET_KEY); unset means a random key "
            f"kept in {SECRET_FILE} in the data directory, made on first use."
        ),
    )

    warm_up: bool = Field(
        default=True,
        description=(
            "Judge every current plan in the background when the server starts "
            "(MINSHENG_WARM_UP), so the first reader of the warnings does not wait."
        ),
    )

    secure_cookies: bool = Field(
        default=False,
        description=(
            "Send the session cookie over HTTPS only (MINSHENG_SECURE_COOKIES); set it when "
            "the app is served behind TLS."
        ),
    )

    smtp_host: str | None = Field(
        default=None,
        description=(
            "SMTP server that sends e-mail such as 催报 reminders (MINSHENG_SMTP_HOST); "
            "unset means no e-mail is sent and reminders stay in-app."
        ),
    )
    smtp_port: int = Field(default=25, description="SMTP port (MINSHENG_SMTP_PORT).")
    smtp_user: str | None = Field(
        default=None, description="SMTP login name, if the server wants one (MINSHENG_SMTP_USER)."
    )
    smtp_password: str | None = Field(
        default=None, description="SMTP password (MINSHENG_SMTP_PASSWORD)."
    )
    smtp_starttls: bool = Field(
        default=False,
        description="Upgrade the SMTP connection with STARTTLS (MINSHENG_SMTP_STARTTLS).",
    )
    smtp_from: str = Field(
        default="minsheng@localhost",
        description="Sender address of minsheng's e-mail (MINSHENG_SMTP_FROM).",
    )

    public_url: str | None = Field(
        default=None,
        description=(
            "The address users open the web app at, e.g. https://minsheng.example.gov.cn "
            "(MINSHENG_PUBLIC_URL): password reset links start with it. Unset: the address "
            "a page was asked at, and http://127.0.0.1:8000 from the command line."
        ),
    )

    report_template: Path | None = Field(
        default=None,
        description=(
            "A house template (.docx: letterhead and the 公文 paragraph styles) that the "
            "reports fill (MINSHENG_REPORT_TEMPLATE; default: minsheng's own 公文 layout)."
        ),
    )

    def session_secret(self) -> str:
        """The configured key, or the data directory's own, created once and kept."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir.expanduser() / SECRET_FILE
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
            path.chmod(0o600)
        return path.read_text(encoding="utf-8").strip()

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or the SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir.expanduser().absolute() / DATABASE_FILE}"


def get_settings() -> Settings:
    """Read the settings now, from the current environment."""
    return Settings()
