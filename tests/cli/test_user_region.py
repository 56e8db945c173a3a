"""`minsheng user create --region` and `minsheng user region`: real processes, and the
scope a write path then applies."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import HEFEI

from minsheng.settings import Settings
from minsheng.store import create_engine_for, session_scope
from minsheng.store.repositories import regions
from minsheng.usecases.scopes import OutOfScope, check_region, region_of

PASSWORD = {"MINSHENG_NEW_PASSWORD": "a-long-password-1"}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def minsheng(data_dir: Path, tmp_path: Path, minsheng_in):
    return minsheng_in(data_dir, tmp_path)


def _engine(data_dir: Path):
    return create_engine_for(Settings(data_dir=data_dir).effective_database_url)


def test_a_user_created_for_hefei_acts_for_its_districts_only(minsheng, data_dir, seeds_dir):
    assert minsheng("import", str(seeds_dir / HEFEI)).returncode == 0
    made = minsheng("user", "create", "hf", "--role", "reporter", "--region", "合肥市", **PASSWORD)
    assert made.returncode == 0, made.stderr
    assert "合肥市" in made.stdout
    engine = _engine(data_dir)
    with session_scope(engine) as session:
        hefei = regions.find_by_name(session, name="合肥市")[0]
        district = regions.children(session, region_id=hefei.id)[0]
        assert region_of(session, username="hf") == hefei.id
        check_region(session, username="hf", region_id=district.id)  # a district: allowed
        with pytest.raises(OutOfScope, match="合肥市"):
            check_region(session, username="hf", region_id=hefei.parent_id)  # the province
    cleared = minsheng("user", "region", "hf")
    assert cleared.returncode == 0 and "every region" in cleared.stdout
    with session_scope(engine) as session:
        assert region_of(session, username="hf") is None
    engine.dispose()


def test_an_unknown_region_is_named_without_a_traceback(minsheng, seeds_dir):
    assert minsheng("import", str(seeds_dir / HEFEI)).returncode == 0
    assert minsheng("user", "create", "x", "--role", "viewer", **PASSWORD).returncode == 0
    refused = minsheng("user", "region", "x", "火星市")
    assert refused.returncode == 2
    assert "火星市" in refused.stderr and "Traceback" not in refused.stderr
