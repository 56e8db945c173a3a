"""HTML pages in Simplified Chinese; thin routes over the use cases."""

from fastapi import APIRouter, Depends, Request

from minsheng.web.deps import AccountDep
from minsheng.web.pages import auth, overview


def _remember_account(request: Request, user: AccountDep) -> None:
    """Templates show who is signed in; the account is looked up once per page."""
    request.state.account = user


pages_router = APIRouter(dependencies=[Depends(_remember_account)], include_in_schema=False)
pages_router.include_router(auth.router)
pages_router.include_router(overview.router)
