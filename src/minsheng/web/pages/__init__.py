"""HTML pages in Simplified Chinese; thin routes over the use cases."""

from fastapi import APIRouter, Depends, Request

from minsheng.web.deps import AccountDep
from minsheng.web.pages import (
    admin,
    auth,
    downloads,
    entry,
    equalization,
    indicators,
    overview,
    plans,
    projects,
    reports,
    standards,
    warnings,
)


def _remember_account(request: Request, user: AccountDep) -> None:
    """Templates show who is signed in; the account is looked up once per page."""
    request.state.account = user


pages_router = APIRouter(dependencies=[Depends(_remember_account)], include_in_schema=False)
for area in (
    auth,
    overview,
    plans,
    indicators,
    equalization,
    warnings,
    standards,
    projects,
    reports,
    downloads,
    entry,
    admin,
):
    pages_router.include_router(area.router)
