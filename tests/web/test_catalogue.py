"""The one message catalogue: every key in Danish and English, every key the code
names exists, and every page renders in both languages with no key missing (strict)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from monitor.web import i18n
from monitor.web.i18n import MESSAGES, MissingMessage, error_message, set_strict, translate
from tests.signin import signed_in
from tests.web.conftest import Seed
from tests.web.page_routes import page_paths

REPO = Path(__file__).resolve().parents[2]
SOURCES = [REPO / "monitor", REPO / "workers"]

#: how code names a catalogue key: t("key"), translate("key", ...), key="key", the error
#: pages' title keys, the top bar's labels
KEY_USES = [
    re.compile(r"""\bt\(\s*["']([\w.-]+)["']\s*[,)]"""),
    re.compile(r"""\btranslate\(\s*["']([\w.-]+)["']"""),
    re.compile(r"""\bkey=["']([\w.-]+)["']"""),
    re.compile(r"""_(?:error|problem)\(\s*request,\s*\d+,\s*["']([\w.-]+)["']"""),
    re.compile(r"""NavItem\(\s*["'][^"']+["'],\s*["']([\w.-]+)["']"""),
]


@pytest.fixture
def strict() -> Iterator[None]:
    before = set_strict(True)
    yield
    set_strict(before)


def test_every_key_has_a_danish_and_an_english_text() -> None:
    missing = [
        f"{key}: {lang}"
        for key, entry in MESSAGES.items()
        for lang in i18n.LANGUAGES
        if lang not in entry or (not entry[lang] and not key.endswith(".unit"))
    ]
    assert missing == []


#: a module's own ``def t(key)`` that reads ``translate(f"<prefix>{key}", ...)``
LOCAL_T = re.compile(r"""def t\(key[^)]*\)[^:]*:\s*return translate\(f["']([\w.]*)\{key\}""")


def _uses() -> Iterator[tuple[Path, str]]:
    files = [p for root in SOURCES for p in root.rglob("*") if p.suffix in (".py", ".html")]
    for path in files:
        text = path.read_text("utf-8")
        local = LOCAL_T.search(text)
        prefix = local.group(1) if local else ""
        for pattern in KEY_USES:
            for match in pattern.finditer(text):
                key = match.group(1)
                yield path, prefix + key if pattern is KEY_USES[0] else key


def test_every_key_named_in_templates_and_code_exists() -> None:
    uses = list(_uses())
    assert len(uses) > 200  # the scan finds the keys (a broken pattern would find none)
    unknown = sorted({f"{p.relative_to(REPO)}: {key}" for p, key in uses if key not in MESSAGES})
    assert unknown == []


def test_strict_mode_raises_on_a_missing_key_and_lenient_mode_shows_it(strict: None) -> None:
    with pytest.raises(MissingMessage):
        translate("no.such.key", "da")
    set_strict(False)
    assert translate("no.such.key", "da") == "no.such.key"


def test_an_error_with_a_key_reads_in_the_page_language() -> None:
    from monitor.errors import InputError

    error = InputError("the file is empty", file="a.pdf", key="error.upload.empty")
    assert error_message(error, "da") == "fil a.pdf: Filen er tom."
    assert error_message(error, "en") == "file a.pdf: The file is empty."
    assert error.describe() == "a.pdf: the file is empty"  # logs and the CLI: English


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("roles", [("legal", "finance", "admin"), ("legal",), ("finance",)])
def test_every_page_renders_with_every_key_in_the_catalogue(
    app: FastAPI, seed: Seed, strict: None, lang: str, roles: tuple[str, ...]
) -> None:
    """As each role sees it: a page a role may not open is its 403 page, rendered strict
    too; a missing key raises in strict mode, and the page answers 500."""
    paths = page_paths(app, seed)
    assert "/" in paths and "/findings" in paths
    failures = []
    client = TestClient(app, raise_server_exceptions=False)
    with signed_in(client, roles=roles) as client:
        for path in paths:
            response = client.get(path, params={"lang": lang})
            # every role opens every page; one role alone gets the 403 page of some
            allowed = response.status_code == 200 or (
                len(roles) == 1 and response.status_code == 403
            )
            if not allowed:
                failures.append(f"{path}: {response.status_code}")
    assert failures == []


@pytest.mark.parametrize("lang", ["da", "en"])
def test_error_pages_are_in_the_page_language(app: FastAPI, seed: Seed, lang: str) -> None:
    other = "en" if lang == "da" else "da"
    with signed_in(TestClient(app, raise_server_exceptions=False)) as client:
        missing = client.get("/findings/999999", params={"lang": lang})
        no_page = client.get("/no-such-page", params={"lang": lang})
        invalid = client.get("/findings", params={"lang": lang, "page": "x"})
    assert missing.status_code == 404
    assert translate("error.missing.finding", lang, id=999999) in missing.text
    assert translate("error.missing.finding", other, id=999999) not in missing.text
    assert translate("error.no_page", lang, path="/no-such-page") in no_page.text
    assert invalid.status_code == 422
    assert translate("validation.int_parsing", lang, field="page") in invalid.text


def test_every_row_a_path_can_name_has_a_name_in_both_languages() -> None:
    from monitor.auth.scope import PATH_OBJECTS

    assert [name for name in [*PATH_OBJECTS, "code"] if f"entity.{name}" not in MESSAGES] == []


def _not_found_calls() -> Iterator[tuple[str, ast.Call]]:
    """Every ``raise NotFound(...)`` in the application's code."""
    for source in SOURCES:
        for path in sorted(source.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                call = node.exc if isinstance(node, ast.Raise) else None
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id == "NotFound"
                ):
                    yield f"{path.relative_to(REPO)}:{node.lineno}", call


def test_every_not_found_the_code_raises_names_its_catalogue_text() -> None:
    """A Danish page never shows an English "does not exist": each one names a key."""
    calls = list(_not_found_calls())
    assert len(calls) > 30  # the scan finds them (a broken walk would find none)
    unnamed = [where for where, call in calls if not any(k.arg == "key" for k in call.keywords)]
    assert unnamed == []
    # and each key it names (a literal) is in the catalogue
    named = {
        k.value.value
        for _, call in calls
        for k in call.keywords
        if k.arg == "key" and isinstance(k.value, ast.Constant)
    }
    assert sorted(named - MESSAGES.keys()) == []


@pytest.mark.usefixtures("sqlite_env")
def test_a_missing_price_term_or_rule_reads_in_danish() -> None:
    from monitor.contracts.review import get_term
    from monitor.db import transaction
    from monitor.errors import NotFound
    from monitor.rulesets.publish import rollback_target

    with transaction() as session:
        with pytest.raises(NotFound) as term:
            get_term(session, 987654)
        with pytest.raises(NotFound) as rule:
            rollback_target(session, rule_id="price_above_agreed")
    assert error_message(term.value, "da") == "Prisvilkår 987654 findes ikke."
    assert str(term.value) == "price term 987654 does not exist"  # the API and the CLI
    assert error_message(rule.value, "da") == (
        "Reglen price_above_agreed har ingen offentliggjort version at rulle tilbage."
    )


def test_every_unit_has_a_label() -> None:
    """The contract page and the findings name each term's unit by ``unit.<value>``."""
    from extractors.types import Unit

    assert [u.value for u in Unit if f"unit.{u.value}" not in MESSAGES] == []
