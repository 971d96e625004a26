"""Alerts in the JSON API: every message with its delivery status and error, scoped to
the caller's municipalities (finance and admins, by the policy)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.alerts.models import Alert, AlertFinding
from monitor.alerts.schemas import AlertOut, AlertQuery
from monitor.errors import NotFound
from monitor.parties.models import Municipality
from monitor.schemas import Page
from monitor.web.api import DEFAULT_LIMIT, ERRORS, V1, AlertId, Limit, Offset, count, page_of
from monitor.web.deps import DbSession

api = APIRouter(prefix=f"{V1}/alerts", tags=["alerts"], responses=ERRORS)


def _listing(query: AlertQuery) -> Any:
    stmt = (
        select(Alert, Municipality.code)
        .outerjoin(Municipality, Alert.municipality_id == Municipality.id)
        .order_by(Alert.id.desc())
    )
    if query.municipality:
        stmt = stmt.where(Municipality.code == query.municipality)
    if query.status:
        stmt = stmt.where(Alert.status == query.status)
    if query.kind:
        stmt = stmt.where(Alert.kind == query.kind)
    if query.created_from is not None:
        stmt = stmt.where(Alert.created_at >= _day_start(query.created_from))
    if query.created_to is not None:
        stmt = stmt.where(Alert.created_at < _day_start(query.created_to + timedelta(1)))
    return stmt


def _day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _outs(session: Session, rows: list[Any]) -> list[AlertOut]:
    ids = [alert.id for alert, _ in rows]
    findings: dict[int, list[int]] = defaultdict(list)
    for alert_id, finding_id in session.execute(
        select(AlertFinding.alert_id, AlertFinding.finding_id)
        .where(AlertFinding.alert_id.in_(ids))
        .order_by(AlertFinding.finding_id)
    ):
        findings[alert_id].append(finding_id)
    return [
        AlertOut(
            id=a.id,
            kind=a.kind,
            channel=a.channel,
            recipient=a.recipient,
            municipality=code,
            language=a.language,
            subject=a.subject,
            status=a.status,
            attempts=a.attempts,
            last_error=a.last_error,
            permanent_failure=a.permanent_failure,
            created_at=a.created_at,
            sent_at=a.sent_at,
            next_attempt_at=a.next_attempt_at,
            findings=findings.get(a.id, []),
        )
        for a, code in rows
    ]


@api.get("", response_model=Page[AlertOut], summary="List alerts")
def api_list(
    request: Request,
    session: DbSession,
    query: Annotated[AlertQuery, Query()],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[AlertOut]:
    """Alerts matching the filters, newest first."""
    stmt = _listing(query)
    rows = list(session.execute(stmt.limit(limit).offset(offset)))
    return Page[AlertOut](
        **page_of(
            request, _outs(session, rows), total=count(session, stmt), limit=limit, offset=offset
        )
    )


@api.get("/{alert_id}", response_model=AlertOut, summary="One alert")
def api_get(session: DbSession, alert_id: AlertId) -> AlertOut:
    row = session.execute(_listing(AlertQuery()).where(Alert.id == alert_id)).first()
    if row is None:
        raise NotFound(
            f"alert {alert_id} does not exist",
            key="error.missing",
            params={"what": {"key": "entity.alert_id"}, "id": alert_id},
        )
    return _outs(session, [tuple(row)])[0]
