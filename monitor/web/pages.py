"""The overview page and the health endpoint."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import text

from monitor.web import disparity, queries
from monitor.web.api import V1
from monitor.web.deps import DbSession
from monitor.web.i18n import translate
from monitor.web.security import current_identity
from monitor.web.templating import page_language, render

router = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix=V1, tags=["health"])

#: above this many municipalities the disparity table shows lowest/highest only
MAX_PIVOT_COLUMNS = 10


@router.get("/", response_class=HTMLResponse, name="overview")
def overview(request: Request, session: DbSession) -> HTMLResponse:
    label = translate("overview.other_municipality", page_language(request))
    unequal = disparity.benchmark(session, current_identity(request), label)
    columns = disparity.disparity_columns(unequal)
    return render(
        request,
        "overview.html",
        {
            "summary": queries.money_summary(session),
            "by_rule": queries.findings_by_rule(session),
            "by_municipality": queries.findings_by_municipality(session),
            "disparity": unequal,
            "columns": columns if len(columns) <= MAX_PIVOT_COLUMNS else None,
        },
    )


@api.get("/health", summary="Liveness and database check")
def health(request: Request) -> dict[str, str]:
    """``{"status": "ok", "database": "sqlite"}`` when the database answers."""
    engine = request.app.state.engine
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return {"status": "ok", "database": engine.dialect.name}
