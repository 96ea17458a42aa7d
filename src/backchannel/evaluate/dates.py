"""Scoring the temporal stage on TimeML gold: TempEval-3 platinum and MEANTIME.

    python -m backchannel.evaluate.dates [--shared DIR] [--corpus te3|meantime|all] [--errors [N]]

For every TIMEX3 in a document's text (the creation time itself excluded) we take the gold words and
the document creation time (DCT), read the words with our resolver, write the result as a TIMEX3
value and compare it with the gold value, string for string. The resolver sees what the pipeline
would see around those words: the tense of their clause (``direction_at``) and the day of the
previous day-precise expression in the document (for "that day" and bare clock times).

The headline figure is value accuracy over all TIMEX3; we also give it per type (DATE, TIME,
DURATION, SET) and how many gold expressions ``find_times`` finds in the running text (detection).
The gold files stay in ``../shared``; nothing from them is copied into the project.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from backchannel.dates import parse_published
from backchannel.dates.direction import direction_at
from backchannel.dates.resolve import Found, read, scan
from backchannel.dates.timex import timex_value
from backchannel.model import DateSpan

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO / ".." / "shared"
TE3 = Path("eval/dates/te3-platinum")
MEANTIME = Path("eval/dates/meantime/intra-doc_annotation")
TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class Document:
    """A gold document: its plain text, creation time and TIMEX3 spans (offsets into ``text``)."""

    name: str
    text: str
    dct: DateSpan
    timexes: list[Timex]


@dataclass(slots=True)
class Outcome:
    document: str
    text: str
    type: str
    gold: str
    ours: str | None
    found: bool  # find_times found an expression overlapping the gold words

    @property
    def correct(self) -> bool:
        return self.ours == self.gold


@dataclass(slots=True)
class Figures:
    """Value accuracy overall and per TIMEX3 type, and detection recall, for one corpus."""

    corpus: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return _share(o.correct for o in self.outcomes)

    @property
    def detection(self) -> float:
        return _share(o.found for o in self.outcomes)

    def by_type(self) -> dict[str, tuple[float, int]]:
        """Accuracy and count for each TIMEX3 type present."""
        out: dict[str, tuple[float, int]] = {}
        for kind in TYPES:
            chosen = [o.correct for o in self.outcomes if o.type == kind]
            if chosen:
                out[kind] = (_share(chosen), len(chosen))
        return out

    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.correct]


def _share(flags: Iterable[bool]) -> float:
    items = list(flags)
    return sum(items) / len(items) if items else 0.0


# ---------------------------------------------------------------------------------------------
# Reading the corpora
# ---------------------------------------------------------------------------------------------


def _flatten(element: ET.Element) -> tuple[str, list[tuple[int, int, ET.Element]]]:
    """The text of an XML element with inline markup removed, and where each TIMEX3 lies in it."""
    parts: list[str] = []
    marks: list[tuple[int, int, ET.Element]] = []

    def walk(node: ET.Element) -> None:
        parts.append(node.text or "")
        for child in node:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                marks.append((start, sum(map(len, parts)), child))
            parts.append(child.tail or "")

    walk(element)
    return "".join(parts), marks


def te3_documents(folder: Path) -> Iterator[Document]:
    """TempEval-3 platinum (.tml): the DCT from <DCT>, the TIMEX3 from <TEXT>."""
    for path in sorted(folder.glob("*.tml")):
        root = ET.parse(path).getroot()
        dct_node = root.find("DCT/TIMEX3")
        body = root.find("TEXT")
        if dct_node is None or body is None:
            continue
        dct = parse_published(dct_node.get("value")) or DateSpan.unknown()
        text, marks = _flatten(body)
        timexes = [Timex(s, e, n.get("type", ""), n.get("value", "")) for s, e, n in marks]
        yield Document(path.stem, text, dct, timexes)


_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "%", "'s", "’s", "n't", "''", "'"}
_NO_SPACE_AFTER = {"(", "$", "``", "£", "€"}


def _detokenise(tokens: list[ET.Element]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Text from MEANTIME tokens (one sentence a line) and each token id's offsets in it."""
    out, where = "", {}
    previous_sentence, previous = None, ""
    for token in tokens:
        word = token.text or ""
        sentence = token.get("sentence")
        if previous_sentence is not None and sentence != previous_sentence:
            out += "\n"
        elif out and word not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
            out += " "
        where[token.get("t_id", "")] = (len(out), len(out) + len(word))
        out += word
        previous_sentence, previous = sentence, word
    return out, where


def _meantime_dct(root: ET.Element, text: str) -> DateSpan:
    """The creation time; a few files write it day-month-year or leave it out, and then the dated
    line under the headline (the document's second line) stands in for it."""
    for node in root.iter("TIMEX3"):
        if node.get("functionInDocument") == "CREATION_TIME":
            value = node.get("value") or ""
            if m := re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value):
                value = f"{m[3]}-{m[2]}-{m[1]}"
            span = parse_published(value)
            if span is not None:
                return span
    lines = text.split("\n")
    return parse_published(lines[1] if len(lines) > 1 else "") or DateSpan.unknown()


def meantime_documents(folder: Path) -> Iterator[Document]:
    """MEANTIME (CAT XML): tokens, then TIMEX3 markables over token ids."""
    for path in sorted(folder.glob("corpus_*/*.xml")):
        root = ET.parse(path).getroot()
        text, where = _detokenise(list(root.iter("token")))
        timexes = []
        for node in root.iter("TIMEX3"):
            ids = [a.get("t_id", "") for a in node.iter("token_anchor")]
            if not ids or node.get("functionInDocument") == "CREATION_TIME":
                continue
            start, end = where[ids[0]][0], where[ids[-1]][1]
            timexes.append(Timex(start, end, node.get("type", ""), node.get("value", "")))
        yield Document(path.stem, text, _meantime_dct(root, text), timexes)


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def _hint(found: Sequence[Found], text: str, start: int, end: int) -> dt.date | None:
    """The day the words sit in: that of a day-precise expression around them ("16:15 UTC, June
    1st"), else of the last one before them in the same paragraph."""
    hint: dt.date | None = None
    for item in found:
        span = item.reading.span
        day = (
            span.start if span is not None and span.granularity == "day" and span.start == span.end else None
        )
        if item.start < end and start < item.end and day is not None:
            return day
        if item.end > start:
            break
        if "\n\n" in text[item.end : start]:
            hint = None
        elif day is not None:
            hint = day
    return hint


def score_document(doc: Document) -> list[Outcome]:
    """1. Scan the text as the pipeline does; 2. read each gold expression in its context; 3. compare."""
    found = scan(doc.text, doc.dct)
    outcomes = []
    for timex in doc.timexes:
        words = doc.text[timex.start : timex.end]
        direction = direction_at(doc.text, timex.start, timex.end)
        reading = read(words, doc.dct, direction, _hint(found, doc.text, timex.start, timex.end))
        hit = any(f.start < timex.end and timex.start < f.end for f in found)
        outcomes.append(Outcome(doc.name, words, timex.type, timex.value, timex_value(reading), hit))
    return outcomes


def score(corpus: str, documents: Iterable[Document]) -> Figures:
    figures = Figures(corpus)
    for doc in documents:
        figures.outcomes.extend(score_document(doc))
    return figures


def evaluate(shared: Path = SHARED, corpora: Sequence[str] = ("te3", "meantime")) -> dict[str, Figures]:
    """Figures for each corpus present under ``shared`` (a corpus that is absent is left out)."""
    readers = {"te3": (TE3, te3_documents), "meantime": (MEANTIME, meantime_documents)}
    out = {}
    for name in corpora:
        folder, reader = readers[name]
        if (shared / folder).is_dir():
            out[name] = score(name, reader(shared / folder))
    return out


def report(figures: Figures, errors: int = 0) -> str:
    lines = [
        f"{figures.corpus}: value accuracy {figures.accuracy:.3f} over {len(figures.outcomes)} TIMEX3"
        f" (detection {figures.detection:.3f})"
    ]
    for kind, (accuracy, count) in figures.by_type().items():
        lines.append(f"  {kind:<9} {accuracy:.3f}  n={count}")
    for o in figures.errors()[:errors]:
        lines.append(f"  ✗ {o.document[:28]:<28} {o.type:<8} {o.text!r:<34} gold {o.gold:<16} ours {o.ours}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m backchannel.evaluate.dates", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder holding eval/dates")
    parser.add_argument("--corpus", choices=("te3", "meantime", "all"), default="all")
    parser.add_argument("--errors", type=int, nargs="?", const=60, default=0, help="list up to N errors")
    args = parser.parse_args(argv)
    corpora = ("te3", "meantime") if args.corpus == "all" else (args.corpus,)
    results = evaluate(args.shared, corpora)
    if not results:
        print(f"no date gold under {args.shared / 'eval/dates'}", file=sys.stderr)
        return 1
    for figures in results.values():
        print(report(figures, args.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
