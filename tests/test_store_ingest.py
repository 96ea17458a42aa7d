"""Ingest: duplicates skipped, taken ids renamed, idempotent, one transaction per batch."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from backchannel.errors import StoreError
from backchannel.model import Article
from backchannel.store import IngestReport, Store, StoredArticle, open_store
from test_store_backends import BACKENDS, dump, location, make_event, make_item, opened


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with opened(request.param, tmp_path) as fresh:
        yield fresh


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with location(request.param, tmp_path) as url:
        yield url


def _hash8(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()[:8]


def folder() -> list[StoredArticle]:
    """A folder's worth of items: one repeated text, one reused id, one reused event id."""
    return [
        make_item("a1", "Milley met Gerasimov in Finland.", make_event("e1", "a1"), title="Talks"),
        make_item("a2", "Blinken called Lavrov.", make_event("e2", "a2"), make_event("e3", "a2")),
        make_item("a2-copy", "Blinken called Lavrov."),  # the same text under another id
        make_item("a1", "A different story under a taken id.", make_event("e1", "a1")),
        make_item("a4", "Nothing happened here."),
    ]


def test_store_ingest_reports_what_it_did(store: Store) -> None:
    report = store.ingest(folder())
    renamed = f"a1~{_hash8('A different story under a taken id.')}"
    assert (report.added, report.duplicates, report.events_added) == (4, 1, 4)
    assert report.renamed == [("a1", renamed)]
    assert report.events_renamed == [("e1", f"e1~{_hash8('A different story under a taken id.')}")]
    stored = store.article(renamed)
    assert stored is not None and stored.article.text == "A different story under a taken id."
    assert [e.article_id for e in stored.events] == [renamed]
    original = store.article("a1")
    assert original is not None and original.article.text == "Milley met Gerasimov in Finland."
    assert store.article("a2-copy") is None


def test_store_ingest_twice_changes_nothing(store: Store) -> None:
    first = store.ingest(folder(), batch_size=2)
    before = dump(store)
    again = store.ingest(folder(), batch_size=2)
    assert dump(store) == before
    assert (again.added, again.duplicates, again.events_added, again.renamed) == (0, 5, 0, [])
    assert first.added == 4 and before["articles"]


def test_store_ingest_known_hashes(store: Store) -> None:
    items = folder()
    store.ingest(items[:2])
    hashes = [i.article.content_hash for i in items]
    assert store.known_hashes(hashes) == {hashes[0], hashes[1]}  # items[2] repeats items[1]'s text
    assert store.has_hash(hashes[0]) and not store.has_hash(hashes[3])
    assert store.known_hashes([]) == set()


def _numbered(n: int) -> Iterator[StoredArticle]:
    for i in range(1, n + 1):
        yield make_item(f"a{i}", f"story number {i}", make_event(f"e{i}", f"a{i}"))


def test_store_ingest_commits_each_batch_before_a_failing_input(store: Store) -> None:
    class Broken(Exception):
        pass

    def items() -> Iterator[StoredArticle]:
        yield from _numbered(5)
        raise Broken("the reader failed")

    seen: list[tuple[int, int]] = []
    with pytest.raises(Broken):
        store.ingest(items(), batch_size=2, progress=lambda r: seen.append((r.batches, r.added)))
    # Batches [1, 2] and [3, 4] were committed; 5 was read but its batch never completed.
    assert seen == [(1, 2), (2, 4)]
    assert [s.article.id for s in store.articles()] == ["a1", "a2", "a3", "a4"]
    assert store.count_events() == 4 and store.event("e5") is None
    assert store.search("number") and all(hit.article_id != "a5" for hit in store.search("number"))


def test_store_ingest_refused_row_leaves_its_batch_unwritten(store: Store) -> None:
    items = list(_numbered(6))
    items[4] = make_item("a5", "a NUL \x00 in the text", make_event("e5", "a5"))
    with pytest.raises(StoreError, match="NUL") as caught:
        store.ingest(items, batch_size=3)
    assert "\n" not in str(caught.value)
    assert [s.article.id for s in store.articles()] == ["a1", "a2", "a3"]
    assert store.count_events() == 3
    report = store.ingest(items[:4] + items[5:], batch_size=3)  # fixed input: the rest goes in
    assert (report.added, report.duplicates) == (2, 3)


def test_store_ingest_database_failure_rolls_back_the_batch(tmp_path: Path) -> None:
    with open_store(tmp_path / "fail.db") as store:
        with store.engine.begin() as conn:  # make the database itself refuse event e5
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_e5 BEFORE INSERT ON events WHEN NEW.id = 'e5' "
                    "BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
                )
            )
        with pytest.raises(StoreError, match="refused by test"):
            store.ingest(_numbered(6), batch_size=3)
        assert store.count_articles() == 3 and store.count_events() == 3
        assert store.search("number") and {h.article_id for h in store.search("number")} == {"a1", "a2", "a3"}
        with store.engine.connect() as conn:  # the FTS index agrees with its content table
            conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_store_ingest_event_ids_follow_a_renamed_article(store: Store) -> None:
    store.ingest([make_item("x", "first text", make_event("ev", "x"))])
    report = store.ingest([make_item("x", "second text", make_event("ev", "x"), make_event("ev2", "x"))])
    new_id = f"x~{_hash8('second text')}"
    assert report.renamed == [("x", new_id)]
    assert [e.article_id for e in store.events(article_id=new_id)] == [new_id, new_id]
    assert store.count_events(article_id="x") == 1


def test_store_ingest_empty_and_bad_batch_size(store: Store) -> None:
    assert store.ingest([]) == IngestReport()
    with pytest.raises(ValueError):
        store.ingest([], batch_size=0)


def test_store_ingest_title_defaults_to_the_given_title(store: Store) -> None:
    item = StoredArticle(Article(id="t", text="body", title="Given"))
    store.ingest([item, StoredArticle(Article(id="u", text="other", title="Given"), title="Better")])
    first, second = store.article("t"), store.article("u")
    assert first is not None and first.title == "Given"
    assert second is not None and (second.title, second.article.title) == ("Better", "Given")


def test_store_ingest_concurrent_writers_store_each_text_once(store_url: str) -> None:
    """Writers in parallel (each its own engine, as separate processes would have) with
    overlapping input: no errors, and every text stored exactly once."""
    items = [make_item(f"a{i}", f"shared story {i}", make_event(f"e{i}", f"a{i}")) for i in range(40)]
    open_store(store_url).close()  # migrated once, so that the writers race on data only
    reports: list[IngestReport] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def writer(offset: int) -> None:
        start.wait()
        try:
            with open_store(store_url) as mine:
                reports.append(mine.ingest(items[offset:] + items[:offset], batch_size=5))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n * 10,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r.added for r in reports) == 40 and sum(r.duplicates for r in reports) == 120
    assert all(r.renamed == [] for r in reports)
    with open_store(store_url) as store:
        assert store.count_articles() == 40 and store.count_events() == 40
