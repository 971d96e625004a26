"""``prisvagt extract`` prints what is read without storing it; ``contracts show`` prints
the stored terms in the same shape; review confirms them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from monitor.cli.main import app

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "contracts" / "ruled_table.pdf"
FIELDS = [
    "language",
    "title",
    "parties",
    "effective_date",
    "expiry_date",
    "payment_days",
    "mfn",
    "indexation",
    "price_terms",
]
TERM_FIELDS = [
    "item_id",
    "description",
    "unit",
    "unit_price",
    "currency",
    "vat",
    "tier_min",
    "tier_max",
    "page",
    "confidence",
]
runner = CliRunner()


def test_extract_prints_the_terms_without_storing_them(app_env: object) -> None:
    result = runner.invoke(app, ["extract", str(FIXTURE), "--format", "json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    expected = json.loads(FIXTURE.with_suffix(".json").read_text("utf-8"))
    assert {k: printed[k] for k in FIELDS} == expected
    listed = runner.invoke(app, ["contracts", "list"])
    assert "ruled_table" not in listed.stdout and "JD-1010" not in listed.stdout


def test_extract_prints_text_for_people_on_request(app_env: object) -> None:
    """``--format text`` (``-f text``) prints the reading for people, not the JSON."""
    expected = json.loads(FIXTURE.with_suffix(".json").read_text("utf-8"))
    for flag in ("--format", "-f"):
        result = runner.invoke(app, ["extract", str(FIXTURE), flag, "text"])
        assert result.exit_code == 0, result.output
        assert not result.stdout.lstrip().startswith("{")
        buyer = next(p for p in expected["parties"] if p["role"] == "buyer")
        assert f"  buyer: {buyer['name']} (CVR {buyer['cvr']})" in result.stdout
        assert f"price terms: {len(expected['price_terms'])}" in result.stdout
        first = expected["price_terms"][0]
        assert f"{first['unit_price']} {first['currency']} {first['unit']}" in result.stdout


def test_contracts_show_prints_the_stored_terms_in_the_same_shape(app_env: object) -> None:
    assert runner.invoke(app, ["ingest", str(FIXTURE)]).exit_code == 0
    shown = json.loads(runner.invoke(app, ["contracts", "show", "1", "--format", "json"]).stdout)
    expected = json.loads(FIXTURE.with_suffix(".json").read_text("utf-8"))
    for key in FIELDS:
        if key == "price_terms":
            continue
        if key == "indexation":  # the stored clause also keeps its base month
            assert {k: shown[key][k] for k in expected[key]} == expected[key]
            continue
        assert shown[key] == expected[key], key
    assert [{k: t[k] for k in TERM_FIELDS} for t in shown["price_terms"]] == expected["price_terms"]
    assert {t["review_state"] for t in shown["price_terms"]} == {"proposed"}

    confirmed = runner.invoke(app, ["contracts", "confirm", "1", "--actor", "jura@kk.example.dk"])
    assert confirmed.exit_code == 0, confirmed.output
    shown = json.loads(runner.invoke(app, ["contracts", "show", "1"]).stdout)
    assert {t["review_state"] for t in shown["price_terms"]} == {"confirmed"}


def test_extract_of_a_missing_file_exits_2(app_env: object, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.pdf")])
    assert result.exit_code == 2
    assert "nope.pdf: cannot read the file" in result.stderr


def test_extract_says_which_price_rows_it_could_not_read(app_env: object, tmp_path: Path) -> None:
    from tests.extractors.contracts.test_price_columns import _appendix_pdf

    pdf = tmp_path / "bilag2.pdf"
    pdf.write_bytes(_appendix_pdf())

    result = runner.invoke(app, ["extract", str(pdf)])

    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["review_status"] == "needs_review" and printed["price_candidates"] == 7
    assert [(u["page"], u["reason"]) for u in printed["unread_prices"]] == [
        (2, "unit not recognised")
    ]
    assert "KO-310" in printed["unread_prices"][0]["text"]


def test_contracts_set_corrects_the_contracts_own_facts(app_env: object) -> None:
    """``contracts set`` gives a contract the period, payment days or MFN clause the
    reading got wrong; only what differs is changed and audited; a bad date or nothing
    to change is refused with the reason and changes nothing."""
    from sqlalchemy import select

    from monitor.audit.models import AuditEntry
    from monitor.db import transaction

    assert runner.invoke(app, ["ingest", str(FIXTURE)]).exit_code == 0
    before = json.loads(runner.invoke(app, ["contracts", "show", "1"]).stdout)
    result = runner.invoke(
        app,
        ["contracts", "set", "1", "--effective", "2026-02-01", "--payment-days", "45", "--mfn"],
    )
    assert result.exit_code == 0, result.output
    assert "contract 1 corrected" in result.stdout
    shown = json.loads(runner.invoke(app, ["contracts", "show", "1"]).stdout)
    assert (shown["effective_date"], shown["payment_days"], shown["mfn"]) == (
        "2026-02-01",
        45,
        True,
    )
    assert shown["expiry_date"] == before["expiry_date"]
    with transaction() as s:
        (entry,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "contract.corrected"))
        assert set(entry.details["after"]) <= {"effective_date", "payment_days", "mfn"}
    bad = runner.invoke(app, ["contracts", "set", "1", "--expiry", "2020-01-01"])
    assert bad.exit_code != 0 and "cannot end (2020-01-01) before it takes effect" in bad.output
    none = runner.invoke(app, ["contracts", "set", "1"])
    assert none.exit_code != 0 and "nothing to correct" in none.output
    again = json.loads(runner.invoke(app, ["contracts", "show", "1"]).stdout)
    assert again["expiry_date"] == before["expiry_date"]
    # the correction, and only it, in the contract's history
    history = runner.invoke(app, ["contracts", "history", "1"])
    assert history.exit_code == 0, history.output
    assert "cli: contract.corrected" in history.stdout
    assert "    payment_days: " in history.stdout and " -> 45" in history.stdout
    (step,) = json.loads(runner.invoke(app, ["contracts", "history", "1", "-f", "json"]).stdout)
    assert step["changes"]["payment_days"]["after"] == 45 and step["term_id"] is None
    missing = runner.invoke(app, ["contracts", "history", "99"])
    assert missing.exit_code != 0 and "contract 99 does not exist" in missing.output


def test_contracts_set_corrects_the_parties_and_assigns_the_contract(app_env: object) -> None:
    """A contract whose parties were read wrong (or not at all) is unassigned and checks
    nothing; ``contracts set --buyer-cvr --vendor-cvr`` names them, and it is assigned to
    the registered municipality and vendor (an end-to-end review found no way to do this
    from the command line). A number that is no CVR is refused and changes nothing."""
    from monitor.db import transaction
    from monitor.parties.models import Municipality, Vendor

    with transaction() as s:
        s.add_all([Municipality(code="733", name="Vestby Kommune", cvr="29189811", population=30000),
                   Vendor(cvr="31415911", name="Leverandøren ApS")])  # fmt: skip
    ingested = runner.invoke(app, ["ingest", str(FIXTURE)])
    assert ingested.exit_code == 0 and "not checked until assigned" in ingested.stdout
    assert "unassigned" in runner.invoke(app, ["documents"]).stdout
    bad = runner.invoke(app, ["contracts", "set", "1", "--buyer-cvr", "2918"])
    assert bad.exit_code != 0 and "eight digits" in bad.output
    result = runner.invoke(
        app, ["contracts", "set", "1", "--buyer-cvr", "29189811", "--vendor-cvr", "31415911"]
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(runner.invoke(app, ["contracts", "show", "1"]).stdout)
    assert shown["status"] == "active" and shown["unassigned_reason"] is None
    assert {p["role"]: p["cvr"] for p in shown["parties"]} == {
        "buyer": "29189811",
        "vendor": "31415911",
    }


def test_contracts_list_prints_json_or_csv_for_scripts(app_env: object) -> None:
    """``contracts list --format json`` gives the API's contract fields, ``csv`` the same
    as a sheet; the municipality and vendor filters narrow both (and the table)."""
    import csv
    import io

    from monitor.contracts.schemas import ContractOut

    assert runner.invoke(app, ["ingest", str(FIXTURE)]).exit_code == 0
    expected = json.loads(FIXTURE.with_suffix(".json").read_text("utf-8"))
    result = runner.invoke(app, ["contracts", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert [c["id"] for c in listed] == [1]
    assert set(listed[0]) == set(ContractOut.model_fields)
    assert listed[0]["price_terms"] == len(expected["price_terms"])
    assert listed[0]["title"] == expected["title"]
    assert listed[0]["effective_date"] == expected["effective_date"]

    sheet = runner.invoke(app, ["contracts", "list", "-f", "csv"])
    assert sheet.exit_code == 0, sheet.output
    rows = list(csv.DictReader(io.StringIO(sheet.stdout)))
    assert list(rows[0]) == list(ContractOut.model_fields)
    assert [r["id"] for r in rows] == ["1"] and rows[0]["title"] == expected["title"]

    other = runner.invoke(app, ["contracts", "list", "-f", "json", "--vendor", "00000000"])
    assert json.loads(other.stdout) == []
    table = runner.invoke(app, ["contracts", "list", "--municipality", "999"])
    assert table.exit_code == 0 and expected["title"][:12] not in table.stdout


def test_contracts_add_term_reads_a_row_not_read_into_a_term(
    app_env: object, tmp_path: Path
) -> None:
    """``contracts add-term --from-unread`` adds the price a row not read gives (shown
    with its #id by ``contracts show -f text``): confirmed, with that row's page and
    text as evidence, and the row leaves the list; a unit it does not know is refused,
    naming the units, and adds nothing."""
    from tests.extractors.contracts.test_price_columns import _appendix_pdf

    pdf = tmp_path / "bilag2.pdf"
    pdf.write_bytes(_appendix_pdf())
    assert runner.invoke(app, ["ingest", str(pdf)]).exit_code == 0
    before = json.loads(runner.invoke(app, ["contracts", "show", "1"]).stdout)
    (row,) = before["unread_prices"]
    text = runner.invoke(app, ["contracts", "show", "1", "-f", "text"]).stdout
    assert f"  #{row['id']} page {row['page']}: " in text
    bad = runner.invoke(
        app,
        ["contracts", "add-term", "1", "--description", "Kørsel", "--unit", "trip",
         "--price", "95", "--from-unread", str(row["id"])],
    )  # fmt: skip
    assert bad.exit_code != 0 and "unknown unit 'trip'; use month, year" in bad.output
    result = runner.invoke(
        app,
        ["contracts", "add-term", "1", "--description", "Kørsel pr. tur", "--unit", "piece",
         "--price", "95,50", "--item-id", "KO-310", "--from-unread", str(row["id"]),
         "--note", "Bilag 2", "--actor", "jura@kk.dk"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "added to contract 1; re-checking" in result.stdout
    shown = json.loads(runner.invoke(app, ["contracts", "show", "1"]).stdout)
    assert (
        shown["unread_prices"] == [] and len(shown["price_terms"]) == len(before["price_terms"]) + 1
    )
    added = shown["price_terms"][-1]
    assert (added["item_id"], added["unit"], added["unit_price"]) == ("KO-310", "piece", "95.50")
    assert added["review_state"] == "confirmed" and added["page"] == row["page"]
    history = runner.invoke(app, ["contracts", "history", "1"]).stdout
    assert "jura@kk.dk: term.added" in history


def test_contracts_show_text_gives_the_whole_indexation_clause() -> None:
    """What legal checks of the clause: index, cap, threshold, fixed period, month and
    notice, each only where the reading found it."""
    from monitor.cli.output import contract_text

    data = {
        "id": 3, "title": "Driftsaftale", "status": "active", "review_status": "complete",
        "review_reasons": [], "unread_prices": [], "price_terms": [], "parties": [],
        "effective_date": "2026-03-01", "expiry_date": "2029-02-28", "payment_days": 30,
        "mfn": False, "unassigned_reason": None, "preliminary_findings": 0,
        "indexation": {"index": "nettoprisindeks", "cap_pct": "3", "threshold_pct": "4",
                       "fixed_months": 24, "adjust_month": 3, "notice_days": 90},
    }  # fmt: skip
    text = contract_text(data)
    assert (
        "  indexation: nettoprisindeks, at most 3 % a year, only when the index moved 4 % or "
        "more, prices fixed for the first 24 months from 2026-03-01, adjusted in March, "
        "90 days' notice"
    ) in text
    data["indexation"] = {"index": "lønindeks"}
    assert "  indexation: lønindeks\n" in contract_text(data) + "\n"


def test_extract_prints_the_rows_not_read_as_text(app_env: object, tmp_path: Path) -> None:
    """A reading not stored has no row ids to print: its rows not read are listed with
    their page and reason (this failed with a KeyError)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    lines = [
        "Rammeaftale om kontorartikler",
        "Aftalen er indgået mellem Skovlund Kommune, CVR-nr. 29189986, og",
        "Papirhuset ApS, CVR-nr. 25961417.",
        "Aftalen gælder fra 1. marts 2026 til 28. februar 2028.",
        "Bilag 1 Priser",
    ]
    y = 800
    for line in lines:
        canvas.drawString(60, y, line)
        y -= 16
    for row in (("Varenr.", "Beskrivelse", "Enhed", "Pris"),
                ("40110", "Kopipapir A4", "pakke", "31,50"),
                ("40120", "Mappe med elastik", "pr. 100 stk.", "212,00")):  # fmt: skip
        for x, cell in zip((60, 130, 330, 450), row, strict=True):
            canvas.drawString(x, y, cell)
        y -= 16
    canvas.showPage()
    canvas.save()
    path = tmp_path / "rammeaftale.pdf"
    path.write_bytes(buffer.getvalue())
    result = runner.invoke(app, ["extract", str(path), "-f", "text"])
    assert result.exit_code == 0, result.output
    assert "price rows not read:" in result.stdout
    assert "  page 1: 40120 | Mappe med elastik | pr. 100 stk. | 212,00" in result.stdout
    assert "#" not in result.stdout.split("price rows not read:")[1]
