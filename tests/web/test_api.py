"""The JSON API: findings with decimal strings, review, health, OpenAPI."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.audit.models import AuditEntry
from monitor.db import transaction
from monitor.findings.models import Finding
from tests.signin import TEST_ACTOR
from tests.web.conftest import Seed


def test_the_api_lists_findings_with_amounts_as_decimal_strings(
    client: TestClient, seed: Seed
) -> None:
    response = client.get("/api/v1/findings")
    assert response.status_code == 200
    body = response.json()
    assert [f["id"] for f in body["items"]] == [seed.price_finding_id, seed.payment_finding_id]
    assert (body["total"], body["next"]) == (2, None)
    assert (body["overcharge_total"], body["price_gap_total"]) == ("1000.00", "0.00")
    first = body["items"][0]
    assert first["overcharge"] == "1000.00"
    assert first["agreed_unit_price"] == "100.00"
    assert first["invoiced_unit_price"] == "125.00"
    assert first["quantity"] == "40"
    assert first["municipality"] == "101" and first["vendor_cvr"] == "12345678"
    assert first["contract_page"] == 3 and first["contract_document"] == "kontrakt-kbh.pdf"
    assert response.headers["X-Total-Count"] == "2"
    assert response.headers["X-Total-Overcharge"] == "1000.00"


def test_the_api_filters_and_pages_like_the_list(client: TestClient, seed: Seed) -> None:
    def ids(**params: object) -> list[int]:
        return [f["id"] for f in client.get("/api/v1/findings", params=params).json()["items"]]

    assert ids(municipality="751") == [seed.payment_finding_id]
    assert ids(rule="price_above_agreed") == [seed.price_finding_id]
    assert ids(severity="low") == [seed.payment_finding_id]
    assert ids(money_kind="price_gap") == []
    assert ids(issued_from="2026-03-01", issued_to="2026-03-01") == [
        seed.price_finding_id,
        seed.payment_finding_id,
    ]
    assert ids(issued_from="2026-03-02") == []
    first = client.get("/api/v1/findings", params={"limit": 1, "rule": "", "status": "open"})
    assert [f["id"] for f in first.json()["items"]] == [seed.price_finding_id]
    assert first.json()["next"] == "/api/v1/findings?limit=1&rule=&status=open&offset=1"
    second = client.get(first.json()["next"])
    assert [f["id"] for f in second.json()["items"]] == [seed.payment_finding_id]
    assert second.json()["next"] is None and second.headers["X-Total-Count"] == "2"
    assert ids(sort="overcharge_asc") == [seed.payment_finding_id, seed.price_finding_id]
    assert client.get("/api/v1/findings", params={"limit": 501}).status_code == 422


def test_the_api_returns_one_finding_and_404_for_an_unknown_one(
    client: TestClient, seed: Seed
) -> None:
    one = client.get(f"/api/v1/findings/{seed.price_finding_id}")
    assert one.status_code == 200 and one.json()["overcharge"] == "1000.00"
    missing = client.get("/api/v1/findings/424242")
    assert missing.status_code == 404
    assert missing.json() == {"error": "finding 424242 does not exist"}


def test_reviewing_through_the_api_writes_the_audit_log(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    response = client.post(
        f"/api/v1/findings/{seed.price_finding_id}/review",
        json={"action": "resolve", "actor": "okonomi@kk.dk", "recovered": "750.50"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "resolved"
    with transaction(engine) as s:
        assert str(s.get(Finding, seed.price_finding_id).recovered) == "750.50"
        entry = s.scalars(select(AuditEntry)).one()
        assert entry.action == "finding.resolve"
        assert entry.details == {"before": "open", "after": "resolved", "recovered": "750.50"}
    steps = client.get(f"/api/v1/findings/{seed.price_finding_id}/history").json()
    assert [(e["actor"], e["action"]) for e in steps] == [(TEST_ACTOR, "finding.resolve")]
    assert client.get("/api/v1/findings/424242/history").status_code == 404


def test_a_refused_review_is_a_400_with_the_reason_and_changes_nothing(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    response = client.post(
        f"/api/v1/findings/{seed.price_finding_id}/review",
        json={"action": "dismiss", "actor": "jura@kk.dk"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "field note: a note is required to dismiss",
        "error_da": "en note er påkrævet for at afvise",
    }
    with transaction(engine) as s:
        assert s.get(Finding, seed.price_finding_id).status == "open"
        assert s.scalars(select(AuditEntry)).all() == []


def test_an_unknown_review_action_is_refused_by_validation(client: TestClient, seed: Seed) -> None:
    response = client.post(
        f"/api/v1/findings/{seed.price_finding_id}/review", json={"action": "delete", "actor": "x"}
    )
    assert response.status_code == 422
    assert "action" in response.json()["error"]


def test_health_answers_with_the_database(client: TestClient) -> None:
    assert client.get("/api/v1/health").json() == {"status": "ok", "database": "sqlite"}


def test_the_unversioned_paths_are_gone_and_say_where_the_api_is(client: TestClient) -> None:
    old = client.get("/api/findings")
    assert old.status_code == 404
    assert old.json() == {"error": "/api/findings is not part of the API: its paths begin /api/v1/"}


def test_the_openapi_schema_documents_the_api_but_not_the_pages(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]
    assert all(path.startswith("/api/v1/") for path in paths)
    answers = paths["/api/v1/invoices/{invoice_id}"]["get"]["responses"]
    assert set(answers) == {"200", "400", "401", "403", "404", "422"}
    assert answers["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert {
        "/api/v1/findings",
        "/api/v1/findings/{finding_id}",
        "/api/v1/findings/{finding_id}/review",
        "/api/v1/health",
    } <= set(paths)
    assert "/findings" not in paths
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/v1/findings/{finding_id}/review" in docs.text
    assert "FindingOut" in docs.text and "cdn" not in docs.text  # works with no network


def test_every_example_in_the_openapi_document_matches_its_schema(client: TestClient) -> None:
    from jsonschema_rs import Draft202012Validator  # installed with schemathesis

    document = client.get("/api/v1/openapi.json").json()
    components = document["components"]["schemas"]

    def check(schema: dict[str, object], example: object, where: str) -> None:
        root = {**schema, "components": {"schemas": components}}
        errors = [e.message for e in Draft202012Validator(root).iter_errors(example)]
        assert errors == [], f"{where}: {errors}"

    checked = 0
    for name, schema in components.items():
        for example in schema.get("examples", []):
            check(schema, example, name)
            checked += 1
    for path, item in document["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            for key, example in body.get("examples", {}).items():
                check(body["schema"], example["value"], f"{method} {path} {key}")
                checked += 1
            for param in op.get("parameters", []):
                for example in param["schema"].get("examples", []):
                    check(param["schema"], example, f"{method} {path} {param['name']}")
                    checked += 1
    assert checked >= 30
