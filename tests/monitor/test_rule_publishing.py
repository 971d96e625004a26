"""Publishing rule changes on the demo data, as an admin does from the command line, on
SQLite and on PostgreSQL: publish A, then B, then A again ends where A began; a change
that withdraws findings asks first; a scope names only registered parties; a rollback
is one step and its re-check restores the findings. Each automatic change is in the
finding's history with the rule version that caused it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from monitor.audit.models import AuditEntry
from monitor.cli.main import app
from monitor.db import transaction
from monitor.findings.models import Finding
from monitor.rulesets.models import RuleConfiguration

runner = CliRunner()
PRICE = "price_above_agreed"
Key = tuple[str, str, str, str | None]


def _run(*args: str, input: str | None = None, code: int = 0) -> str:
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == code, result.output
    return " ".join(result.output.split())


def _findings() -> list[dict[str, object]]:
    return json.loads(runner.invoke(app, ["findings", "--format", "json"]).stdout)


def _open() -> dict[Key, Decimal]:
    """Every open finding and its amount: the full picture a rule change acts on."""
    return {
        (str(f["rule"]), str(f["municipality"]), str(f["invoice_number"]), f["line_id"]): Decimal(
            str(f["overcharge"])
        )
        for f in _findings()
        if f["status"] == "open"
    }


def _statuses() -> dict[int, str]:
    return {int(str(f["id"])): str(f["status"]) for f in _findings()}


def _history(finding_id: int) -> list[tuple[str, str, object]]:
    with transaction() as s:
        entries = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "finding", AuditEntry.entity_id == str(finding_id))
            .order_by(AuditEntry.id)
        )
        return [(e.actor, e.action, e.details.get("rule_version")) for e in entries]


def _versions(rule_id: str) -> list[int]:
    with transaction() as s:
        return list(
            s.scalars(
                select(RuleConfiguration.version)
                .where(RuleConfiguration.rule_id == rule_id)
                .order_by(RuleConfiguration.version)
            )
        )


@pytest.fixture
def demo(app_env: object, tmp_path: Path) -> Path:
    out = tmp_path / "demo"
    _run("demo", "--no-serve", "--out", str(out))
    return out


@pytest.mark.slow
def test_publishing_a_then_b_then_a_again_ends_where_a_began(demo: Path) -> None:
    a = _open()
    price = {int(str(f["id"])): f for f in _findings() if f["rule"] == PRICE}
    # legal's work before the change: a confirmed finding and a note on an open one,
    # both on lines billed at most 35 % above the agreed price, which B tolerates
    within = sorted(
        fid
        for fid, f in price.items()
        if Decimal(str(f["invoiced_unit_price"])) * 100
        <= Decimal(str(f["agreed_unit_price"])) * 135
    )
    assert len(within) >= 3, "the demo must have breaches within 35 %"
    confirmed, noted, *_ = within
    _run("review", str(confirmed), "confirm", "--actor", "jura@kk.dk")
    _run("review", str(noted), "note", "--actor", "jura@kk.dk", "--note", "Sendt til KMD")
    assert _open() == {k: v for k, v in a.items() if k != _key(price[confirmed])}
    a = _open()
    statuses_a = _statuses()

    # B: a wider tolerance withdraws findings, so it is published only when confirmed
    _run(
        "rules", "set", PRICE, "--set", "percent_tolerance=35", "--reason", "B", input="n\n", code=1
    )
    assert _versions(PRICE) == [] and _open() == a
    out = _run("rules", "set", PRICE, "--set", "percent_tolerance=35", "--reason", "B", "--yes")
    # the confirmed one stays (legal's review outranks a rule change): not counted withdrawn
    assert f"{len(within) - 1} withdrawn" in out
    b = _open()
    assert set(a) - set(b) == {_key(price[fid]) for fid in within if fid != confirmed}
    assert set(b) <= set(a)
    assert _statuses()[confirmed] == "confirmed"  # legal's review outranks a rule change
    assert _history(noted) == [
        ("jura@kk.dk", "finding.note", None),
        ("system", "finding.withdrawn", 1),
    ]

    # A again: every finding B withdrew is open again, with its amount; nothing else moved
    _run("rules", "set", PRICE, "--set", "percent_tolerance=0", "--reason", "A igen")
    assert _open() == a
    assert _statuses() == statuses_a
    assert _history(noted)[-1] == ("system", "finding.reopened", 2)
    assert _history(confirmed) == [("jura@kk.dk", "finding.confirm", None)]
    with transaction() as s:
        assert s.get(Finding, noted).review_note == "Sendt til KMD"


def _key(f: dict[str, object]) -> Key:
    return (str(f["rule"]), str(f["municipality"]), str(f["invoice_number"]), f["line_id"])  # type: ignore[return-value]


@pytest.mark.slow
def test_a_scope_naming_an_unknown_municipality_is_refused_and_withdraws_nothing(
    demo: Path,
) -> None:
    before = _open()
    out = _run("rules", "set", "price_disparity", "--municipality", "999", "--reason", "x", code=2)
    assert "unknown kommunekode '999' in the rule's scope" in out
    assert "101 København" in out and "561 Esbjerg" in out
    vendor = _run("rules", "set", "mfn_breach", "--vendor", "99999999", "--reason", "x", code=2)
    assert "unknown vendor CVR number '99999999'" in vendor
    assert _versions("price_disparity") == [] and _versions("mfn_breach") == []
    assert _open() == before


@pytest.mark.slow
def test_an_import_that_withdraws_findings_asks_first(demo: Path, tmp_path: Path) -> None:
    rule_set = tmp_path / "regler.yaml"
    rule_set.write_text(
        "version: 1\nrules:\n- rule: price_disparity\n  params: {ratio: '100'}\n",
        encoding="utf-8",
    )
    out = _run("rules", "import", str(rule_set), "--reason", "x", input="n\n", code=1)
    assert "10 withdrawn" in out and "not imported; nothing was saved" in out
    assert _versions("price_disparity") == []
    _run("rules", "import", str(rule_set), "--reason", "x", "--yes")
    assert _versions("price_disparity") == [1]


@pytest.mark.slow
def test_a_rollback_is_one_new_version_and_its_recheck_restores_the_findings(
    demo: Path,
) -> None:
    before = _open()
    disparity = {k for k in before if k[0] == "price_disparity"}
    assert len(disparity) == 10
    _run(
        "rules",
        "set",
        "price_disparity",
        "--municipality",
        "561",
        "--reason",
        "kun Esbjerg",
        "--yes",
    )
    scoped = _open()
    esbjerg = {k for k in disparity if k[1] == "561"}
    assert {k for k in scoped if k[0] == "price_disparity"} == esbjerg
    withdrawn = next(
        int(str(f["id"]))
        for f in _findings()
        if f["rule"] == "price_disparity" and f["status"] == "dismissed"
    )

    out = _run("rules", "rollback", "price_disparity", "--reason", "fejl", "--actor", "admin@kl.dk")
    assert "price_disparity version 2 published: version 0 restored" in out
    assert _open() == before
    assert [e for e in _history(withdrawn) if e[1] != "finding.recomputed"] == [
        ("system", "finding.withdrawn", 1),
        ("system", "finding.reopened", 2),
    ]
    with transaction() as s:
        rows = s.scalars(
            select(RuleConfiguration)
            .where(RuleConfiguration.rule_id == "price_disparity")
            .order_by(RuleConfiguration.version)
        ).all()
        assert [(r.version, r.municipalities, r.is_current) for r in rows] == [
            (1, ["561"], False),
            (2, [], True),
        ]
        assert (rows[1].changed_by, rows[1].reason) == ("admin@kl.dk", "fejl")
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "rule").order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None and entry.details["restores_version"] == 0
        assert entry.details["effect"]["removed"] == 0 and entry.details["effect"]["added"] == len(
            disparity - esbjerg
        )

    # rolling back the rollback restores version 1, which withdraws: it asks first
    _run("rules", "rollback", "price_disparity", "--reason", "igen", input="n\n", code=1)
    assert _versions("price_disparity") == [1, 2] and _open() == before
