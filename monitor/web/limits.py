"""Keeping the web app answering under load and bad input.

* Requests that may use the database run at most ``limit`` at a time (the pool's size
  plus overflow), so a request never waits for a connection the pool cannot give:
  the rest queue here, cheaply, on the event loop, and one that waits longer than the
  pool timeout gets 503 with ``Retry-After`` instead of a 500 from the pool.
* Ids (whole numbers in the path, ``id``/``*_id`` in the query) must fit the
  database's id columns: a larger one is a 400 naming the parameter, on every backend
  (SQLite would raise ``OverflowError``, PostgreSQL "integer out of range").
* A request body is at most ``PRISVAGT_MAX_REQUEST_MB`` (all files of an upload
  together); each file at most ``PRISVAGT_MAX_UPLOAD_MB`` (checked by the ingest
  service, naming the file). A larger body is refused with 413 before it is read when it
  says its length, and as soon as it passes the limit when it does not (chunked).
"""

from __future__ import annotations

import asyncio
import re
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from monitor.errors import InputError

#: ids are ``integer`` columns: 32 bits on PostgreSQL (SQLite would take 64)
MAX_ID = 2**31 - 1
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")
#: paths that never touch the database
UNLIMITED_PREFIXES = ("/static/",)

ErrorPage = Callable[[Request, int, str, str], Response]
#: set in the request's scope when its body passed the limit (see ``install_body_limit``)
TOO_LARGE_KEY = "prisvagt.body_too_large"


class RequestTooLarge(InputError):
    """The request's body is larger than ``PRISVAGT_MAX_REQUEST_MB`` (413)."""

    def __init__(self, limit_mb: int) -> None:
        super().__init__(
            f"the request is larger than the limit of {limit_mb} MB for all files together"
            " (PRISVAGT_MAX_REQUEST_MB); send fewer files at a time",
            key="error.request_too_large",
            params={"mb": limit_mb},
        )


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
            raise InputError(
                f"{text} is out of range (at most {MAX_ID})",
                field=name,
                key="error.id_out_of_range",
                params={"value": text, "max": MAX_ID},
            )


def install_body_limit(app: FastAPI, *, limit_mb: int, error: ErrorPage) -> None:
    """Refuse a request body over ``limit_mb`` (see the module docstring)."""
    app.add_middleware(_BodyLimit, limit_mb=limit_mb, error=error)


class _BodyLimit:
    def __init__(self, app: ASGIApp, *, limit_mb: int, error: ErrorPage) -> None:
        self.app = app
        self.limit_mb = limit_mb
        self.limit = limit_mb * 1024 * 1024
        self.error = error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            response = _too_large(Request(scope, receive), self.limit_mb, self.error)
            await response(scope, receive, send)
            return
        seen = 0

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                # the route's body parser turns any error into a 400; the flag says why
                scope[TOO_LARGE_KEY] = self.limit_mb
                raise RequestTooLarge(self.limit_mb)
            return message

        await self.app(scope, counting, send)


def _too_large(request: Request, limit_mb: int, error: ErrorPage) -> Response:
    from monitor.web.i18n import error_message

    lang: Any = getattr(request.state, "lang", "da")
    exc = RequestTooLarge(limit_mb)
    text = exc.describe() if request.url.path.startswith("/api/") else error_message(exc, lang)
    return error(request, 413, "error.too_large", text)


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
