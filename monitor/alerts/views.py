"""Alert pages: the history of every email (finance and admins), and each person's own
alert preferences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from monitor.alerts import recipients
from monitor.alerts import repository as repo
from monitor.errors import InputError
from monitor.web import queries
from monitor.web.deps import DbSession
from monitor.web.security import Actor, current_identity
from monitor.web.templating import page_language, render

router = APIRouter(tags=["pages"], include_in_schema=False)

PER_PAGE = 50


@dataclass(slots=True)
class HistoryPage:
    """What the pager macro needs (``page``, ``pages``)."""

    total: int
    limit: int
    offset: int

    @property
    def page(self) -> int:
        return self.offset // self.limit + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))


@router.get("/alerts", response_class=HTMLResponse, name="alerts")
def alert_history(
    request: Request,
    session: DbSession,
    status: Annotated[str, Query(max_length=20)] = "",
    municipality: Annotated[str, Query(max_length=3)] = "",
    page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    rows, total = repo.history(
        session,
        status=status if status in repo.HISTORY_STATUSES else None,
        municipality_code=municipality or None,
        limit=PER_PAGE,
        offset=(page - 1) * PER_PAGE,
    )
    return render(
        request,
        "alerts/history.html",
        {
            "rows": rows,
            "result": HistoryPage(total, PER_PAGE, (page - 1) * PER_PAGE),
            "statuses": repo.HISTORY_STATUSES,
            "status": status,
            "municipality": municipality,
            "municipalities": queries.filter_choices(session).municipalities,
        },
    )


@router.get("/alerts/preferences", response_class=HTMLResponse, name="alert_preferences")
def alert_preferences(request: Request, session: DbSession, saved: bool = False) -> HTMLResponse:
    return _preferences(request, session, saved=saved)


@router.post("/alerts/preferences", name="save_alert_preferences")
async def save_alert_preferences(request: Request, session: DbSession, actor: Actor) -> Response:
    """Store the signed-in person's choice per severity; a token has none to store."""
    identity = current_identity(request)
    lang = page_language(request)
    if identity is None or identity.kind != "user":
        return _preferences(request, session, error="alerts.users_only", status_code=400)
    form = await request.form()
    chosen = {s: str(form.get(s, "")) for s in recipients.SEVERITIES if form.get(s) is not None}
    try:
        recipients.set_preferences(session, user_id=identity.id, deliveries=chosen, actor=actor)
    except InputError as exc:
        session.rollback()
        return _preferences(request, session, message=exc.message_in(lang), status_code=400)
    return RedirectResponse("/alerts/preferences?saved=1", status_code=303)


def _preferences(
    request: Request,
    session: DbSession,
    *,
    saved: bool = False,
    error: str | None = None,
    message: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    identity = current_identity(request)
    is_user = identity is not None and identity.kind == "user"
    return render(
        request,
        "alerts/preferences.html",
        {
            "is_user": is_user,
            "is_finance": identity is not None and identity.has("finance"),
            "current": recipients.effective_preferences(session, identity.id)
            if is_user and identity is not None
            else {},
            "severities": recipients.SEVERITIES,
            "deliveries": recipients.DELIVERIES,
            "saved": saved,
            "error": error,
            "message": message,
        },
        status_code=status_code,
    )
