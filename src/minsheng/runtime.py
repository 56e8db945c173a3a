"""Process-level helpers every layer may use: they import nothing of minsheng."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib import import_module
from types import ModuleType


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


def lazy_exports(package: str, defined_in: Mapping[str, str]) -> None:
    """Make `package` import each name it re-exports from the submodule `defined_in` names
    when the name is first used, so that importing one submodule runs the package's
    `__init__` without importing all the others.

    A name that is also its module's name (`remind` in `remind.py`) stays the function:
    Python binds the module to the package when it loads, and the package keeps the
    function there instead, as an eager `from .remind import remind` did.
    """
    module = sys.modules[package]
    module.__dict__["_DEFINED_IN"] = dict(defined_in)
    module.__class__ = _LazyPackage


class _LazyPackage(ModuleType):
    def __getattr__(self, name: str) -> object:
        module = self.__dict__["_DEFINED_IN"].get(name)
        if module is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = getattr(import_module(f"{self.__name__}.{module}"), name)
        setattr(self, name, value)
        return value

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, ModuleType) and self.__dict__["_DEFINED_IN"].get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)
