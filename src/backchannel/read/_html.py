"""HTML pages: the main text by trafilatura, the metadata by trafilatura and by our own look-up.

    1. decode the bytes (a ``<meta charset>`` counts as a declaration, see ``_decode``);
    2. parse once with ``trafilatura.load_html``;
    3. read the publication date ourselves, before trafilatura can round it (below);
    4. the main text: ``trafilatura.extract`` without comments, in its balanced mode;
    5. the title, URL and site name (as outlet) from ``trafilatura.extract_metadata``.

Why the balanced mode: on our fixtures ``favor_precision`` dropped a whole lead sentence whose
country names were links, and ``favor_recall`` only added navigation. Losing a sentence loses its
events for good; a stray menu line is for the cleaning stage to drop.

Why our own date look-up: trafilatura (htmldate) gives a full day even when the page says only
"December 2024", and ``published`` must keep the precision the page gives. We take, in order, a
publication ``<meta>``, JSON-LD ``datePublished``, then a ``<time datetime>`` marked as the
publication date or inside the ``<article>``, as the string found. trafilatura's date is used only
when that exact day is written in the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from backchannel.errors import UnreadableInput
from backchannel.model import Article
from backchannel.read._deadline import call_with_deadline
from backchannel.read._decode import decode
from backchannel.read._io import file_stem, read_bytes
from backchannel.read._limits import Limits
from backchannel.read._report import OnSkip, describe
from backchannel.read._text import read_sidecar

_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "sailthru.date",
    "parsely-pub-date",
)
_DATE_TIME_XPATHS = (
    "//time[@pubdate][@datetime]/@datetime",
    "//*[@itemprop='datePublished'][@datetime]/@datetime",
    "//*[@itemprop='datePublished'][@content]/@content",
    "//article//time[@datetime]/@datetime",
)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""")
# Elements that start a new line of text.
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
     "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
     "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"}
)  # fmt: skip
_WHITESPACE = re.compile(r"\s+")  # in HTML a newline inside a paragraph is only a space
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_JSON_LD_NODES = 10_000


@dataclass(frozen=True, slots=True)
class Page:
    """What one HTML page gives: its main text and the metadata found in it."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


def read_html(path: Path, limits: Limits, on_skip: OnSkip) -> Iterator[Article]:
    source = str(path)
    data = read_bytes(path, limits.max_document_bytes, "max_document_bytes")
    page = extract_page(
        decode(data, source, declared=declared_charset(data)), source, seconds=limits.max_document_seconds
    )
    meta = read_sidecar(path, limits, on_skip)  # the sidecar overrides what the page says
    article = Article(
        id=meta.get("id", file_stem(path)),
        text=page.text,
        title=meta.get("title", page.title),
        url=meta.get("url", page.url),
        outlet=meta.get("outlet", page.outlet),
        published=meta.get("published", page.published),
        source=source,
    )
    return iter([article])


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KiB."""
    start = data[:4096]
    found = _XML_ENCODING.match(start) or _CHARSET.search(start)
    return found.group(1).decode("ascii") if found else None


def extract_page(html: str, source: str, url: str | None = None, seconds: float | None = None) -> Page:
    """Steps 2 to 5 of the module docstring; ``UnreadableInput`` when the page has no text or
    takes longer than ``seconds`` (default ``Limits().max_document_seconds``) to read. The parse runs
    in the worker process of ``_deadline``, which is killed at the deadline."""
    limit = seconds or Limits().max_document_seconds
    return call_with_deadline(_extract_page, html, source, url, seconds=limit, source=source)


def _extract_page(html: str, source: str, url: str | None) -> Page:
    # lxml and trafilatura raise a variety of errors on hostile markup; each means "unusable".
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            raise UnreadableInput(source, "no article text in the HTML")
        published = page_published(tree)
        text = trafilatura.extract(tree, url=url, include_comments=False)
        meta = trafilatura.extract_metadata(tree, default_url=url)
    except UnreadableInput:
        raise
    except Exception as exc:
        raise UnreadableInput(source, f"cannot parse the HTML ({describe(exc)})") from exc
    if not text or not text.strip():
        raise UnreadableInput(source, "no article text in the HTML")
    if published is None and meta.date and meta.date in html:
        published = meta.date
    return Page(text, meta.title or None, url or meta.url or None, meta.sitename or None, published)


def page_published(tree: Any) -> str | None:
    """The publication date the page states, as written there (see the module docstring)."""
    return _date_from_meta(tree) or _date_from_json_ld(tree) or _date_from_time(tree)


def _date_from_meta(tree: Any) -> str | None:
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        key = key.strip().lower()
        value = (element.get("content") or "").strip()
        if key in _DATE_META and _datelike(value):
            found.setdefault(key, value)
    return next((found[key] for key in _DATE_META if key in found), None)


def _date_from_json_ld(tree: Any) -> str | None:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack, seen = [data], 0
        while stack and seen < _JSON_LD_NODES:  # iterative: JSON-LD may nest deeply
            node, seen = stack.pop(), seen + 1
            if isinstance(node, dict):
                value = node.get("datePublished")
                if isinstance(value, str) and _datelike(value):
                    return value.strip()
                stack.extend(reversed(list(node.values())))
            elif isinstance(node, list):
                stack.extend(reversed(node))
    return None


def _date_from_time(tree: Any) -> str | None:
    for xpath in _DATE_TIME_XPATHS:
        for value in tree.xpath(xpath):
            if _datelike(str(value)):
                return str(value).strip()
    # A byline that prints the date without a machine-readable attribute: <time>May 19, 2022</time>.
    for element in tree.xpath("//time[not(@datetime)]")[:1]:
        text = " ".join(element.itertext()).strip()
        if _datelike(text) and len(text) <= 40:
            return text
    return None


def _datelike(value: str) -> bool:
    return 4 <= len(value.strip()) <= 100 and any(ch.isdigit() for ch in value)


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content).

    trafilatura first, to drop share links and the like; but a fragment is already the article,
    so when trafilatura returns nothing or less than half of the plain conversion (it does on
    short fragments), the plain conversion is kept.
    """
    plain = plain_text(fragment)
    try:
        extracted = trafilatura.extract(f"<html><body><article>{fragment}</article></body></html>")
    except Exception:  # as in extract_page: any parser failure means "no extraction"
        extracted = None
    if extracted and len(extracted) * 2 >= len(plain):
        return extracted
    return plain


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment: one line per block (paragraph, list item, heading…),
    whitespace inside a line collapsed, scripts and styles left out."""
    if not fragment.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)  # keeps their tails
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n")
            if tag in _INVISIBLE:
                walker.skip_subtree()
            elif element.text:
                parts.append(_WHITESPACE.sub(" ", element.text))
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if element.tail and element is not root:
                parts.append(_WHITESPACE.sub(" ", element.tail))
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
