"""The API reference as a plain page, read from the app's OpenAPI schema.

FastAPI's own documentation pages load Swagger UI from a CDN; this one needs no
network, so it works on a machine without one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from monitor.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

_METHODS = ("get", "post", "put", "patch", "delete")


@router.get("/api/docs", response_class=HTMLResponse, name="api_docs")
def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    components = schema.get("components", {}).get("schemas", {})
    operations = [
        _operation(path, method, op, components)
        for path, item in schema.get("paths", {}).items()
        for method, op in item.items()
        if method in _METHODS
    ]
    models = {name: _fields(body, components) for name, body in sorted(components.items())}
    return render(
        request,
        "api.html",
        {"info": schema.get("info", {}), "operations": operations, "models": models},
    )


def _operation(
    path: str, method: str, op: dict[str, Any], components: dict[str, Any]
) -> dict[str, Any]:
    body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
    ok = next((r for code, r in op.get("responses", {}).items() if code.startswith("2")), {})
    returned = ok.get("content", {}).get("application/json", {}).get("schema", {})
    return {
        "method": method.upper(),
        "path": path,
        "summary": op.get("summary", ""),
        "description": op.get("description", ""),
        "parameters": [
            {
                "name": p["name"],
                "where": p["in"],
                "required": p.get("required", False),
                "type": _type(p.get("schema", {})),
                "description": p.get("description") or p.get("schema", {}).get("description", ""),
            }
            for p in op.get("parameters", [])
        ],
        "body": _type(body.get("schema", {})) if body else None,
        "returns": _type(returned) if returned else None,
        "returns_model": _model(returned),
    }


def _model(schema: dict[str, Any]) -> str | None:
    """The named model a response is (or is a list of), to link to."""
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
    return str(ref.rsplit("/", 1)[-1]) if ref else None


def _fields(body: dict[str, Any], components: dict[str, Any]) -> list[dict[str, Any]]:
    required = set(body.get("required", []))
    return [
        {
            "name": name,
            "type": _type(prop),
            "required": name in required,
            "description": prop.get("description", ""),
        }
        for name, prop in body.get("properties", {}).items()
    ]


def _type(schema: dict[str, Any]) -> str:
    """A short type name: ``FindingOut``, ``list[FindingOut]``, ``string | null``."""
    if "$ref" in schema:
        return str(schema["$ref"].rsplit("/", 1)[-1])
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list[{_type(schema.get('items', {}))}]"
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    return str(schema.get("type", "any"))
