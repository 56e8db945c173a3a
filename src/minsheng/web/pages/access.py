"""Who may open a page: the public is sent to sign in (and back), a signed-in user without
one of the page's roles is refused with a Chinese 403."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from minsheng.web.deps import Account


def gate(
    request: Request, user: Account | None, roles: tuple[str, ...], refusal: str
) -> Account | Response:
    """The user when they hold one of `roles`; a redirect to sign in for the public."""
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    if user.role not in roles:
        raise HTTPException(status_code=403, detail=refusal)
    return user
