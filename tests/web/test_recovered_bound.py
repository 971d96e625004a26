"""A recovered amount is bounded by the finding's overcharge (1.000,00 kr. in the seed);
more is recorded only with an explicit confirmation and a reason, on the page, through
the API and from the CLI alike."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from monitor.audit.models import AuditEntry
from monitor.db import session_factory, transaction
from monitor.errors import ConfirmationRequired, InputError
from monitor.findings.models import Finding
from monitor.findings.review import review
from tests.web.conftest import Seed


@pytest.fixture
def session(engine: Engine, seed: Seed) -> Session:
    return session_factory(engine)()


def _state(engine: Engine, finding_id: int) -> tuple[str, Decimal, int]:
    with transaction(engine) as s:
        finding = s.get(Finding, finding_id)
        entries = len(s.scalars(select(AuditEntry)).all())
        return finding.status, finding.recovered, entries


@pytest.mark.parametrize(
    ("amount", "accepted"),
    [("1000.00", True), ("999.99", True), ("0", True), ("1000.01", False), ("999999999", False)],
)
def test_a_recovered_amount_up_to_the_overcharge_is_accepted_and_more_is_refused(
    session: Session, seed: Seed, amount: str, accepted: bool
) -> None:
    fid = seed.price_finding_id
    if accepted:
        review(session, finding_id=fid, action="resolve", actor="okonomi@kk.dk", recovered=amount)
        assert session.get(Finding, fid).recovered == Decimal(amount)
        return
    with pytest.raises(ConfirmationRequired) as refused:
        review(session, finding_id=fid, action="resolve", actor="okonomi@kk.dk", recovered=amount)
    assert refused.value.field == "recovered"
    assert "more than the finding's overcharge DKK 1,000.00" in refused.value.message
    assert "mere end fundets overpris 1.000,00 kr." in refused.value.message_in("da")
    finding = session.get(Finding, fid)
    assert (finding.status, finding.recovered) == ("open", Decimal("0.00"))


def test_more_than_the_overcharge_needs_both_the_confirmation_and_a_reason(
    session: Session, seed: Seed
) -> None:
    fid = seed.price_finding_id
    with pytest.raises(ConfirmationRequired) as no_reason:
        review(
            session,
            finding_id=fid,
            action="resolve",
            actor="okonomi@kk.dk",
            recovered="1200",
            confirm_excess=True,
            excess_reason="  ",
        )
    assert no_reason.value.field == "excess_reason"
    with pytest.raises(ConfirmationRequired):  # a reason alone is no confirmation
        review(
            session,
            finding_id=fid,
            action="resolve",
            actor="okonomi@kk.dk",
            recovered="1200",
            excess_reason="Renter",
        )
    review(
        session,
        finding_id=fid,
        action="resolve",
        actor="okonomi@kk.dk",
        recovered="1200",
        confirm_excess=True,
        excess_reason="Forlig inkl. renter",
    )
    session.flush()
    finding = session.get(Finding, fid)
    assert (finding.status, finding.recovered) == ("resolved", Decimal("1200.00"))
    entry = session.scalars(select(AuditEntry)).one()
    assert entry.details == {
        "before": "open",
        "after": "resolved",
        "recovered": "1200.00",
        "exceeds_overcharge": True,
        "overcharge": "1000.00",
        "excess_reason": "Forlig inkl. renter",
    }


def test_system_is_not_a_reviewers_name(session: Session, seed: Seed) -> None:
    with pytest.raises(InputError) as refused:
        review(session, finding_id=seed.price_finding_id, action="confirm", actor="System")
    assert refused.value.field == "actor"


def test_the_page_asks_for_the_confirmation_in_danish_and_then_records_it(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    url = f"/findings/{seed.price_finding_id}/review"
    form = {"action": "resolve", "actor": "okonomi@kk.dk", "recovered": "999.999.999,00"}
    page = client.post(url, data=form)
    assert page.status_code == 400
    assert "det tilbagebetalte beløb 999.999.999,00 kr. er mere end fundets overpris" in page.text
    assert 'name="confirm_excess"' in page.text and 'name="excess_reason"' in page.text
    assert 'name="confirm_excess" value="1" checked' not in page.text  # never ticked for you
    assert _state(engine, seed.price_finding_id) == ("open", Decimal("0.00"), 0)

    english = client.post(url + "?lang=en", data={**form, "recovered": "999,999,999.00"})
    assert "the recovered amount DKK 999,999,999.00 is more than" in english.text
    client.cookies.set("prisvagt_lang", "da")

    done = client.post(
        url,
        data={
            **form,
            "recovered": "1.250,00",
            "confirm_excess": "1",
            "excess_reason": "Forlig inkl. renter",
        },
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert _state(engine, seed.price_finding_id) == ("resolved", Decimal("1250.00"), 1)
    html = client.get(done.headers["location"] + "&lang=da").text
    assert "Mere end overprisen 1.000,00 kr.: Forlig inkl. renter" in html


def test_the_api_answers_409_until_the_excess_is_confirmed_with_a_reason(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    url = f"/api/v1/findings/{seed.price_finding_id}/review"
    body = {"action": "resolve", "actor": "okonomi@kk.dk", "recovered": "999999999.00"}
    refused = client.post(url, json=body)
    assert refused.status_code == 409
    answer = refused.json()
    assert answer["confirmation_required"] == {"recovered": "999999999.00", "overcharge": "1000.00"}
    assert "DKK 999,999,999.00 is more than the finding's overcharge" in answer["error"]
    assert "999.999.999,00 kr." in answer["error_da"]
    assert _state(engine, seed.price_finding_id) == ("open", Decimal("0.00"), 0)
    ok = client.post(
        url,
        json={**body, "recovered": "1100", "confirm_excess": True, "excess_reason": "Renter"},
    )
    assert ok.status_code == 200, ok.text
    assert _state(engine, seed.price_finding_id) == ("resolved", Decimal("1100.00"), 1)
