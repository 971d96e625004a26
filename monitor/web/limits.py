"""Keeping the web app answering under load and bad input.

* Requests that may use the database run at most ``limit`` at a time (the pool's size
  plus overflow), so a request never waits for a connection the pool cannot give:
  the rest queue here, cheaply, on the event loop, and one that waits longer than the
  pool timeout gets 503 with ``Retry-After`` instead of a 500 from the pool.
* Ids (whole numbers in the path, ``id``/``*_id`` in the query) must fit the
  database's id columns: a larger one is a 400 naming the parameter, on every backend
  (SQLite would raise ``OverflowError``, PostgreSQL "integer out of range").
"""

from __future__ import annotations

import asyncio
import re
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response

from monitor.errors import InputError

#: ids are ``integer`` columns: 32 bits on PostgreSQL (SQLite would take 64)
MAX_ID = 2**31 - 1
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")
#: paths that never touch the database
UNLIMITED_PREFIXES = ("/static/",)

ErrorPage = Callable[[Request, int, str, str], Response]


async def ids_in_range(request: Request) -> None:
    """An app-wide dependency: a whole number beyond the 64-bit range in the path or
    the query is bad input (400), named, before any handler runs."""
    params = [
        *request.path_params.items(),
        # only ids: a query like ``?invoice=`` may be an invoice number of any length
        *((k, v) for k, v in request.query_params.multi_items() if k == "id" or k.endswith("_id")),
    ]
    for name, value in params:
        text = str(value).strip()
        if len(text) > 9 and _WHOLE_NUMBER.fullmatch(text) and abs(int(text)) > MAX_ID:
            raise InputError(f"{text} is out of range (at most {MAX_ID})", field=name)


def install_request_limit(app: FastAPI, *, limit: int, wait: float, error: ErrorPage) -> None:
    """At most ``limit`` requests at a time past this point; wait at most ``wait`` s."""
    semaphores: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
        weakref.WeakKeyDictionary()
    )

    @app.middleware("http")
    async def request_limit(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.url.path.startswith(UNLIMITED_PREFIXES):
            return await call_next(request)
        loop = asyncio.get_running_loop()
        semaphore = semaphores.get(loop)
        if semaphore is None:
            semaphore = semaphores[loop] = asyncio.Semaphore(limit)
        try:
            await asyncio.wait_for(semaphore.acquire(), timeout=wait)
        except TimeoutError:
            response = error(request, 503, "error.busy", _busy_message(request))
            response.headers["Retry-After"] = "5"
            return response
        try:
            return await call_next(request)
        finally:
            semaphore.release()


def _busy_message(request: Request) -> str:
    from monitor.web.i18n import translate

    lang: Any = getattr(request.state, "lang", "da")
    return translate("error.busy_message", lang)
