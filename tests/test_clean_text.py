"""Cleaning drops page furniture, keeps every article sentence, and maps back to the original."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from backchannel.clean import clean, normalise
from backchannel.model import Article

PAGE = """World

Generals hold a rare call as tensions rise

Photo: Jane Roe/Harbor Wire

Support truly
independent journalism

Our mission is to deliver unbiased, fact-based reporting that holds power to account.

Sam Okafor

Sam Okafor

WASHINGTON \u2014 The two\u00a0generals spoke by phone on Tuesday, officials said.

\u201cIt was useful,\u201d one official said.

Share this article

Leave a Reply

Thank you for registering
"""


def test_clean_text_drops_furniture_and_keeps_sentences() -> None:
    doc = clean(Article("a", PAGE, title="World"))
    assert "Support" not in doc.text and "Leave a Reply" not in doc.text and "Photo:" not in doc.text
    assert "Sam Okafor" not in doc.text  # a byline printed twice is page furniture
    assert "registering" not in doc.text and "Share this article" not in doc.text
    assert "The two generals spoke by phone on Tuesday, officials said." in doc.text
    assert '"It was useful," one official said.' in doc.text


def test_clean_text_title_skips_a_section_label() -> None:
    # The metadata title "World" is a section label; the headline is the next line.
    doc = clean(Article("a", PAGE, title="World"))
    assert doc.title == "Generals hold a rare call as tensions rise"
    body = " ".join(doc.text[s:e] for s, e in doc.paragraphs)
    assert "Generals hold a rare call" not in body


def test_clean_text_evidence_is_verbatim_original() -> None:
    doc = clean(Article("a", PAGE))
    start = doc.text.index("The two generals")
    end = start + len("The two generals spoke by phone on Tuesday")
    ev = doc.original(start, end)
    assert PAGE[ev.start : ev.end] == ev.text
    assert ev.text == "The two\u00a0generals spoke by phone on Tuesday"  # the original keeps its NBSP


words = st.text(alphabet=st.sampled_from("abc XYZ.\u00a0\u2019\u201c\u201d\t"), min_size=1, max_size=30)


@given(st.lists(words, min_size=1, max_size=8))
def test_clean_text_every_clean_span_maps_back(lines: list[str]) -> None:
    original = "\n".join(lines)
    doc = clean(Article("a", original))
    for s, e in doc.paragraphs:
        ev = doc.original(s, e)
        assert original[ev.start : ev.end] == ev.text
        # Normalising and collapsing spaces in the original span gives back the clean paragraph.
        assert " ".join(normalise(ev.text).split()) == " ".join(doc.text[s:e].split())


def test_clean_text_keeps_every_gold_evidence(shared: Path) -> None:
    """No sentence the gold annotators relied on is lost as furniture."""
    seeds = shared / "eval" / "seeds"
    lines = (seeds / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    docs = {a.id: clean(a) for a in (Article.from_dict(json.loads(line)) for line in lines if line.strip())}
    golds = (seeds / "gold_events.jsonl").read_text(encoding="utf-8").splitlines()
    for gold in (json.loads(line) for line in golds if line.strip()):
        wanted = " ".join(normalise(gold["evidence"]).split())
        assert wanted in re.sub(r"\s+", " ", docs[gold["article"]].text), gold["event_id"]


def test_clean_text_a_break_after_a_word_no_sentence_ends_with_is_inside_the_sentence() -> None:
    text = (
        "Headline of the readout\n\n"
        "The Secretary of Defense spoke today with\n\n"
        "Defense Ministers from Canada and France about the situation.\n\n"
        "Filed Under\n\nSearch"
    )
    doc = clean(Article("t", text))
    paragraphs = [doc.text[s:e] for s, e in doc.paragraphs]
    assert (
        "The Secretary of Defense spoke today with Defense Ministers from Canada and France about the situation."
        in paragraphs
    )
    assert "Filed Under Search" not in doc.text  # a capitalised heading is not joined to what follows
