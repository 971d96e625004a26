"""Jinja2 templates with the project's filters, and the page language per request."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from monitor import formatting
from monitor.web.i18n import (
    LANGUAGES,
    error_message,
    has_message,
    param_key,
    rule_description,
    rule_title,
    translator,
)

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


@dataclass(frozen=True, slots=True)
class NavItem:
    """A link in the top bar. ``label`` is a catalogue key; ``section`` is what a page
    sets (``{% set section = "findings" %}``) to mark its link as the current one."""

    href: str
    label: str
    section: str


#: the top bar, in order; a package with its own pages appends its link here
NAV_ITEMS: list[NavItem] = [
    NavItem("/", "nav.overview", "overview"),
    NavItem("/findings", "nav.findings", "findings"),
    NavItem("/api/docs", "nav.api", "api"),
]


def humanize_key(key: str) -> str:
    """``contract_page`` -> ``Contract page`` (for evidence keys with no translation)."""
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def is_amount(value: Any) -> bool:
    """A plain decimal string such as ``"100.00"`` (as rules write amounts in evidence)."""
    if not isinstance(value, str) or not value:
        return False
    try:
        return Decimal(value).is_finite() and value.strip() == value and "e" not in value.lower()
    except ArithmeticError:
        return False


def is_iso_date(value: Any) -> bool:
    """``"2026-03-01"`` (as rules write dates in evidence)."""
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_mapping(value: Any) -> bool:
    return isinstance(value, dict)


def is_sequence(value: Any) -> bool:
    return isinstance(value, list | tuple)


templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True
templates.env.globals.update(
    is_amount=is_amount,
    is_iso_date=is_iso_date,
    is_mapping=is_mapping,
    is_sequence=is_sequence,
    humanize_key=humanize_key,
    has_message=has_message,
    param_key=param_key,
    languages=LANGUAGES,
    nav_items=NAV_ITEMS,
    rule_title=rule_title,
    rule_description=rule_description,
)
templates.env.filters["pretty_json"] = lambda value: json.dumps(
    value, indent=2, ensure_ascii=False, sort_keys=True, default=str
)


def error_text(error: Any, lang: str, *, where: bool = False) -> str:
    """An error's message in the page's language (see ``i18n.error_message``); with
    ``where``, prefixed with the file, page, line or field it names."""
    return error_message(error, lang, where=where)


def page_language(request: Request) -> str:
    """Set by the language middleware in ``app.py``; Danish if it did not run."""
    return getattr(request.state, "lang", "da")


def with_query(request: Request, **changes: Any) -> str:
    """The current URL's query string with some parameters changed (None removes one)."""
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else request.url.path


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> HTMLResponse:
    """Render a page in the request's language, with number and date filters bound to it."""
    lang = page_language(request)
    ctx: dict[str, Any] = {
        "lang": lang,
        "t": translator(lang),
        "money": partial(formatting.money, lang=lang),
        "price": partial(formatting.unit_price, lang=lang),
        "percent": partial(formatting.percent, lang=lang),
        "number": partial(formatting.number, lang=lang),
        "quantity": partial(formatting.quantity, lang=lang),
        "ratio": partial(formatting.ratio, lang=lang),
        "day": partial(formatting.day, lang=lang),
        "moment": partial(formatting.moment, lang=lang),
        "with_query": partial(with_query, request),
        "error_text": partial(error_text, lang=lang),
        "identity": getattr(request.state, "identity", None),
        "csrf_token": _csrf_token(request),
        "nav_items": _visible_nav(request),
        "may": partial(_may, request),
    }
    ctx.update(context or {})
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


def _csrf_token(request: Request) -> str:
    from monitor.web.security import csrf_token

    return csrf_token(request)


def _may(request: Request, method: str, route: str) -> bool:
    """Whether the signed-in identity may call the route (as declared, e.g.
    ``/findings/{finding_id}/review``): pages offer only the buttons that would work."""
    from monitor.auth.policy import rule_for

    identity = getattr(request.state, "identity", None)
    rule = rule_for(method, route)
    return identity is not None and rule is not None and rule.allows(identity)


def _visible_nav(request: Request) -> list[NavItem]:
    """The top-bar links the signed-in identity may open (none before signing in)."""
    from monitor.auth.policy import rule_for

    identity = getattr(request.state, "identity", None)
    if identity is None:
        return []
    return [
        item
        for item in NAV_ITEMS
        if (rule := rule_for("GET", item.href)) is not None and rule.allows(identity)
    ]
