"""detect_format: the extension first, the first bytes for files without one."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from backchannel.errors import UnknownFormat, UnreadableInput
from backchannel.read import FORMATS, detect_format


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.jsonl", "jsonl"),
        ("a.NDJSON", "jsonl"),
        ("a.json", "jsonl"),
        ("a.jsonl.gz", "jsonl"),
        ("a.txt", "text"),
        ("a.TXT", "text"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.rss", "feed"),
        ("a.atom", "feed"),
        ("a.warc", "warc"),
        ("a.warc.gz", "warc"),
        ("a.arc", "warc"),
    ],
)
def test_read_detect_by_extension(name: str, expected: str) -> None:
    # the extension decides without opening the file
    assert detect_format(Path("/nonexistent") / name) == expected
    assert expected in FORMATS


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"id": "1", "text": "x"}\n', "jsonl"),
        (b'\xef\xbb\xbf  [{"id": "1", "text": "x"}]', "jsonl"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"<p>Just a fragment of HTML.</p>", "html"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "feed"),
        (b'<?xml version="1.0"?>\n<!-- a feed -->\n<feed xmlns="http://www.w3.org/2005/Atom"/>', "feed"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n"), "warc"),
        (gzip.compress(b'{"id": "1", "text": "x"}\n'), "jsonl"),
        ("Plain prose, Zürich.\n".encode(), "text"),
        ("Plain prose in Latin-1, Zürich.\n".encode("latin-1"), "text"),
    ],
)
def test_read_detect_extensionless_by_content(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "README"
    path.write_bytes(content)
    assert detect_format(path) == expected


@pytest.mark.parametrize(
    ("content", "error", "reason"),
    [
        (b"", UnreadableInput, "empty file"),
        (b"\x00\x00\x01binary", UnreadableInput, "binary file"),
        (gzip.compress(b"plain text, gzipped"), UnknownFormat, "neither JSON Lines nor a WARC"),
        (b'<?xml version="1.0"?><config><a/></config>', UnknownFormat, "not an RSS or Atom feed"),
    ],
)
def test_read_detect_extensionless_unusable(tmp_path: Path, content: bytes, error: type, reason: str) -> None:
    path = tmp_path / "blob"
    path.write_bytes(content)
    with pytest.raises(error, match=reason):
        detect_format(path)


def test_read_detect_xml_must_be_a_feed(tmp_path: Path) -> None:
    feed = tmp_path / "news.xml"
    feed.write_text("<rss version='2.0'><channel><title>x</title></channel></rss>", encoding="utf-8")
    assert detect_format(feed) == "feed"
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text("<urlset><url><loc>https://x.example/</loc></url></urlset>", encoding="utf-8")
    with pytest.raises(UnknownFormat, match="not an RSS or Atom feed"):
        detect_format(sitemap)


@pytest.mark.parametrize("name", ["report.pdf", "notes.md", "data.csv", "archive.zip", "x.gz"])
def test_read_detect_unknown_extension(name: str) -> None:
    with pytest.raises(UnknownFormat, match=r"no reader for \.\w+ files; readable are .*\.jsonl") as caught:
        detect_format(Path(name))
    assert "\n" not in str(caught.value)  # one line
