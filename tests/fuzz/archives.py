"""Hostile WARC/ARC archives and folder trees.

WARC records are written by hand rather than with warcio's writer, so that a record can lie
about its length, and so that the same draw gives the same bytes (no random record ids, no
current time).
"""

from __future__ import annotations

import gzip
import hashlib
from typing import Any

from hypothesis import strategies as st

from fuzz.hostile import jsonl_files, mixed_bytes, mutated, text_files
from fuzz.markup import feed_files, html_files, page

KINDS = ["response", "resource", "request", "metadata", "revisit", "warcinfo", "bogus"]
STATUSES = ["200 OK", "404 Not Found", "302 Found", "200", "999 Odd", ""]
TYPES = ["text/html", "text/html; charset=koi8-r", "text/plain", "application/xhtml+xml", "image/png", ""]


def warc_record(kind: str, uri: str, block: bytes, content_type: str, length: int | None = None) -> bytes:
    record_id = hashlib.sha1(uri.encode("utf-8", "replace") + block).hexdigest()
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block) if length is None else length}\r\n\r\n"
    )
    return head.encode("utf-8", "replace") + block + b"\r\n\r\n"


@st.composite
def payload(draw: Any) -> bytes:
    if draw(st.booleans()):
        return draw(page()).encode("utf-8", "replace")
    return draw(mixed_bytes())


@st.composite
def record(draw: Any) -> bytes:
    kind = draw(st.sampled_from(["response"] * 4 + KINDS))
    body = draw(payload())
    uri = draw(st.sampled_from(["http://example.com/a", "", "not a uri", "http://[::1]:99999/x"]))
    if kind == "response":
        status = draw(st.sampled_from(["200 OK"] * 4 + STATUSES))
        ctype = draw(st.sampled_from(["text/html"] * 4 + TYPES))
        encoding = draw(
            st.sampled_from(["", "", "Content-Encoding: gzip\r\n", "Transfer-Encoding: chunked\r\n"])
        )
        http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{encoding}\r\n".encode()
        block, ctype = http + body, "application/http; msgtype=response"
    else:
        block, ctype = body, draw(st.sampled_from(TYPES))
    length = None  # the true length, unless the record lies about it
    if draw(st.integers(0, 3)) == 0:
        length = draw(st.integers(-5, len(block) + 100) | st.sampled_from([10**18, 2**31, 2**64]))
    return warc_record(kind, uri, block, ctype, length)


@st.composite
def warc_files(draw: Any) -> tuple[str, bytes]:
    records = draw(st.lists(record(), max_size=5))
    name = draw(st.sampled_from(["a.warc", "a.warc.gz", "a.arc", "noext"]))
    if name.endswith(".gz"):
        data = b"".join(gzip.compress(r, mtime=0) for r in records)
    elif name == "a.arc":
        data = b"filedesc://a.arc 0.0.0.0 20240101000000 text/plain 70\n" + draw(mixed_bytes())
    else:
        data = b"".join(records) or b"WARC/1.0\r\n"
    return name, data if draw(st.booleans()) else draw(mutated(data))


# ------------------------------------------------------------------------------------------
# Folders
# ------------------------------------------------------------------------------------------

NAMES = ["a", "b.c", ".hidden", "é", "with space", "x" * 200, "-", "CON", "a.json", "a.b.txt"]
SUFFIXES = ["", ".txt", ".html", ".json", ".jsonl", ".jsonl.gz", ".rss", ".atom", ".xml", ".warc",
            ".warc.gz", ".arc", ".gz", ".pdf", ".TXT", ".Html"]  # fmt: skip


@st.composite
def any_document(draw: Any) -> bytes:
    choice = draw(st.integers(0, 5))
    if choice == 0:
        return draw(jsonl_files())[1]
    if choice == 1:
        return draw(text_files())[1]
    if choice == 2:
        return draw(html_files())[1]
    if choice == 3:
        return draw(feed_files())[1]
    if choice == 4:
        return draw(warc_files())[1]
    return draw(mixed_bytes())


@st.composite
def folder_entry(draw: Any) -> tuple[str, str, bytes]:
    """``(relative path, kind, content)``; kind is file, dir, fifo, loop (a symlink up) or dangling."""
    parts = draw(st.lists(st.sampled_from(["sub", "deep", ".dot", "z"]), max_size=3))
    name = draw(st.sampled_from(NAMES)) + draw(st.sampled_from(SUFFIXES))
    kind = draw(st.sampled_from(["file"] * 8 + ["dir", "fifo", "loop", "dangling"]))
    content = draw(any_document()) if kind == "file" else b""
    return "/".join([*parts, name]), kind, content


folder_trees = st.lists(folder_entry(), min_size=1, max_size=6)
