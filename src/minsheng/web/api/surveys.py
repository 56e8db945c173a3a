"""Satisfaction survey API."""

from fastapi import APIRouter

router = APIRouter()
