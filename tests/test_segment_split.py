from __future__ import annotations

from backchannel.segment import split


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split(text)]


def test_segment_split_keeps_ranks_and_initials_inside_names() -> None:
    text = "Lt. Gen. Ruslan Khomchak spoke. Gen. Charles Q. Brown Jr. answered. It ended."
    assert _sentences(text) == [
        "Lt. Gen. Ruslan Khomchak spoke.",
        "Gen. Charles Q. Brown Jr. answered.",
        "It ended.",
    ]


def test_segment_split_country_abbreviations_do_not_end_sentences() -> None:
    text = "The U.S. military's top officer spoke. Russia's top general listened."
    assert _sentences(text) == ["The U.S. military's top officer spoke.", "Russia's top general listened."]


def test_segment_split_closing_quote_stays_with_its_sentence() -> None:
    text = '"We are concerned," Kirby said. "We are watching."'
    assert _sentences(text) == ['"We are concerned," Kirby said.', '"We are watching."']


def test_segment_split_month_abbreviation_before_a_day() -> None:
    assert _sentences("They met on Nov. 27 in Geneva. Then they left.") == [
        "They met on Nov. 27 in Geneva.",
        "Then they left.",
    ]
