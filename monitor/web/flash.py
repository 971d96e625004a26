"""One-time messages carried across a POST-redirect-GET, in the signed session cookie.

A form that changed something answers with a 303 to the page showing the result, so a
browser's refresh reads that page again instead of posting the form twice. What the
result page should say travels in the session under a name, and is taken (read and
removed) by the next page that asks for it. The cookie is the whole session and
browsers drop one over 4 KB, so a message is small: ``fits`` tells a caller whether a
value stays within ``BUDGET``; the caller summarises what does not.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

_KEY = "flash"
#: characters of JSON a flashed value may take (the cookie holds it base64-encoded,
#: with the sign-in and CSRF token beside it, under the browsers' 4,096 bytes)
BUDGET = 1800


def fits(value: Any) -> bool:
    return len(json.dumps(value, separators=(",", ":"))) <= BUDGET


def put(request: Request, name: str, value: Any) -> None:
    """Keep ``value`` (JSON-serialisable, within ``BUDGET``) for the next page."""
    if "session" not in request.scope:
        return
    if not fits(value):
        raise ValueError(f"a flashed {name!r} must stay within {BUDGET} characters of JSON")
    request.session[_KEY] = {**request.session.get(_KEY, {}), name: value}


def take(request: Request, name: str) -> Any | None:
    """The value flashed under ``name``, once: it is removed as it is read."""
    if "session" not in request.scope:
        return None
    held = dict(request.session.get(_KEY) or {})
    value = held.pop(name, None)
    if held:
        request.session[_KEY] = held
    else:
        request.session.pop(_KEY, None)
    return value
