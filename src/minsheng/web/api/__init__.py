"""The REST API under /api/v1: one router per resource.

Reads are public; writes need a session or `Authorization: Bearer <token>` with the right
role. Every list takes `limit`, `offset` and `format` (json, csv, xlsx); see listing.py.
Every route refuses undeclared parameters and out-of-range integers (conventions.py) and
documents its errors as problem details (openapi.py).
"""

from fastapi import APIRouter, Depends

from minsheng.web.api import (
    access,
    equalization,
    evaluation,
    indicator_metadata,
    indicators,
    observations,
    plans,
    population,
    previous_results,
    problems,
    projects,
    regions,
    rounds,
    service_items,
    suggestions,
    surveys,
    tokens,
)
from minsheng.web.api.conventions import checked_parameters, operation_id
from minsheng.web.api.openapi import PROBLEM_RESPONSES
from minsheng.web.sample_flag import note_sample_data

api_router = APIRouter(
    dependencies=[Depends(checked_parameters), Depends(note_sample_data)],
    responses=PROBLEM_RESPONSES,
    generate_unique_id_function=operation_id,
)
for module in (
    plans,
    regions,
    indicator_metadata,
    indicators,
    observations,
    evaluation,
    equalization,
    access,
    service_items,
    projects,
    problems,
    previous_results,
    population,
    rounds,
    surveys,
    suggestions,
    tokens,
):
    api_router.include_router(module.router)
