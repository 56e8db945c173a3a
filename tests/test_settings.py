"""Settings come from MINSHENG_* variables, read when asked for, not at import."""

from __future__ import annotations

from pathlib import Path

from minsheng.settings import Settings, get_settings


def test_default_database_is_sqlite_in_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("MINSHENG_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MINSHENG_DATABASE_URL", raising=False)
    settings = get_settings()
    assert settings.data_dir == tmp_path
    assert settings.effective_database_url == f"sqlite:///{tmp_path / 'minsheng.db'}"


def test_database_url_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("MINSHENG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MINSHENG_DATABASE_URL", "postgresql+psycopg://u@h/minsheng")
    assert get_settings().effective_database_url == "postgresql+psycopg://u@h/minsheng"


def test_default_data_dir_is_the_platform_one(monkeypatch):
    monkeypatch.delenv("MINSHENG_DATA_DIR", raising=False)
    assert Settings().data_dir.name == "minsheng"
    assert Path(Settings().effective_database_url.removeprefix("sqlite:///")).is_absolute()


def test_every_field_has_help_text():
    assert all(field.description for field in Settings.model_fields.values())
