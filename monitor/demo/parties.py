"""The demo's parties: one fictional vendor and the six largest municipalities.

Kommunekoder and names are real; populations are approximate 2026 figures; every
CVR, EAN, address, bank account and email is made up (emails use ``.example.dk`` so
nothing real is ever emailed). CVR numbers pass the modulus-11 check and EANs carry a
valid GS1 check digit, so they look like the real thing to any validator.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from monitor.parties.schemas import PARTIES_CSV_HEADER  # exactly what the import expects

_CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


@dataclass(frozen=True, slots=True)
class Address:
    street: str
    building: str
    postal_zone: str
    city: str


@dataclass(frozen=True, slots=True)
class DemoMunicipality:
    """A buying municipality. ``eans`` are its paying departments' GLN numbers."""

    code: str
    name: str
    slug: str
    cvr: str
    eans: tuple[str, ...]
    population: int
    address: Address

    @property
    def finance_email(self) -> str:
        return f"okonomi@{self.slug}.example.dk"

    @property
    def legal_email(self) -> str:
        return f"kontraktjura@{self.slug}.example.dk"

    @property
    def full_name(self) -> str:
        """The official name: "Københavns Kommune", "Aarhus Kommune" ..."""
        return "Københavns Kommune" if self.code == "101" else f"{self.name} Kommune"


@dataclass(frozen=True, slots=True)
class DemoVendor:
    name: str
    cvr: str
    address: Address
    bank_reg: str
    bank_account: str
    finance_email: str


def cvr_is_valid(cvr: str) -> bool:
    """Modulus-11 check of an 8-digit CVR number."""
    if len(cvr) != 8 or not cvr.isdigit() or cvr[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(cvr, _CVR_WEIGHTS, strict=True)) % 11 == 0


def make_cvr(stem: int) -> str:
    """The first modulus-11-valid CVR number at or after ``stem`` (an 8-digit int)."""
    candidate = stem
    while not cvr_is_valid(str(candidate)):
        candidate += 1
    return str(candidate)


def gln_check_digit(first12: str) -> str:
    """GS1 check digit for a 13-digit GLN/EAN given its first 12 digits."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def make_gln(first12: str) -> str:
    return first12 + gln_check_digit(first12)


def _municipality(
    code: str, name: str, slug: str, population: int, stem: int, address: Address
) -> DemoMunicipality:
    # Fictional GLNs in the Danish GS1 range: 5790 + 00 + kommunekode + department.
    eans = tuple(make_gln(f"579000{int(code):03d}{dept:03d}") for dept in (1, 20, 35))
    return DemoMunicipality(
        code=code,
        name=name,
        slug=slug,
        cvr=make_cvr(stem),
        eans=eans,
        population=population,
        address=address,
    )


VENDOR = DemoVendor(
    name="KommuneData A/S",
    cvr=make_cvr(41372850),
    address=Address("Dataparken", "7", "8200", "Aarhus N"),
    bank_reg="9070",
    bank_account="0004418522",
    finance_email="debitor@kommunedata.example.com",
)

MUNICIPALITIES: tuple[DemoMunicipality, ...] = (
    _municipality(
        "101",
        "København",
        "kobenhavn",
        672_000,
        60110101,
        Address("Rådhuspladsen", "1", "1550", "København V"),
    ),
    _municipality(
        "751",
        "Aarhus",
        "aarhus",
        374_000,
        60110751,
        Address("Rådhuspladsen", "2", "8000", "Aarhus C"),
    ),
    _municipality(
        "461", "Odense", "odense", 210_000, 60110461, Address("Flakhaven", "2", "5000", "Odense C")
    ),
    _municipality(
        "851",
        "Aalborg",
        "aalborg",
        225_000,
        60110851,
        Address("Boulevarden", "13", "9000", "Aalborg"),
    ),
    _municipality(
        "730",
        "Randers",
        "randers",
        100_500,
        60110730,
        Address("Laksetorvet", "1", "8900", "Randers C"),
    ),
    _municipality(
        "561",
        "Esbjerg",
        "esbjerg",
        116_000,
        60110561,
        Address("Torvegade", "74", "6700", "Esbjerg"),
    ),
)


def municipality(code: str) -> DemoMunicipality:
    """The demo municipality with this kommunekode; KeyError if it is not one of the six."""
    for m in MUNICIPALITIES:
        if m.code == code:
            return m
    raise KeyError(code)


def parties_csv(
    vendor: DemoVendor = VENDOR, municipalities: tuple[DemoMunicipality, ...] = MUNICIPALITIES
) -> str:
    """The parties CSV text (header ``kind,code,name,cvr,ean,...``), vendor first.

    Lines end in ``\\n`` (not the csv module's default ``\\r\\n``) so the file is the
    same bytes on every platform.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PARTIES_CSV_HEADER)
    writer.writerow(["vendor", "", vendor.name, vendor.cvr, "", "", vendor.finance_email, ""])
    for m in municipalities:
        writer.writerow(
            [
                "municipality",
                m.code,
                m.name,
                m.cvr,
                ";".join(m.eans),
                str(m.population),
                m.finance_email,
                m.legal_email,
            ]
        )
    return buffer.getvalue()
