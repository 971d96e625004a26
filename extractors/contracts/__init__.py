"""Contract PDFs -> ``ContractTerms``. Pure: no database, no network.

``extract_contract(data, filename)`` reads one contract (Danish or English) and
``terms_to_dict(terms)`` gives its "extract output" JSON. spaCy and pdfplumber are
imported lazily and loaded once per process.
"""

from extractors.contracts.extract import extract_contract
from extractors.contracts.output import review_to_dict, terms_to_dict

__all__ = ["extract_contract", "review_to_dict", "terms_to_dict"]
