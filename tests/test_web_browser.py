"""The pages in a real browser: Debian's chromium driven by Playwright against the app served by
uvicorn on a free localhost port. Every request the page makes is recorded, and none may leave
this machine. Skipped when chromium is not installed (``apt-get install chromium``).

``BACKCHANNEL_SCREENSHOTS=1 pytest tests/test_web_browser.py -k screenshot`` rewrites
``docs/img/timeline.png`` from the example corpus; without it the picture goes to a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from backchannel.store import open_store
from backchannel.web import create_app
from backchannel.web.vendor import vendored
from test_web_corpus import CALL_1, IMG, SCRIPT, build_store

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium")
# Without the background-networking flags chromium phones home at start; with them it does not.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL = {"127.0.0.1", "localhost"}


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The app under uvicorn in a thread, on a port the OS picks; stopped on exit."""
    import uvicorn

    app = create_app(db)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(4800):  # a bounded wait (2 min) for the server to be ready, not a timing assertion
        if server.started or not thread.is_alive():
            break
        time.sleep(0.025)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    assert vendored(), "vis-timeline is not vendored: run python -m backchannel.web.vendor"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


@dataclass
class Watched:
    """A page, and what it did: every request, console errors (CSP refusals among them), dialogs."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        return [
            u
            for u in self.requests
            if urlsplit(u).scheme not in {"data", "about"} and urlsplit(u).hostname not in LOCAL
        ]


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    seen = Watched(page)
    context.on("request", lambda r: seen.requests.append(r.url))
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))

    def on_dialog(dialog: Any) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield seen
    context.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[str]:
    with serving(build_store(tmp_path_factory.mktemp("browser") / "b.db")) as url:
        yield url


def open_timeline(w: Watched, url: str) -> None:
    w.page.goto(url)
    w.page.wait_for_selector('#timeline[data-ready="true"]')


def test_web_browser_timeline_click_opens_the_evidence(watched: Watched, site: str) -> None:
    open_timeline(watched, f"{site}/timeline?actor=Gerasimov&type=CONSULT")
    # Three real-world contacts: the call (two reports), the meeting and the planned meeting.
    assert watched.page.locator("#timeline [data-cluster]").count() == 3
    watched.page.locator('.vis-item.ev [data-cluster="c-call"]').click()
    watched.page.wait_for_url(f"{site}/clusters/c-call")
    excerpt = watched.page.locator("#r-e-call-1 blockquote mark.evidence")
    assert excerpt.inner_text() == CALL_1
    assert watched.page.locator("section.report").count() == 2
    assert watched.foreign() == [] and watched.errors == [] and watched.dialogs == []


def test_web_browser_statuses_and_types_look_different(watched: Watched, site: str) -> None:
    open_timeline(watched, f"{site}/timeline?actor=Gerasimov&type=CONSULT")

    def style(cluster: str) -> dict[str, str]:
        item = watched.page.locator(f".vis-item.ev:has([data-cluster='{cluster}'])")
        return item.evaluate(
            "e => { const s = getComputedStyle(e); return {border: s.borderTopStyle, bg: s.backgroundColor}; }"
        )  # type: ignore[no-any-return]

    # CONSULT is #2166ac in app.css: rgb(33, 102, 172). A planned contact is hollow and dashed.
    assert style("c-call") == {"border": "solid", "bg": "rgb(33, 102, 172)"}
    assert style("c-plan") == {"border": "dashed", "bg": "rgb(255, 255, 255)"}


def test_web_browser_hostile_text_runs_nothing(watched: Watched, site: str) -> None:
    for path in ["/articles/a-hostile", "/clusters/c-hostile", "/search?q=Helsinki", f"/search?q={SCRIPT}"]:
        watched.page.goto(site + path)
        assert watched.page.locator("img[src='x']").count() == 0, path
    watched.page.goto(f"{site}/articles/a-hostile")
    assert watched.page.get_by_text(SCRIPT).count() >= 1  # shown, as text
    open_timeline(watched, f"{site}/timeline?actor=Milley")
    # The accusation by an "actor" named like an image tag: its label is text on the timeline.
    label = watched.page.locator(".vis-item.ev [data-cluster='c-hostile-accuse']")
    assert IMG in label.inner_text()
    assert watched.page.locator("img[src='x']").count() == 0
    assert watched.dialogs == [] and watched.errors == [] and watched.foreign() == []


def test_web_browser_weekly_chart(watched: Watched, site: str) -> None:
    watched.page.goto(f"{site}/weekly?countries=USA,RUS")
    bars = watched.page.locator("svg.weekly rect.bar")
    assert bars.count() == 7  # as in test_web_pages_weekly_chart_draws_one_bar_per_week_and_type
    fill = watched.page.locator("svg.weekly rect.bar.t-CONSULT").first.evaluate(
        "e => getComputedStyle(e).fill"
    )
    assert fill == "rgb(33, 102, 172)"
    assert watched.errors == [] and watched.foreign() == []


# -- real articles: the seeds (the "done when" of the web app) and the example corpus ---------


def ingested(paths: list[Path], db: Path, pipeline: Any) -> Path:
    from backchannel.api import ingest_paths

    with open_store(db) as store:
        ingest_paths(paths, store, pipeline)
    return db


def test_web_browser_seed_call_shows_both_reports(
    watched: Watched, shared: Path, pipeline: Any, tmp_path: Path
) -> None:
    db = ingested([shared / "eval" / "seeds" / "articles.jsonl"], tmp_path / "seeds.db", pipeline)
    with open_store(db) as store:
        # The 31 March 2021 Milley-Gerasimov call, as the two seed articles 000_ and 001_ report it.
        calls = [
            e for e in store.events(actor="Gerasimov", event_type="CONSULT", status="occurred")
            if e.date.start and e.date.start.isoformat() == "2021-03-31" and e.article_id[:4] in {"000_", "001_"}
        ]  # fmt: skip
    assert {e.article_id[:4] for e in calls} == {"000_", "001_"}
    assert len({e.cluster_id for e in calls}) == 1
    with serving(db) as url:
        open_timeline(watched, f"{url}/timeline?actor=Gerasimov")
        watched.page.locator(f'.vis-item.ev [data-cluster="{calls[0].cluster_id}"]').click()
        watched.page.wait_for_url(f"{url}/clusters/{calls[0].cluster_id}")
        for ev in calls:
            marked = watched.page.locator(f"#r-{ev.id} blockquote mark.evidence")
            assert marked.inner_text() == ev.evidence.text
    assert watched.foreign() == [] and watched.errors == []


def test_web_browser_timeline_screenshot(watched: Watched, pipeline: Any, tmp_path: Path) -> None:
    db = ingested([REPO / "examples" / "corpus"], tmp_path / "examples.db", pipeline)
    keep = os.environ.get("BACKCHANNEL_SCREENSHOTS") == "1"
    target = REPO / "docs" / "img" / "timeline.png" if keep else tmp_path / "timeline.png"
    with serving(db) as url:
        open_timeline(watched, f"{url}/timeline?countries=USA,RUS&type=CONSULT")
        # The heading, the legend and the drawing: from below the menu bar to the foot of the timeline.
        box = watched.page.locator("#timeline").bounding_box()
        assert box is not None
        clip = {"x": 0, "y": 44, "width": 1200, "height": box["y"] + box["height"] + 8 - 44}
        watched.page.screenshot(path=str(target), clip=clip)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert watched.foreign() == [] and watched.errors == []
    print(f"timeline screenshot: {target} ({len(data) // 1024} KiB)")
