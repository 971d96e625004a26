"""The demo parties: exact CSV header, plausible identifiers, importable as written."""

from __future__ import annotations

from monitor.demo.parties import (
    MUNICIPALITIES,
    VENDOR,
    cvr_is_valid,
    gln_check_digit,
    parties_csv,
)
from monitor.parties.service import read_parties_csv


def test_the_header_is_exact() -> None:
    first_line = parties_csv().splitlines()[0]
    assert first_line == "kind,code,name,cvr,ean,population,finance_email,legal_email"


def test_it_has_the_six_largest_municipalities_and_one_vendor() -> None:
    rows = read_parties_csv(parties_csv(), filename="parties.csv")
    codes = {r.code: r.name for r in rows if r.kind == "municipality"}
    assert codes == {"101": "København", "751": "Aarhus", "461": "Odense",
                     "851": "Aalborg", "730": "Randers", "561": "Esbjerg"}  # fmt: skip
    vendors = [r for r in rows if r.kind == "vendor"]
    assert [(v.name, v.cvr, v.code) for v in vendors] == [(VENDOR.name, VENDOR.cvr, None)]


def test_identifiers_pass_their_checksums_and_emails_are_example_domains() -> None:
    assert cvr_is_valid(VENDOR.cvr)
    for m in MUNICIPALITIES:
        assert cvr_is_valid(m.cvr), m.cvr
        assert len(m.eans) >= 1
        for ean in m.eans:
            assert len(ean) == 13 and ean[-1] == gln_check_digit(ean[:12]), ean
        assert m.finance_email.endswith(".example.dk")
        assert m.legal_email.endswith(".example.dk")
    assert VENDOR.finance_email.endswith("example.com")


def test_every_ean_belongs_to_one_municipality_only() -> None:
    eans = [e for m in MUNICIPALITIES for e in m.eans]
    assert len(eans) == len(set(eans))
    assert len({m.cvr for m in MUNICIPALITIES} | {VENDOR.cvr}) == len(MUNICIPALITIES) + 1


def test_cvr_check_rejects_a_wrong_digit() -> None:
    good = VENDOR.cvr
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert not cvr_is_valid(bad)
