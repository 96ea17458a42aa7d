"""Polling feeds into the store: new items once, conditional GETs, pages fetched once, failures
reported; against an httpx.MockTransport and against a real server on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx
import pytest
from typer import Typer
from typer.testing import CliRunner

from backchannel.errors import ConfigError
from backchannel.pipeline import Pipeline
from backchannel.store import Store, open_store
from backchannel.watch import (
    FeedState,
    Fetcher,
    FetchSettings,
    WatchState,
    parse_every,
    poll_feed,
    state_path,
    watch_feeds,
)
from backchannel.watch.commands import register
from test_watch_fetch import Web, page, resolve

STORIES = {
    "a": "Gen. Mark Milley spoke by phone on Wednesday with Gen. Valery Gerasimov, officials said.",
    "b": "Secretary of State Antony Blinken met Foreign Minister Sergei Lavrov in Geneva on Friday.",
    "c": "Defense Secretary Lloyd Austin spoke by telephone on Friday with Russian Defence Minister Sergei Shoigu.",
}


def rss(base: str, *items: str) -> str:
    entries = "".join(
        f"<item><title>Story {i}</title><link>{base}/news/{i}</link><guid>{base}/news/{i}</guid>"
        f"<pubDate>Fri, 13 May 2022 18:00:00 +0000</pubDate><description>Summary of {i}.</description></item>"
        for i in items
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Example Wire</title>{entries}</channel></rss>"


def article_page(key: str) -> str:
    return f"<html><head><title>Story {key}</title></head><body><article><p>{STORIES[key]}</p></article></body></html>"


def feed_response(body: str, etag: str) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "application/rss+xml", "etag": etag}, text=body)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "watch.db") as opened:
        yield opened


def test_watch_poll_new_item_is_ingested_once_across_polls(store: Store, pipeline: Pipeline) -> None:
    base = "http://news.example"
    answers = [feed_response(rss(base, "a", "b"), '"v1"'), httpx.Response(304),
               feed_response(rss(base, "c", "b", "a"), '"v2"')]  # fmt: skip
    web = Web({
        "news.example/feed.xml": lambda request: answers.pop(0),
        **{f"news.example/news/{k}": page(article_page(k)) for k in STORIES},
    })  # fmt: skip
    state = FeedState()
    outcomes = []
    for _ in range(3):
        with Fetcher(transport=httpx.MockTransport(web), resolver=resolve) as fetcher:
            outcomes.append(poll_feed(f"{base}/feed.xml", store, fetcher, state, pipeline))
    assert [(r.outcome, r.added) for r in outcomes] == [("polled", 2), ("not-modified", 0), ("polled", 1)]
    assert outcomes[2].seen == 2  # a and b were taken in by the first poll
    assert store.count_articles() == 3
    assert sorted(web.asked).count("news.example/news/a") == 1  # each page fetched once
    feeds = [r for r in web.requests if r.url.path == "/feed.xml"]
    assert feeds[1].headers["if-none-match"] == '"v1"' and feeds[2].headers["if-none-match"] == '"v1"'
    stored = {a.article.url: a for a in store.articles(limit=None)}
    assert STORIES["a"] in stored[f"{base}/news/a"].article.text  # the page's text, not the summary
    assert stored[f"{base}/news/a"].article.outlet == "Example Wire"


def test_watch_poll_page_refused_by_robots_keeps_the_feed_text(store: Store, pipeline: Pipeline) -> None:
    web = Web({
        "news.example/robots.txt": httpx.Response(200, text="User-agent: *\nDisallow: /news/\n"),
        "news.example/feed.xml": feed_response(rss("http://news.example", "a"), '"x"'),
    })  # fmt: skip
    with Fetcher(transport=httpx.MockTransport(web), resolver=resolve) as fetcher:
        report = poll_feed("http://news.example/feed.xml", store, fetcher, FeedState(), pipeline)
    assert report.added == 1 and "robots.txt" in report.notes[0]
    assert "news.example/news/a" not in web.asked
    (stored,) = store.articles()
    assert stored.article.text == "Summary of a."


def test_watch_poll_feed_on_a_private_address_fails_cleanly(store: Store, pipeline: Pipeline) -> None:
    with Fetcher(transport=httpx.MockTransport(Web({})), resolver=resolve) as fetcher:
        report = poll_feed("http://ten.example/feed.xml", store, fetcher, FeedState(), pipeline)
    assert report.outcome == "failed" and "10.1.2.3" in report.notes[0]
    assert store.count_articles() == 0


def test_watch_poll_transient_page_failure_waits_for_the_next_poll(store: Store, pipeline: Pipeline) -> None:
    tries = {"n": 0}

    def once_down(request: httpx.Request) -> httpx.Response:
        tries["n"] += 1
        return httpx.Response(503) if tries["n"] <= 2 else page(article_page("a"))

    web = Web({"news.example/feed.xml": feed_response(rss("http://news.example", "a"), '"e"'),
               "news.example/news/a": once_down})  # fmt: skip
    state = FeedState()
    settings = FetchSettings(retries=1)
    for expected in (0, 1):
        with Fetcher(
            settings, transport=httpx.MockTransport(web), resolver=resolve, sleep=lambda s: None
        ) as f:
            assert poll_feed("http://news.example/feed.xml", store, f, state, pipeline).added == expected
    assert STORIES["a"] in store.articles()[0].article.text


# -- a real server on 127.0.0.1 ----------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    files: ClassVar[dict[str, tuple[str, str]]] = {}
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        found = self.files.get(self.path)
        if found is None:
            self.send_error(404)
            return
        kind, body = found
        etag = f'"{abs(hash(body))}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.hits = []
    Handler.files = {"/feed.xml": ("application/rss+xml", rss(base, "a", "b"))}
    Handler.files.update({f"/news/{k}": ("text/html; charset=utf-8", article_page(k)) for k in STORIES})
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def test_watch_poll_local_server_two_rounds(
    store: Store, pipeline: Pipeline, server: str, tmp_path: Path
) -> None:
    state = WatchState(tmp_path / "state.json")
    reports: list[list[str]] = []
    watch_feeds([f"{server}/feed.xml"], store, state, rounds=2, settings=FetchSettings(allow_private=True),
                pipeline=pipeline, on_round=lambda polls, fired: reports.append([p.outcome for p in polls]),
                sleep=lambda s: None)  # fmt: skip
    assert reports == [["polled"], ["not-modified"]]  # the second GET was conditional: a 304
    assert store.count_articles() == 2
    assert Handler.hits.count("/news/a") == 1 and Handler.hits.count("/robots.txt") == 2  # once a round
    again = WatchState(tmp_path / "state.json")  # saved between runs
    assert again.feed(f"{server}/feed.xml").seen == [f"{server}/news/a", f"{server}/news/b"]


def test_watch_poll_local_server_refused_without_the_flag(
    store: Store, pipeline: Pipeline, server: str
) -> None:
    with Fetcher() as fetcher:
        report = poll_feed(f"{server}/feed.xml", store, fetcher, FeedState(), pipeline)
    assert report.outcome == "failed" and "loopback" in report.notes[0]
    assert Handler.hits == []  # nothing reached the server


def test_watch_poll_command_once_with_alerts(server: str, tmp_path: Path) -> None:
    app = Typer()
    register(app)
    app.command("noop")(lambda: None)  # a second command, so that typer keeps "watch" as a name
    db, rules = tmp_path / "cli.db", tmp_path / "rules.yaml"
    rules.write_text(
        "- {name: usa-rus-mil-contact, when: {event_type: CONSULT, actor_country: USA, actor_sector: MIL,"
        " other_country: RUS, other_sector: MIL}}\n",
        encoding="utf-8",
    )
    args = [
        "watch",
        f"{server}/feed.xml",
        "--db",
        str(db),
        "--once",
        "--allow-private",
        "--alerts",
        str(rules),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    with open_store(db) as opened:
        assert opened.count_articles() == 2
    assert state_path(str(db)).is_file()
    # Story a is Milley's call with Gerasimov (both military); story b is Blinken and Lavrov.
    assert result.stdout.count("ALERT usa-rus-mil-contact") == 1
    assert "Gerasimov" in result.stdout


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("90s", 90), ("15m", 900), ("2h", 7200), ("1.5h", 5400)]
)
def test_watch_poll_every_takes_durations(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "soon", "15 minutes", "-5m"])
def test_watch_poll_every_refuses_nonsense(text: str) -> None:
    with pytest.raises(ConfigError, match="--every must be a duration"):
        parse_every(text)


def test_watch_poll_broken_state_file_starts_afresh(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "db.watch.json"
    path.write_text("{not json", encoding="utf-8")
    state = WatchState(path)
    assert state.feeds == {} and "unreadable watch state" in caplog.text
    state.feed("http://news.example/feed.xml").remember(["http://news.example/a"] * 2)
    state.save()
    assert WatchState(path).feed("http://news.example/feed.xml").seen == ["http://news.example/a"]
    assert state_path("sqlite:///data/x.db") == Path("data/x.db.watch.json")
    assert state_path("postgresql://u@h/db") == Path("backchannel-watch.json")
