"""``monitor.findings.review``: the review service on its own (it never commits)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from monitor.audit.models import AuditEntry
from monitor.db import session_factory
from monitor.errors import InputError, NotFound
from monitor.findings.models import Finding
from monitor.findings.review import allowed_actions, history, review
from tests.web.conftest import Seed


@pytest.fixture
def session(engine: Engine, seed: Seed) -> Session:
    return session_factory(engine)()


@pytest.mark.parametrize(
    ("status", "actions"),
    [
        ("open", ["confirm", "dismiss", "note", "resolve"]),
        ("confirmed", ["dismiss", "note", "resolve", "reopen"]),
        ("dismissed", ["confirm", "note", "reopen"]),
        ("resolved", ["note", "reopen"]),
    ],
)
def test_each_status_allows_its_steps(status: str, actions: list[str]) -> None:
    assert allowed_actions(status) == actions


def test_review_never_commits(session: Session, seed: Seed, engine: Engine) -> None:
    review(session, finding_id=seed.price_finding_id, action="confirm", actor="jura@kk.dk")
    with session_factory(engine)() as other:
        assert other.get(Finding, seed.price_finding_id).status == "open"
        assert other.scalars(select(AuditEntry)).all() == []
    session.rollback()


def test_the_history_lists_every_step_oldest_first(session: Session, seed: Seed) -> None:
    fid = seed.price_finding_id
    review(session, finding_id=fid, action="confirm", actor="a@kk.dk")
    review(session, finding_id=fid, action="note", actor="b@kk.dk", note="Sendt til leverandør")
    review(session, finding_id=fid, action="resolve", actor="c@kk.dk", recovered="999.995")
    session.flush()
    steps = [(e.actor, e.action) for e in history(session, finding_id=fid)]
    assert steps == [
        ("a@kk.dk", "finding.confirm"),
        ("b@kk.dk", "finding.note"),
        ("c@kk.dk", "finding.resolve"),
    ]
    finding = session.get(Finding, fid)
    assert finding.status == "resolved"
    assert finding.recovered == Decimal("1000.00")  # rounded half up to øre
    assert finding.review_note == "Sendt til leverandør"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"action": "dismiss"}, "note"),
        ({"action": "note", "note": "  "}, "note"),
        ({"action": "resolve"}, "recovered"),
        ({"action": "resolve", "recovered": "-5"}, "recovered"),
        ({"action": "resolve", "recovered": "mange penge"}, "recovered"),
        ({"action": "reopen"}, "action"),  # an open finding cannot be reopened
        ({"action": "delete"}, "action"),
        ({"action": "confirm", "actor": " "}, "actor"),
    ],
)
def test_refused_steps_name_the_field_and_change_nothing(
    session: Session, seed: Seed, kwargs: dict[str, str], field: str
) -> None:
    arguments = {"actor": "jura@kk.dk", **kwargs}
    with pytest.raises(InputError) as refused:
        review(session, finding_id=seed.price_finding_id, **arguments)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert session.get(Finding, seed.price_finding_id).status == "open"
    assert session.scalars(select(AuditEntry)).all() == []


def test_an_unknown_finding_is_not_found(session: Session) -> None:
    with pytest.raises(NotFound, match="finding 404 does not exist"):
        review(session, finding_id=404, action="confirm", actor="jura@kk.dk")
