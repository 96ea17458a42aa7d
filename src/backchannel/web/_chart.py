"""The weekly chart of a dyad: cooperation above the line, conflict below, one column per ISO
week, each column stacked by PLOVER type. Drawn on the server as SVG geometry that a template
turns into markup, so the page needs no script and no chart library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from backchannel.model import EVENT_TYPES, Event
from backchannel.store import WeekCount

COOPERATION = (1, 2)  # PLOVER quads: verbal and material cooperation
CONFLICT = (3, 4)  # verbal and material conflict


def weekly_from_events(found: Iterable[Event]) -> list[WeekCount]:
    """What ``Store.weekly_counts`` gives, from records in hand: mentions and distinct
    real-world events per ISO week of the start day, type and quad."""
    cells: dict[tuple[str, str, int | None], tuple[int, set[str]]] = {}
    for ev in found:
        if ev.date.start is None:
            continue
        year, week, _ = ev.date.start.isocalendar()
        key = (f"{year}-W{week:02d}", ev.event_type, ev.quad)
        count, real = cells.get(key, (0, set()))
        real.add(ev.cluster_id or ev.id)
        cells[key] = (count + 1, real)
    return [
        WeekCount(week=w, event_type=t, quad=quad, count=n, clusters=len(real))
        for (w, t, quad), (n, real) in sorted(cells.items(), key=lambda kv: kv[0][:2])
    ]


def monday(week: str) -> dt.date:
    """The Monday of an ISO week written ``2021-W13``."""
    year, number = week.split("-W")
    return dt.date.fromisocalendar(int(year), int(number), 1)


# Room on the left for the scale and the "conflict" label, and below for the years.
MARGIN_LEFT, MARGIN_BOTTOM = 64, 22


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    event_type: str
    title: str


@dataclass
class Chart:
    width: int
    height: int
    zero: float  # y of the line between cooperation (above) and conflict (below)
    top: int  # the largest weekly cooperation count (the top of the scale)
    bottom: int  # the largest weekly conflict count
    scale: int = 1  # the count at the top (and bottom) edge: one scale for both halves
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)  # x, year
    cooperation: int = 0
    conflict: int = 0
    types: list[str] = field(default_factory=list)  # the types drawn, in PLOVER order
    left: int = MARGIN_LEFT  # x where the plot starts


def chart(
    counts: Sequence[WeekCount], measure: str = "clusters", width: int = 900, height: int = 300
) -> Chart:
    """1. lay the weeks from the first to the last side by side; 2. one scale for both halves,
    so that a week of conflict looks as big as a week of cooperation with as many events;
    3. stack each week's types, cooperation up from the line and conflict down."""
    value = "clusters" if measure == "clusters" else "count"
    if not counts:
        return Chart(width, height, (height - MARGIN_BOTTOM) / 2, 0, 0)
    first = min(monday(c["week"]) for c in counts)
    weeks = (max(monday(c["week"]) for c in counts) - first).days // 7 + 1
    column = (width - MARGIN_LEFT) / weeks
    up, down = _totals(counts, value, COOPERATION), _totals(counts, value, CONFLICT)
    top, bottom = max(up.values(), default=0), max(down.values(), default=0)
    half = (height - MARGIN_BOTTOM) / 2
    unit = half / max(top, bottom, 1)
    out = Chart(width, height, half, top, bottom, max(top, bottom, 1))
    out.cooperation, out.conflict = sum(up.values()), sum(down.values())
    stacked: dict[tuple[str, bool], float] = {}
    for c in sorted(counts, key=lambda c: (c["week"], EVENT_TYPES.index(c["event_type"]))):
        n, upward = int(c[value]), (c["quad"] or 0) in COOPERATION  # type: ignore[literal-required]
        base = stacked.get((c["week"], upward), 0.0)
        stacked[(c["week"], upward)] = base + n * unit
        x = MARGIN_LEFT + (monday(c["week"]) - first).days // 7 * column
        y = half - base - n * unit if upward else half + base
        title = f"{c['week']} {c['event_type']}: {c['clusters']} events, {c['count']} reports"
        out.bars.append(Bar(x, y, max(column - 1, 1), n * unit, c["event_type"], title))
    out.types = [t for t in EVENT_TYPES if any(b.event_type == t for b in out.bars)]
    out.ticks = _year_ticks(first, weeks, column)
    return out


def _totals(counts: Sequence[WeekCount], value: str, quads: tuple[int, ...]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for c in counts:
        if c["quad"] in quads:
            totals[c["week"]] = totals.get(c["week"], 0) + int(c[value])  # type: ignore[literal-required]
    return totals


def _year_ticks(first: dt.date, weeks: int, column: float) -> list[tuple[float, str]]:
    """An x position and label for the first week of each year the chart spans."""
    ticks = [(float(MARGIN_LEFT), str(first.isocalendar()[0]))]
    for i in range(1, weeks):
        day = first + dt.timedelta(weeks=i)
        if day.isocalendar()[0] != (day - dt.timedelta(weeks=1)).isocalendar()[0]:
            ticks.append((MARGIN_LEFT + i * column, str(day.isocalendar()[0])))
    return ticks
