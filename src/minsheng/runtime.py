"""Process-level helpers every layer may use: they import nothing of minsheng."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while bulk work makes millions of small objects, none
    of them cyclic (reading a file, a bulk query, a PDF's page objects): each collection
    would walk every object made so far, which doubles to trebles the time of reading
    100,000 rows. Nested pauses keep collection off until the outer one ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
