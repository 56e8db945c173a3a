"""满意度调查 pages."""

from fastapi import APIRouter

router = APIRouter()
