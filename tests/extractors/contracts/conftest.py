"""The labelled contract corpus, generated once per test session (about a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extractors.contracts.corpus import CorpusEntry, generate_corpus


@pytest.fixture(scope="session")
def contract_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[CorpusEntry]:
    return generate_corpus(Path(tmp_path_factory.mktemp("contracts")))
