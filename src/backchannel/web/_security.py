"""What every response carries and what every request must pass, whatever route it reaches.

Article text is hostile input: the templates escape it, and the Content-Security-Policy makes
sure that even a slip there cannot run a script, load anything from elsewhere or frame the page.
Writes are refused unless the app was created writable; when it is, a write must come from one
of our own pages (or no page at all), so that another site cannot post to a local server.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Scripts, styles and everything else from this server only; no inline script or style.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# The names a local server is reached by; ``Host`` must be one of them (no DNS rebinding).
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


class Guard:
    """ASGI middleware: security headers on every response, and writes only when allowed."""

    def __init__(self, app: ASGIApp, *, writable: bool, hosts: Iterable[str]) -> None:
        self.app = app
        self.writable = writable
        self.hosts = frozenset(h.lower() for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        refusal = self.refuse(scope)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        if scope["method"] == "HEAD":  # answered as GET, headers only (the routes declare GET)
            scope = {**scope, "method": "GET"}

            async def headers_only(message: Message) -> None:
                if message["type"] == "http.response.body":
                    if message.get("more_body"):
                        return  # the body's parts are dropped; the end is sent empty
                    message = {"type": "http.response.body", "body": b"", "more_body": False}
                await send_with_headers(message)

            await self.app(scope, receive, headers_only)
            return
        await self.app(scope, receive, send_with_headers)

    def refuse(self, scope: Scope) -> Response | None:
        """The answer to a request that may not go further, or None."""
        if scope["method"] in READ_METHODS:
            return None
        if not self.writable:
            message = "this server is read-only; start it with --writable to allow writes"
            return JSONResponse(
                {"detail": message, "message": message}, status_code=405, headers={"Allow": "GET, HEAD"}
            )
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is not None and not _same_origin(origin, headers.get("host", ""), self.hosts):
            message = f"writes from {origin} are not allowed"
            return JSONResponse({"detail": message, "message": message}, status_code=403)
        return None


def _same_origin(origin: str, host: str, hosts: frozenset[str]) -> bool:
    """A write's page must come from this server: one of its names, and the port the request was
    sent to (a page served by another program on another local port is another site)."""
    parts = urlsplit(origin)
    if (parts.hostname or "").lower() not in hosts:
        return False
    default = {"http": 80, "https": 443}.get(parts.scheme, 0)
    asked = urlsplit(f"//{host}")
    try:
        return (parts.port or default) == (asked.port or default)
    except ValueError:
        return False  # a port that is no number
