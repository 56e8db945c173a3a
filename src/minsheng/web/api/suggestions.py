"""Suggestions API."""

from fastapi import APIRouter

router = APIRouter()
