"""What linking needs to know about the article behind a report: who published it, its text and
when it came out."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from backchannel.model import Article, DateSpan


@dataclass(slots=True, frozen=True)
class Source:
    article_id: str
    name: str  # the outlet, else the web site, else the article id
    text: str = ""
    published: DateSpan = field(default_factory=DateSpan.unknown)
    named: bool = True  # False when ``name`` is only the article id


def source_of(article: Article, published: DateSpan | None = None) -> Source:
    """A source for an article: the outlet as given, else the URL's host without ``www.``."""
    name = (article.outlet or "").strip() or _host(article.url)
    return Source(
        article.id, name or article.id, article.text, published or DateSpan.unknown(), named=bool(name)
    )


def _host(url: str | None) -> str:
    if not url or "://" not in url:
        return ""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
