"""意见建议 pages."""

from fastapi import APIRouter

router = APIRouter()
