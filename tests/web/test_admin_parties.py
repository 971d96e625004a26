"""Admins manage municipalities, contacts, EAN numbers and vendors on /admin/parties, and
load the parties CSV; an invoice left unassigned is picked up once its party is known."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from monitor.audit.models import AuditEntry
from monitor.db import transaction
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Contact, Municipality, MunicipalityEan, Vendor
from tests.signin import TEST_ACTOR
from tests.web.conftest import Seed

HEADER = "kind,code,name,cvr,ean,population,finance_email,legal_email\n"
ODENSE_EAN = "5798007461003"


@pytest.fixture
def unassigned_invoice(engine: Engine, seed: Seed) -> int:
    """An invoice to Odense (EAN only), which is not registered yet."""
    with transaction(engine) as s:
        invoice = Invoice(
            format="oioubl-2.02",
            number="F-2026-0077",
            issue_date=date(2026, 3, 1),
            due_date=date(2026, 3, 31),
            currency="DKK",
            supplier_cvr="12345678",
            buyer_ean=ODENSE_EAN,
            line_extension=Decimal("500.00"),
            tax_exclusive=Decimal("500.00"),
            tax=Decimal("125.00"),
            payable=Decimal("625.00"),
            status="unassigned",
            unassigned_reason="buyer EAN 5798007461003 is not a registered municipality",
        )
        invoice.lines.append(
            InvoiceLine(
                position=0,
                line_id="1",
                item_id="LIC-100",
                description="Brugerlicens ESDH",
                quantity=Decimal("5"),
                unit_code="EA",
                unit_price=Decimal("100.00"),
                line_amount=Decimal("500.00"),
            )
        )
        s.add(invoice)
        s.flush()
        return invoice.id


def _upload(client: TestClient, text: str, name: str = "parter.csv") -> object:
    return client.post(
        "/admin/parties/import",
        files={"file": (name, text.encode(), "text/csv")},
        data={"actor": "admin@kl.dk"},
        follow_redirects=False,
    )


def _count(engine: Engine, model: type) -> int:
    with transaction(engine) as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_the_parties_page_lists_municipalities_and_vendors(client: TestClient) -> None:
    page = client.get("/admin/parties")
    assert page.status_code == 200
    assert 'id="m-101"' in page.text and "København" in page.text and "64942212" in page.text
    assert "660.000" in page.text  # population, Danish grouping
    assert "Kommunedata A/S" in page.text and "12345678" in page.text
    assert '<a href="/admin/parties" aria-current="page">Parter</a>' in page.text


def test_a_good_csv_registers_the_parties_and_checks_the_invoices_it_assigns(
    client: TestClient, engine: Engine, unassigned_invoice: int, rechecks: list[list[int]]
) -> None:
    csv = HEADER + (
        f'municipality,461,Odense,29189560,{ODENSE_EAN},"206.000",okonomi@odense.dk,jura@odense.dk\n'
        "vendor,,Fujitsu A/S,87654321,,,,\n"
    )
    response = _upload(client, csv)
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response.headers["location"] == "/admin/parties?saved=csv:1:1:2&assigned=1"  # type: ignore[attr-defined]
    with transaction(engine) as s:
        odense = s.scalars(select(Municipality).where(Municipality.code == "461")).one()
        assert (odense.population, [e.ean for e in odense.eans]) == (206000, [ODENSE_EAN])
        assert sorted((c.role, c.email) for c in odense.contacts) == [
            ("finance", "okonomi@odense.dk"),
            ("legal", "jura@odense.dk"),
        ]
        invoice = s.get(Invoice, unassigned_invoice)
        assert invoice is not None
        assert (invoice.status, invoice.municipality_id) == ("assigned", odense.id)
        actions = [e.action for e in s.scalars(select(AuditEntry))]
        assert actions == ["parties.imported"]
    assert rechecks == [[unassigned_invoice]]  # queued after the commit
    page = client.get("/admin/parties?saved=csv:1:1:2&assigned=1")
    assert "Parterne er indlæst" in page.text and "1 fakturaer fik deres part" in page.text


@pytest.mark.parametrize(
    ("rows", "where", "reason"),
    [
        ("vendor,,Fujitsu A/S,8765432,,,,\n", "line 3, field cvr", "CVR must be 8 digits"),
        ("municipality,46,Odense,,,,,\n", "line 3, field code", "kommunekode must be 3 digits"),
        ("municipality,461,Odense,,,,not-an-email,\n", "line 3, field finance_email", "email"),
        (
            "municipality,461,Odense,,5798007461006,,,\n",
            "line 3, field ean",
            "EAN 5798007461006 has a wrong check digit: with these first 12 digits it ends in 3",
        ),
    ],
)
def test_a_bad_csv_names_the_line_and_field_and_stores_nothing(
    client: TestClient,
    engine: Engine,
    unassigned_invoice: int,
    rechecks: list[list[int]],
    rows: str,
    where: str,
    reason: str,
) -> None:
    csv = HEADER + f"municipality,461,Odense,29189560,{ODENSE_EAN},,,\n" + rows
    page = _upload(client, csv)
    assert page.status_code == 400  # type: ignore[attr-defined]
    text = page.text  # type: ignore[attr-defined]
    assert f"parter.csv, {where}" in text and reason in text and "Intet er gemt." in text
    assert _count(engine, Municipality) == 2 and _count(engine, Vendor) == 1  # the seed only
    assert _count(engine, AuditEntry) == 0 and rechecks == []


def test_a_csv_with_the_wrong_header_is_refused_at_line_1(
    client: TestClient, engine: Engine
) -> None:
    page = _upload(client, "code;name\n101;København\n")
    assert page.status_code == 400  # type: ignore[attr-defined]
    assert "parter.csv, line 1: the header must be kind,code" in page.text  # type: ignore[attr-defined]


def test_adding_a_contact_stores_role_language_and_severity_with_an_audit_entry(
    client: TestClient, engine: Engine
) -> None:
    form = {
        "role": "legal",
        "email": "jura@kk.dk",
        "name": "Kontraktjura",
        "language": "en",
        "immediate_min_severity": "high",
        "active": "1",
        "actor": "admin@kl.dk",
    }
    response = client.post(
        "/admin/parties/municipalities/101/contacts", data=form, follow_redirects=False
    )
    assert response.status_code == 303
    with transaction(engine) as s:
        contact = s.scalars(select(Contact)).one()
        assert (contact.role, contact.email, contact.language) == ("legal", "jura@kk.dk", "en")
        assert (contact.immediate_min_severity, contact.active) == ("high", True)
        entry = s.scalars(select(AuditEntry)).one()
        assert (entry.action, entry.entity_id, entry.actor) == (
            "contact.added",
            "101",
            TEST_ACTOR,
        )
        contact_id = contact.id

    edit = {**form, "immediate_min_severity": "critical", "active": ""}
    client.post(f"/admin/parties/contacts/{contact_id}", data=edit)
    with transaction(engine) as s:
        contact = s.get(Contact, contact_id)
        assert contact is not None
        assert (contact.immediate_min_severity, contact.active) == ("critical", False)
        changed = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert changed is not None and changed.details["changed"] == {
            "immediate_min_severity": ["high", "critical"],
            "active": [True, False],
        }
    page = client.get("/admin/parties")
    assert "jura@kk.dk" in page.text and "Inaktiv" in page.text
    recent = page.text.split('id="h-changes"')[1]  # the audit trail, newest first
    assert recent.index("contact.updated") < recent.index("contact.added")


def test_an_invalid_contact_email_is_refused_with_the_reason(
    client: TestClient, engine: Engine
) -> None:
    form = {"role": "finance", "email": "okonomi-at-kk.dk", "actor": "admin@kl.dk"}
    page = client.post("/admin/parties/municipalities/101/contacts", data=form)
    assert page.status_code == 400
    assert "is not an email address" in page.text and 'value="okonomi-at-kk.dk"' in page.text
    assert _count(engine, Contact) == 0 and _count(engine, AuditEntry) == 0


def test_an_ean_is_added_once_and_assigns_the_invoice_it_names(
    client: TestClient, engine: Engine, unassigned_invoice: int, rechecks: list[list[int]]
) -> None:
    with transaction(engine) as s:  # Odense known by code, but not yet by its EAN
        s.add(Municipality(code="461", name="Odense"))
    form = {"ean": ODENSE_EAN, "department": "Borgerservice", "actor": "admin@kl.dk"}
    response = client.post(
        "/admin/parties/municipalities/461/eans", data=form, follow_redirects=False
    )
    assert response.status_code == 303
    assert rechecks == [[unassigned_invoice]]
    again = client.post("/admin/parties/municipalities/101/eans", data=form)
    assert again.status_code == 400 and "er allerede registreret til Odense" in again.text
    bad = client.post("/admin/parties/municipalities/101/eans", data={**form, "ean": "123"})
    assert bad.status_code == 400 and "must be 13 digits" in bad.text
    # a digit mistyped: the check digit no longer fits (GS1), said in Danish
    typo = client.post(
        "/admin/parties/municipalities/101/eans", data={**form, "ean": "5798000000002"}
    )
    assert typo.status_code == 400
    assert "har et forkert kontrolciffer: med de første 12 cifre ender det på 1" in typo.text
    assert _count(engine, MunicipalityEan) == 1
    assert client.post("/admin/parties/municipalities/999/eans", data=form).status_code == 404


def test_adding_a_vendor_validates_the_cvr(client: TestClient, engine: Engine) -> None:
    bad = client.post(
        "/admin/parties/vendors", data={"cvr": "1234", "name": "X", "actor": "admin@kl.dk"}
    )
    assert bad.status_code == 400 and "CVR must be 8 digits" in bad.text
    ok = client.post(
        "/admin/parties/vendors",
        data={"cvr": "87654321", "name": "Fujitsu A/S", "actor": "admin@kl.dk"},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    with transaction(engine) as s:
        assert s.scalars(select(Vendor.name).where(Vendor.cvr == "87654321")).one() == "Fujitsu A/S"
        assert [e.action for e in s.scalars(select(AuditEntry))] == ["vendor.added"]


def test_a_typed_name_is_ignored_and_the_signed_in_identity_is_recorded(
    client: TestClient, engine: Engine
) -> None:
    page = client.post(
        "/admin/parties/vendors",
        data={"cvr": "87654321", "name": "Fujitsu", "actor": "someone else"},
        follow_redirects=False,
    )
    assert page.status_code == 303
    with transaction(engine) as s:
        assert [e.actor for e in s.scalars(select(AuditEntry))] == [TEST_ACTOR]


def test_an_admin_of_some_municipalities_is_not_offered_what_only_an_admin_of_all_may_do(
    app: object, client: TestClient, seed: Seed
) -> None:
    """Adding vendors and importing parties need an admin over every municipality: the
    forms are not shown to an admin of one (they ended in a 403 page, the input lost)."""
    from tests.web.legal_world import scoped_client

    local = scoped_client(app, codes=["751"], roles=["admin"])  # type: ignore[arg-type]
    page = local.get("/admin/parties").text
    assert 'action="/admin/parties/vendors"' not in page
    assert 'action="/admin/parties/import"' not in page
    assert 'action="/admin/parties/municipalities/751/contacts"' in page  # its own, kept
    everywhere = client.get("/admin/parties").text
    assert 'action="/admin/parties/vendors"' in everywhere
    assert 'action="/admin/parties/import"' in everywhere


def test_an_ean_listed_twice_for_one_municipality_is_stored_once(engine: Engine) -> None:
    """It ended in a database traceback (a unique key broken by the second copy)."""
    from monitor.parties.service import import_parties, read_parties_csv

    text = (
        HEADER + f"municipality,461,Odense,35209115,{ODENSE_EAN};{ODENSE_EAN},205000,,\n"
        f"municipality,461,Odense,35209115,{ODENSE_EAN},205000,,\n"
    )
    with transaction(engine) as s:
        import_parties(s, rows=read_parties_csv(text, filename="parter.csv"))
    with transaction(engine) as s:
        eans = s.scalars(select(MunicipalityEan.ean).where(MunicipalityEan.ean == ODENSE_EAN))
        assert list(eans) == [ODENSE_EAN]
