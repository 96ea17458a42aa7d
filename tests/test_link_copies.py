"""Syndication: wire reprints and synonym rewrites are copies; independent reports are not."""

from __future__ import annotations

from backchannel.link import copy_groups
from backchannel.link.copies import REWRITE_SHARE, rewrite_share, verbatim_pairs

# Our own text, in the style of a wire story about a call.
WIRE = (
    "WASHINGTON (Harbor Wire) — The top U.S. military officer spoke by telephone on Wednesday with "
    "the chief of Russia's General Staff, a spokesman for the Joint Staff said. "
    "Gen. Mark Milley and Gen. Valery Gerasimov discussed several security-related issues of concern, "
    "the spokesman said, without giving details. "
    "The call came as Russian troops massed near the border with Ukraine, raising fears of a new offensive. "
    "Milley also spoke with his Ukrainian counterpart, Lt. Gen. Ruslan Khomchak, on the same day. "
    "The two militaries have kept a line of communication open since the Cold War to avoid accidents."
)
# A reprint: the same body under another outlet's furniture.
REPRINT = "Pinecrest Gazette | World\nAdvertisement\n" + WIRE + "\nShare this story. Read more world news."
# A content farm's rewrite: words swapped for synonyms, sentence by sentence.
REWRITE = (
    "WASHINGTON — The top American military official talked by phone on Wednesday with "
    "the head of Russia's General Staff, a representative for the Joint Staff stated. "
    "Gen. Mark Milley and Gen. Valery Gerasimov talked about several security-related matters of concern, "
    "the representative stated, without offering specifics. "
    "The conversation came as Russian soldiers gathered near the frontier with Ukraine, raising worries of a fresh offensive. "
    "Milley additionally talked with his Ukrainian counterpart, Lt. Gen. Ruslan Khomchak, on the same day. "
    "The two armed forces have kept a channel of communication open since the Cold War to prevent accidents."
)
# Another outlet's own report of the same call: the same facts, its own sentences.
OWN = (
    "Milley held a private conversation with Russia's military chief this week amid growing alarm "
    "over Moscow's buildup. "
    "According to officials familiar with the matter, Gerasimov and the American general talked about "
    "risk reduction, though neither side released a readout. "
    "Ukrainian leaders have warned for days that Russia could launch a new push in the Donbas. "
    "The chairman separately called Kyiv's commander-in-chief to reassure him of American backing."
)


def test_link_copies_reprint_is_verbatim() -> None:
    assert verbatim_pairs({"hw": WIRE, "pg": REPRINT, "own": OWN}) == {("hw", "pg")}


def test_link_copies_rewrite_is_found_by_sentences() -> None:
    assert not verbatim_pairs({"hw": WIRE, "farm": REWRITE})  # few 5-grams survive the synonyms
    # Five sentences each; at least four keep enough names, numbers and word pieces to match.
    assert rewrite_share(WIRE, REWRITE) >= 0.8


def test_link_copies_independent_report_is_not_a_copy() -> None:
    assert rewrite_share(WIRE, OWN) < REWRITE_SHARE / 2


def test_link_copies_groups() -> None:
    texts = {"hw": WIRE, "pg": REPRINT, "farm": REWRITE, "own": OWN, "empty": ""}
    assert copy_groups(texts) == [["empty"], ["farm", "hw", "pg"], ["own"]]


def test_link_copies_short_texts_are_never_rewrites() -> None:
    assert (
        rewrite_share("Milley spoke with Gerasimov on Wednesday.", "Milley talked to Gerasimov Wednesday.")
        == 0.0
    )
