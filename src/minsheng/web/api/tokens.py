"""/api/v1/tokens: a signed-in user makes an API token for scripts; it is shown once."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from minsheng.usecases.admin import issue_token
from minsheng.web.deps import AccountDep, SessionDep

router = APIRouter(prefix="/tokens", tags=["tokens"])


class TokenCreate(BaseModel):
    name: str = Field("api", min_length=1, max_length=100, description="what the token is for")


class TokenPublic(BaseModel):
    name: str
    username: str
    token: str = Field(description="send as `Authorization: Bearer <token>`; not shown again")


@router.post("", status_code=201, response_model=TokenPublic)
def create_token(
    request: Request, session: SessionDep, user: AccountDep, body: TokenCreate | None = None
) -> TokenPublic:
    """A new token for the signed-in user; only a browser session may make one."""
    if user is None:
        raise HTTPException(status_code=401, detail="sign in first")
    if request.session.get("user_id") != user.id:
        raise HTTPException(status_code=403, detail="tokens are made from a signed-in session")
    name = (body or TokenCreate()).name
    token = issue_token(session, username=user.username, name=name, author=user.username)
    return TokenPublic(name=name, username=user.username, token=token)
