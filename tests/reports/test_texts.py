"""The reports' wording that depends on the region."""

from __future__ import annotations

import pytest

from minsheng.reports import texts


@pytest.mark.parametrize(
    ("region", "issuer"),
    [
        ("合肥市", "合肥市发展和改革委员会"),
        ("崆峒区", "崆峒区发展和改革局"),
        ("肥东县", "肥东县发展和改革局"),
    ],
)
def test_the_issuer_follows_the_administrative_level(region, issuer):
    assert texts.issuer(region) == issuer
