"""HTTP clients for the test servers on this machine."""

from __future__ import annotations

import ssl
from typing import Any

import httpx

_TLS = ssl.create_default_context()
"""One TLS context for every test client: the servers speak plain HTTP on loopback, and
an httpx client given none loads the CA bundle anew (50 ms a client)."""


def loopback_client(base_url: str = "", **options: Any) -> httpx.Client:
    """An HTTP client for a test server on this machine."""
    return httpx.Client(base_url=base_url, verify=_TLS, **options)


def get(url: str, **options: Any) -> httpx.Response:
    """`httpx.get` through such a client."""
    with loopback_client() as client:
        return client.get(url, **options)
