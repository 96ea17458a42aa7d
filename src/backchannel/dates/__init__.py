"""Time: date expressions in news text, resolved against an anchor into honest intervals.

Public functions (the rest of the package calls only these):

    parse_published(value)            metadata value ("2021-03-31", "2024-12", a timestamp) -> DateSpan
    published_from_page(text)         a publication date printed near the top of the page
    published_from_url(url)           /2021/11/23/ or /2024/12/ in a URL
    infer_published(text, url)        a publication date when the page has none (basis "inferred")
    find_times(text, anchor)          every date expression in a text, resolved against ``anchor``
    find_times_by_section(text, paragraphs, published)
                                      the same, each item of a page under a date line read against it
    resolve(text, anchor, direction)  one expression ("last week", "Nov. 27") -> DateSpan
    attach(times, scopes, published)  the date of an event: clause first, then sentence, then paragraph

How it works, stage by stage (each module says more):

    vocabulary.py   the words of time as data: months, weekdays, numbers, relative phrases, cues
    patterns.py     compiled regexes built from the vocabulary; grammar.py pairs them with rules
    absolute.py     dates that name their year, or a month/day whose year the anchor gives
    relative.py     weekdays, yesterday, N days ago, that day;  units.py  last week, this year, Q3
    periods.py      durations, frequencies and vague references (now, recently)
    place.py        how a reading meets an anchor that is itself an interval (a month-only date)
    direction.py    past or future, from the tense cues of the clause
    resolve.py      scanning a text: candidates, longest non-overlapping readings, mentions
    sections.py     pages of several dated items: a date line starts a new "today"
    timex.py        a reading as a TimeML TIMEX3 value (for evaluation)
"""

from backchannel.dates.attach import attach
from backchannel.dates.infer import infer_published
from backchannel.dates.published import parse_published, published_from_page, published_from_url
from backchannel.dates.resolve import find_times, resolve
from backchannel.dates.sections import find_times_by_section

__all__ = [
    "attach",
    "find_times",
    "find_times_by_section",
    "infer_published",
    "parse_published",
    "published_from_page",
    "published_from_url",
    "resolve",
]
