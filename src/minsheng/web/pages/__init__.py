"""HTML pages in Simplified Chinese; thin routes over the use cases."""

from fastapi import APIRouter, Depends, Request

from minsheng.usecases.sample_data import holds_sample_data
from minsheng.web.deps import AccountDep, ReadSessionDep
from minsheng.web.pages import (
    account,
    admin,
    admin_accounts,
    auth,
    downloads,
    entry,
    equalization,
    facilities,
    inbox,
    indicator_metadata,
    indicators,
    overview,
    plans,
    population,
    problems,
    projects,
    reports,
    review,
    rounds,
    standards,
    suggestions,
    survey,
    warnings,
)


def _remember_account(request: Request, user: AccountDep, session: ReadSessionDep) -> None:
    """Templates show who is signed in, and whether the database holds synthetic 示例数据
    (every page then says so); both are looked up once per page."""
    request.state.account = user
    request.state.sample_data = holds_sample_data(session)


pages_router = APIRouter(dependencies=[Depends(_remember_account)], include_in_schema=False)
for area in (
    auth,
    overview,
    plans,
    indicator_metadata,
    indicators,
    equalization,
    facilities,
    warnings,
    standards,
    projects,
    problems,
    survey,
    suggestions,
    reports,
    downloads,
    entry,
    review,
    rounds,
    inbox,
    population,
    admin,
    admin_accounts,
    account,
):
    pages_router.include_router(area.router)
