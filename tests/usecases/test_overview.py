"""The overview pages its cards: a city's plans fit on one page, a nation's are paged."""

from __future__ import annotations

import pytest

from minsheng.store import create_engine_for, session_scope
from minsheng.usecases.read.overview import overview
from minsheng.usecases.read.plans import current_plans


@pytest.fixture(scope="module")
def seeded(demo_url):
    engine = create_engine_for(demo_url)
    yield engine
    engine.dispose()


def test_the_seed_plans_fit_on_one_page(seeded):
    with session_scope(seeded, writes=False) as session:
        found = overview(session)
        plans = current_plans(session)
    assert (found.page, found.pages, found.total) == (1, 1, len(plans))
    assert [card.plan.id for card in found.cards] == [plan.id for plan in plans]


def test_pages_split_the_plans_in_order_and_agree_with_one_page(seeded):
    with session_scope(seeded, writes=False) as session:
        whole = {card.plan.id: card for card in overview(session).cards}
        pages = [overview(session, page=n, size=4) for n in (1, 2, 3)]
    assert [p.pages for p in pages] == [2, 2, 2]
    assert pages[2].page == 2  # a page past the end shows the last one
    paged = [card for p in pages[:2] for card in p.cards]
    assert [card.plan.id for card in paged] == list(whole)
    assert all(card == whole[card.plan.id] for card in paged)
