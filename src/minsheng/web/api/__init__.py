"""The REST API under /api/v1: one router per resource."""

from fastapi import APIRouter

from minsheng.web.api import plans

api_router = APIRouter()
api_router.include_router(plans.router)
