"""/api/v1/tokens: a user's own API tokens — made (shown once), listed, revoked.

Making one needs a signed-in browser session (a token cannot mint tokens); like every
cookie-authenticated write, the request must be JSON or carry the CSRF token.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from minsheng.usecases.tokens import (
    DEFAULT_DAYS,
    MAX_DAYS,
    TokenRow,
    issue_own_token,
    list_tokens,
    revoke_token,
)
from minsheng.usecases.users import Account
from minsheng.web.deps import SIGN_IN_FIRST, AccountDep, SessionDep

router = APIRouter(prefix="/tokens", tags=["tokens"])
FROM_SESSION = "API 令牌只能在登录网页后创建，不能用令牌创建令牌。"


class TokenCreate(BaseModel):
    name: str = Field("api", min_length=1, max_length=100, description="what the token is for")
    days: int = Field(DEFAULT_DAYS, ge=1, le=MAX_DAYS, description="days until it expires")


class TokenInfo(BaseModel):
    """A token as its owner sees it (never the token itself); times in Beijing time."""

    id: int
    name: str
    created_at: datetime
    expires_at: datetime | None = Field(description="null: issued before tokens expired")
    last_used_at: datetime | None = Field(description="to the minute; null: never used")
    state: str = Field(description="active, expired or revoked")

    @classmethod
    def of(cls, row: TokenRow) -> TokenInfo:
        return cls.model_validate(dataclasses.asdict(row))


class TokenPublic(TokenInfo):
    username: str
    token: str = Field(description="send as `Authorization: Bearer <token>`; not shown again")


def _owner(user: Account | None) -> Account:
    if user is None:
        raise HTTPException(status_code=401, detail=SIGN_IN_FIRST)
    return user


@router.get("", response_model=list[TokenInfo])
def tokens(session: SessionDep, user: AccountDep) -> list[TokenInfo]:
    """The caller's tokens, newest first, expired and revoked ones included."""
    return [TokenInfo.of(row) for row in list_tokens(session, user_id=_owner(user).id)]


@router.post("", status_code=201, response_model=TokenPublic)
def create_token(
    request: Request, session: SessionDep, user: AccountDep, body: TokenCreate | None = None
) -> TokenPublic:
    """A new token for the signed-in user, valid `days` days (default 90)."""
    owner = _owner(user)
    if getattr(request.state, "signed_in_by", None) != "session":
        raise HTTPException(status_code=403, detail=FROM_SESSION)
    asked = body or TokenCreate()
    row, token = issue_own_token(session, owner=owner, name=asked.name, days=asked.days)
    info = TokenInfo.of(row).model_dump()
    return TokenPublic(**info, username=owner.username, token=token)


@router.delete("/{token_id}", response_model=TokenInfo)
def revoke(session: SessionDep, user: AccountDep, token_id: int) -> TokenInfo:
    """Revoke one of the caller's tokens; requests with it are refused from now on."""
    return TokenInfo.of(revoke_token(session, owner=_owner(user), token_id=token_id))
