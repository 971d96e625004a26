"""Legal's contracts: the list (search, filters, sort, pages), the stored PDF, and a
page as an image with the clause highlighted; on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import Engine, select

from monitor.contracts import browse
from monitor.contracts.models import Contract, PriceTerm
from monitor.db import create_all, make_engine, transaction
from monitor.parties.models import Municipality, Vendor
from tests.web.conftest import CLAUSE_TEXT, Seed
from tests.web.legal_world import (
    CLAUSE_PAGE,
    contract_pdf,
    scoped_client,
    store_contract_pdf,
)

SCALE = 2  # the picture's pixels per point (``pageimage.SCALE``), checked below


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    create_all(engine)
    yield engine
    engine.dispose()


def _add_contracts(engine: Engine) -> None:
    """Two more contracts: Aarhus' (needs review) and a reviewed one of København's."""
    with transaction(engine) as s:
        vendor = s.scalars(select(Vendor)).one()
        other = Vendor(cvr="87654321", name="Systemhuset ApS")
        s.add(other)
        s.flush()
        codes = {m.code: m.id for m in s.scalars(select(Municipality))}
        s.add_all(
            [
                Contract(
                    title="Lønsystem drift",
                    vendor_id=vendor.id,
                    municipality_id=codes["751"],
                    effective_date=date(2024, 1, 1),
                    review_status="needs_review",
                ),
                Contract(
                    title="Økonomisystem licens",
                    contract_number="K03-2026-7",
                    vendor_id=other.id,
                    municipality_id=codes["101"],
                    effective_date=date(2026, 1, 1),
                    review_status="reviewed",
                ),
            ]
        )


def _ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-contract-id="(\d+)"', html)]


def _titles(engine: Engine) -> dict[str, int]:
    with transaction(engine) as s:
        return {t: i for i, t in s.execute(select(Contract.id, Contract.title))}


def test_the_list_searches_filters_sorts_and_pages(
    client: TestClient, engine: Engine, seed: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_contracts(engine)
    ids = _titles(engine)
    esdh, lon, oko = ids["Driftsaftale ESDH"], ids["Lønsystem drift"], ids["Økonomisystem licens"]

    page = client.get("/contracts")
    assert page.status_code == 200
    assert sorted(_ids(page.text)) == sorted([esdh, lon, oko])
    assert 'href="/contracts"' in page.text  # in the navigation

    assert _ids(client.get("/contracts", params={"q": "esdh"}).text) == [esdh]
    # the form as a person sends it: every empty select is "any"
    form = {"q": "esdh", "review_status": "", "vendor": "", "municipality": "", "sort": "title"}
    assert _ids(client.get("/contracts", params=form).text) == [esdh]
    assert _ids(client.get("/contracts", params={"q": "aarhus"}).text) == [lon]
    assert _ids(client.get("/contracts", params={"q": "systemhuset"}).text) == [oko]
    assert _ids(client.get("/contracts", params={"q": "k03-2026"}).text) == [oko]
    assert _ids(client.get("/contracts", params={"q": "100%"}).text) == []
    assert _ids(client.get("/contracts", params={"review_status": "needs_review"}).text) == [lon]
    assert _ids(client.get("/contracts", params={"review_status": "reviewed"}).text) == [oko]
    assert _ids(client.get("/contracts", params={"municipality": "101"}).text) == sorted(
        [esdh, oko], key=lambda i: {esdh: "d", oko: "ø"}[i]
    )
    with transaction(engine) as s:
        other = s.scalar(select(Vendor.id).where(Vendor.cvr == "87654321"))
    assert _ids(client.get("/contracts", params={"vendor": other}).text) == [oko]

    by_effective = _ids(client.get("/contracts", params={"sort": "effective"}).text)
    assert by_effective == [lon, esdh, oko]
    assert _ids(client.get("/contracts", params={"sort": "-effective"}).text) == [oko, esdh, lon]

    monkeypatch.setattr(browse, "PER_PAGE", 2)
    first = client.get("/contracts", params={"sort": "effective"})
    second = client.get("/contracts", params={"sort": "effective", "page": 2})
    assert _ids(first.text) == [lon, esdh] and _ids(second.text) == [oko]
    assert 'rel="next"' in first.text and 'rel="prev"' in second.text

    bad = client.get("/contracts", params={"review_status": "maybe"})
    assert bad.status_code == 400 and "maybe" in bad.text


def test_the_list_shows_only_the_identitys_municipalities(
    app: FastAPI, engine: Engine, seed: Seed
) -> None:
    _add_contracts(engine)
    aarhus = scoped_client(app, codes=["751"], roles=["legal"])
    page = aarhus.get("/contracts")
    assert _ids(page.text) == [_titles(engine)["Lønsystem drift"]]
    assert "Driftsaftale ESDH" not in page.text


def test_the_pdf_is_served_inline_to_its_municipality_and_404_to_another(
    app: FastAPI, client: TestClient, engine: Engine, seed: Seed
) -> None:
    data, _ = contract_pdf(CLAUSE_TEXT)
    store_contract_pdf(engine, seed.contract_id, data)
    own = scoped_client(app, codes=["101"], roles=["legal"])
    response = own.get(f"/contracts/{seed.contract_id}/document")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith('inline; filename="kontrakt-kbh.pdf"')
    assert response.content == data

    other = scoped_client(app, codes=["751"], roles=["legal", "finance", "admin"])
    assert other.get(f"/contracts/{seed.contract_id}/document").status_code == 404
    page_url = f"/contracts/{seed.contract_id}/pages/{CLAUSE_PAGE}.png"
    assert other.get(page_url).status_code == 404
    assert own.get(page_url).status_code == 200


def _term_id(engine: Engine, contract_id: int) -> int:
    with transaction(engine) as s:
        return s.scalars(select(PriceTerm.id).where(PriceTerm.contract_id == contract_id)).one()


def _count_yellow(image: Image.Image, box: tuple[int, int, int, int] | None = None) -> int:
    """Pixels of the highlight's colour (yellow over white or amber outline); neither
    black text nor white paper counts."""
    raw = (image.crop(box) if box else image).convert("RGB").tobytes()
    return sum(
        1
        for i in range(0, len(raw), 3)
        if raw[i] >= 230 and raw[i + 1] >= 130 and raw[i + 2] <= 200
    )


def test_the_page_image_highlights_the_terms_text_inside_its_box_only(
    client: TestClient, engine: Engine, seed: Seed
) -> None:
    data, clause = contract_pdf(CLAUSE_TEXT)
    store_contract_pdf(engine, seed.contract_id, data)
    term_id = _term_id(engine, seed.contract_id)

    url = f"/contracts/{seed.contract_id}/pages/{CLAUSE_PAGE}.png?term={term_id}"
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.headers["x-highlight"] == "found"
    assert response.headers["cache-control"].startswith("private")
    image = Image.open(io.BytesIO(response.content)).convert("RGB")
    # the landscape page, not one of the portrait ones
    assert image.size == (round(clause.page_width * SCALE), round(clause.page_height * SCALE))

    margin = 6  # points: the highlight's padding and outline
    inside = tuple(
        round(v * SCALE)
        for v in (
            clause.x0 - margin,
            clause.top - margin,
            clause.x1 + margin,
            clause.bottom + margin,
        )
    )
    total = _count_yellow(image)
    within = _count_yellow(image, inside)  # type: ignore[arg-type]
    assert within > 0.3 * (inside[2] - inside[0]) * (inside[3] - inside[1])
    assert total == within, "highlight pixels outside the clause's box"

    # the same page without a term: no highlight at all
    plain = client.get(f"/contracts/{seed.contract_id}/pages/{CLAUSE_PAGE}.png")
    assert _count_yellow(Image.open(io.BytesIO(plain.content)).convert("RGB")) == 0

    # cached: the same picture answers 304 to its ETag
    again = client.get(url, headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304

    assert client.get(f"/contracts/{seed.contract_id}/pages/9.png").status_code == 404
    other_term = client.get(f"/contracts/{seed.contract_id}/pages/3.png?term=999999")
    assert other_term.status_code == 404


def test_text_not_on_the_page_is_not_highlighted_and_the_page_says_so(
    client: TestClient, engine: Engine, seed: Seed
) -> None:
    data, _ = contract_pdf("1.1 Brugerlicens, pr. bruger pr. måned: 95,00 kr. ekskl. moms")
    store_contract_pdf(engine, seed.contract_id, data)
    term_id = _term_id(engine, seed.contract_id)

    response = client.get(f"/contracts/{seed.contract_id}/pages/{CLAUSE_PAGE}.png?term={term_id}")
    assert response.status_code == 200
    assert response.headers["x-highlight"] == "not_found"
    assert _count_yellow(Image.open(io.BytesIO(response.content)).convert("RGB")) == 0

    page = client.get(f"/contracts/{seed.contract_id}")
    assert 'data-highlight="not_found"' in page.text
    assert "Teksten blev ikke fundet på siden" in page.text
    english = client.get(f"/contracts/{seed.contract_id}?lang=en")
    assert "The text was not found on the page" in english.text


def test_the_contract_and_finding_pages_show_the_highlighted_page_beside_the_clause(
    client: TestClient, engine: Engine, seed: Seed
) -> None:
    data, _ = contract_pdf(CLAUSE_TEXT)
    store_contract_pdf(engine, seed.contract_id, data)
    term_id = _term_id(engine, seed.contract_id)

    page = client.get(f"/contracts/{seed.contract_id}")
    assert f'src="/contracts/{seed.contract_id}/pages/3.png?term={term_id}"' in page.text
    assert 'data-highlight="found"' in page.text
    assert f'href="/contracts/{seed.contract_id}/document"' in page.text
    assert 'href="/contracts"' in page.text

    finding = client.get(f"/findings/{seed.price_finding_id}")
    image_url = f"/contracts/{seed.contract_id}/pages/3.png?finding={seed.price_finding_id}"
    assert f'src="{image_url}"' in finding.text
    assert 'data-highlight="found"' in finding.text
    picture = client.get(image_url)
    assert picture.headers["x-highlight"] == "found"
    assert _count_yellow(Image.open(io.BytesIO(picture.content)).convert("RGB")) > 0


def test_a_finding_without_a_price_term_points_at_its_rules_clause(
    engine: Engine, seed: Seed
) -> None:
    from monitor.contracts.evidence import finding_target
    from monitor.findings.models import Finding

    with transaction(engine) as s:
        price = s.get(Finding, seed.price_finding_id)
        assert price is not None
        payment = Finding(
            dedup_key="payment_terms:kbh",
            rule_id="payment_terms",
            severity="low",
            invoice_id=price.invoice_id,
            contract_id=seed.contract_id,
            municipality_id=price.municipality_id,
            vendor_id=price.vendor_id,
            message="Betalingsfristen er 45 dage; aftalt er 30.",
            evidence={"payment_days_agreed": 30},
        )
        s.add(payment)
        s.flush()
        target = finding_target(s, payment)
        assert target is not None
        assert (target.page, target.text) == (5, "Betaling: 30 dage netto")
        # a finding on a price term points at the term's row
        on_term = finding_target(s, price)
        assert on_term is not None and (on_term.page, on_term.text) == (3, CLAUSE_TEXT)
