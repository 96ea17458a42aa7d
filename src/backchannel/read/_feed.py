"""RSS and Atom feeds: one article per entry.

    id         the entry's id/guid made safe (``_fields.safe_id``), else a hash of its link
    text       the fullest of its contents and summary, HTML turned into plain text
    title      the entry title (tags removed)
    url        the entry link, when it is a web address
    outlet     the feed title
    published  the entry's published (else updated) date, as ISO 8601 (below)

The date keeps the offset and precision the feed gives: an ISO date or timestamp is kept as
written, an RFC 822 date ("Tue, 05 Mar 2024 23:30:00 -0500") becomes ISO with its own offset.
feedparser's parsed struct is in UTC, which can move an evening story to the next day and so
shift every "on Tuesday" resolved against it; it is used only when nothing else parses, and the
original string is kept when even that fails. ``Article.source`` is ``path#entry<N>``.
"""

from __future__ import annotations

import email.utils
import io
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser

from backchannel.errors import UnreadableInput
from backchannel.model import Article
from backchannel.read._deadline import call_with_deadline
from backchannel.read._decode import looks_binary, split_bom
from backchannel.read._fields import safe_id, short_hash
from backchannel.read._html import fragment_text, plain_text
from backchannel.read._io import read_bytes
from backchannel.read._limits import Limits
from backchannel.read._report import OnSkip, describe, note

_ISO_START = re.compile(r"\d{4}-\d{2}")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_feed(path: Path, limits: Limits, on_skip: OnSkip) -> Iterator[Article]:
    source = str(path)
    data = read_bytes(path, limits.max_document_bytes, "max_document_bytes")
    if not data.strip():
        raise UnreadableInput(source, "empty file")
    body, bom = split_bom(data)
    if bom in (None, "utf-8") and looks_binary(body):
        raise UnreadableInput(source, "binary file, not text")
    # A stream, never str or bytes: feedparser fetches a string that looks like a URL, and opens
    # str or bytes that name an existing file.
    parsed = call_with_deadline(_parse, data, seconds=limits.max_document_seconds, source=source)
    if not parsed.entries:
        reason = (
            f"not a readable RSS or Atom feed ({parsed.problem})"
            if parsed.problem
            else "no entries in the feed"
        )
        raise UnreadableInput(source, reason)
    if parsed.problem:
        note(source, f"the feed is not well-formed ({parsed.problem}); read leniently")
    outlet = _plain(parsed.title_detail) or None
    return _entries(source, parsed.entries, outlet, limits.max_document_seconds, on_skip)


def _entries(
    source: str, entries: list[Any], outlet: str | None, seconds: float, on_skip: OnSkip
) -> Iterator[Article]:
    for number, entry in enumerate(entries, start=1):
        where = f"{source}#entry{number}"
        try:  # an entry's HTML is parsed on its own, with its own deadline
            text = call_with_deadline(_fullest_text, entry, seconds=seconds, source=where)
        except UnreadableInput as error:
            on_skip(error)
            continue
        if not text:
            on_skip(UnreadableInput(where, "the entry has no text (no content and no summary)"))
            continue
        link = entry.get("link") or ""
        url = link if "://" in link else None
        title = _plain(entry.get("title_detail")) or None
        yield Article(
            id=_entry_id(entry, url, title, text),
            text=text,
            title=title,
            url=url,
            outlet=outlet,
            published=_published(entry),
            source=where,
        )


@dataclass(frozen=True, slots=True)
class _Parsed:
    """What the reader needs of feedparser's result, in plain values that cross between processes."""

    entries: list[Any]
    title_detail: Any
    problem: str | None  # why the feed is not well-formed, when it is not


def _parse(data: bytes) -> _Parsed:
    """feedparser's reading of the feed (run in the deadline worker)."""
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser is lenient, but its fallback parsers are not always
        raise UnreadableInput("feed", f"cannot parse the feed ({describe(exc)})") from exc
    problem = describe(parsed.bozo_exception) if parsed.get("bozo") else None
    return _Parsed(list(parsed.entries), parsed.feed.get("title_detail"), problem)


def _fullest_text(entry: Any) -> str:
    candidates = [*entry.get("content", []), entry.get("summary_detail")]
    texts = [_plain(c, fragment_text) for c in candidates if c]
    return max(texts, key=len, default="")


def _plain(detail: Any, convert: Callable[[str], str] = plain_text) -> str:
    """The plain text of a feedparser text construct (``{"type": ..., "value": ...}``)."""
    if not detail:
        return ""
    value = str(detail.get("value") or "")
    if detail.get("type") in _HTML_TYPES:
        return convert(value)
    return value.strip()


def _entry_id(entry: Any, url: str | None, title: str | None, text: str) -> str:
    raw = entry.get("id")
    if isinstance(raw, str) and raw.strip():
        return safe_id(raw.strip(), "entry")
    if url:
        return f"entry-{short_hash(url)}"
    return f"entry-{short_hash(title or '', text)}"


def _published(entry: Any) -> str | None:
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        raw = raw.strip()
        if _ISO_START.match(raw):
            return raw
        try:
            return email.utils.parsedate_to_datetime(raw).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
        return raw
    return None
