"""One poll of one feed.

1. Fetch the feed, conditionally (If-None-Match / If-Modified-Since from the last poll); a 304
   ends the poll.
2. Read its entries with the feed reader (``backchannel.read``), as if from a file, so that the
   limits and the handling of hostile feeds are the same as for files.
3. Leave out the entries whose URL an earlier poll took in.
4. Fetch each new entry's page and take its main text (the HTML reader, again from a file); when
   the page cannot be had for good (robots.txt, a refused address, an error status, no text), the
   entry's own text stands in; when it failed for now (a network error), the entry waits for
   the next poll.
5. Ingest the articles (``ingest_articles``: skips stored texts, codes, stores, links), then
   remember the feed's validators and the URLs taken in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from backchannel.errors import InputError
from backchannel.model import Article
from backchannel.pipeline import Pipeline
from backchannel.read import Limits, read_file
from backchannel.store import Store
from backchannel.watch._errors import FetchError
from backchannel.watch._fetch import Fetcher
from backchannel.watch._ingest import ingest_articles
from backchannel.watch._state import FeedState

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class PollReport:
    feed: str
    outcome: str = "polled"  # polled | not-modified | failed
    entries: int = 0
    seen: int = 0
    added: int = 0
    events: int = 0
    notes: list[str] = field(default_factory=list)  # entries skipped or read without their page

    def line(self) -> str:
        if self.outcome != "polled":
            return f"{self.feed}: {self.outcome}" + (f" ({self.notes[-1]})" if self.notes else "")
        return (
            f"{self.feed}: {self.entries} entries, {self.seen} seen before, added {self.added} articles "
            f"with {self.events} events; {len(self.notes)} notes"
        )


def poll_feed(
    url: str, store: Store, fetcher: Fetcher, state: FeedState, pipeline: Pipeline | None = None,
    limits: Limits | None = None,
) -> PollReport:  # fmt: skip
    """Steps 1 to 5 of the module docstring."""
    report = PollReport(url)
    try:
        got = fetcher.get(url, headers=_validators(state))  # 1
    except FetchError as exc:
        return _failed(report, exc.reason)
    if got.status == 304:
        report.outcome = "not-modified"
        return report
    if got.status != 200:
        return _failed(report, f"HTTP {got.status}")
    try:
        entries = read_bytes(got.body, "feed.rss", url, limits, report.notes)  # 2
    except InputError as exc:
        return _failed(report, exc.reason)
    report.entries = len(entries)
    seen = set(state.seen)
    fresh = [e for e in entries if not (e.url and e.url in seen)]  # 3
    report.seen = len(entries) - len(fresh)
    taken = [a for a in (with_page(e, fetcher, limits, report.notes) for e in fresh) if a is not None]  # 4
    summary = ingest_articles(taken, store, pipeline)  # 5
    report.added, report.events = summary.added, summary.events
    report.notes.extend(summary.failed)
    state.etag, state.last_modified = got.headers.get("etag"), got.headers.get("last-modified")
    state.checked_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    state.remember([a.url for a in taken if a.url])
    return report


def _validators(state: FeedState) -> dict[str, str]:
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _failed(report: PollReport, reason: str) -> PollReport:
    report.outcome = "failed"
    report.notes.append(reason)
    return report


def read_bytes(data: bytes, name: str, source: str, limits: Limits | None, notes: list[str]) -> list[Article]:
    """The articles a reader finds in ``data`` as if it were a file called ``name``; each article's
    ``source`` says where it came from (``source`` and what the reader appended)."""
    with tempfile.TemporaryDirectory(prefix="backchannel-watch-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        found = list(read_file(path, limits, on_skip=lambda e: notes.append(f"{source}: {e.reason}")))
    return [dataclasses.replace(a, source=(a.source or "").replace(str(path), source)) for a in found]


def with_page(entry: Article, fetcher: Fetcher, limits: Limits | None, notes: list[str]) -> Article | None:
    """The entry with its page's main text (step 4); None when it should wait for the next poll."""
    if not entry.url:
        return entry
    try:
        got = fetcher.get(entry.url)
    except FetchError as exc:
        notes.append(f"{entry.url}: {exc.reason}")
        return None if exc.retryable else entry
    kind = got.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if got.status != 200 or kind not in _HTML_TYPES:
        notes.append(f"{entry.url}: HTTP {got.status} {kind or 'without a type'}; the feed's text is used")
        return entry
    try:
        (page,) = read_bytes(got.body, "page.html", entry.url, limits, notes)
    except (InputError, ValueError) as exc:
        notes.append(f"{entry.url}: {getattr(exc, 'reason', exc)}; the feed's text is used")
        return entry
    return dataclasses.replace(
        entry, text=page.text, title=entry.title or page.title, outlet=entry.outlet or page.outlet,
        published=entry.published or page.published, source=entry.url,
    )  # fmt: skip
