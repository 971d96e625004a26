"""Heavy libraries load lazily, once per process; the package stays pure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from extractors.contracts.nlp import pipeline

REPO = Path(__file__).resolve().parents[3]
GOLDEN = REPO / "tests" / "fixtures" / "contracts" / "ruled_table.pdf"


def test_importing_the_extractor_loads_neither_spacy_nor_pdfplumber() -> None:
    code = (
        "import sys, extractors.contracts\n"
        "heavy = [m for m in ('spacy', 'pdfplumber', 'pdfminer') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_spacy_pipeline_is_built_once_per_language() -> None:
    assert pipeline("da") is pipeline("da")
    assert pipeline("en") is pipeline("en")
    assert pipeline("da") is not pipeline("en")
    assert pipeline("da").pipe_names == ["entity_ruler", "prisvagt_entities"]


def test_a_table_page_that_reads_as_lines_never_opens_pdfplumber() -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom extractors.contracts import extract_contract\n"
        f"extract_contract(Path({str(GOLDEN)!r}).read_bytes(), 'x.pdf')\n"
        "print('pdfplumber' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
