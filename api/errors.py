"""One JSON error body for every error the API returns, and the body-size cap.

Shape: ``{"error": {"status": 413, "code": "payload_too_large", "message": "..."}}``. The
``code`` comes from ``regionkg.errors`` (or names the HTTP status for routing errors); nothing
else — no traceback, no internal path — reaches the client.
"""

from __future__ import annotations

import json
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from regionkg.errors import PayloadTooLargeError, RegionKGError

log = logging.getLogger("regionkg.api")

_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 400: "bad_request", 406: "not_acceptable",
               413: "payload_too_large", 415: "unsupported_media_type"}


def error_body(status: int, code: str, message: str) -> dict:
    """The one error document of the API."""
    return {"error": {"status": status, "code": code, "message": message}}


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception the app can raise to ``error_response``."""

    @app.exception_handler(RegionKGError)
    async def _regionkg(_: Request, exc: RegionKGError) -> JSONResponse:
        return error_response(exc.http_status, exc.code, str(exc), {"Vary": "Accept"})

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        return error_response(exc.status_code, code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return error_response(400, "bad_request", problems or "invalid request")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "unexpected server error")


class BodySizeLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with 413, before reading them.

    A declared ``Content-Length`` is checked up front; a chunked body is counted as it streams.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise PayloadTooLargeError(f"request body is over the {self.max_bytes}-byte limit")
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except PayloadTooLargeError:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        exc = PayloadTooLargeError(f"request body is over the {self.max_bytes}-byte limit")
        body = json.dumps(error_body(exc.http_status, exc.code, str(exc))).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
