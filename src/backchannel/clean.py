"""Stage 1, clean: from the text as given to a clean text that still points back into it.

Scraped news carries page furniture (donation appeals, share lines, photo credits, repeated
bylines), odd spaces (U+00A0 between words) and curly quotes. Later stages want plain text;
readers of our output want evidence they can find in the original. So cleaning never edits the
original: it builds a new text and an offset map, ``offsets[i]`` being the position in the
original of clean character ``i``. Evidence is cut from the original through that map.

Steps:
 1. split the original into lines, keeping their offsets;
 2. drop furniture lines (patterns in ``data/boilerplate.yaml``) and bylines printed twice;
 3. join the remaining lines into paragraphs (a wrapped line joins its paragraph), normalising
    characters one for one (NBSP to space, curly to straight quotes) and collapsing spaces;
 4. find the title (metadata, else a headline-like first line) and mark it, so that stages code
    events from the body only (a headline repeats the lead in fewer words and no date);
 5. find the publication date: metadata, then the page, then the URL, then what the text implies.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from backchannel import dates
from backchannel.model import Article, DateSpan, Document

DATA = Path(__file__).resolve().parent / "data"

# One-for-one replacements: the clean text keeps the original's length wherever it can.
_CHAR_MAP = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u3000": " ", "\t": " ", "\u2018": "'", "\u2019": "'", "\u201a": "'",
    "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
    "\u2026": "…",
}  # fmt: skip
_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_LINE = re.compile(r"[^\n\r\u2028\u2029]*(?:\r\n|[\n\r\u2028\u2029]|$)")
_SENTENCE_END = re.compile(r"""[.!?…:;"')\]]\s*$""")


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # offset of the first character in the original
    text: str  # the line without its terminator


@cache
def furniture_patterns() -> tuple[re.Pattern[str], ...]:
    data = yaml.safe_load((DATA / "boilerplate.yaml").read_text(encoding="utf-8"))
    return tuple(re.compile(p, re.IGNORECASE) for p in data["lines"])


def clean(article: Article) -> Document:
    """Steps 1–5 above; returns a Document whose ``text`` maps back into ``article.text``."""
    lines = [ln for ln in split_lines(article.text) if ln.text.strip()]  # 1
    keep = [ln for ln in lines if not is_furniture(ln.text)]  # 2
    keep = drop_repeated_bylines(keep)
    text, offsets, paragraphs = join_paragraphs(keep, len(article.text), article.text)  # 3
    doc = Document(article=article, text=text, offsets=offsets, paragraphs=paragraphs)
    doc.title = find_title(article, doc)  # 4
    doc.published = publication_date(article, doc)  # 5
    doc.done.add("clean")
    return doc


def split_lines(text: str) -> list[Line]:
    out = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        out.append(Line(m.start(), m.group().rstrip("\r\n\u2028\u2029")))
    return out


def is_furniture(line: str) -> bool:
    flat = " ".join(normalise(line).split())
    return any(p.match(flat) for p in furniture_patterns())


def drop_repeated_bylines(lines: list[Line]) -> list[Line]:
    """A short name-like line printed twice in a row ("Louise Thomas" / "Louise Thomas") is a
    byline block, not reporting; both copies go."""
    out: list[Line] = []
    skip = set()
    for i in range(len(lines) - 1):
        a, b = lines[i].text.strip(), lines[i + 1].text.strip()
        if a == b and _looks_like_name(a):
            skip.update({i, i + 1})
    for i, ln in enumerate(lines):
        if i not in skip:
            out.append(ln)
    return out


def _looks_like_name(text: str) -> bool:
    words = text.removeprefix("By ").split()
    return 1 < len(words) <= 4 and all(w[:1].isupper() for w in words) and not _SENTENCE_END.search(text)


def normalise(text: str) -> str:
    return "".join(_norm_char(c) for c in text)


def _norm_char(c: str) -> str:
    if c.isascii():
        return c
    if c in _CHAR_MAP:
        return _CHAR_MAP[c]
    if c in _DROP:
        return ""
    folded = unicodedata.normalize("NFKC", c)
    return folded if folded.isprintable() else " "


def join_paragraphs(
    lines: list[Line], end: int, original: str | None = None
) -> tuple[str, list[int], list[tuple[int, int]]]:
    """Clean text, offset map and paragraph spans. Paragraphs are separated by a blank line; a
    line that does not end a sentence and is followed, with nothing dropped between, by one
    starting in lower case, or that stops on a word no sentence ends with, is a wrapped line of
    the same paragraph."""
    chars: list[str] = []
    offsets: list[int] = []
    paragraphs: list[tuple[int, int]] = []
    para_start = 0
    for i, ln in enumerate(lines):
        if i:
            prev = lines[i - 1]
            between = original[prev.start + len(prev.text) : ln.start] if original is not None else "\n"
            adjacent = not between.strip()  # no dropped line between them
            continues = (
                adjacent
                and not _SENTENCE_END.search(prev.text)
                and (ln.text.lstrip()[:1].islower() or _open_ended(prev.text))
            )
            sep = " " if continues else "\n\n"
            if not continues:
                paragraphs.append((para_start, len(chars)))
            chars.extend(sep)
            offsets.extend([ln.start] * len(sep))
            if not continues:
                para_start = len(chars)
        _append_line(ln, chars, offsets)
    if lines:
        paragraphs.append((para_start, len(chars)))
    offsets.append(end)
    return "".join(chars), offsets, paragraphs


# Words no English sentence ends with: articles, prepositions, conjunctions, possessives.
_NEVER_LAST = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "nor",
        "but",
        "with",
        "of",
        "to",
        "from",
        "for",
        "by",
        "in",
        "on",
        "at",
        "between",
        "into",
        "than",
        "as",
        "about",
        "against",
        "among",
        "over",
        "under",
        "after",
        "before",
        "during",
        "without",
        "within",
        "via",
        "including",
        "per",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "these",
        "those",
    ]
)


def _open_ended(line: str) -> bool:
    """True when a line stops on a word no sentence ends with ("spoke today with"): the break
    after it is a page's line break inside a sentence, not the end of a paragraph."""
    words = line.split()
    return len(words) >= 4 and words[-1] in _NEVER_LAST


def _append_line(line: Line, chars: list[str], offsets: list[int]) -> None:
    """Append one line, normalised and with runs of spaces collapsed and ends trimmed."""
    pending_space = False
    started = False
    for j, c in enumerate(line.text):
        for d in _norm_char(c):
            if d.isspace():
                pending_space = started
                continue
            if pending_space:
                chars.append(" ")
                offsets.append(line.start + j - 1)
                pending_space = False
            chars.append(d)
            offsets.append(line.start + j)
            started = True


def find_title(article: Article, doc: Document) -> str | None:
    """The headline. Metadata wins when it looks like a headline; otherwise the first short line
    without final punctuation. The title paragraph is removed from the body paragraphs."""
    first = [doc.text[s:e] for s, e in doc.paragraphs[:3]]
    meta = " ".join(normalise(article.title or "").split())
    for i, para in enumerate(first):
        if (meta and para == meta and len(meta.split()) >= 3) or (not meta and _is_headline(para)):
            doc.paragraphs = _above_title(doc, i) + doc.paragraphs[i + 1 :]
            return para
        if meta and len(meta.split()) < 3 and _is_headline(para):  # "Defense": a section label
            doc.paragraphs = _above_title(doc, i) + doc.paragraphs[i + 1 :]
            return para
    return meta or None


def _above_title(doc: Document, i: int) -> list[tuple[int, int]]:
    """Paragraphs above the title that read as prose (a page may print its lead before its
    headline): kept, so that the main event is not dropped with the navigation above it."""
    return [(s, e) for s, e in doc.paragraphs[:i] if _is_prose(doc.text[s:e])]


def _is_prose(text: str) -> bool:
    return len(text.split()) >= 12 and bool(re.search(r"[a-z][.!?][\"')\]]*(\s|$)", text))


def _is_headline(text: str) -> bool:
    words = text.split()
    return 3 <= len(words) <= 30 and not text.rstrip().endswith((".", '."', '?"', ":"))


def publication_date(article: Article, doc: Document) -> DateSpan:
    """Metadata, then a date printed near the top of the page, then the URL, then inference."""
    found = dates.parse_published(article.published)
    if found:
        return found
    on_page = dates.published_from_page(doc.text)
    if on_page:
        return on_page[0]
    from_url = dates.published_from_url(article.url)
    if from_url:
        return from_url
    infer = getattr(dates, "infer_published", None)
    inferred = infer(doc.text, article.url) if infer else None
    return inferred or DateSpan.unknown()
