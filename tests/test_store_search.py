"""Full-text search: words, phrases, OR, exclusion, snippets, and queries that try to break it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from backchannel.store import Store
from backchannel.store._dialects import PG_DOCUMENT, fts5_query
from test_store_backends import BACKENDS, make_item, opened


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with opened(request.param, tmp_path) as fresh:
        yield fresh


ARTICLES = [
    make_item(
        "helsinki",
        "Army Gen. Mark Milley met Gen. Valery Gerasimov in Finland for six hours on Wednesday.",
        title="Top generals hold talks",
    ),
    make_item(
        "geneva", "Antony Blinken and Sergei Lavrov met in Geneva; the talks were frank.", title="Geneva"
    ),
    make_item(
        "kyiv", "Russian forces shelled Kyiv overnight, officials said.", title="Shelling in the capital"
    ),
]


@pytest.fixture
def searchable(store: Store) -> Store:
    store.ingest(ARTICLES)
    return store


def ids(store: Store, query: str) -> set[str]:
    return {hit.article_id for hit in store.search(query)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gerasimov", {"helsinki"}),
        ("GERASIMOV", {"helsinki"}),
        ("talk", {"helsinki", "geneva"}),  # stemmed; "talks" is in one title and one text
        ("capital", {"kyiv"}),  # only in the title
        ("met", {"helsinki", "geneva"}),
        ("met geneva", {"geneva"}),  # every word required
        ("milley OR lavrov", {"helsinki", "geneva"}),
        ("met -finland", {"geneva"}),
        ('"Valery Gerasimov"', {"helsinki"}),
        ('"Gerasimov Valery"', set()),
        ("zeppelin", set()),
    ],
)
def test_store_search_finds(searchable: Store, query: str, expected: set[str]) -> None:
    assert ids(searchable, query) == expected


def test_store_search_hit_has_title_and_marked_snippet(searchable: Store) -> None:
    [hit] = searchable.search("Gerasimov")
    assert (hit.article_id, hit.title) == ("helsinki", "Top generals hold talks")
    assert "«Gerasimov»" in hit.snippet


def test_store_search_limit_and_sync_on_insert(searchable: Store) -> None:
    assert len(searchable.search("met", limit=1)) == 1
    assert ids(searchable, "communique") == set()
    searchable.ingest([make_item("late", "A joint communique followed the meeting.")])
    assert ids(searchable, "communique") == {"late"}


HOSTILE = [
    '"',
    '""',
    '"unbalanced phrase',
    "AND OR",
    "OR",
    "NOT",
    "AND",
    "*",
    "milley*",
    "(((",
    "milley)",
    "NEAR(",
    "NEAR(milley gerasimov, 2)",
    "title:milley",
    "{title text}: milley",
    "^milley",
    "milley + gerasimov",
    "-",
    "--",
    "- -milley",
    "'; DROP TABLE articles; --",
    "\x00",
    "milley\x00gerasimov",
    "\ud800",
    "",
    "   ",
    "\\",
    "%",
    "_",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_store_search_hostile_query_never_fails(searchable: Store, query: str) -> None:
    hits = searchable.search(query)
    assert isinstance(hits, list)
    assert searchable.count_articles() == len(ARTICLES)


def test_store_search_stray_syntax_is_read_as_words(searchable: Store) -> None:
    assert ids(searchable, "milley)") == {"helsinki"}
    assert ids(searchable, "(milley") == {"helsinki"}
    assert ids(searchable, '"Valery Gerasimov') == {"helsinki"}
    assert ids(searchable, "geneva*") == {"geneva"}


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=st.text(max_size=40))
def test_store_search_any_text_is_a_valid_query(searchable: Store, query: str) -> None:
    assert isinstance(searchable.search(query), list)


@given(query=st.text(st.sampled_from('ab "()*:^-+OR NEAR AND NOT{},'), max_size=30))
def test_store_search_fts5_query_is_only_quoted_phrases(query: str) -> None:
    built = fts5_query(query)
    if built is None:
        return
    # Outside the quoted phrases only our own operators and parentheses remain.
    outside = "".join(part for i, part in enumerate(built.split('"')) if i % 2 == 0)
    assert set(outside.replace("OR", "").replace("NOT", "")) <= set(" ()")


def test_store_search_huge_article_is_stored_and_searchable(store: Store) -> None:
    # 2.6 MB of distinct words: more than a PostgreSQL tsvector can hold, were it all indexed.
    words = " ".join(hashlib.md5(str(i).encode()).hexdigest() for i in range(80_000))
    report = store.ingest([make_item("huge", "needle " + words)])
    assert report.added == 1
    assert ids(store, "needle") == {"huge"}
    stored = store.article("huge")
    assert stored is not None and len(stored.article.text) == len(words) + 7


@pytest.mark.postgres
def test_store_search_postgres_uses_the_gin_index(tmp_path: Path) -> None:
    with opened("postgres", tmp_path) as store, store.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        plan = conn.execute(
            text(f"EXPLAIN SELECT a.id FROM articles AS a WHERE {PG_DOCUMENT} @@ plainto_tsquery('x')")
        )
        assert "ix_articles_search" in " ".join(row[0] for row in plan)
