"""HTML pages: trafilatura's main text, metadata, and a publication date as precise as the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.errors import UnreadableInput
from backchannel.model import Article
from backchannel.read import read_file

FIXTURES = Path(__file__).parent / "fixtures" / "read"

PARAGRAPHS = (
    "<p>The foreign ministers of the two countries met in Vienna on Thursday and agreed to reopen "
    "the consulates that were closed last year.</p>"
    "<p>A joint statement said technical teams would meet within a month to settle the details.</p>"
)


def page(head: str = "", body: str = PARAGRAPHS) -> str:
    return f"<html><head>{head}</head><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"


def read_page(tmp_path: Path, html: str, name: str = "page.html") -> Article:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    (article,) = read_file(path)
    return article


def test_read_html_main_text_and_metadata() -> None:
    (article,) = read_file(FIXTURES / "summit.html")
    assert article.id == "summit"
    assert article.title == "Ministers meet in Tallinn over grain corridor"
    assert article.outlet == "The Harbour Courier"
    assert article.url == "https://courier.example/world/2023/05/17/grain-corridor-talks"
    assert article.published == "2023-05-17T09:40:00+03:00"
    assert "The foreign ministers of Estonia and Finland met in Tallinn on Tuesday" in article.text
    assert "“We will not let our sea lanes become a bargaining chip,”" in article.text
    for boilerplate in (
        "Most read",
        "All rights reserved",
        "Sign up for our morning briefing",
        "Finally some sense",
    ):
        assert boilerplate not in article.text  # aside, footer, newsletter box, comments


def test_read_html_month_precision_is_kept() -> None:
    (article,) = read_file(FIXTURES / "month.html")
    assert article.published == "2024-12"  # trafilatura alone would invent a day
    assert "Patrols along the northern border were reduced twice this year" in article.text


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta name="date" content="2022-02-09">', PARAGRAPHS, "2022-02-09"),
        (
            '<script type="application/ld+json">'
            + json.dumps(
                {
                    "@context": "https://schema.org",
                    "@graph": [{"@type": "NewsArticle", "datePublished": "2020-11"}],
                }
            )
            + "</script>",
            PARAGRAPHS,
            "2020-11",
        ),
        (
            "",
            '<p><time pubdate datetime="2019-07-04T10:00">July 4</time></p>' + PARAGRAPHS,
            "2019-07-04T10:00",
        ),
        ("", '<p class="dateline">2021-05-04</p>' + PARAGRAPHS, "2021-05-04"),  # trafilatura's, written so
        ('<link rel="canonical" href="https://x.example/2021/05/04/story">', PARAGRAPHS, None),  # not written
        ("", PARAGRAPHS, None),
    ],
)
def test_read_html_published_as_the_page_states_it(
    tmp_path: Path, head: str, body: str, expected: str | None
) -> None:
    assert read_page(tmp_path, page(head, body)).published == expected


def test_read_html_meta_wins_over_time_element(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2021-09-22T18:00:00Z">'
    body = '<p>Updated <time datetime="2021-09-23">yesterday</time></p>' + PARAGRAPHS
    assert read_page(tmp_path, page(head, body)).published == "2021-09-22T18:00:00Z"


def test_read_html_no_text_is_unreadable() -> None:
    with pytest.raises(UnreadableInput, match="no article text in the HTML"):
        read_file(FIXTURES / "no_text.html")


@pytest.mark.parametrize(
    "html", ["<html></html>", "<html><body><script>var a = 1;</script></body></html>", "<<<>>>"]
)
def test_read_html_degenerate_pages_are_unreadable(tmp_path: Path, html: str) -> None:
    path = tmp_path / "bad.html"
    path.write_text(html, encoding="utf-8")
    with pytest.raises(UnreadableInput):
        read_file(path)


def test_read_html_sidecar_overrides_page_metadata(tmp_path: Path) -> None:
    html = page('<title>Page title</title><meta property="article:published_time" content="2020-01-01">')
    (tmp_path / "story.html").write_text(html, encoding="utf-8")
    sidecar = {"id": "vienna-1", "title": "Sidecar title", "published": "2020-01"}
    (tmp_path / "story.json").write_text(json.dumps(sidecar), encoding="utf-8")
    (article,) = read_file(tmp_path / "story.html")
    assert (article.id, article.title, article.published) == ("vienna-1", "Sidecar title", "2020-01")
    assert "met in Vienna on Thursday" in article.text


def test_read_html_extraction_is_deterministic() -> None:
    first = [a.text for a in read_file(FIXTURES / "summit.html")]
    second = [a.text for a in read_file(FIXTURES / "summit.html")]
    assert first == second
