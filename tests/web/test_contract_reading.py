"""The contract page says whether the contract was read completely, why not, and which
price rows were not read; legal confirms the contract there. Preliminary findings are
marked as such on the finding, invoice and list pages."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.audit.models import AuditEntry
from monitor.contracts.models import Contract, UnreadPriceRow
from monitor.db import transaction
from monitor.findings.models import Finding
from tests.signin import TEST_ACTOR
from tests.web.conftest import Seed

ROW = "7 | Særlig rådgivning | efter regning | kr. 1.200,00"
REASON = f"price not read on page 12: {ROW} (no unit found)"


def _needs_review(engine: Engine, seed: Seed) -> None:
    """The seeded contract as a reading with one unread row; its price finding held."""
    with transaction(engine) as s:
        contract = s.get(Contract, seed.contract_id)
        assert contract is not None
        contract.review_status = "needs_review"
        contract.review_reasons = [REASON]
        contract.unread_prices.append(UnreadPriceRow(page=12, text=ROW, reason="no unit found"))
        finding = s.get(Finding, seed.price_finding_id)
        assert finding is not None
        finding.preliminary = True


def test_a_contract_pending_review_shows_its_reasons_and_unread_rows(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    _needs_review(engine, seed)
    da = client.get(f"/contracts/{seed.contract_id}?lang=da").text
    assert 'data-review-status="needs_review"' in da and "Kræver gennemgang" in da
    assert "Prisrækker, der ikke blev læst" in da and "Hvorfor den skal gennemgås" in da
    assert 'data-unread-page="12"' in da and ROW in da and REASON in da
    assert 'data-preliminary-findings="1"' in da
    # the seeded term is confirmed already: the contract itself still awaits its review
    assert "data-confirm-review" in da
    en = client.get(f"/contracts/{seed.contract_id}?lang=en").text
    assert "Needs review" in en and "Price rows not read" in en
    assert "Confirm the contract as reviewed (0 proposed prices)" in en


def test_a_contract_read_completely_shows_no_review_section(client: TestClient, seed: Seed) -> None:
    page = client.get(f"/contracts/{seed.contract_id}?lang=da").text
    assert 'data-review-status="complete"' in page and "Læst fuldstændigt" in page
    assert 'id="reading"' not in page and "data-confirm-review" not in page


def test_confirming_on_the_page_marks_the_contract_reviewed_and_queues_a_recheck(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    _needs_review(engine, seed)
    response = client.post(
        f"/contracts/{seed.contract_id}/confirm",
        data={"actor": "jura@kk.dk"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    with transaction(engine) as s:
        contract = s.get(Contract, seed.contract_id)
        assert contract is not None
        assert (contract.review_status, contract.reviewed_by) == ("reviewed", TEST_ACTOR)
        actions = [e.action for e in s.scalars(select(AuditEntry))]
    assert actions == ["contract.reviewed"]
    assert rechecks == [[seed.invoice_id]]
    page = client.get(f"/contracts/{seed.contract_id}?lang=en").text
    assert "Reviewed by legal" in page and TEST_ACTOR in page
    assert "data-confirm-review" not in page


def test_a_preliminary_finding_is_marked_on_its_page_the_invoice_and_the_list(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    _needs_review(engine, seed)
    detail = client.get(f"/findings/{seed.price_finding_id}?lang=da").text
    assert "Foreløbigt fund" in detail and "data-preliminary" in detail
    assert f'href="/contracts/{seed.contract_id}#reading"' in detail
    invoice = client.get(f"/invoices/{seed.invoice_id}").text
    assert "data-preliminary" in invoice
    held = client.get("/findings?preliminary=true").text
    assert f'data-finding-id="{seed.price_finding_id}"' in held
    assert f'data-finding-id="{seed.payment_finding_id}"' not in held
    final = client.get("/findings?preliminary=false").text
    assert f'data-finding-id="{seed.payment_finding_id}"' in final
    assert f'data-finding-id="{seed.price_finding_id}"' not in final
    assert f'data-finding-id="{seed.price_finding_id}"' in client.get("/findings?preliminary=").text
    other = client.get(f"/findings/{seed.payment_finding_id}").text
    assert "data-preliminary" not in other
