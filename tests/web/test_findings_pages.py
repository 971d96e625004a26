"""The findings list and detail pages, and reviewing from them."""

from __future__ import annotations

from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.audit.models import AuditEntry
from monitor.db import transaction
from monitor.findings.models import Finding
from tests.signin import TEST_ACTOR
from tests.web.conftest import CLAUSE_TEXT, Seed


def test_the_list_shows_every_finding_with_danish_amounts(client: TestClient, seed: Seed) -> None:
    page = client.get("/findings")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert f'data-finding-id="{seed.price_finding_id}"' in html
    assert f'data-finding-id="{seed.payment_finding_id}"' in html
    assert "F-2026-0042" in html
    assert "1.000,00 kr." in html  # the overcharge, in Danish number format
    assert "125,00 kr." in html and "100,00 kr." in html
    assert '<html lang="da">' in html
    assert '<a href="/findings" aria-current="page">Fund</a>' in html


def test_the_list_filters_by_municipality_rule_status_and_vendor(
    client: TestClient, seed: Seed
) -> None:
    price, payment = (
        f'data-finding-id="{seed.price_finding_id}"',
        f'data-finding-id="{seed.payment_finding_id}"',
    )
    kbh = client.get("/findings", params={"municipality": "101"}).text
    assert price in kbh and payment not in kbh
    by_rule = client.get("/findings", params={"rule": "payment_terms"}).text
    assert payment in by_rule and price not in by_rule
    assert (
        client.get("/findings", params={"status": "confirmed"}).text.count("data-finding-id") == 0
    )
    other_vendor = client.get("/findings", params={"vendor": "99999999"}).text
    assert "data-finding-id" not in other_vendor


def test_the_list_shows_the_total_overcharge_of_the_filtered_findings(
    client: TestClient, seed: Seed
) -> None:
    html = client.get("/findings", params={"municipality": "751"}).text
    assert "data-total-overcharge>0,00 kr.<" in html
    html = client.get("/findings").text
    assert "data-total-overcharge>1.000,00 kr.<" in html


def test_the_list_sorts_by_overcharge_both_ways(client: TestClient, seed: Seed) -> None:
    desc = client.get("/findings", params={"sort": "overcharge_desc"}).text
    asc = client.get("/findings", params={"sort": "overcharge_asc"}).text
    first, second = (
        f'data-finding-id="{seed.price_finding_id}"',
        f'data-finding-id="{seed.payment_finding_id}"',
    )
    assert desc.index(first) < desc.index(second)
    assert asc.index(second) < asc.index(first)


def test_the_list_speaks_english_on_request_and_remembers_it(
    client: TestClient, seed: Seed
) -> None:
    html = client.get("/findings", params={"lang": "en"}).text
    assert '<html lang="en">' in html and "Total overcharge" in html and "DKK 1,000.00" in html
    again = client.get("/findings").text  # the cookie keeps English
    assert '<html lang="en">' in again


def test_the_detail_shows_the_contract_clause_and_the_invoice_line_side_by_side(
    client: TestClient, seed: Seed
) -> None:
    html = client.get(f"/findings/{seed.price_finding_id}").text
    contract_side = html[
        html.index('class="card side-contract"') : html.index('class="card side-invoice"')
    ]
    invoice_side = html[html.index('class="card side-invoice"') :]
    assert CLAUSE_TEXT in contract_side
    assert "Side 3" in contract_side and "kontrakt-kbh.pdf" in contract_side
    assert "100,00 kr." in contract_side
    assert "125,00 kr." in invoice_side and "F-2026-0042" in invoice_side
    assert "5.000,00 kr." in invoice_side  # the line amount, 40 × 125,00
    assert "data-overcharge>1.000,00 kr.<" in html
    assert "item_id" in html  # the evidence, rendered


def test_confirming_from_the_page_changes_the_status_and_writes_the_audit_log(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    response = client.post(
        f"/findings/{seed.price_finding_id}/review",
        data={"action": "confirm", "actor": "jura@kk.dk", "note": "Klart brud på bilag 2"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    with transaction(engine) as s:
        assert s.get(Finding, seed.price_finding_id).status == "confirmed"
        entry = s.scalars(select(AuditEntry)).one()
        assert (entry.actor, entry.action, entry.entity_id) == (
            TEST_ACTOR,
            "finding.confirm",
            str(seed.price_finding_id),
        )
        assert entry.reason == "Klart brud på bilag 2"
    html = client.get(response.headers["location"]).text
    assert "Gemt." in html and TEST_ACTOR in html and "Klart brud på bilag 2" in html


def test_dismissing_without_a_note_is_refused_on_the_page_and_nothing_changes(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    response = client.post(
        f"/findings/{seed.price_finding_id}/review",
        data={"action": "dismiss", "actor": "jura@kk.dk", "note": ""},
    )
    assert response.status_code == 400
    assert "en note er påkrævet for at afvise" in response.text
    with transaction(engine) as s:
        assert s.get(Finding, seed.price_finding_id).status == "open"
        assert s.scalars(select(AuditEntry)).all() == []


def test_dismissing_with_a_note_writes_the_audit_log(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    client.post(
        f"/findings/{seed.price_finding_id}/review",
        data={"action": "dismiss", "actor": "jura@kk.dk", "note": "Aftalt ved tillæg 3"},
    )
    with transaction(engine) as s:
        assert s.get(Finding, seed.price_finding_id).status == "dismissed"
        entry = s.scalars(select(AuditEntry)).one()
        assert entry.action == "finding.dismiss" and entry.reason == "Aftalt ved tillæg 3"
        assert entry.details == {"before": "open", "after": "dismissed"}


def test_resolving_records_the_recovered_amount(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    client.post(
        f"/findings/{seed.price_finding_id}/review",
        data={"action": "resolve", "actor": "okonomi@kk.dk", "recovered": "999,995 kr."},
    )
    with transaction(engine) as s:
        finding = s.get(Finding, seed.price_finding_id)  # Danish decimal comma, half up
        assert finding.status == "resolved" and str(finding.recovered) == "1000.00"
    assert "1.000,00 kr." in client.get("/").text.split("data-recovered>")[1][:20]


def test_an_unknown_finding_is_a_404_page_that_says_so(client: TestClient, seed: Seed) -> None:
    response = client.get("/findings/999999")
    assert response.status_code == 404
    assert "Fund 999999 findes ikke." in response.text
    assert "Ikke fundet" in response.text
    english = client.get("/findings/999999?lang=en")
    assert "Finding 999999 does not exist." in english.text and "Not found" in english.text


def test_an_unknown_page_is_a_404_page(client: TestClient, seed: Seed) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404 and "<html" in response.text


def test_a_finding_without_a_contract_price_or_line_still_has_a_detail_page(
    client: TestClient, seed: Seed
) -> None:
    html = client.get(f"/findings/{seed.payment_finding_id}").text
    assert "ikke knyttet til en bestemt pris" in html
    assert "gælder hele fakturaen" in html
    assert "Betalingsfristen er 45 dage" in html


def test_the_detail_compares_the_price_with_other_municipalities(
    client: TestClient, seed: Seed
) -> None:
    html = client.get(f"/findings/{seed.price_finding_id}").text
    peers = html[html.index('class="peer-prices"') :]
    assert "Aarhus" in peers and "F-2026-0043" in peers
    assert peers.index("100,00 kr.") < peers.index("125,00 kr.")  # cheapest first


def test_the_review_forms_offer_only_the_steps_the_status_allows(
    client: TestClient, seed: Seed
) -> None:
    before = client.get(f"/findings/{seed.price_finding_id}").text
    assert 'value="confirm"' in before and 'value="reopen"' not in before
    client.post(
        f"/findings/{seed.price_finding_id}/review",
        data={"action": "confirm", "actor": "jura@kk.dk"},
    )
    after = client.get(f"/findings/{seed.price_finding_id}").text
    assert 'value="confirm"' not in after and 'value="reopen"' in after
    assert 'name="actor"' not in after  # who reviews is the signed-in identity, not typed


def test_the_list_pages_through_many_findings(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    with transaction(engine) as s:
        template = s.get(Finding, seed.payment_finding_id)
        for n in range(60):
            s.add(
                Finding(
                    dedup_key=f"many:{n}",
                    rule_id="payment_terms",
                    severity="low",
                    invoice_id=template.invoice_id,
                    municipality_id=template.municipality_id,
                    vendor_id=template.vendor_id,
                    overcharge=Decimal(n),
                    message=f"nr. {n}",
                )
            )
    first = client.get("/findings").text
    assert first.count('class="finding-row"') == 50
    assert "Side 1 af 2" in first and 'rel="next" href="?page=2"' in first
    second = client.get("/findings", params={"page": 2}).text
    assert second.count('class="finding-row"') == 12  # 62 in all
    assert "data-total-overcharge>2.770,00 kr.<" in second  # 1.000 + 0 + (0 + ... + 59)


def test_the_detail_quotes_the_clause_a_rule_relied_on(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    clause = "Priserne reguleres årligt pr. 1. januar med nettoprisindekset, dog højst 3 %."
    with transaction(engine) as s:
        finding = s.get(Finding, seed.payment_finding_id)
        finding.rule_id = "indexation_cap_exceeded"
        finding.evidence = {
            "indexation_clause": clause,
            "indexation_clause_page": 7,
            "unconfirmed_term": False,
            "billing_date": "2026-03-01",
        }
    html = client.get(f"/findings/{seed.payment_finding_id}").text
    side = html[html.index('class="card side-contract"') : html.index('class="card side-invoice"')]
    assert clause in side and "Prisreguleringsklausul, side 7" in side
    assert "Prisregulering ud over aftalen" in html  # the registry's Danish title
    assert "Pris ikke bekræftet af jura" in html and "1. marts 2026" in html


def test_a_form_posted_from_another_site_is_refused(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    response = client.post(
        f"/findings/{seed.price_finding_id}/review",
        data={"action": "confirm", "actor": "evil"},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    with transaction(engine) as s:
        assert s.get(Finding, seed.price_finding_id).status == "open"
    same_site = client.post(
        f"/findings/{seed.price_finding_id}/review",
        data={"action": "confirm", "actor": "jura@kk.dk"},
        headers={"Origin": "http://testserver"},
        follow_redirects=False,
    )
    assert same_site.status_code == 303


def test_the_message_is_shown_in_danish_where_the_rule_wrote_one(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    english = "Line 1: unit price 125.00 is above the allowed 100.00"
    danish = "Linje 1: enhedsprisen 125,00 er over den tilladte 100,00"
    with transaction(engine) as s:
        f = s.get(Finding, seed.price_finding_id)
        assert f is not None
        f.message, f.message_da = english, danish
    url = f"/findings/{seed.price_finding_id}"
    da = client.get(url).text
    assert f'<p class="lead">{danish}</p>' in da and english not in da
    en = client.get(url, params={"lang": "en"}).text
    assert f'<p class="lead">{english}</p>' in en and danish not in en
    # a finding without a Danish text (a custom rule's) shows the English one, marked so
    with transaction(engine) as s:
        f = s.get(Finding, seed.price_finding_id)
        assert f is not None
        f.message_da = None
    da = client.get(url, params={"lang": "da"}).text
    assert f'<p class="lead" lang="en">{english}</p>' in da
