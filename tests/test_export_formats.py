"""Exports read back with pandas, pyarrow and json give the store's events (SQLite, and PostgreSQL
when BACKCHANNEL_TEST_PG_URL is set)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backchannel import export as ex
from backchannel.errors import ConfigError
from backchannel.model import Actor, Article, Attribution, DateSpan, Event, Evidence, Location
from backchannel.store import Store, StoredArticle
from test_store_backends import BACKENDS, opened

MILLEY = Actor(
    "Mark Milley", "Gen. Mark Milley", "USA", "MIL", "Chairman of the Joint Chiefs of Staff", "mark-milley"
)
GERASIMOV = Actor(
    "Valery Gerasimov", "Russia’s top general", "RUS", "MIL", "Chief of the General Staff", "valery-gerasimov"
)
KIRBY = Actor("John Kirby", "John Kirby", "USA", "GOV", None, "john-kirby")
FORCES = Actor(None, "Russian forces", "RUS", "MIL")
UKRAINE = Actor(None, "Ukraine", "UKR", "GOV")
# Evidence with a tab, a line break and double quotes: what breaks naive TSV and CSV writers.
TRICKY = 'Milley said "we talked"\tby phone\nlate on Wednesday'


def _event(eid: str, **kw: Any) -> Event:
    base: dict[str, Any] = {
        "id": eid, "article_id": "a1", "event_type": "CONSULT", "mode": "phone", "contexts": ["military"],
        "status": "occurred", "actors": [MILLEY, GERASIMOV], "recipients": [], "initiator": None,
        "date": DateSpan.day(dt.date(2021, 3, 31), "Wednesday", "relative"), "location": None,
        "attribution": None, "evidence": Evidence("They spoke.", 0, 11), "confidence": 0.9,
        "cluster_id": f"c-{eid}", "outlet": "Harbor Wire",
    }  # fmt: skip
    return Event(**(base | kw))


EVENTS = [
    _event(
        "e-1", evidence=Evidence(TRICKY, 10, 10 + len(TRICKY)), attribution=Attribution(KIRBY, "Kirby told reporters"),
        location=Location("Helsinki", "FIN", 60.17, 24.94, 658225),
    ),
    _event("e-2", status="planned", date=DateSpan(dt.date(2021, 11, 1), dt.date(2021, 11, 30), "month")),
    _event("e-3", event_type="ASSAULT", mode=None, actors=[FORCES], recipients=[UKRAINE], article_id="a2"),
    _event("e-4", status="refused", cluster_id="c-1"),
]  # fmt: skip


def _items() -> list[StoredArticle]:
    a1 = Article(
        "a1", "x" * 80, "Milley calls Gerasimov", "https://harbor.example/a1", "Harbor Wire", "2021-03-31"
    )
    a2 = Article("a2", "y" * 40, None, None, "Harbor Wire", "2021-04-01")
    return [
        StoredArticle(a1, events=[e for e in EVENTS if e.article_id == "a1"]),
        StoredArticle(a2, events=[e for e in EVENTS if e.article_id == "a2"]),
    ]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with opened(request.param, tmp_path) as fresh:
        fresh.ingest(_items())
        yield fresh


def _stored(store: Store) -> dict[str, Event]:
    return {e.id: e for e in store.events(limit=None)}


def test_export_parquet_round_trips_every_record(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert ex.export(store, "parquet", tmp_path / "e.parquet") == 4
    rows = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert {r["id"]: Event.from_dict(json.loads(r["record"])).to_dict() for r in rows} == {
        k: e.to_dict() for k, e in _stored(store).items()
    }
    first = next(r for r in rows if r["id"] == "e-1")
    assert (first["actor_countries"], first["quad"], first["source"]) == ("USA; RUS", 1, "John Kirby")


def test_export_csv_round_trips_the_flat_fields(store: Store, tmp_path: Path) -> None:
    ex.export(store, "csv", tmp_path / "e.csv")
    df = pandas.read_csv(tmp_path / "e.csv", dtype=str, keep_default_na=False)
    stored = _stored(store)
    assert set(df["id"]) == set(stored)
    for row in df.to_dict("records"):
        ev = stored[row["id"]]
        assert (row["cluster_id"], row["event_type"], row["date_start"]) == (
            ev.cluster_id, ev.event_type, ev.date.start.isoformat() if ev.date.start else "",
        )  # fmt: skip
        assert row["evidence"] == ev.evidence.text  # quotes, tab and line break survive CSV quoting
    # By hand: e-3 is an assault by Russian forces (no name) on Ukraine.
    e3 = df[df["id"] == "e-3"].iloc[0]
    assert (e3["actor_names"], e3["recipient_countries"], e3["quad"]) == ("Russian forces", "UKR", "4")


def test_export_plover_records(store: Store, tmp_path: Path) -> None:
    ex.export(store, "plover", tmp_path / "e.jsonl")
    records = {
        r["id"]: r for r in map(json.loads, (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines())
    }
    assert set(records) == set(_stored(store))
    assert all({"id", "date", "actor", "event"} <= set(r) for r in records.values())
    e1, e2, e4 = records["e-1"], records["e-2"], records["e-4"]
    # By hand, from PLOVER: a planned meeting is AGREE, a refused one REJECT; CONSULT is quad 1.
    assert (e1["event"], e2["event"], e4["event"], e1["quad_code"]) == (["CONSULT"], ["AGREE"], ["REJECT"], 1)
    assert (e2["date"], e2["enddate"], e1["enddate"]) == ("2021-11-01", "2021-11-30", None)
    milley = e1["actor"][0]
    assert (milley["code"], milley["sector"], milley["identifier_text"]) == ("USA", "MIL", "Mark Milley")
    assert milley["identifier_id"] == "Q6768369"  # Milley's Wikidata item, from the KB
    assert (e1["link"], e1["mode"], e1["event_loc"]["country_code"]) == ("c-e-1", ["phone"], "FIN")
    assert e1["cite_info"]["url"] == "https://harbor.example/a1" and e1["event_text"] == [TRICKY]


def test_export_polecat_tsv_reads_with_pandas(store: Store, tmp_path: Path) -> None:
    ex.export(store, "polecat", tmp_path / "e.tsv")
    df = pandas.read_csv(tmp_path / "e.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert len(df) == 4 and df.columns[0] == "Event ID"
    e1 = df[df["Event ID"] == "e-1"].iloc[0]
    # By hand: tab and line break become spaces, the quotes stay.
    assert e1["Evidence"] == 'Milley said "we talked" by phone late on Wednesday'
    assert (e1["Story ID"], e1["Actor Name"], e1["Actor Country"]) == (
        "c-e-1",
        "Mark Milley; Valery Gerasimov",
        "USA; RUS",
    )
    assert (e1["Source"], e1["Event Date"], e1["Quad Code"]) == ("John Kirby", "2021-03-31", "1")


def test_export_filters_and_empty_results(store: Store, tmp_path: Path) -> None:
    assert ex.export(store, "polecat", tmp_path / "a.tsv", event_type="ASSAULT") == 1
    assert ex.export(store, "csv", tmp_path / "none.csv", event_type="AID") == 0
    assert "id" in pandas.read_csv(tmp_path / "none.csv").columns  # a header even when empty


def test_export_unknown_format_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown export format 'xlsx'"):
        ex.export(object(), "xlsx", tmp_path / "e.xlsx")


def test_export_command_writes_the_file(tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from backchannel.store import open_store

    db = tmp_path / "s.db"
    with open_store(db) as s:
        s.ingest(_items())
    app = typer.Typer()
    ex.register(app)
    app.command("noop")(lambda: None)  # two commands, so "export" is addressed by name
    out = tmp_path / "e.tsv"
    done = CliRunner().invoke(
        app, ["export", "--db", str(db), "--format", "polecat", "--out", str(out), "--type", "consult"]
    )
    assert done.exit_code == 0, done.output
    assert len(pandas.read_csv(out, sep="\t")) == 3  # e-1, e-2, e-4 are CONSULT records
    bad = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "xml", "--out", str(out)])
    assert bad.exit_code == 1


class _Pages:
    """A stand-in store with one event: export needs only ``events`` and ``article``."""

    def __init__(self, ev: Event) -> None:
        self.ev = ev

    def events(self, limit: int, offset: int, **_: Any) -> list[Event]:
        return [self.ev][offset : offset + limit]

    def article(self, article_id: str) -> None:
        return None


TEXT = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
    min_size=1,
)


@settings(max_examples=60, deadline=None)
@given(text=TEXT)
def test_export_cells_round_trip_any_text(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("cells")
    fake = _Pages(_event("e-h", evidence=Evidence(text, 0, len(text))))
    ex.export(fake, "csv", folder / "e.csv")
    ex.export(fake, "polecat", folder / "e.tsv")
    csv_cell = pandas.read_csv(folder / "e.csv", dtype=str, keep_default_na=False)["evidence"][0]
    tsv_cell = pandas.read_csv(folder / "e.tsv", sep="\t", dtype=str, keep_default_na=False)["Evidence"][0]
    assert csv_cell == text
    assert tsv_cell == text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
