"""Which reader a file needs: by its extension, else by its first bytes."""

from __future__ import annotations

import re
from pathlib import Path

from backchannel.errors import UnknownFormat, UnreadableInput
from backchannel.read._decode import looks_binary, split_bom
from backchannel.read._io import GZIP_MAGIC, gunzip_head, head

FORMATS: tuple[str, ...] = ("jsonl", "text", "html", "feed", "warc")

# Longest suffixes first: ".warc.gz" must win over a bare ".gz".
_BY_SUFFIX: tuple[tuple[str, str], ...] = (
    (".jsonl.gz", "jsonl"),
    (".ndjson.gz", "jsonl"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "jsonl"),
    (".txt", "text"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".rss", "feed"),
    (".atom", "feed"),
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".arc.gz", "warc"),
    (".arc", "warc"),
)
_KNOWN = ".jsonl, .ndjson, .json, .txt, .html, .htm, .rss, .atom, .xml (a feed), .warc, .warc.gz, .arc"
_FIRST_TAG = re.compile(r"<(?![?!])([a-z][a-z0-9:._-]{0,40})")


def detect_format(path: str | Path) -> str:
    """One of ``FORMATS`` for ``path``.

    The extension decides (case-insensitive); an ``.xml`` file must hold an RSS or Atom feed;
    a file without an extension is recognised by its first 64 KiB. Raises ``UnknownFormat`` when
    no reader fits, ``UnreadableInput`` when the file cannot be read or is empty or binary.
    """
    path = Path(path)
    name = path.name.lower()
    for suffix, fmt in _BY_SUFFIX:
        if name.endswith(suffix):
            return fmt
    if name.endswith(".xml"):
        if sniff(head(path), str(path)) == "feed":
            return "feed"
        raise UnknownFormat(str(path), "an XML file that is not an RSS or Atom feed")
    if not path.suffix:
        return _sniff_file(path)
    raise UnknownFormat(str(path), f"no reader for {path.suffix} files; readable are {_KNOWN}")


def _sniff_file(path: Path) -> str:
    data = head(path)
    if not data.startswith(GZIP_MAGIC):
        return sniff(data, str(path))
    fmt = sniff(gunzip_head(data, str(path)), str(path))
    if fmt not in ("jsonl", "warc"):
        raise UnknownFormat(str(path), "a gzip file holding neither JSON Lines nor a WARC; decompress it")
    return fmt


def sniff(data: bytes, source: str) -> str:
    """The format the first bytes of a file show."""
    if not data.strip():
        raise UnreadableInput(source, "empty file")
    if data.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    body, bom = split_bom(data)
    if bom in (None, "utf-8") and looks_binary(body):
        raise UnreadableInput(source, "binary file, not text")
    start = body.decode(bom or "utf-8", errors="replace").lstrip()
    if start[:1] in ("{", "["):
        return "jsonl"
    if start.startswith("<"):
        low = start[:4096].lower()
        tag = _FIRST_TAG.search(low)
        root = tag.group(1) if tag else ""
        if root in ("rss", "feed", "rdf:rdf"):
            return "feed"
        if root == "html" or low.startswith("<!doctype html") or not low.startswith("<?xml"):
            return "html"
        raise UnknownFormat(source, "an XML file that is not an RSS or Atom feed")
    return "text"
