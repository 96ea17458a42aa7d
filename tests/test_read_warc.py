"""WARC archives, written here with warcio: pages of 200 responses, text resources, and damage."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from backchannel.errors import InputError, UnreadableInput
from backchannel.read import Limits, read_file

CRAWLED = "2030-01-01T00:00:00Z"  # the WARC-Date: when it was crawled, never the publication date
STORY = (
    "<p>The defence ministers of Poland and Lithuania met in Vilnius on Monday to discuss air defence "
    "along the border, the Lithuanian ministry said.</p>"
    "<p>They agreed to hold a joint exercise in the autumn and to meet again in Warsaw.</p>"
)

Record = Callable[[WARCWriter], object]


def html_page(
    story: str = STORY, head: str = '<meta property="article:published_time" content="2022-10-03">'
) -> bytes:
    return f"<html><head><title>Ministers meet</title>{head}</head><body><article>{story}</article></body></html>".encode()


def response(
    uri: str, body: bytes, status: str = "200 OK", ctype: str = "text/html; charset=utf-8"
) -> Record:
    def make(writer: WARCWriter) -> object:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        return writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            length=len(body),  # a known length keeps warcio from spooling to an unclosed temp file
            http_headers=http,
            warc_headers_dict={"WARC-Date": CRAWLED},
        )

    return make


def resource(uri: str, body: bytes, ctype: str) -> Record:
    def make(writer: WARCWriter) -> object:
        return writer.create_warc_record(
            uri, "resource", payload=io.BytesIO(body), length=len(body), warc_content_type=ctype
        )

    return make


def request(uri: str) -> Record:
    def make(writer: WARCWriter) -> object:
        body = b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n"
        return writer.create_warc_record(uri, "request", payload=io.BytesIO(body), length=len(body))

    return make


def write_warc(path: Path, records: list[Record], gzip: bool = True) -> Path:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for make in records:
        writer.write_record(make(writer))
    path.write_bytes(buffer.getvalue())
    return path


def collect(path: Path, limits: Limits | None = None) -> tuple[list, list[InputError]]:
    skipped: list[InputError] = []
    return list(read_file(path, limits, on_skip=skipped.append)), skipped


MIXED = [
    request("https://news.example/2022/10/03/ministers"),
    response("https://news.example/2022/10/03/ministers", html_page()),
    response("https://news.example/missing", html_page(), status="404 Not Found"),
    response("https://news.example/moved", b"", status="301 Moved Permanently"),
    response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, ctype="image/png"),
    resource("file:///notes/statement.txt", b"Statement: the talks will continue next week.\n", "text/plain"),
    resource("file:///pages/brief.html", html_page(head=""), "text/html"),
]


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_read_warc_pages_from_responses_and_resources(tmp_path: Path, name: str, gzip: bool) -> None:
    path = write_warc(tmp_path / name, MIXED, gzip=gzip)
    articles, skipped = collect(path)
    assert skipped == []
    assert [a.url for a in articles] == [
        "https://news.example/2022/10/03/ministers",
        "file:///notes/statement.txt",
        "file:///pages/brief.html",
    ]
    page, statement, brief = articles
    assert "met in Vilnius on Monday" in page.text and "joint exercise in the autumn" in page.text
    assert page.title == "Ministers meet"
    assert page.published == "2022-10-03"
    assert statement.text == "Statement: the talks will continue next week.\n"
    assert statement.published is None
    assert brief.published is None  # no date in the page; the WARC-Date is not one
    for article in articles:
        assert re.fullmatch(r"warc-[0-9a-f]{12}", article.id)
        assert re.fullmatch(re.escape(str(path)) + r"#offset\d+", article.source or "")
    assert len({a.source for a in articles}) == 3


def test_read_warc_ids_depend_on_url_and_payload_only(tmp_path: Path) -> None:
    uri = "https://news.example/a"
    first = collect(write_warc(tmp_path / "1.warc.gz", [response(uri, html_page())]))[0]
    again = collect(write_warc(tmp_path / "2.warc", [request(uri), response(uri, html_page())], gzip=False))[
        0
    ]
    changed = collect(
        write_warc(tmp_path / "3.warc.gz", [response(uri, html_page(STORY + "<p>Update.</p>"))])
    )[0]
    elsewhere = collect(write_warc(tmp_path / "4.warc.gz", [response(uri + "b", html_page())]))[0]
    assert first[0].id == again[0].id
    assert len({first[0].id, changed[0].id, elsewhere[0].id}) == 3


def test_read_warc_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    pages = [response(f"https://news.example/{i}", html_page()) for i in range(4)]
    whole = write_warc(tmp_path / "whole.warc.gz", pages).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) * 5 // 8])
    articles, skipped = collect(cut)
    assert [a.url for a in articles] == ["https://news.example/0", "https://news.example/1"]
    assert len(skipped) == 1
    assert skipped[0].source.startswith(f"{cut}#offset")
    assert "read" in skipped[0].reason


@pytest.mark.parametrize("gzip", [True, False])
def test_read_warc_record_cut_short_is_skipped(tmp_path: Path, gzip: bool) -> None:
    pages = [response(f"https://news.example/{i}", html_page()) for i in range(2)]
    whole = write_warc(tmp_path / "whole.warc", pages, gzip=gzip).read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    cut.write_bytes(whole[:-60])  # inside the last record's payload
    articles, skipped = collect(cut)
    assert [a.url for a in articles] == ["https://news.example/0"]
    assert len(skipped) == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"This is not an archive at all.\n" * 20, "no WARC records"),
        (b"\x1f\x8b\x08\x00garbage-after-a-gzip-magic", "a broken gzip file"),
        (b"\x1f\x8b" + bytes(range(2, 200)), "a broken gzip file"),
    ],
)
def test_read_warc_unusable_archive(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data)
    with pytest.raises(UnreadableInput, match=reason):
        list(read_file(path))


def test_read_warc_bad_records_are_skipped_and_the_rest_read(tmp_path: Path) -> None:
    big = html_page("<p>" + "A very long story. " * 2000 + "</p>")
    path = write_warc(
        tmp_path / "some.warc.gz",
        [
            response("https://news.example/empty", b"<html><body><script>1</script></body></html>"),
            response("https://news.example/big", big),
            response("https://news.example/good", html_page()),
        ],
    )
    articles, skipped = collect(path, Limits(max_document_bytes=len(big) - 1))
    assert [a.url for a in articles] == ["https://news.example/good"]
    assert ["no article text in the HTML" in e.reason for e in skipped] == [True, False]
    assert "Limits.max_document_bytes" in skipped[1].reason


def test_read_warc_http_charset_is_used(tmp_path: Path) -> None:
    story = (
        "<p>Министры обороны встретились в Вильнюсе в понедельник и обсудили противовоздушную оборону.</p>"
        * 2
    )
    body = f"<html><body><article>{story}</article></body></html>".encode("cp1251")
    path = write_warc(
        tmp_path / "ru.warc.gz",
        [response("https://ru.example/a", body, ctype="text/html; charset=windows-1251")],
    )
    (article,) = read_file(path)
    assert "Министры обороны встретились в Вильнюсе" in article.text
