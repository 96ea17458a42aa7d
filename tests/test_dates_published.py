"""Publication dates from metadata, from the top of the page, from the URL, and inferred."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from backchannel.dates import infer_published, parse_published, published_from_page, published_from_url

D = dt.date


@pytest.mark.parametrize(
    ("value", "start", "end", "granularity"),
    [
        ("2021-03-31", D(2021, 3, 31), D(2021, 3, 31), "day"),
        ("2021-03-31T14:00:00Z", D(2021, 3, 31), D(2021, 3, 31), "day"),
        # The outlet's own calendar day: 23:30 in New York is already 1 April in UTC, but the page
        # was dated 31 March.
        ("2021-03-31T23:30:00-04:00", D(2021, 3, 31), D(2021, 3, 31), "day"),
        ("Wed, 31 Mar 2021 14:00:00 GMT", D(2021, 3, 31), D(2021, 3, 31), "day"),
        ("20211123", D(2021, 11, 23), D(2021, 11, 23), "day"),
        ("March 31, 2021", D(2021, 3, 31), D(2021, 3, 31), "day"),
        ("2024-12", D(2024, 12, 1), D(2024, 12, 31), "month"),  # a month stays a month
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month"),  # 2024 is a leap year
        ("2021", D(2021, 1, 1), D(2021, 12, 31), "year"),
    ],
)
def test_dates_published_parse(value: str, start: dt.date, end: dt.date, granularity: str) -> None:
    span = parse_published(value)
    assert span is not None
    assert (span.start, span.end, span.granularity, span.basis) == (start, end, granularity, "explicit")


@pytest.mark.parametrize("value", [None, "", "   ", "not a date", "last week", "Wednesday", "2021-13"])
def test_dates_published_parse_refuses(value: str | None) -> None:
    # Relative words cannot be a publication date: they need one to mean anything.
    assert parse_published(value) is None


PAGE_BST = """Milley: US should explore more military talks with Russia

The top U.S. military officer says America should explore ways to expand its military contacts

Via AP news wire
Friday 24 September 2021 05:19 BST
United States Russia
"""


@pytest.mark.parametrize(
    ("page", "words", "expected"),
    [
        (PAGE_BST, "Friday 24 September 2021 05:19 BST", D(2021, 9, 24)),
        ("Headline here\n\nPublished: November 23, 2021\n\nBody text.", "November 23, 2021", D(2021, 11, 23)),
        (
            "Headline\nUpdated 3:15 PM EST, Tue March 30, 2021\nText.",
            "3:15 PM EST, Tue March 30, 2021",
            D(2021, 3, 30),
        ),
        ("Headline\nMarch 31, 2021 at 5:00 p.m.\nText.", "March 31, 2021 at 5:00 p.m.", D(2021, 3, 31)),
        ("Headline\nBy Jane Doe | Sep 24, 2021\nText.", "Sep 24, 2021", D(2021, 9, 24)),
    ],
)
def test_dates_published_from_page(page: str, words: str, expected: dt.date) -> None:
    found = published_from_page(page)
    assert found is not None
    span, start, end = found
    assert (span.start, span.end, span.granularity) == (expected, expected, "day")
    assert page[start:end] == words


def test_dates_published_from_page_prefers_published_to_updated() -> None:
    page = "Headline\nUpdated: April 2, 2021\nPublished: March 31, 2021\nText."
    found = published_from_page(page)
    assert found is not None and found[0].start == D(2021, 3, 31)


def test_dates_published_from_page_first_printing_beats_update() -> None:
    # A bare time stamp under the headline is when the page appeared; the update came later.
    page = "Headline\nMarch 31, 2021 5:00 PM\nLast updated: April 2, 2021\nText."
    found = published_from_page(page)
    assert found is not None and found[0].start == D(2021, 3, 31)
    # With only an update printed, the update is the best evidence there is.
    found = published_from_page("Headline\nUpdated April 2, 2021\nText.")
    assert found is not None and found[0].start == D(2021, 4, 2)


def test_dates_published_from_page_ignores_body_dates() -> None:
    # A date in a lead sentence is what the story is about, not when it was published ...
    lead = (
        "Headline\n\nGen. Milley, who last spoke with Gerasimov on March 3, 2021, said the talks went well.\n"
    )
    assert published_from_page(lead) is None
    # ... and a cue far down the page is outside the head we read.
    deep = "Headline\n" + "A line of body text.\n" * 12 + "Published: March 31, 2021\n"
    assert published_from_page(deep) is None


def test_dates_published_from_page_dateline_needs_a_year() -> None:
    page = "MOSCOW, March 31 (Reuters) - Russia said on Wednesday that"
    assert published_from_page(page) is None
    found = published_from_page(page, year=2021)
    assert found is not None
    span, start, end = found
    assert span.start == D(2021, 3, 31) and span.basis == "inferred"
    assert page[start:end] == "March 31"
    assert published_from_page("WASHINGTON (AP) — The United States said") is None


@pytest.mark.parametrize(
    ("url", "start", "end", "granularity"),
    [
        (
            "https://theragingpatriot.org/2021/11/23/breaking-gen-mark-milley-talks/",
            D(2021, 11, 23),
            D(2021, 11, 23),
            "day",
        ),
        (
            "https://example.blogspot.com/2024/12/russian-general-makes-rare-call.html",
            D(2024, 12, 1),
            D(2024, 12, 31),
            "month",
        ),
        ("https://example.com/news/20211123/story", D(2021, 11, 23), D(2021, 11, 23), "day"),
        ("https://example.com/world/story-2021-03-31-milley", D(2021, 3, 31), D(2021, 3, 31), "day"),
        ("https://www.example.co.uk/world/2021/nov/23/story", D(2021, 11, 23), D(2021, 11, 23), "day"),
    ],
)
def test_dates_published_from_url(url: str, start: dt.date, end: dt.date, granularity: str) -> None:
    span = published_from_url(url)
    assert span is not None
    assert (span.start, span.end, span.granularity, span.basis) == (start, end, granularity, "inferred")


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://thehill.com/policy/defense/545842-top-us-military-officer",
        "https://x.com/2021/13/40/x",
    ],
)
def test_dates_published_from_url_none(url: str | None) -> None:
    assert published_from_url(url) is None


def test_dates_published_infer_from_url_first() -> None:
    span = infer_published("Talks were held on March 3, 2020.", "https://x.com/2024/12/story.html")
    assert span is not None and span.granularity == "month" and span.start == D(2024, 12, 1)


def test_dates_published_infer_from_latest_reported_date() -> None:
    # The latest explicit date reported is 26 March 2021; the scheduled May 2026 vote is future and
    # says nothing about when the article appeared. So: 26 March to 26 April (31 days after).
    text = (
        "The ceasefire agreed in July 2020 was broken on March 26, 2021. Elections will be held in May 2026."
    )
    span = infer_published(text, None)
    assert span is not None
    assert (span.start, span.end, span.granularity, span.basis) == (
        D(2021, 3, 26),
        D(2021, 4, 26),
        "month",
        "inferred",
    )


def test_dates_published_infer_dateline_takes_year_from_reports() -> None:
    # The dateline gives 31 March; the text reports 26 March 2021, so the dateline is 31 March 2021.
    text = "MOSCOW, March 31 (Reuters) - Shelling on March 26, 2021 killed four soldiers."
    span = infer_published(text, None)
    assert span is not None and (span.start, span.end, span.basis) == (
        D(2021, 3, 31),
        D(2021, 3, 31),
        "inferred",
    )


def test_dates_published_infer_without_evidence() -> None:
    assert infer_published("Milley spoke with Gerasimov on Wednesday.", None) is None


def test_dates_published_seed_page_with_bst_line(shared: Path) -> None:
    # The seed page of the Independent prints its date under the headline; the gold notes say it
    # was published Friday 2021-09-24.
    lines = (shared / "eval" / "seeds" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    article = next(a for a in map(json.loads, lines) if a["id"].startswith("004_"))
    found = published_from_page(article["text"].replace("\u00a0", " "))
    assert found is not None and found[0].start == D(2021, 9, 24)
