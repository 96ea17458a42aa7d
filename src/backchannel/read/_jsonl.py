"""JSON Lines of articles (also gzipped), and ``.json`` files holding one article or a list.

A line is one article object (see ``_fields``). A bad line is skipped with a reason naming
``path:line`` and the other lines are still read; lines are read one at a time and a line over
``Limits.max_line_bytes`` is never held whole. ``Article.source`` is ``path#L<line>``, and an
article without an ``id`` gets ``<file stem>-<line>``.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from backchannel.errors import InputError, UnreadableInput
from backchannel.model import Article
from backchannel.read._decode import decode, decode_text, looks_binary, split_bom
from backchannel.read._fields import article_from_object, json_kind
from backchannel.read._io import GZIP_MAGIC, file_size, file_stem, gunzip_head, head, read_bytes
from backchannel.read._limits import Limits, human_bytes
from backchannel.read._report import OnSkip, describe

_DISCARD_CHUNK = 1024 * 1024
# Extensions whose files are always read line by line, even when they start with "[".
_LINES_ONLY = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def read_json(path: Path, limits: Limits, on_skip: OnSkip) -> Iterator[Article]:
    """Articles of a JSON Lines file, or of a ``.json`` document (one object or a list of them)."""
    source = str(path)
    raw = head(path)
    gzipped = raw.startswith(GZIP_MAGIC)
    sample, bom = split_bom(gunzip_head(raw, source) if gzipped else raw)
    if bom not in (None, "utf-8"):
        raise UnreadableInput(source, f"{bom} JSON is not supported; save the file as UTF-8")
    if looks_binary(sample):
        raise UnreadableInput(source, "binary file, not text")
    first = sample.lstrip()[:1]
    if not gzipped and first in (b"[", b"{") and not path.name.lower().endswith(_LINES_ONLY):
        document = _whole_document(path, limits, first == b"[")
        if document is not None:
            return _document_articles(path, document, on_skip)
    return _lines(path, gzipped, limits, on_skip)


def _whole_document(path: Path, limits: Limits, is_list: bool) -> Any | None:
    """The parsed document; None when it is JSON Lines after all (its first line is an object)."""
    source = str(path)
    if not is_list and file_size(path) > limits.max_document_bytes:
        return None  # too big to be one article: read it as lines
    text = decode(read_bytes(path, limits.max_document_bytes, "max_document_bytes"), source)
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        if not is_list and _parses_as_object(text.split("\n", 1)[0]):
            return None
        raise UnreadableInput(source, _json_problem(exc)) from exc


def _document_articles(path: Path, document: Any, on_skip: OnSkip) -> Iterator[Article]:
    source, stem = str(path), file_stem(path)
    if isinstance(document, dict):
        yield article_from_object(document, source, stem)
        return
    if not isinstance(document, list):
        raise UnreadableInput(source, f"the JSON holds a {json_kind(document)}, not articles")
    if not document:
        raise UnreadableInput(source, "an empty JSON list")
    for number, item in enumerate(document, start=1):
        try:
            yield article_from_object(item, f"{source}#item{number}", f"{stem}-{number}")
        except InputError as error:
            on_skip(error)


def _lines(path: Path, gzipped: bool, limits: Limits, on_skip: OnSkip) -> Iterator[Article]:
    source, stem = str(path), file_stem(path)
    number, blank = 0, True
    try:
        with gzip.open(path, "rb") if gzipped else path.open("rb") as fh:
            while raw := fh.readline(limits.max_line_bytes + 1):
                number += 1
                if number == 1:
                    raw = split_bom(raw)[0]
                if len(raw) > limits.max_line_bytes and not raw.endswith(b"\n"):
                    _discard_rest_of_line(fh)
                    blank = False
                    on_skip(_too_long(f"{source}:{number}", limits))
                    continue
                if not raw.strip():
                    continue
                blank = False
                try:
                    yield _article(raw, source, stem, number)
                except InputError as error:
                    on_skip(error)
    except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt gzip stream, or a failing disk
        if blank:
            raise UnreadableInput(source, f"cannot read the file ({describe(exc)})") from exc
        reason = f"reading stopped here ({describe(exc)}); the lines before were read"
        on_skip(UnreadableInput(f"{source}:{number + 1}", reason))
        return
    if blank:
        raise UnreadableInput(source, "empty file")


def _article(raw: bytes, source: str, stem: str, number: int) -> Article:
    where = f"{source}:{number}"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = decode_text(raw, where)
    try:
        obj = json.loads(text.rstrip("\r\n"))  # so a cut line reads "unterminated", not "control character"
    except (ValueError, RecursionError) as exc:
        raise UnreadableInput(where, _json_problem(exc, in_line=True)) from exc
    return article_from_object(obj, f"{source}#L{number}", f"{stem}-{number}", where)


def _discard_rest_of_line(fh: BinaryIO | gzip.GzipFile) -> None:
    while chunk := fh.readline(_DISCARD_CHUNK):
        if chunk.endswith(b"\n"):
            return


def _too_long(where: str, limits: Limits) -> UnreadableInput:
    limit = human_bytes(limits.max_line_bytes)
    reason = f"line longer than {limit} (Limits.max_line_bytes); raise it to read this line"
    return UnreadableInput(where, reason)


def _parses_as_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _json_problem(exc: Exception, *, in_line: bool = False) -> str:
    if isinstance(exc, json.JSONDecodeError):
        where = f"column {exc.colno}" if in_line else f"line {exc.lineno}, column {exc.colno}"
        return f"invalid JSON ({exc.msg.removesuffix(' at')} at {where})"
    if isinstance(exc, RecursionError):
        return "invalid JSON (nested too deeply)"
    return f"invalid JSON ({exc})"
