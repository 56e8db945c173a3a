"""Fixtures of the use-case tests."""

from __future__ import annotations

import pytest

from minsheng.data.bundled import bundled_plans
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases.demo import set_up_demo


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database holding the bundled plans and the reference plan, one per module."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'minsheng.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        set_up_demo(session, bundled_plans())
    engine.dispose()
    return url
