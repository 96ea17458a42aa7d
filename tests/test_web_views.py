"""The pieces behind the pages: evidence located and marked, differences between reports, the
weekly chart's geometry, parameter messages. Expected values are worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from backchannel.model import Evidence
from backchannel.store import WeekCount
from backchannel.web._chart import chart, monday, weekly_from_events
from backchannel.web._params import Filters, describe
from backchannel.web._views import differences, excerpt, locate, mark, safe_url, snippet_segments
from test_web_corpus import EVENTS, make_event

TEXT = "One. Two three. Four."


def test_web_views_locate_trusts_offsets_that_hold_the_words() -> None:
    assert locate(TEXT, Evidence("Two three.", 5, 15)) == (5, 15)


def test_web_views_locate_falls_back_to_the_words_when_offsets_are_stale() -> None:
    assert locate(TEXT, Evidence("Four.", 0, 5)) == (16, 21)
    assert locate(TEXT, Evidence("Five.", 16, 21)) is None
    assert locate(TEXT, Evidence("", 0, 0)) is None


def test_web_views_mark_cuts_at_every_boundary_and_keeps_overlaps() -> None:
    pieces = mark("abcdef", [(1, 4, "x"), (3, 5, "y")])
    assert pieces == [("a", ()), ("bc", ("x",)), ("d", ("x", "y")), ("e", ("y",)), ("f", ())]
    assert "".join(p for p, _ in pieces) == "abcdef"


def test_web_views_mark_clips_spans_outside_the_text() -> None:
    assert mark("abc", [(2, 9, "x"), (5, 6, "gone")]) == [("ab", ()), ("c", ("x",))]
    assert mark("", [(0, 1, "x")]) == []


def test_web_views_excerpt_cuts_at_spaces_with_ellipses() -> None:
    text = "alpha beta gamma delta epsilon"
    # "gamma" is at 11..16; 7 characters around reach into "beta" and "delta", cut back to spaces.
    assert excerpt(text, (11, 16, "e"), around=7) == [
        ("…", ()),
        ("beta ", ()),
        ("gamma", ("e",)),
        (" delta", ()),
        ("…", ()),
    ]
    assert excerpt("short", (0, 5, "e")) == [("short", ("e",))]


def test_web_views_differences_name_the_field_and_who_says_what() -> None:
    call_1, call_2 = EVENTS["a-hill"][0], EVENTS["a-news"][0]
    assert [(d.field, d.claims) for d in differences([call_1, call_2])] == [
        ("mode", {"phone": ["Hill Daily"], "video": ["Just News"]})
    ]
    later = make_event(
        "e-x", "a-hill", call_1.evidence.text, date=call_1.date.__class__.day(dt.date(2021, 4, 1))
    )
    found = {d.field: d.claims for d in differences([call_1, later])}
    # The second one has no outlet: it is named by its article id.
    assert found["date"] == {"2021-03-31": ["Hill Daily"], "2021-04-01": ["a-hill"]}


def test_web_views_snippet_marks_between_guillemets() -> None:
    assert snippet_segments("…met «Gerasimov» by «phone»") == [
        ("…met ", ()),
        ("Gerasimov", ("hit",)),
        (" by ", ()),
        ("phone", ("hit",)),
    ]


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://a.example/x", True),
        ("HTTP://a.example", True),
        ("javascript:alert(1)", False),
        (" data:x", False),
    ],
)
def test_web_views_only_http_urls_become_links(url: str, linked: bool) -> None:
    assert (safe_url(url) is not None) is linked


def test_web_views_monday_of_an_iso_week() -> None:
    assert monday("2021-W13") == dt.date(2021, 3, 29)
    assert monday("2021-W01") == dt.date(2021, 1, 4)  # 2021's week 1 starts on 4 January


def week(w: str, event_type: str, quad: int, clusters: int, count: int) -> WeekCount:
    return WeekCount(week=w, event_type=event_type, quad=quad, count=count, clusters=clusters)


COUNTS = [
    week("2021-W01", "CONSULT", 1, 2, 3),
    week("2021-W01", "ACCUSE", 3, 1, 1),
    week("2021-W03", "AGREE", 1, 1, 1),
]


def test_web_views_chart_geometry() -> None:
    # Plot 100 wide (164 less the 64 margin), 200 high (222 less 22): the line at y=100. Three
    # weeks (W01..W03) make columns of 100/3. The largest half is W01's cooperation, 2 events,
    # so one event is 100/2 = 50 high: CONSULT rises to the top, ACCUSE drops 50, AGREE rises 50.
    drawn = chart(COUNTS, "clusters", width=164, height=222)
    bars = {b.event_type: (round(b.x, 2), round(b.y, 2), round(b.height, 2)) for b in drawn.bars}
    assert bars == {"CONSULT": (64, 0, 100), "ACCUSE": (64, 100, 50), "AGREE": (130.67, 50, 50)}
    assert (drawn.zero, drawn.scale, drawn.cooperation, drawn.conflict) == (100, 2, 3, 1)
    assert drawn.types == ["AGREE", "CONSULT", "ACCUSE"]  # PLOVER order


def test_web_views_chart_counts_reports_when_asked() -> None:
    # Counting reports, W01's cooperation is 3: one report is 100/3 high.
    drawn = chart(COUNTS, "events", width=164, height=222)
    assert drawn.scale == 3 and drawn.cooperation == 4
    assert round(next(b for b in drawn.bars if b.event_type == "ACCUSE").height, 2) == 33.33


def test_web_views_chart_stacks_types_within_a_week() -> None:
    drawn = chart(
        [week("2021-W01", "AGREE", 1, 1, 1), week("2021-W01", "CONSULT", 1, 1, 1)], width=164, height=222
    )
    # Two events in the week: each 50 high; AGREE (first in PLOVER order) sits on the line.
    assert [(b.event_type, b.y) for b in drawn.bars] == [("AGREE", 50), ("CONSULT", 0)]


def test_web_views_weekly_from_events_counts_reports_and_real_events() -> None:
    found = [EVENTS["a-hill"][0], *EVENTS["a-news"], *EVENTS["a-state"]]
    cells = {(w["week"], w["event_type"]): (w["count"], w["clusters"]) for w in weekly_from_events(found)}
    # Both call reports share c-call: 2 reports, 1 event; the unlinked accusation counts as itself.
    assert cells == {
        ("2021-W13", "AGREE"): (1, 1),
        ("2021-W13", "CONSULT"): (2, 1),
        ("2022-W03", "ACCUSE"): (1, 1),
        ("2022-W03", "CONSULT"): (1, 1),
    }


def test_web_views_describe_names_the_parameter_and_the_form() -> None:
    line = describe({"type": "date_from_datetime_parsing", "loc": ("query", "since"), "input": "yesterday"})
    assert line == "query parameter 'since': expected a date as YYYY-MM-DD, e.g. 2021-03-31; got 'yesterday'"
    assert describe({"type": "missing", "loc": ("query", "q")}) == "query parameter 'q' is required"
    assert describe({"type": "model_attributes_type", "loc": ("body",), "input": b"x"}).startswith(
        "request body: expected a JSON object"
    )


def test_web_views_filters_round_trip_to_a_query_string() -> None:
    filters = Filters(
        actor="Milley", countries=("USA", "RUS"), statuses=("planned",), start=dt.date(2021, 1, 1)
    )
    assert filters.query() == "actor=Milley&countries=USA%2CRUS&status=planned&since=2021-01-01"
    assert filters.query(count="events").endswith("&count=events")
    assert filters.store_filters()["country_pair"] == ("USA", "RUS")
