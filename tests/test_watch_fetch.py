"""The guarded fetcher: private addresses refused on every hop, robots.txt obeyed, retries with
backoff, size caps while streaming. The network is an httpx.MockTransport; names resolve through
a table, so no test touches DNS or the internet."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from backchannel.watch import (
    BlockedAddress,
    Fetcher,
    FetchError,
    FetchSettings,
    RobotsDisallowed,
    why_refused,
)
from backchannel.watch._address import parse_ip

PUBLIC = "93.184.216.34"  # a globally routable address; the mock answers for it, nothing is sent
NAMES = {
    "news.example": [PUBLIC],
    "other.example": ["151.101.1.1"],
    "loop.example": ["127.0.0.1"],
    "ten.example": ["10.1.2.3"],
    "meta.example": ["169.254.169.254"],
    "v6loop.example": ["::1"],
    "ula.example": ["fd00::1"],
    "mapped.example": ["::ffff:127.0.0.1"],
    "mapped10.example": ["::ffff:10.0.0.1"],
    "sixtofour.example": ["2002:a00:1::1"],  # 6to4 around 10.0.0.1
    "mixed.example": [PUBLIC, "10.0.0.7"],  # one public, one private: refused
}

Handler = Callable[[httpx.Request], httpx.Response]


def resolve(host: str, port: int) -> list[str]:
    if host not in NAMES:
        raise OSError(f"no such host {host}")
    return NAMES[host]


class Web:
    """A fake web: answers by Host header and path, and records every request."""

    def __init__(self, routes: dict[str, Handler | httpx.Response]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        key = f"{request.headers['host']}{request.url.path}"
        route = self.routes.get(key)
        if route is None:
            return httpx.Response(404, text="not here")
        return route(request) if callable(route) else route

    @property
    def asked(self) -> list[str]:
        return [f"{r.headers['host']}{r.url.path}" for r in self.requests]


def fetcher(web: Web, sleeps: list[float] | None = None, **settings: Any) -> Fetcher:
    taken = sleeps if sleeps is not None else []
    return Fetcher(
        FetchSettings(**settings), transport=httpx.MockTransport(web), resolver=resolve, sleep=taken.append
    )


def page(text: str = "<html><body><p>Hello.</p></body></html>", **headers: str) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/html", **headers}, text=text)


# -- addresses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["loop.example", "ten.example", "meta.example", "v6loop.example", "ula.example", "mapped.example",
     "mapped10.example", "sixtofour.example", "mixed.example"],
)  # fmt: skip
def test_watch_fetch_refuses_hosts_that_resolve_to_private_addresses(host: str) -> None:
    web = Web({})
    with fetcher(web) as client, pytest.raises(BlockedAddress, match="--allow-private"):
        client.get(f"http://{host}/feed.xml")
    assert web.requests == []  # refused before any byte was sent


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/",
     "http://[fd00::1]/", "http://[::ffff:127.0.0.1]/", "http://[fe80::1]/", "http://0.0.0.0/",
     "http://192.168.1.1/", "http://172.16.0.1/", "http://100.64.0.1/"],
)  # fmt: skip
def test_watch_fetch_refuses_private_address_literals(url: str) -> None:
    web = Web({})
    with fetcher(web) as client, pytest.raises(BlockedAddress):
        client.get(url, robots=False)
    assert web.requests == []


def test_watch_fetch_reasons_name_the_kind_of_address() -> None:
    ip = parse_ip
    assert why_refused(ip("127.0.0.1")) == "loopback"  # type: ignore[arg-type]
    assert why_refused(ip("169.254.1.1")) == "link-local"  # type: ignore[arg-type]
    assert why_refused(ip("10.0.0.1")) == "private"  # type: ignore[arg-type]
    assert why_refused(ip("::ffff:127.0.0.1")) == "loopback (inside ::ffff:7f00:1)"  # type: ignore[arg-type]
    assert why_refused(ip("64:ff9b::a00:1")) == "private (inside 64:ff9b::a00:1)"  # type: ignore[arg-type]
    assert why_refused(ip(PUBLIC)) is None  # type: ignore[arg-type]
    assert why_refused(ip("2606:4700:4700::1111")) is None  # type: ignore[arg-type]


def test_watch_fetch_allow_private_lets_loopback_through() -> None:
    web = Web({"127.0.0.1/feed": page("ok")})
    with fetcher(web, allow_private=True) as client:
        assert client.get("http://127.0.0.1/feed", robots=False).body == b"ok"


def test_watch_fetch_connects_to_the_checked_address_with_the_name_kept() -> None:
    web = Web({"news.example/a": page("ok")})
    with fetcher(web) as client:
        client.get("http://news.example/a", robots=False)
    (request,) = web.requests
    assert request.url.host == PUBLIC  # no second DNS answer can swap the address
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"
    assert request.headers["user-agent"].startswith("backchannel/")


def test_watch_fetch_refuses_other_schemes() -> None:
    with fetcher(Web({})) as client, pytest.raises(FetchError, match="only http"):
        client.get("file:///etc/passwd", robots=False)


# -- redirects ---------------------------------------------------------------------------------


def test_watch_fetch_redirect_into_a_private_address_is_refused() -> None:
    web = Web({"news.example/go": httpx.Response(302, headers={"location": "http://meta.example/latest"})})
    with fetcher(web) as client, pytest.raises(BlockedAddress, match=r"169\.254\.169\.254"):
        client.get("http://news.example/go", robots=False)
    assert web.asked == ["news.example/go"]  # the private hop was never requested


def test_watch_fetch_redirect_to_a_literal_loopback_is_refused() -> None:
    web = Web({"news.example/go": httpx.Response(301, headers={"location": "http://127.0.0.1:8000/admin"})})
    with fetcher(web) as client, pytest.raises(BlockedAddress):
        client.get("http://news.example/go", robots=False)


def test_watch_fetch_follows_public_redirects_and_checks_each_hop() -> None:
    web = Web({
        "news.example/a": httpx.Response(302, headers={"location": "/b"}),
        "news.example/b": httpx.Response(307, headers={"location": "http://other.example/c"}),
        "other.example/c": page("arrived"),
    })  # fmt: skip
    with fetcher(web) as client:
        got = client.get("http://news.example/a", robots=False)
    assert (got.url, got.body) == ("http://other.example/c", b"arrived")
    assert web.asked == ["news.example/a", "news.example/b", "other.example/c"]


def test_watch_fetch_stops_an_endless_redirect() -> None:
    web = Web({"news.example/loop": httpx.Response(302, headers={"location": "/loop"})})
    with fetcher(web, max_redirects=3) as client, pytest.raises(FetchError, match="more than 3 redirects"):
        client.get("http://news.example/loop", robots=False)
    assert len(web.requests) == 4  # the first request and three redirects


# -- robots.txt --------------------------------------------------------------------------------


def test_watch_fetch_obeys_robots_disallow() -> None:
    robots = httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
    web = Web({"news.example/robots.txt": robots, "news.example/public/a": page("yes")})
    with fetcher(web) as client:
        assert client.get("http://news.example/public/a").body == b"yes"
        with pytest.raises(RobotsDisallowed):
            client.get("http://news.example/private/b")
    assert web.asked == ["news.example/robots.txt", "news.example/public/a"]  # robots.txt read once


def test_watch_fetch_obeys_a_group_naming_us() -> None:
    robots = httpx.Response(200, text="User-agent: backchannel\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    web = Web({"news.example/robots.txt": robots, "news.example/a": page()})
    with fetcher(web) as client, pytest.raises(RobotsDisallowed):
        client.get("http://news.example/a")


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (500, False), (503, False)])
def test_watch_fetch_robots_status_rules(status: int, allowed: bool) -> None:
    # RFC 9309: a 4xx means no rules; a server error means "keep out" until it answers.
    web = Web({"news.example/robots.txt": httpx.Response(status), "news.example/a": page("a")})
    with fetcher(web, retries=0) as client:
        if allowed:
            assert client.get("http://news.example/a").body == b"a"
        else:
            with pytest.raises(RobotsDisallowed):
                client.get("http://news.example/a")


# -- retries and size --------------------------------------------------------------------------


def flaky(*answers: httpx.Response | Exception) -> Handler:
    queue = list(answers)

    def answer(request: httpx.Request) -> httpx.Response:
        item = queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    return answer


def test_watch_fetch_retries_transient_errors_with_exponential_backoff() -> None:
    boom = httpx.ConnectError("connection reset")
    web = Web({"news.example/a": flaky(httpx.Response(503), boom, httpx.Response(502), page("at last"))})
    sleeps: list[float] = []
    with fetcher(web, sleeps, backoff=0.5) as client:
        assert client.get("http://news.example/a", robots=False).body == b"at last"
    assert sleeps == [0.5, 1.0, 2.0]  # 0.5 * 2**n after each of the three failures


def test_watch_fetch_honours_retry_after_within_the_cap() -> None:
    web = Web({"news.example/a": flaky(httpx.Response(429, headers={"retry-after": "7"}), page("ok"))})
    sleeps: list[float] = []
    with fetcher(web, sleeps, max_wait=5.0) as client:
        client.get("http://news.example/a", robots=False)
    assert sleeps == [5.0]  # 7 s asked, capped at max_wait


def test_watch_fetch_gives_up_after_the_last_retry() -> None:
    web = Web({"news.example/a": flaky(*[httpx.Response(503)] * 3)})
    with fetcher(web, retries=2) as client, pytest.raises(FetchError, match="after 3 tries") as caught:
        client.get("http://news.example/a", robots=False)
    assert caught.value.retryable


def test_watch_fetch_does_not_retry_a_client_error() -> None:
    web = Web({})
    with fetcher(web) as client:
        assert client.get("http://news.example/missing", robots=False).status == 404
    assert len(web.requests) == 1


def test_watch_fetch_caps_the_body_while_streaming() -> None:
    big = httpx.Response(200, content=iter([b"x" * 1000] * 50))  # streamed, no Content-Length
    web = Web({"news.example/big": big})
    with fetcher(web, max_bytes=10_000) as client, pytest.raises(FetchError, match="over 10,000 bytes"):
        client.get("http://news.example/big", robots=False)


def test_watch_fetch_refuses_a_declared_length_over_the_cap() -> None:
    web = Web({"news.example/big": httpx.Response(200, headers={"content-length": "99999999"}, content=b"")})
    with fetcher(web, max_bytes=1000) as client, pytest.raises(FetchError, match="over 1,000 bytes"):
        client.get("http://news.example/big", robots=False)


def test_watch_fetch_stops_a_compression_bomb() -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)  # about 5 KB that inflate to 5 MB
    streamed = httpx.Response(200, headers={"content-encoding": "gzip"}, content=iter([bomb]))
    web = Web({"news.example/bomb": streamed})
    with fetcher(web, max_bytes=100_000) as client, pytest.raises(FetchError, match="over 100,000 bytes"):
        client.get("http://news.example/bomb", robots=False)


def test_watch_fetch_decompresses_a_gzip_body() -> None:
    body = gzip.compress(b"<p>compressed</p>")
    web = Web(
        {"news.example/z": httpx.Response(200, headers={"content-encoding": "gzip"}, content=iter([body]))}
    )
    with fetcher(web) as client:
        assert client.get("http://news.example/z", robots=False).body == b"<p>compressed</p>"
