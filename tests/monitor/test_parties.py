from __future__ import annotations

import pytest
from sqlalchemy import func, select

from monitor.db import transaction
from monitor.errors import InputError
from monitor.parties import repository
from monitor.parties.models import Contact, Municipality
from monitor.parties.service import import_parties, read_parties_csv

HEADER = "kind,code,name,cvr,ean,population,finance_email,legal_email\n"
GOOD = HEADER + (
    "vendor,,KommuneData A/S,12345678,,,,\n"
    "municipality,101,København,64942212,5798009800015;5798009800022,660000,"
    "okonomi@kk.example.dk,jura@kk.example.dk\n"
)


def test_it_imports_municipalities_vendors_eans_and_contacts(app_env: object) -> None:
    rows = read_parties_csv(GOOD, filename="parties.csv")
    with transaction() as s:
        report = import_parties(s, rows=rows)
    assert (report.municipalities, report.vendors, report.contacts) == (1, 1, 2)
    with transaction() as s:
        kk = repository.municipality_by_ean(s, "5798009800022")
        assert kk is not None and kk.code == "101" and kk.population == 660000
        assert repository.vendor_by_cvr(s, "12345678") is not None
        roles = {c.role: c.email for c in repository.contacts_of(s, kk.id)}
        assert roles == {"finance": "okonomi@kk.example.dk", "legal": "jura@kk.example.dk"}


def test_importing_twice_changes_nothing(app_env: object) -> None:
    for _ in range(2):
        with transaction() as s:
            import_parties(s, rows=read_parties_csv(GOOD, filename="parties.csv"))
    with transaction() as s:
        assert s.scalar(select(func.count(Municipality.id))) == 1
        assert s.scalar(select(func.count(Contact.id))) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind,code,name\nvendor,,X\n", "parties.csv, line 1: the header must be"),
        (HEADER + "municipality,1O1,København,,,,,\n", "parties.csv, line 2, field code"),
        (
            HEADER + "vendor,,X,1234,,,,\n",
            "parties.csv, line 2, field cvr: Value error, CVR must be 8 digits",
        ),
        (HEADER + "municipality,101,K,,579800980001,,,\n", "line 2, field ean"),
        (HEADER + "municipality,101,K,,,,not-an-email,\n", "line 2, field finance_email"),
        (HEADER + "vendor,,X,,,,,\n", "line 2, field cvr: a vendor needs its CVR number"),
        (HEADER + "region,,X,12345678,,,,\n", "line 2, field kind"),
    ],
)
def test_a_bad_csv_names_the_line_and_field(text: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        read_parties_csv(text, filename="parties.csv")
    assert message in str(err.value)


def test_a_bad_row_stores_nothing(app_env: object) -> None:
    bad = GOOD + "municipality,751,Aarhus,xx,,,,\n"
    with pytest.raises(InputError):
        read_parties_csv(bad, filename="parties.csv")
    with transaction() as s:
        assert s.scalar(select(func.count(Municipality.id))) == 0


def test_one_ean_number_on_two_municipalities_is_refused_naming_both(app_env: object) -> None:
    """An EAN number is one municipality's: written on two in one file, the second line
    is refused naming the first; already another municipality's in the database, the
    import is refused naming that one, and nothing of it is stored."""
    twice = GOOD + "municipality,751,Aarhus,55133018,5798009800022,360000,,\n"
    with pytest.raises(InputError, match=r"parties.csv, line 4.*EAN 5798009800022 is already "
                       r"municipality 101's \(line 3\)"):  # fmt: skip
        read_parties_csv(twice, filename="parties.csv")
    with transaction() as s:
        import_parties(s, rows=read_parties_csv(GOOD, filename="parties.csv"))
    later = HEADER + "municipality,751,Aarhus,55133018,5798009800015,360000,,\n"
    with pytest.raises(InputError, match="EAN 5798009800015 is already registered to "
                       "municipality 101"), transaction() as s:  # fmt: skip
        import_parties(s, rows=read_parties_csv(later, filename="more.csv"))
    with transaction() as s:
        assert repository.municipality_by_code(s, "751") is None
        kk = repository.municipality_by_ean(s, "5798009800015")
        assert kk is not None and kk.code == "101"
