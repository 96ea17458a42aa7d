"""What the pages and the API show, built from the store's records: one real-world event (a
cluster) and its reports, the items of a timeline, the evidence marked in an article's text.

A cluster is read from the store when the linker saved one; until then (or for an event not
linked yet) its summary is made here from its member events, and the differences between the
reports stand in for the linker's disputes.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from backchannel.api import timeline
from backchannel.model import QUAD, Cluster, Dispute, Event, Evidence
from backchannel.store import Store, StoredArticle
from backchannel.store import _web_queries as queries

# A timeline shows what happened, was arranged, tried or refused, not what was denied or mooted.
TIMELINE_STATUSES = ("occurred", "planned", "attempted", "refused")

# The fields whose values reports of one event may disagree on, and how to read each.
_COMPARED = {
    "date": lambda e: _span(e.date.start, e.date.end),
    "mode": lambda e: e.mode,
    "status": lambda e: e.status,
    "initiator": lambda e: e.initiator.name or e.initiator.text if e.initiator else None,
    "duration": lambda e: e.duration,
    "disclosure": lambda e: e.disclosure,
}


def _span(start: dt.date | str | None, end: dt.date | str | None) -> str | None:
    first, last = (str(d) if d else None for d in (start, end))
    return first if first == last else f"{first or '?'}..{last or '?'}"


@dataclass
class Summary:
    """One real-world event: what its best-dated report says, and who reported it."""

    id: str
    event_type: str
    mode: str | None
    status: str
    start: str | None
    end: str | None
    participants: list[str]
    reports: int
    outlets: list[str]
    evidence: str
    members: list[str]
    linked: bool = False  # the linker saved a cluster record for it
    independent_sources: int | None = None
    disputes: list[Dispute] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def quad(self) -> int | None:
        return QUAD.get(self.event_type)

    @property
    def when(self) -> str:
        return _span(self.start, self.end) or "date unknown"

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in vars(self).items() if k != "disputes"}
        return {**out, "quad": self.quad, "disputes": [d.to_dict() for d in self.disputes]}


def differences(members: Sequence[Event]) -> list[Dispute]:
    """The fields on which the reports differ: each value and who reports it."""
    found = []
    for name, read in _COMPARED.items():
        claims: dict[str, list[str]] = {}
        for ev in members:
            value = read(ev)
            if value:
                claims.setdefault(str(value), []).append(ev.outlet or ev.article_id)
        if len(claims) > 1:
            found.append(Dispute(name, claims))
    return found


def summarise(key: str, members: Sequence[Event], record: Cluster | None) -> Summary:
    """1. the best-dated report, as the CLI timeline picks it; 2. the cluster record's own
    fields where the linker saved one, else what the reports themselves say."""
    row = timeline(members)[0]
    summary = Summary(
        key, row.event_type, row.mode, row.status, row.start, row.end, row.participants,
        row.reports, row.outlets, row.evidence, [e.id for e in members],
    )  # fmt: skip
    if record is None:
        summary.disputes = differences(members)
        return summary
    summary.linked = True
    summary.event_type, summary.mode = record.event_type, record.mode
    if record.date.start and record.date.end:
        summary.start, summary.end = record.date.start.isoformat(), record.date.end.isoformat()
    summary.outlets = record.sources or row.outlets
    summary.reports = record.reports or row.reports
    summary.independent_sources = record.independent_sources
    summary.disputes, summary.flags = list(record.disputes), list(record.flags)
    return summary


def summaries(store: Store, keys: Sequence[str]) -> list[Summary]:
    """The summaries of these clusters, in the order given; keys without events are left out."""
    members = queries.cluster_members(store, keys)
    return [summarise(key, members[key], store.cluster(key)) for key in keys if members[key]]


def timeline_item(summary: Summary, short: Callable[[str], str] = str) -> dict[str, Any] | None:
    """A vis-timeline item (with our fields); None when the event cannot be placed in time.
    ``short`` gives the name shown on the item (e.g. a surname); the title keeps full names."""
    if not summary.start:
        return None
    end = dt.date.fromisoformat(summary.end or summary.start)
    ranged = summary.end not in (None, summary.start)
    who = " / ".join(summary.participants)
    return {
        "id": summary.id,
        "start": summary.start,
        "end": (end + dt.timedelta(days=1)).isoformat() if ranged else None,  # vis ends are exclusive
        "type": "range" if ranged else "box",
        "label": " / ".join(short(p) for p in summary.participants),
        "event_type": summary.event_type,
        "quad": summary.quad,
        "status": summary.status,
        "mode": summary.mode,
        "reports": summary.reports,
        "outlets": summary.outlets,
        "title": f"{summary.when} {summary.event_type} ({summary.status}): {who}; {summary.reports} reports",
        "className": f"ev t-{summary.event_type} s-{summary.status}",
        "url": f"/clusters/{summary.id}",
    }


# ---------------------------------------------------------------------------------------------
# Evidence in the article text
# ---------------------------------------------------------------------------------------------

# A piece of text and the ids of the events whose evidence covers it (none: plain text).
Segment = tuple[str, tuple[str, ...]]
Span = tuple[int, int, str]  # start, end, event id


def locate(text: str, evidence: Evidence) -> tuple[int, int] | None:
    """Where the evidence is in ``text``: at its offsets when they hold its words, else at the
    first place the words occur, else nowhere (the record and the text disagree)."""
    start, end = evidence.start, evidence.end
    if 0 <= start < end <= len(text) and text[start:end] == evidence.text:
        return start, end
    found = text.find(evidence.text) if evidence.text else -1
    return (found, found + len(evidence.text)) if found >= 0 else None


def mark(text: str, spans: Iterable[Span]) -> list[Segment]:
    """``text`` cut at every span boundary; each piece says which spans cover it."""
    clipped = [(max(0, s), min(len(text), e), ident) for s, e, ident in spans]
    kept = [(s, e, ident) for s, e, ident in clipped if s < e]
    cuts = sorted({0, len(text), *(s for s, _, _ in kept), *(e for _, e, _ in kept)})
    out: list[Segment] = []
    for lo, hi in itertools.pairwise(cuts):
        covering = tuple(dict.fromkeys(ident for s, e, ident in kept if s <= lo and hi <= e))
        out.append((text[lo:hi], covering))
    return out


def excerpt(text: str, span: Span, around: int = 280) -> list[Segment]:
    """The marked span with about ``around`` characters each side, cut at spaces."""
    start, end, ident = span
    lo, hi = max(0, start - around), min(len(text), end + around)
    if lo > 0:
        lo = text.find(" ", lo, start) + 1 or lo
    if hi < len(text):
        hi = text.rfind(" ", end, hi) if text.rfind(" ", end, hi) > 0 else hi
    segments = mark(text[lo:hi], [(start - lo, end - lo, ident)])
    return [("…", ())] * (lo > 0) + segments + [("…", ())] * (hi < len(text))


@dataclass
class Report:
    """One report of an event: the record, its article and the evidence in the article's text."""

    event: Event
    article: StoredArticle | None
    excerpt: list[Segment]
    full: list[Segment]
    located: bool

    @property
    def outlet(self) -> str:
        given = self.article.article.outlet if self.article else None
        return self.event.outlet or given or self.event.article_id


def report(event: Event, article: StoredArticle | None) -> Report:
    """1. find the evidence in the article's text; 2. cut an excerpt around it and mark it in the
    whole text; 3. where it cannot be found, show the record's words alone."""
    text = article.article.text if article else ""
    found = locate(text, event.evidence)
    if found is None:
        alone: list[Segment] = [(event.evidence.text, (event.id,))]
        return Report(event, article, alone, [(text, ())] if text else [], False)
    span = (*found, event.id)
    return Report(event, article, excerpt(text, span), mark(text, [span]), True)


def article_segments(stored: StoredArticle) -> list[Segment]:
    """The article's text with the evidence of every event coded from it marked."""
    text = stored.article.text
    spans = []
    for ev in stored.events:
        found = locate(text, ev.evidence)
        if found is not None:
            spans.append((*found, ev.id))
    return mark(text, spans)


# The channel facts: who placed the contact, how long it lasted, who disclosed it, and readouts.
_CHANNEL = {
    "initiator": _COMPARED["initiator"],
    "duration": _COMPARED["duration"],
    "disclosure": _COMPARED["disclosure"],
    "readouts": lambda e: "; ".join(e.readouts) or None,
}


def channel_facts(members: Sequence[Event]) -> dict[str, dict[str, list[str]]]:
    """Each channel fact, every value the reports give and who gives it ({} when none does)."""
    facts: dict[str, dict[str, list[str]]] = {}
    for name, read in _CHANNEL.items():
        claims: dict[str, list[str]] = {}
        for ev in members:
            value = read(ev)
            if value:
                claims.setdefault(str(value), []).append(ev.outlet or ev.article_id)
        facts[name] = claims
    return facts


def snippet_segments(snippet: str) -> list[Segment]:
    """A search snippet (matches between « and ») as segments; the marks are the store's own."""
    out: list[Segment] = []
    for i, piece in enumerate(snippet.replace("»", "«").split("«")):
        if piece:
            out.append((piece, ("hit",) if i % 2 else ()))
    return out


def safe_url(url: str | None) -> str | None:
    """An article's URL, if it is http(s): anything else (``javascript:``) is shown, not linked."""
    return url if url and url.lower().startswith(("http://", "https://")) else None
