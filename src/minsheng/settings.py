"""Settings read from the environment (MINSHENG_*), built on demand by `get_settings()`.

Nothing is read at import time, so tests and tools can set the environment first and a
library user who never stores anything never touches the data directory.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DATABASE_FILE = "minsheng.db"


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

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or the SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir.expanduser().absolute() / DATABASE_FILE}"


def get_settings() -> Settings:
    """Read the settings now, from the current environment."""
    return Settings()
