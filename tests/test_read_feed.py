"""RSS and Atom: one article per entry, the fullest text, dates with their own offset."""

from __future__ import annotations

from pathlib import Path

import pytest

from backchannel.errors import InputError, UnreadableInput
from backchannel.read import read_file
from backchannel.read._html import plain_text

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def collect(path: Path) -> tuple[list, list[InputError]]:
    skipped: list[InputError] = []
    return list(read_file(path, on_skip=skipped.append)), skipped


def test_read_feed_rss_entries() -> None:
    path = FIXTURES / "feed.rss"
    articles, skipped = collect(path)
    assert [a.title for a in articles] == ["Leaders talk by phone", "Port reopens"]
    call, port = articles
    # content:encoded is fuller than the description, and its paragraphs stay apart
    assert call.text == (
        "The two leaders spoke by phone for an hour on Tuesday, the presidential office said in a statement.\n"
        "They discussed energy supplies and the summit in Vilnius."
    )
    assert port.text == "The port of Klaipeda reopened after a two-day strike."
    assert call.outlet == port.outlet == "Baltic Desk"
    assert call.url == "https://baltic.example/2024/03/05/leaders-talk"
    assert call.source == f"{path}#entry1"
    # the evening of the 5th in New York stays the 5th (in UTC it would be the 6th)
    assert call.published == "2024-03-05T23:30:00-05:00"
    assert port.published == "2024-03-04T09:00:00+02:00"
    # the guid made safe; without a guid, a hash of the link
    assert call.id.startswith("baltic.example-2024-03-05-leaders-talk-")
    assert port.id.startswith("entry-") and len(port.id) == len("entry-") + 12
    assert [(e.source, e.reason) for e in skipped] == [
        (f"{path}#entry3", "the entry has no text (no content and no summary)")
    ]


def test_read_feed_atom_entries() -> None:
    (grain, review), skipped = collect(FIXTURES / "feed.atom")
    assert skipped == []
    assert grain.title == "Ministers meet over grain corridor"  # type="html" title, tags removed
    assert grain.published == "2023-05-17T09:40:00+03:00"
    assert grain.url == "https://courier.example/world/grain-corridor-talks"
    assert review.url is None  # its only "link" would be the tag: id
    assert review.published == "2023-05"  # the month stays a month
    assert review.outlet == "Harbour Courier"
    assert grain.id != review.id


def test_read_feed_ids_are_stable() -> None:
    first = [a.id for a in read_file(FIXTURES / "feed.rss")]
    second = [a.id for a in read_file(FIXTURES / "feed.rss")]
    assert first == second


def test_read_feed_that_is_not_xml_is_unreadable() -> None:
    with pytest.raises(UnreadableInput, match="not a readable RSS or Atom feed"):
        read_file(FIXTURES / "not_xml.rss")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<rss version='2.0'><channel><title>Empty</title></channel></rss>", "no entries in the feed"),
        ("<html><body><p>A web page, not a feed.</p></body></html>", "no entries"),
        ("", "empty file"),
        ("\x00\x01\x02<rss>", "binary file, not text"),
    ],
)
def test_read_feed_without_entries_is_unreadable(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UnreadableInput, match=reason):
        read_file(path)


def test_read_feed_content_naming_a_file_does_not_open_it(tmp_path: Path) -> None:
    path = tmp_path / "pointer.rss"
    path.write_text(str(FIXTURES / "feed.rss"), encoding="utf-8")  # feedparser would open a path it is given
    with pytest.raises(UnreadableInput, match="not a readable RSS or Atom feed"):
        read_file(path)


def test_read_feed_date_only_and_unparseable_dates_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "dates.xml"
    path.write_text(
        "<rss version='2.0'><channel><title>D</title>"
        "<item><title>a</title><description>Talks on the border.</description><pubDate>2024-02-29</pubDate></item>"
        "<item><title>b</title><description>More talks.</description><pubDate>sometime in spring</pubDate></item>"
        "<item><title>c</title><description>Even more talks.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    assert [a.published for a in read_file(path)] == ["2024-02-29", "sometime in spring", None]


def test_read_feed_plain_text_keeps_paragraph_breaks() -> None:
    fragment = "<h2>Head</h2><p>One <b>bold</b>\n  word.</p><ul><li>first</li><li>second</li></ul>tail<script>x()</script>"
    assert plain_text(fragment) == "Head\nOne bold word.\nfirst\nsecond\ntail"
    assert plain_text("<p>a<!-- note -->b</p>") == "ab"
    assert (
        plain_text("<p>Two\n   lines,\tone paragraph.</p><p>Next.</p>") == "Two lines, one paragraph.\nNext."
    )
    assert plain_text("   ") == ""
