"""HTTP for the watcher: one guarded GET (or webhook POST) at a time.

``Fetcher.get(url)`` does, for the URL and then for each redirect hop:

1. refuse anything but http(s), and a URL httpx cannot read;
2. ask robots.txt (``_robots``), fetched with this same fetcher and the same rules;
3. resolve the host and check every address (``_address``) unless private ones are allowed, then
   connect to the checked address itself (Host header and TLS name kept), so that a second DNS
   answer cannot swap in a private address between the check and the connection;
4. send, retrying transient failures (network errors, 429, 502-504) with exponential backoff,
   or after the server's ``Retry-After`` when it gives one, capped;
5. read the body while it streams, decompressing it ourselves, and stop past ``max_bytes``
   (so a compressed bomb is stopped too);
6. follow a redirect by hand (back to 1 with the new URL), at most ``max_redirects`` times.

The network is behind ``transport`` (an httpx transport; tests pass ``httpx.MockTransport``).
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import urljoin

import httpx

from backchannel.watch._address import Resolver, public_addresses, system_resolver
from backchannel.watch._errors import FetchError
from backchannel.watch._fetched import Fetched
from backchannel.watch._robots import Robots

try:
    _VERSION = version("backchannel")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    _VERSION = "0"

AGENT = "backchannel"  # the token robots.txt rules name
USER_AGENT = f"{AGENT}/{_VERSION} (news event coder; polls feeds a few times an hour; obeys robots.txt)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
TRANSIENT = frozenset({429, 502, 503, 504})
MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """``timeout`` seconds per connect/read; ``max_bytes`` of a body once decompressed; ``retries``
    after the first try, waiting ``backoff`` * 2**n seconds (or Retry-After, at most
    ``max_wait``); ``allow_private`` lets fetches reach loopback and private addresses."""

    timeout: float = 20.0
    max_bytes: int = 10 * MiB
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 60.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = USER_AGENT


class Fetcher:
    """A guarded HTTP client (steps in the module docstring). Use it as a context manager."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = system_resolver,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings or FetchSettings()
        self.resolver = resolver
        self.sleep = sleep
        self.client = httpx.Client(
            transport=transport,
            timeout=self.settings.timeout,
            follow_redirects=False,
            trust_env=False,  # no proxy from the environment: every hop is checked here
            headers={"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self.robots = Robots(lambda url: self.get(url, robots=False, max_bytes=512 * 1024), AGENT)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        max_bytes: int | None = None,
        robots: bool = True,
    ) -> Fetched:
        """The response to GET ``url`` after redirects; a 304 or an error status is returned too."""
        for _ in range(self.settings.max_redirects + 1):
            if robots:
                self.robots.check(url)  # 2
            got = self._with_retries("GET", url, dict(headers or {}), max_bytes or self.settings.max_bytes)
            location = got.headers.get("location")
            if got.status not in REDIRECTS or not location:
                return got
            url = urljoin(url, location.strip())  # 6
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def post_json(self, url: str, payload: Any) -> int:
        """POST ``payload`` as JSON to ``url`` (a webhook), same address rules, no redirects."""
        got = self._with_retries("POST", url, {}, 64 * 1024, json=payload)
        if not 200 <= got.status < 300:
            raise FetchError(url, f"the webhook answered HTTP {got.status}", retryable=got.status >= 500)
        return got.status

    def _with_retries(
        self, method: str, url: str, headers: dict[str, str], limit: int, **body: Any
    ) -> Fetched:
        for attempt in range(self.settings.retries + 1):
            wait = min(self.settings.backoff * 2**attempt, self.settings.max_wait)
            try:
                got = self._send(method, url, headers, limit, **body)
            except httpx.TransportError as exc:
                error = FetchError(url, f"network error ({type(exc).__name__}: {exc})", retryable=True)
            else:
                if got.status not in TRANSIENT:
                    return got
                error = FetchError(url, f"HTTP {got.status}", retryable=True)
                wait = _retry_after(got.headers.get("retry-after"), wait, self.settings.max_wait)
            if attempt == self.settings.retries:
                raise FetchError(url, f"{error.reason}, after {attempt + 1} tries", retryable=True)
            self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, method: str, url: str, headers: dict[str, str], limit: int, **body: Any) -> Fetched:
        target, extra, extensions = self._route(url)  # 1, 3
        request = self.client.build_request(
            method, target, headers={**headers, **extra}, extensions=extensions, **body
        )
        response = self.client.send(request, stream=True)
        try:
            data = read_capped(response, limit, url)  # 5
        finally:
            response.close()
        lower = {k.lower(): v for k, v in response.headers.items()}
        return Fetched(url, response.status_code, lower, data)

    def _route(self, url: str) -> tuple[httpx.URL, dict[str, str], dict[str, Any]]:
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, ValueError) as exc:
            raise FetchError(url, f"not a URL that can be fetched ({exc})") from None
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise FetchError(url, "only http:// and https:// URLs with a host are fetched")
        if self.settings.allow_private:
            return parsed, {}, {}
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        address = public_addresses(url, parsed.host, port, self.resolver)[0]
        host = parsed.netloc.decode("ascii")
        return parsed.copy_with(host=address), {"Host": host}, {"sni_hostname": parsed.host}


def _retry_after(value: str | None, default: float, cap: float) -> float:
    if value and value.strip().isdigit():
        return min(float(value.strip()), cap)
    return default


def read_capped(response: httpx.Response, limit: int, url: str) -> bytes:
    """The body, decompressed, refused as soon as it is over ``limit`` bytes."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit and not response.headers.get("content-encoding"):
        raise _too_big(url, limit)
    if response.is_stream_consumed:  # built in memory (a test double): httpx has decoded it
        pieces: Iterable[bytes] = [response.content]
        decode = _decoder("", url)
    else:
        pieces, decode = response.iter_raw(), _decoder(response.headers.get("content-encoding", ""), url)
    out = bytearray()
    for chunk in pieces:
        out += decode(chunk, limit + 1 - len(out))
        if len(out) > limit:
            raise _too_big(url, limit)
    return bytes(out)


def _too_big(url: str, limit: int) -> FetchError:
    return FetchError(url, f"the body is over {limit:,} bytes (FetchSettings.max_bytes)")


def _decoder(encoding: str, url: str) -> Callable[[bytes, int], bytes]:
    name = encoding.strip().lower()
    if name in ("", "identity"):
        return lambda chunk, room: chunk
    if name not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")
    inflate = zlib.decompressobj(wbits=47 if "gzip" in name else 15)

    def decode(chunk: bytes, room: int) -> bytes:
        try:
            out = inflate.decompress(chunk, max(room, 1))
        except zlib.error as exc:
            raise FetchError(url, f"a broken {name} body ({exc})") from None
        if inflate.unconsumed_tail:  # more is coming than there is room for
            return out + b"\0" * (room + 1)
        return out

    return decode
