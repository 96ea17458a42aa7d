"""Which way an expression points: news reports the past, but "will meet on Friday" is the next Friday.

We read only the words around the expression, so "Kirby said Wednesday that Milley will travel"
keeps "Wednesday" in the past: the reporting word "that" stands between it and "will".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from backchannel.dates import vocabulary as v

_WINDOW = 240
_PUNCTUATION = r"[.;:!?\n\"“”()\[\]—–]|,\s"
# Clause boundaries, matched in lower-cased text (much faster than ignoring case). Strong ones end
# the stretch a cue can reach; weak ones (and, when, ...) only end the clause.
_BOUNDARY = re.compile(
    r"{}|(?<![a-z])(?:{})(?![a-z])|(?P<weak>(?<![a-z])(?:{})(?![a-z]))".format(
        _PUNCTUATION, "|".join(v.REPORTING_WORDS), "|".join(v.CLAUSE_WORDS)
    )
)
_WEAK = re.compile(_BOUNDARY.pattern, re.IGNORECASE)
_FUTURE = re.compile(
    "|".join(rf"\b{re.escape(c)}\b" if c[0].isalpha() else rf"{re.escape(c)}\b" for c in v.FUTURE_CUES),
    re.IGNORECASE,
)
_FORWARD_PREPOSITION = re.compile(r"\b(?:{})\s+$".format("|".join(v.FUTURE_PREPOSITIONS)), re.IGNORECASE)
_DEADLINE = re.compile(
    r"\b(?:{})\s+(?:(?:early|late|mid)[\s-]+)?$".format("|".join(v.DEADLINE_PREPOSITIONS)), re.IGNORECASE
)
_REPORTED = re.compile(
    r"\b(?:{})\s+(?:(?:{})\s+){{0,2}}$".format("|".join(v.REPORTED_PAST), "|".join(v.REPORTED_OBJECTS)),
    re.IGNORECASE,
)
# A verb in the past: was, had, did, or a regular -ed form ("announced"), but not a present perfect
# ("has continued") or a passive after "be" ("will be closed"), which say nothing of the past.
_PAST = re.compile(r"\b(?:was|were|had|did)\b|(?<!\bhas\s)(?<!\bhave\s)(?<!\bbe\s)\b[a-z]{3,}ed\b")


class Clauses:
    """The clause boundaries of a text, found once, so that many expressions can ask cheaply."""

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()  # a few characters change length when lowered; then ignore case instead
        same = len(lowered) == len(text)
        found = list((_BOUNDARY if same else _WEAK).finditer(lowered if same else text))
        strong = [m for m in found if m["weak"] is None]
        self._marks = {
            False: ([m.start() for m in found], [m.end() for m in found]),
            True: ([m.start() for m in strong], [m.end() for m in strong]),
        }

    def bounds(self, start: int, end: int, strong: bool = False) -> tuple[int, int]:
        """The clause holding ``[start, end)``: from the last boundary before it to the first after
        it, and never more than ``_WINDOW`` characters either side."""
        starts, ends = self._marks[strong]
        i = bisect_right(ends, start) - 1
        lo = max(ends[i] if i >= 0 else 0, start - _WINDOW, 0)
        j = bisect_left(starts, end)
        hi = min(starts[j] if j < len(starts) else len(self.text), end + _WINDOW)
        return lo, hi

    def direction(self, start: int, end: int) -> str:
        """See ``direction_at``."""
        text = self.text
        lo, hi = self.bounds(start, end)
        before, after = text[lo:start], text[end:hi]
        if _FUTURE.search(before) or _FORWARD_PREPOSITION.search(before):
            return "future"
        if _PAST.search(before) or _REPORTED.search(text, max(0, start - 60), start):
            return "past"
        if _FUTURE.search(_leading(after, 5)):
            return "future"
        if _PAST.search(after):
            return "past"
        if _DEADLINE.search(before):
            return "future"
        reach, _ = self.bounds(start, end, strong=True)
        if _FUTURE.search(text, reach, start):
            return "future"
        if _opening(before, text, hi) and _FUTURE.search(_leading(_next_clause(text, hi), 6)):
            return "future"
        return "past"


def _leading(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def direction_at(text: str, start: int, end: int) -> str:
    """ "future" when the words around ``text[start:end]`` put it ahead of the anchor, else "past".

    1. A future cue ("will", "is expected to", "scheduled", "deadline") earlier in the clause, or
       "until" right before it, makes it future; so does a cue within the next five words ("Friday
       will see ...") unless a past verb comes before the expression ("said Tuesday he will").
    2. A past verb in the clause ("announced", "was") keeps it in the past; without one, "by",
       "before" or "through" right before it makes it a deadline ahead.
    3. Otherwise a cue earlier in the sentence counts, unless a comma or a reporting word ("said",
       "that") stands between: "will take off from Singapore and land on October 25".
    4. An opening phrase ("On Friday, the minister will ...") reads the start of the next clause.
    """
    lo, hi = max(0, start - 2 * _WINDOW), min(len(text), end + 2 * _WINDOW)
    return Clauses(text[lo:hi]).direction(start - lo, end - lo)


def _opening(before: str, text: str, hi: int) -> bool:
    """The expression opens its sentence and a comma follows it ("On Friday, ...")."""
    words = before.lower().split()
    return all(w in v.OPENING_WORDS for w in words) and text[hi : hi + 1] == ","


def _next_clause(text: str, boundary: int) -> str:
    m = _WEAK.match(text, boundary)
    start = m.end() if m else boundary
    end = _WEAK.search(text, start, min(len(text), start + _WINDOW))
    return text[start : end.start() if end else start + _WINDOW]
