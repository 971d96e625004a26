"""Real English contracts nobody on this project wrote (CUAD, SEC exhibits; see
``shared/corpus/cuad-dev/README.md``): dates, MFN and parties as the lawyers labelled
them. An expiry counted from a term ends the day before the anniversary (our
convention); CUAD writes the anniversary itself. ``bench/cuad.py`` scores all 124."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.contracts import extract_contract
from tests.shared_corpus import SHARED

CUAD = SHARED / "corpus" / "cuad-dev" / "pdf"

CASES = [
    # "dated February 1, 2018 (the “Effective Date”)"; "three (3) years from the Effective Date"
    ("AlliedEsportsEntertainmentInc_20190815_8-K_EX-10.19", date(2018, 2, 1), date(2021, 1, 31),
     False, ["WPT Enterprises, Inc.", "ZYNGA INC."]),
    # "made this 1st day of August, 2013, (the “Effective Date”)"; "terminate on May 31, 2015"
    ("BLACKBOXSTOCKSINC_08_05_2014-EX-10.1", date(2013, 8, 1), date(2015, 5, 31), False,
     ["Snotarator LLC", "SMSA Ballinger Acquisition Corp."]),
    # "end on the fifth anniversary of the Effective Date"
    ("StampscomInc_20001114_10-Q_EX-10.47", date(1999, 4, 27), date(2004, 4, 26), False,
     ["iShip.com, Inc.", "Mail Boxes Etc. USA, Inc."]),
    # "effective as of , 2020 (the “Effective Date”)": a blank, so no dates; an MFN clause
    ("LiquidmetalTechnologiesInc_20200205_8-K_EX-10.1", None, None, True,
     ["LIQUIDMETAL TECHNOLOGIES, INC.", "EUTECTIX, LLC"]),
]  # fmt: skip


@pytest.mark.skipif(not CUAD.is_dir(), reason="the shared CUAD corpus is not beside the checkout")
@pytest.mark.parametrize(
    ("prefix", "effective", "expiry", "mfn", "parties"), CASES, ids=[c[0][:24] for c in CASES]
)
def test_it_reads_a_real_contract_as_the_lawyers_labelled_it(
    prefix: str, effective: date | None, expiry: date | None, mfn: bool, parties: list[str]
) -> None:
    [pdf] = [p for p in CUAD.iterdir() if p.name.startswith(prefix)]

    terms = extract_contract(pdf.read_bytes(), pdf.name)

    assert (terms.effective_date, terms.expiry_date, terms.mfn) == (effective, expiry, mfn)
    assert sorted(p.name for p in terms.parties) == sorted(parties)
