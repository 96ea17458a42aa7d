"""Stage 2, segment: body paragraphs into sentences, by rule, without a parser.

Only sentences that can hold an event are parsed later, so sentence boundaries must come cheap.
A boundary is sentence-final punctuation (with any closing quotes or brackets) followed by space
and a capital, digit or opening quote, unless the word before the full stop is an abbreviation
news uses before names and numbers ("Gen.", "Lt.", "U.S.", "Nov.") or a single initial ("Q.").
"""

from __future__ import annotations

import re

from backchannel.model import Document, Sentence

# Titles and ranks stand before a name and never end a sentence ("Gen. Milley", "Mr. Sullivan").
_TITLES = frozenset(
    [
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "adm",
        "cmdr",
        "cdr",
        "brig",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "prof",
        "st",
        "amb",
        "hon",
    ]
)
_MONTHS = frozenset(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])
# Other abbreviations news prints before names, numbers and places.
ABBREVIATIONS = (
    _TITLES
    | _MONTHS
    | frozenset(
        [
            "pvt",
            "cpl",
            "pres",
            "jr",
            "sr",
            "inc",
            "corp",
            "co",
            "ltd",
            "no",
            "nos",
            "vs",
            "etc",
            "dept",
            "gov't",
            "govt",
            "est",
            "approx",
            "fig",
            "vol",
            "pp",
            "ft",
            "mt",
            "mon",
            "tue",
            "tues",
            "wed",
            "thu",
            "thur",
            "thurs",
            "fri",
            "sat",
            "sun",
            "u.s",
            "u.k",
            "u.n",
            "e.u",
            "d.c",
            "u.s.a",
            "n.y",
            "l.a",
            "a.m",
            "p.m",
            "i.e",
            "e.g",
        ]
    )
)
_NEVER_FINAL = _TITLES

_BOUNDARY = re.compile(r"""([.!?…]+)(["')\]]*)(\s+)(?=["'(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.']*)$")
_WORD_WINDOW = 64  # no abbreviation is longer

MAX_SENTENCE_CHARS = 2000  # longer runs (tables, lists without punctuation) are cut at spaces

# A dateline opens wire copy: "WASHINGTON —", "KYIV, Ukraine (Harbor Wire) —", "MOSCOW, March 31
# (Reuters) -". It names where the reporter filed from, not who acted, so the sentence starts after it.
DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Z.'-]{2,}(?:[ -][A-Z][A-Z.'-]+)*(?:,\s*[A-Z][A-Za-z.'-]+(?:\s[A-Za-z0-9.'-]+){0,3})?)
    \s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s+""",
    re.VERBOSE,
)


def segment(doc: Document) -> Document:
    """Fill ``doc.sentences`` from ``doc.paragraphs``; a dateline before the first sentence of a
    paragraph is left out of it (and kept in ``doc.dateline``)."""
    doc.sentences = []
    for p, (start, end) in enumerate(doc.paragraphs):
        m = DATELINE.match(doc.text, start, end)
        if m and p < 3:
            doc.dateline = doc.dateline or m.group("place")
            start = m.end()
        for s, e in split(doc.text[start:end]):
            for cs, ce in _cap(doc.text, start + s, start + e):
                doc.sentences.append(Sentence(cs, ce, p))
    doc.done.add("segment")
    return doc


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` within ``text``, trimmed of surrounding spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        # Only the word before and the character after matter; slicing the whole rest of a long
        # text at every full stop made splitting quadratic.
        before = text[max(0, m.start(1) - _WORD_WINDOW) : m.start(1)]
        if m.group(1) == "." and _is_abbreviation(before, text[m.end() : m.end() + 1]):
            continue
        spans.append((start, m.end(2)))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in spans) if e > s]


def _is_abbreviation(before: str, after: str) -> bool:
    m = _WORD_BEFORE.search(before)
    if not m:
        return False
    word = m.group(1).lower()
    if len(word) == 1 and word.isalpha():  # an initial: "Charles Q. Brown"
        return True
    if word in _NEVER_FINAL:
        return True
    if word.rstrip(".") in ABBREVIATIONS or word in ABBREVIATIONS:
        # "U.S. officials said" continues; "... in the U.S. The next day" is rare enough to accept.
        return not after[:1].isdigit() or word in {"no", "nos"} or word.rstrip(".") in _MONTHS
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cap(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an overlong sentence at spaces so no single parse explodes."""
    out = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        out.append((start, cut))
        start = cut + 1
    out.append((start, end))
    return out
