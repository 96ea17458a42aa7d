"""The HTML pages, in process: what each shows, and that hostile article text stays text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape, unescape
from pathlib import Path

import pytest

from backchannel.web import create_app
from test_web_corpus import CALL_1, CALL_2, IMG, MEET, SCRIPT, Client, build_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("pages") / "pages.db")


@pytest.fixture
def client(db: Path) -> Iterator[Client]:
    app = create_app(db)
    yield Client(app)
    app.state.store.close()


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def marks(html: str) -> list[str]:
    """The text inside each <mark class="evidence"> (links inside it unwrapped, unescaped)."""
    found = re.findall(r'<mark class="evidence"[^>]*>(.*?)</mark>', html, flags=re.S)
    return [unescape(re.sub(r"<[^>]+>", "", m)) for m in found]


# -- escaping --------------------------------------------------------------------------------

HOSTILE_PAGES = [
    "/articles/a-hostile",
    "/clusters/c-hostile",
    "/clusters/c-hostile-accuse",
    "/search?q=Helsinki",
    "/timeline?actor=Milley",
    "/actors/mark-milley",
]


@pytest.mark.parametrize("url", HOSTILE_PAGES)
def test_web_pages_hostile_text_is_shown_as_text(client: Client, url: str) -> None:
    html = page(client, url)
    assert SCRIPT not in html and IMG not in html
    assert "onerror=alert" not in html.replace(escape(IMG), "")  # only ever inside escaped text
    assert escape(IMG) in html


def test_web_pages_hostile_title_and_outlet_are_escaped(client: Client) -> None:
    html = page(client, "/clusters/c-hostile")
    assert escape(SCRIPT) in html  # the article's title
    assert escape(f"<b>{IMG}</b>") in html  # its outlet


def test_web_pages_javascript_url_is_not_a_link(client: Client) -> None:
    html = page(client, "/articles/a-hostile")
    assert 'href="javascript:' not in html.lower()
    assert "javascript:alert(1)" in html  # shown as text


@pytest.mark.parametrize(
    "url", [f"/search?q={SCRIPT}", f"/timeline?actor={SCRIPT}", f"/weekly?actor={IMG}", f"/actors?q={IMG}"]
)
def test_web_pages_reflected_parameters_are_escaped(client: Client, url: str) -> None:
    html = client.get(url).text
    assert SCRIPT not in html and IMG not in html


def test_web_pages_error_page_escapes_the_missing_name(client: Client) -> None:
    html = page(client, f"/articles/{SCRIPT}", 404)
    assert SCRIPT not in html and escape(SCRIPT, quote=False) in html.replace("&#39;", "'")


def test_web_pages_have_no_inline_script_or_style(client: Client) -> None:
    for url in [
        "/",
        "/timeline?actor=Gerasimov",
        "/clusters/c-call",
        "/weekly?countries=USA,RUS",
        *HOSTILE_PAGES,
    ]:
        html = page(client, url)
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], url
        assert " style=" not in html and "<style" not in html, url
        assert re.findall(r"<[a-z][^>]*\son[a-z]+\s*=", html) == [], url  # no event-handler attribute


# -- what the pages show ---------------------------------------------------------------------


def test_web_pages_cluster_shows_every_report_with_its_evidence_marked(client: Client) -> None:
    html = page(client, "/clusters/c-call")
    assert 'id="r-e-call-1"' in html and 'id="r-e-call-2"' in html
    assert "Hill Daily" in html and "Just News" in html
    # Each report's sentence is marked twice: in the excerpt and in the whole article.
    assert marks(html) == [CALL_1, CALL_1, CALL_2, CALL_2]
    assert "according to Milley&#39;s office" in html  # the attribution
    assert "Where the reports differ" in html and "video" in html  # no cluster record: computed


def test_web_pages_cluster_shows_the_linkers_disputes_and_flags(client: Client) -> None:
    html = page(client, "/clusters/c-hostile")
    assert "Disputes between sources" in html and "single-source" in html
    assert "Helsinki" in html and escape(IMG) in html  # a disputed value is hostile text too


def test_web_pages_cluster_shows_the_channel_facts(client: Client) -> None:
    html = page(client, "/clusters/c-call")
    facts = re.search(r"<h2>The channel</h2>(.*?)</div>", html, flags=re.S)
    assert facts is not None
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", facts.group(1)))
    # Only Just News says who placed the call; nobody gives a duration or who disclosed it.
    assert "Initiator Mark Milley (Just News)" in text
    assert "Duration not reported" in text and "Disclosure not reported" in text


def test_web_pages_article_marks_all_its_evidence_with_links(client: Client) -> None:
    html = page(client, "/articles/a-hostile")
    assert marks(html) == [MEET, f"{IMG} says so."]
    assert 'href="/events/e-meet"' in html


def test_web_pages_event_redirects_to_its_report_on_the_cluster_page(client: Client) -> None:
    response = client.get("/events/e-call-2")
    assert response.status_code == 303
    assert response.headers["location"] == "/clusters/c-call#r-e-call-2"


def test_web_pages_timeline_lists_events_and_points_the_script_at_the_api(client: Client) -> None:
    html = page(client, "/timeline?actor=Gerasimov&type=CONSULT")
    assert re.findall(r'href="/clusters/([^"]+)"', html) == ["c-call", "c-hostile", "c-plan"]
    src = re.search(r'data-src="([^"]+)"', html)
    assert src is not None and src.group(1) == "/api/timeline?actor=Gerasimov&amp;type=CONSULT&amp;limit=500"
    assert 'class="chip t-CONSULT s-planned"' in html  # the planned meeting looks different


def test_web_pages_timeline_without_filters_asks_for_some(client: Client) -> None:
    html = page(client, "/timeline")
    assert 'id="timeline"' not in html and "Choose an actor" in html


def test_web_pages_bad_parameter_is_a_422_page(client: Client) -> None:
    html = page(client, "/timeline?actor=Gerasimov&since=yesterday", 422)
    assert "since" in html and "YYYY-MM-DD" in html


def test_web_pages_actor_shows_roles_counterparts_and_events(client: Client) -> None:
    html = page(client, "/actors/valery-gerasimov")
    assert "Chief of the General Staff" in html and "2012-11-09" in html
    assert 'href="/timeline?actor=valery-gerasimov&amp;with=mark-milley"' in html
    assert len(re.findall(r'href="/clusters/', html)) == 4  # call, agreement, meeting, plan


def test_web_pages_search_links_hits_to_their_events(client: Client) -> None:
    html = page(client, "/search?q=telephone")
    assert 'href="/articles/a-hill"' in html and 'href="/clusters/c-call"' in html
    assert '<mark class="evidence">telephone</mark>' in html  # the matched word


def test_web_pages_weekly_chart_draws_one_bar_per_week_and_type(client: Client) -> None:
    html = page(client, "/weekly?countries=USA,RUS")
    bars = re.findall(r'<rect class="bar t-([A-Z]+)"', html)
    # Seven week-and-type cells (see test_web_api_weekly_counts_by_type_and_quad), one bar each.
    assert sorted(bars) == sorted(["AGREE", "CONSULT", "CONSULT", "ACCUSE", "CONSULT", "ACCUSE", "CONSULT"])


def test_web_pages_index_lists_who_appears_most(client: Client) -> None:
    html = page(client, "/")
    # Milley is in the call, agreement, meeting, plan and (as target) the hostile accusation.
    first = re.search(r'<td><a href="/actors/([^"]+)">', html)
    assert first is not None and first.group(1) == "mark-milley"
