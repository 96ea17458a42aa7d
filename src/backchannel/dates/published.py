"""Publication dates: from metadata, from the top of the page, from the URL, or inferred.

    parse_published(value)        "2021-03-31", "2024-12", "Wed, 31 Mar 2021 14:00:00 GMT", "2021"
    published_from_page(text)     "Friday 24 September 2021 05:19 BST" under the headline
    published_from_url(url)       /2021/11/23/, /2024/12/, /20211123/, -2021-03-31-
    infer_published(text, url)    the URL, else the dateline, else the latest date the text reports

A month stays a month: "2024-12" is 1-31 December 2024 with granularity "month", never a day.
A clock time does not move the day: the date is the one the outlet printed, in its own time zone.
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re
from urllib.parse import urlsplit

from backchannel.dates import patterns as p
from backchannel.dates import spans
from backchannel.dates import vocabulary as v
from backchannel.dates.fallback import dateparser_span
from backchannel.dates.resolve import scan
from backchannel.dates.words import day_of, month_of
from backchannel.model import Basis, DateSpan

HEAD_LINES = 8  # a publication date is printed in the first lines of a page ...
HEAD_CHARS = 600  # ... and never below the lead paragraph; body dates are not publication dates.

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})[-/](\d{2})")
_YEAR = re.compile(r"\d{4}")
_LETTER = re.compile(r"[A-Za-z]")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_CUES = re.compile(rf"(?i)\b(?:{p.alternation(v.PUBLICATION_CUES)})\b")
_FIRST_CUES = re.compile(r"(?i)\b(?:published|posted|first published|created)\b")
_LATER_CUES = re.compile(r"(?i)\b(?:updated|last updated|modified)\b")
_DATELINE = re.compile(
    rf"""^[ \t]*[A-Z][A-Z.'’ -]{{2,40}}(?:,[ \t]*[A-Z][A-Za-z.'’ -]{{1,30}})?,[ \t]*
    (?P<date>(?P<m>{p.MONTH})[ \t]+(?P<d>{p.DAY}))(?:,?[ \t]*(?P<y>{p.YEAR}))?
    [ \t]*(?:\([^)\n]{{2,30}}\))?[ \t]*[-—–]""",
    re.VERBOSE | re.MULTILINE,
)
_URL_DAY = re.compile(r"(?<!\d)((?:199|20\d)\d)([/_.-])(\d{1,2})\2(\d{1,2})(?!\d)")
_URL_NAMED = re.compile(r"/((?:199|20\d)\d)/([A-Za-z]{3,9})/(\d{1,2})(?:/|$)")
_URL_COMPACT = re.compile(r"(?<![\d])((?:199|20\d)\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d])")
_URL_MONTH = re.compile(r"/((?:199|20\d)\d)/(0?[1-9]|1[0-2])(?:/|$)")


def month_span(year: int, month: int, text: str | None = None, basis: Basis = "explicit") -> DateSpan:
    last = calendar.monthrange(year, month)[1]
    return DateSpan(dt.date(year, month, 1), dt.date(year, month, last), "month", text, basis)


def _day(year: int, month: int, day: int, text: str | None, basis: Basis) -> DateSpan | None:
    try:
        return DateSpan.day(dt.date(year, month, day), text, basis)
    except ValueError:
        return None


def parse_published(value: str | None) -> DateSpan | None:
    """A metadata value: a timestamp, a date, a month or a year. None when absent or unreadable.

    1. ISO 8601 forms: a timestamp or date gives its day, "2024-12" a month, "2021" a year.
    2. RFC 2822 ("Wed, 31 Mar 2021 14:00:00 GMT") and compact "20210331" give a day.
    3. Anything else is read by our grammar, then by dateparser; it must name its year.
    """
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    if m := _ISO_DAY.match(text):
        return _day(int(m[1]), int(m[2]), int(m[3]), text, "explicit")
    if (m := _ISO_MONTH.fullmatch(text)) and 1 <= int(m[2]) <= 12:
        return month_span(int(m[1]), int(m[2]), text)
    if _YEAR.fullmatch(text):
        first, last = spans.year_bounds(int(text))
        return DateSpan(first, last, "year", text, "explicit")
    if m := _COMPACT.fullmatch(text):
        return _day(int(m[1]), int(m[2]), int(m[3]), text, "explicit")
    return _rfc2822(text) or _read_explicit(text)


def _rfc2822(text: str) -> DateSpan | None:
    parsed = email.utils.parsedate_tz(text)
    if parsed is None:
        return None
    return _day(parsed[0], parsed[1], parsed[2], text, "explicit")


def _read_explicit(text: str) -> DateSpan | None:
    """A free-form date that names its year ("March 31, 2021"); relative words are refused."""
    unknown = DateSpan.unknown()
    found = [f for f in scan(text, unknown, standalone=True) if f.reading.span is not None]
    if found:
        span = max(found, key=lambda f: f.end - f.start).reading.span
    else:
        # Digits alone that our rules refused ("2021-13") are not a date; dateparser would guess one.
        span = dateparser_span(text, None) if _LETTER.search(text) else None
    if span is None or span.basis != "explicit":
        return None
    return DateSpan(span.start, span.end, span.granularity, text, "explicit")


def _head(text: str) -> int:
    """Where the top of the page ends: after ``HEAD_LINES`` non-empty lines, and before any line
    that starts past ``HEAD_CHARS``."""
    end = 0
    for seen, m in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text), start=1):
        if m.start() >= HEAD_CHARS:
            break
        end = m.end()
        if seen == HEAD_LINES:
            break
    return end


def published_from_page(text: str, year: int | None = None) -> tuple[DateSpan, int, int] | None:
    """A publication date printed at the top of the page, with its offsets in ``text``.

    1. Only the first ``HEAD_LINES`` lines (at most ``HEAD_CHARS`` characters) are read.
    2. A date qualifies when it names its year and its day or month, and either follows a cue
       ("Published:", "Updated") or stands nearly alone on its line (a byline, a time stamp).
       A "Published" date beats a bare one, which beats an "Updated" one; on a tie the first wins.
    3. A dateline ("MOSCOW, March 31 (Reuters) -") gives the day only when ``year`` is known.
    4. A short line with a year that our grammar cannot read goes to dateparser.
    """
    head = text[: _head(text)]
    best: tuple[int, DateSpan, int, int] | None = None
    offset = 0
    for line in head.split("\n"):
        for score, span, start, end in _line_dates(line):
            if best is None or score > best[0]:
                best = (score, span, offset + start, offset + end)
        offset += len(line) + 1
    if best is not None:
        return best[1], best[2], best[3]
    return _dateline(head, year)


def _line_dates(line: str) -> list[tuple[int, DateSpan, int, int]]:
    """The qualifying dates of one line, each with its score (see ``_score``)."""
    out: list[tuple[int, DateSpan, int, int]] = []
    for found in scan(line, DateSpan.unknown()):
        span = found.reading.span
        if span is None or span.basis != "explicit" or span.granularity not in ("day", "month"):
            continue
        score = _score(line, found.start, found.end)
        if score is not None:
            printed = DateSpan(span.start, span.end, span.granularity, found.text, "explicit")
            out.append((score, printed, found.start, found.end))
    if not out and len(line.split()) <= 8 and _YEAR.search(line) and not _DATELINE.match(line):
        span = dateparser_span(_CUES.sub("", line).strip(" :|-"), None)
        if span is not None and span.basis == "explicit" and span.granularity in ("day", "month"):
            printed = DateSpan(span.start, span.end, span.granularity, line.strip(), "explicit")
            out.append((1, printed, 0, len(line)))
    return out


def _score(line: str, start: int, end: int) -> int | None:
    """2 after "Published"/"Posted", 1 for a date nearly alone on its line, 0 after "Updated";
    None for a date inside a sentence (the story's, not the page's)."""
    cue = _CUES.search(line, 0, start)
    if cue is not None:
        return 2 if _FIRST_CUES.match(cue[0]) else 0 if _LATER_CUES.match(cue[0]) else 1
    rest = len(line[:start].split()) + len(line[end:].split())
    return 1 if rest <= 6 else None


def dateline(text: str) -> re.Match[str] | None:
    """A wire dateline at the top of the page: "MOSCOW, March 31 (Reuters) -" (groups m, d, y, date)."""
    return _DATELINE.search(text[: _head(text)])


def _dateline(head: str, year: int | None) -> tuple[DateSpan, int, int] | None:
    m = dateline(head)
    if m is None or (year is None and not m["y"]):
        return None
    basis: Basis = "explicit" if m["y"] else "inferred"
    span = _day(int(m["y"] or year or 0), month_of(m["m"]), day_of(m["d"]), m["date"], basis)
    return (span, m.start("date"), m.end("y") if m["y"] else m.end("date")) if span else None


def published_from_url(url: str | None) -> DateSpan | None:
    """A date in the URL's path: /2021/11/23/ or -2021-03-31- or /20211123/ or /2021/nov/23/ give a
    day, /2024/12/ a month. Basis ``inferred``: outlets put the publication (or first filing) date there."""
    if not url:
        return None
    parts = urlsplit(url)
    path = f"{parts.path}?{parts.query}" if parts.query else parts.path
    if m := _URL_DAY.search(path):
        return _day(int(m[1]), int(m[3]), int(m[4]), m[0], "inferred")
    if (m := _URL_NAMED.search(path)) and m[2].lower().rstrip(".") in {**v.MONTHS, **v.MONTH_ABBREVIATIONS}:
        return _day(int(m[1]), month_of(m[2]), int(m[3]), m[0], "inferred")
    if m := _URL_COMPACT.search(path):
        return _day(int(m[1]), int(m[2]), int(m[3]), m[0], "inferred")
    if m := _URL_MONTH.search(path):
        return month_span(int(m[1]), int(m[2]), m[0], "inferred")
    return None
