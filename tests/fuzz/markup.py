"""Hostile HTML pages and RSS/Atom feeds: deep or huge trees, lying charsets, broken markup,
entity tricks, absurd dates, documents cut short."""

from __future__ import annotations

import html
from typing import Any

from hypothesis import strategies as st

from fuzz.hostile import ABSURD_DATES, ENCODINGS, any_text, encoded, mixed_bytes, mutated, words

TAGS = ["p", "div", "span", "article", "main", "section", "a", "b", "table", "tr", "td", "li", "ul",
        "h1", "script", "style", "noscript", "template", "svg", "math", "iframe", "form", "time", "pre",
        "br", "img", "meta", "title", "head", "body", "html", "x-custom", "frameset", "textarea"]  # fmt: skip
ATTRS = ["class", "id", "href", "src", "datetime", "itemprop", "property", "name", "content", "charset",
         "onload", "style", "lang", "dir"]  # fmt: skip
# trafilatura's justext fallback takes time quadratic in a run of short paragraphs (2,000: 1.4 s,
# 4,000: 5 s, 40,000: minutes), which only Limits.max_document_seconds stops; the general strategy
# stays below that, and test_fuzz_readers_quadratic_page_is_stopped checks the limit itself.
SHORT_PARAGRAPHS = 2_000
ODD = ["<!--", "-->", "<![CDATA[", "]]>", "<?php ?>", "&#0;", "&#xFFFFFFFF;", "&#55296;", "&nosuch;",
       "&amp", "<", ">", "</", "<a <b>", "\x00", "<!DOCTYPE html>", "<?xml version='1.0'?>",
       "<html xmlns='http://www.w3.org/1999/xhtml'>", "</html>", "<body/>", "<p/>"]  # fmt: skip


@st.composite
def element(draw: Any, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = "".join(
        f' {draw(st.sampled_from(ATTRS))}="{html.escape(draw(any_text | st.sampled_from(ABSURD_DATES)))}"'
        for _ in range(draw(st.integers(0, 3)))
    )
    inner = []
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 0))):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            inner.append(draw(element(depth + 1)))
        elif choice == 1:
            inner.append(draw(st.sampled_from(ODD)))
        else:
            inner.append(html.escape(draw(any_text)) if draw(st.booleans()) else draw(any_text))
    closing = f"</{tag}>" if draw(st.integers(0, 5)) else ""  # now and then left open
    return f"<{tag}{attrs}>{''.join(inner)}{closing}"


@st.composite
def json_ld(draw: Any) -> str:
    depth = draw(st.integers(1, 20_000))
    date = draw(st.sampled_from(ABSURD_DATES))
    body = '{"@graph":' * depth + f'{{"datePublished": "{date}"}}' + "}" * depth
    if draw(st.booleans()):
        body = body[: draw(st.integers(0, len(body)))]
    return f'<script type="application/ld+json">{body}</script>'


@st.composite
def page(draw: Any) -> str:
    """One page: head metadata that may lie, then a body that is deep, huge or random."""
    date = html.escape(draw(st.sampled_from(ABSURD_DATES)))
    head = draw(st.sampled_from(["", f'<meta property="article:published_time" content="{date}">']))
    head += draw(st.sampled_from(["", '<meta charset="utf-16">', '<meta charset="x-nonsense">',
                                  '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">']))  # fmt: skip
    if draw(st.integers(0, 4)) == 0:
        head += draw(json_ld())
    kind = draw(st.integers(0, 29))
    if kind <= 1:  # deeply nested
        tag, depth = (
            draw(st.sampled_from(["div", "b", "table", "span", "ul"])),
            draw(st.integers(100, 30_000)),
        )
        body = f"<{tag}>" * depth + html.escape(draw(words)) + f"</{tag}>" * draw(st.integers(0, depth))
    elif kind == 2:  # huge: many short paragraphs (see SHORT_PARAGRAPHS), or one huge text node
        para = f"<p>{html.escape(draw(words))} the minister said on Tuesday.</p>"
        body = para * draw(st.integers(1, SHORT_PARAGRAPHS))
    elif kind == 3:
        body = "<p>" + "word " * draw(st.integers(1, 200_000)) + "</p>"
    else:
        body = "".join(draw(st.lists(element(), max_size=6)))
    time_tag = f'<article><time datetime="{date}">{html.escape(draw(words))}</time></article>'
    return f"<html><head>{head}</head><body>{time_tag}{body}</body></html>"


@st.composite
def html_files(draw: Any) -> tuple[str, bytes]:
    name = draw(st.sampled_from(["a.html", "a.htm", "a.xhtml", "noext"]))
    if draw(st.integers(0, 6)) == 0:
        return name, b"<html>" + draw(mixed_bytes())
    data = encoded(draw(page()), draw(st.sampled_from(ENCODINGS)))
    return name, draw(mutated(data))


# ------------------------------------------------------------------------------------------
# Feeds
# ------------------------------------------------------------------------------------------

DOCTYPES = [
    "",
    '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>',
    '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://127.0.0.1:9/rss.dtd">',
]
XXE_BODY = "&x;"
BOMB_BODY = "&f;"


@st.composite
def entry_text(draw: Any) -> str:
    """Entry content: plain, escaped hostile HTML, CDATA, an entity reference, or nothing."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return html.escape(draw(any_text))
    if kind == 1:
        return html.escape(draw(element()))
    if kind == 2:
        return "<![CDATA[" + draw(element()).replace("]]>", "") + "]]>"
    if kind == 3:
        return draw(st.sampled_from([XXE_BODY, BOMB_BODY, "&nbsp;", "&#0;"]))
    if kind == 4 and draw(st.integers(0, 3)) == 0:
        return html.escape("<p>" + "news " * draw(st.integers(1, 100_000)) + "</p>")
    return ""


@st.composite
def rss_item(draw: Any, atom: bool) -> str:
    title, text = html.escape(draw(any_text)), draw(entry_text())
    date = html.escape(draw(st.sampled_from(ABSURD_DATES)))
    link = html.escape(draw(st.sampled_from(["http://example.com/a", "javascript:alert(1)", "", "x" * 5000])))
    guid = html.escape(draw(any_text))
    if atom:
        kind = draw(st.sampled_from(["html", "text", "xhtml"]))
        return (
            f"<entry><title>{title}</title><id>{guid}</id><link href='{link}'/><updated>{date}</updated>"
            f"<content type='{kind}'>{text}</content></entry>"
        )
    return (
        f"<item><title>{title}</title><guid>{guid}</guid><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description>{text}</description></item>"
    )


@st.composite
def feed_files(draw: Any) -> tuple[str, bytes]:
    atom = draw(st.booleans())
    items = "".join(draw(st.lists(rss_item(atom), max_size=5)))
    doctype = draw(st.sampled_from(DOCTYPES))
    if atom:
        body = f"<feed xmlns='http://www.w3.org/2005/Atom'><title>{html.escape(draw(words))}</title>{items}</feed>"
    else:
        body = f"<rss version='2.0'><channel><title>{html.escape(draw(words))}</title>{items}</channel></rss>"
    encoding = draw(st.sampled_from(ENCODINGS))
    text = f"<?xml version='1.0' encoding='{draw(st.sampled_from([encoding, 'utf-8', 'bogus']))}'?>{doctype}{body}"
    name = draw(st.sampled_from(["a.rss", "a.atom", "a.xml", "noext"]))
    return name, draw(mutated(encoded(text, encoding)))
