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
    cache = getattr(request.app.state, "disparity_cache", None)
    if cache is None:
        cache = request.app.state.disparity_cache = disparity.DisparityCache()
    unequal = disparity.benchmark(session, current_identity(request), label, cache=cache)
    columns = disparity.disparity_columns(unequal)
    totals = queries.overview(session)
    return render(
        request,
        "overview.html",
        {
            "summary": totals.summary,
            "by_rule": totals.by_rule,
            "by_municipality": totals.by_municipality,
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
