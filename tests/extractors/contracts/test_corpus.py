"""Every generated contract (7 per layout) extracts to its ground truth."""

from __future__ import annotations

import json
import random
from decimal import Decimal

import pytest

from extractors.contracts import extract_contract, terms_to_dict
from extractors.contracts.clauses import months_between
from monitor.demo.contract_pdf import LAYOUTS, random_contract_spec, render_contract_pdf
from tests.extractors.contracts.corpus import CorpusEntry, without_positions


def test_the_corpus_covers_every_layout_seven_times(contract_corpus: list[CorpusEntry]) -> None:
    counts = {layout: sum(e.layout == layout for e in contract_corpus) for layout in LAYOUTS}

    assert len(contract_corpus) >= 42
    assert min(counts.values()) >= 7


@pytest.mark.parametrize("layout", LAYOUTS)
def test_it_extracts_every_contract_of_the_layout(
    contract_corpus: list[CorpusEntry], layout: str
) -> None:
    for entry in (e for e in contract_corpus if e.layout == layout):
        got = terms_to_dict(extract_contract(entry.pdf.read_bytes(), entry.pdf.name))

        assert without_positions(got) == without_positions(entry.truth_dict()), entry.pdf.name


@pytest.mark.parametrize("layout", ["multipage_table", "prose", "tiers"])
def test_every_price_term_carries_its_page_box_text_and_confidence(
    contract_corpus: list[CorpusEntry], layout: str
) -> None:
    entry = next(e for e in contract_corpus if e.layout == layout)

    terms = extract_contract(entry.pdf.read_bytes(), entry.pdf.name)

    assert terms.price_terms
    for term in terms.price_terms:
        assert term.evidence is not None and term.evidence.page == term.page
        assert term.evidence.bbox is not None, term.evidence.text
        assert term.description in term.evidence.text.replace(" | ", " ")
        assert 0.5 <= term.confidence <= 1.0


def test_a_table_continuing_over_pages_is_read_from_every_page(
    contract_corpus: list[CorpusEntry],
) -> None:
    entry = next(e for e in contract_corpus if e.layout == "multipage_table")

    terms = extract_contract(entry.pdf.read_bytes(), entry.pdf.name)

    assert len({t.page for t in terms.price_terms}) >= 2


def test_every_clause_and_party_carries_evidence(contract_corpus: list[CorpusEntry]) -> None:
    entry = contract_corpus[0]

    terms = extract_contract(entry.pdf.read_bytes(), entry.pdf.name)

    assert all(p.evidence and p.evidence.page == 1 and p.evidence.bbox and (p.cvr or "?") in p.evidence.text.replace(" ", "")
               for p in terms.parties)  # fmt: skip
    kinds = {c.kind for c in terms.clauses}
    assert {"validity", "payment", "termination"} <= kinds
    assert all(c.text and c.page and c.confidence > 0 for c in terms.clauses)


def test_clause_params_are_json_once_decimals_are_strings(
    contract_corpus: list[CorpusEntry],
) -> None:
    def decimal_only(value: object) -> str:
        assert isinstance(value, Decimal), f"{value!r} is not JSON"
        return str(value)

    for entry in contract_corpus[:12]:
        terms = extract_contract(entry.pdf.read_bytes(), entry.pdf.name)

        json.dumps([c.params for c in terms.clauses], default=decimal_only)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_it_reads_the_terms_beyond_the_output_shape(layout: str) -> None:
    for seed in range(4):
        spec = random_contract_spec(random.Random(seed), layout=layout)

        terms = extract_contract(render_contract_pdf(spec, layout=layout), f"{layout}.pdf")

        assert terms.contract_number == spec.contract_number
        assert terms.signing_date == spec.signing_date
        assert terms.termination_notice_months == spec.termination_notice_months
        assert terms.term_months == months_between(spec.effective_date, spec.expiry_date)
        assert terms.renewal and terms.pages >= 2 and not terms.warnings
        if spec.indexation is not None:
            assert terms.indexation is not None
            assert terms.indexation.base_month == spec.indexation.base_month
            assert terms.indexation.threshold_pct == spec.indexation.threshold_pct
