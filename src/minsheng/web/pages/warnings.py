"""Pages of this area; routes are added by the module's owner."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
