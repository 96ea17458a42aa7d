"""Time: date expressions in news text, resolved against an anchor into honest intervals.

Public functions (the rest of the package calls only these):

    parse_published(value)            metadata value ("2021-03-31", "2024-12", a timestamp) -> DateSpan
    published_from_page(text)         a publication date printed near the top of the page
    published_from_url(url)           /2021/11/23/ or /2024/12/ in a URL
    find_times(text, anchor)          every date expression in a text, resolved against ``anchor``
    resolve(text, anchor, direction)  one expression ("last week", "Nov. 27") -> DateSpan
    attach(times, scopes, published)  the date of an event: clause first, then sentence, then paragraph
"""

from backchannel.dates.attach import attach
from backchannel.dates.published import parse_published, published_from_page, published_from_url
from backchannel.dates.resolve import find_times, resolve

__all__ = ["attach", "find_times", "parse_published", "published_from_page", "published_from_url", "resolve"]
