"""WARC and ARC files, plain or gzipped, streamed record by record with warcio.

    response  with HTTP status 200 and an HTML content type: extracted as an ``.html`` file is
    resource  ``text/html``: the same; ``text/plain``: the text as decoded
    others    (requests, metadata, images, redirects, revisits): passed over without a word

``url`` is the WARC-Target-URI; ``id`` is ``warc-`` and a hash of that URL and the payload
digest; ``published`` comes from the page only, as the WARC-Date is when the page was crawled,
not when it was published. ``Article.source`` is ``path#offset<N>`` (the record's byte offset).

A record that is too large, binary, cut short or without text is skipped with a reason. When the
archive itself breaks off (truncated download, corrupt gzip member), the records read so far
are kept and the rest is reported as one skip.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from backchannel.errors import InputError, UnreadableInput
from backchannel.model import Article
from backchannel.read._decode import decode
from backchannel.read._fields import short_hash
from backchannel.read._html import declared_charset, extract_page
from backchannel.read._io import GZIP_MAGIC, cannot_read, file_size, gunzip_head, head
from backchannel.read._limits import Limits, human_bytes
from backchannel.read._report import OnSkip, describe

_HTML = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.IGNORECASE)
_CHUNK = 64 * 1024


def read_warc(path: Path, limits: Limits, on_skip: OnSkip) -> Iterator[Article]:
    source, size = str(path), file_size(path)
    if size == 0:
        raise UnreadableInput(source, "empty file")
    start = head(path, 4096)
    if start.startswith(GZIP_MAGIC):
        start = gunzip_head(start, source, 64)
    if not start.startswith((b"WARC/", b"filedesc://")):
        raise UnreadableInput(
            source, "no WARC records: not a WARC or ARC file (no WARC/ or filedesc:// header)"
        )
    try:
        with path.open("rb") as fh:
            yield from _records(fh, source, size, start.startswith(b"filedesc://"), limits, on_skip)
    except OSError as exc:
        raise cannot_read(path, exc) from exc


def _records(
    fh: Any, source: str, size: int, arc: bool, limits: Limits, on_skip: OnSkip
) -> Iterator[Article]:
    # arc2warc only for ARC files: with it, warcio also takes stray text lines for ARC records.
    archive = ArchiveIterator(fh, arc2warc=arc)
    records, parsed, offset = iter(archive), 0, 0
    broken: str | None = None
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio raises many kinds of error on corrupt input
            broken = describe(exc)
            break
        offset, parsed = archive.offset, parsed + 1  # where this record starts
        try:
            article = _article(record, f"{source}#offset{offset}", limits)
        except InputError as error:
            on_skip(error)
            continue
        if article is not None:
            yield article
    if broken is None and archive.offset < size:
        broken = f"{size - archive.offset} bytes after the last whole record cannot be read"
    if parsed == 0:
        why = broken or "nothing in it"
        raise UnreadableInput(source, f"no WARC records: truncated, or not a WARC file ({why})")
    if broken is not None:
        where = f"{source}#offset{archive.offset}"
        reason = f"the archive breaks off here ({broken}); the {parsed} records before it were read"
        on_skip(UnreadableInput(where, reason))


def _article(record: Any, where: str, limits: Limits) -> Article | None:
    """The article in one record, None for a record that holds no page."""
    mime, charset = _content_type(record)
    if mime not in _HTML and not (record.rec_type == "resource" and mime == "text/plain"):
        return None
    data = _payload(record, where, limits)
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    digest = record.rec_headers.get_header("WARC-Payload-Digest") or hashlib.sha1(data).hexdigest()
    article_id = f"warc-{short_hash(uri or '', digest)}"
    if mime == "text/plain":
        return Article(article_id, decode(data, where, declared=charset), url=uri, source=where)
    html = decode(data, where, declared=charset or declared_charset(data))
    page = extract_page(html, where, url=uri, seconds=limits.max_document_seconds)
    return Article(article_id, page.text, page.title, uri, page.outlet, page.published, where)


def _content_type(record: Any) -> tuple[str, str | None]:
    """The media type and charset of a record's page; ``""`` for a record that holds no page."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            return "", None
        value = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        value = record.rec_headers.get_header("Content-Type") or ""
    else:
        return "", None
    charset = _CHARSET.search(value)
    return value.split(";", 1)[0].strip().lower(), charset.group(1) if charset else None


def _payload(record: Any, where: str, limits: Limits) -> bytes:
    """The record's payload (HTTP transfer and content encodings undone), read to its end."""
    limit = limits.max_document_bytes
    try:
        data = record.content_stream().read(limit + 1)
        while record.raw_stream.read(_CHUNK):  # to the end, so a short record shows
            pass
    except Exception as exc:  # a broken chunked or gzip body inside the record
        raise UnreadableInput(where, f"cannot read the record ({describe(exc)})") from exc
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise UnreadableInput(where, "the record is cut short (the archive is truncated)")
    if len(data) > limit:
        raise UnreadableInput(
            where, f"the page is over {human_bytes(limit)} (Limits.max_document_bytes); raise it to read it"
        )
    return data
