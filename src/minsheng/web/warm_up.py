"""Judge every current plan once when the server starts, in the background.

The first reader of the warnings list after a restart would otherwise wait for every
plan's targets to be read and parsed (seconds at national scale); requests are served
meanwhile, and any error is logged, never raised: a warm-up is only a head start. Both
judgements pages ask for are made: each plan as of its own newest year (the API's
default) and every plan as of the overview's year (the warnings list and the overview).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import Engine

from minsheng.store import session_scope
from minsheng.usecases.read.evaluations import evaluate_plans
from minsheng.usecases.read.paging import Slice
from minsheng.usecases.read.warnings import WarningFilter, warning_list

logger = logging.getLogger(__name__)


@asynccontextmanager
async def warm_up_on_start(app: FastAPI) -> AsyncIterator[None]:
    """FastAPI lifespan: start the warm-up and serve; `app.state.warmed` is set when done."""
    app.state.warmed = threading.Event()
    if not app.state.settings.warm_up:
        app.state.warmed.set()
        yield
        return
    threading.Thread(
        target=_warm_up, args=(app.state.engine, app.state.warmed), name="warm-up", daemon=True
    ).start()
    yield


def _warm_up(engine: Engine, done: threading.Event) -> None:
    try:
        with session_scope(engine, writes=False) as session:
            evaluate_plans(session)
            warning_list(session, WarningFilter(), Slice(limit=0))
    except Exception:  # a failed warm-up costs the first reader the time, nothing else
        logger.exception("warming up the evaluation of every plan failed")
    finally:
        done.set()
