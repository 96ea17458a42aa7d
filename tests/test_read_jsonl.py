"""JSON Lines and .json articles: good lines read, bad lines skipped with path:line, the rest goes on."""

from __future__ import annotations

import gzip
import json
import logging
import struct
import zlib
from pathlib import Path

import pytest

from backchannel.errors import InputError, UnreadableInput
from backchannel.read import Limits, read_file

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def collect(path: Path, limits: Limits | None = None) -> tuple[list, list[InputError]]:
    skipped: list[InputError] = []
    articles = list(read_file(path, limits, on_skip=skipped.append))
    return articles, skipped


def test_read_jsonl_fields_sources_and_default_ids() -> None:
    articles, skipped = collect(FIXTURES / "articles.jsonl")
    assert skipped == []
    assert [a.id for a in articles] == ["a1", "a2", "a3", "articles-5"]  # line 3 is blank
    first = articles[0]
    assert first.title == "Nordic ministers plan exercises"
    assert first.url == "https://wire.example/2021/03/29/nordic"
    assert first.outlet == "Nordic Wire"
    assert first.source == f"{FIXTURES / 'articles.jsonl'}#L1"
    assert [a.published for a in articles] == ["2021-03-29T08:15:00Z", "2021-03-31", "2024-12", None]
    assert articles[3].source.endswith("#L5")


def test_read_jsonl_bad_lines_are_skipped_with_path_and_line() -> None:
    path = FIXTURES / "mixed_lines.jsonl"
    articles, skipped = collect(path)
    assert [a.id for a in articles] == ["m1", "7", "m8"]
    assert [e.source for e in skipped] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    assert all(isinstance(e, UnreadableInput) for e in skipped)
    reasons = [e.reason for e in skipped]
    assert reasons[0].startswith("invalid JSON (Unterminated string")
    assert "list, not an article object" in reasons[1]
    assert 'no "text" field' in reasons[2]
    assert reasons[3] == 'empty "text"'
    assert '"text" is a number' in reasons[4]


def test_read_jsonl_numbers_become_strings_other_types_are_dropped_with_a_note(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="backchannel.read"):
        articles, _ = collect(FIXTURES / "mixed_lines.jsonl")
    coerced = next(a for a in articles if a.id == "7")
    assert coerced.published == "2024"
    assert coerced.outlet is None
    assert any('"outlet" is a list' in r.getMessage() and ":7" in r.getMessage() for r in caplog.records)


def test_read_jsonl_truncated_last_line_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    good = json.dumps({"id": "x", "text": "Envoys met in Ankara."})
    path.write_text(good + "\n" + good.replace('"x"', '"y"')[:25], encoding="utf-8")
    articles, skipped = collect(path)
    assert [a.id for a in articles] == ["x"]
    assert [e.source for e in skipped] == [f"{path}:2"]


def test_read_jsonl_bom_crlf_and_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "win.jsonl"
    lines = [
        {"id": "w1", "text": "Line one.\r\nStill line one.", "lang": "en", "source": "ignored"},
        {"id": "w2", "text": "Line two."},
    ]
    path.write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(json.dumps(x).encode() for x in lines) + b"\r\n")
    articles, skipped = collect(path)
    assert skipped == []
    assert [a.id for a in articles] == ["w1", "w2"]
    assert articles[0].text == "Line one.\r\nStill line one."
    assert articles[0].source == f"{path}#L1"


def test_read_jsonl_empty_id_falls_back_to_stem_and_line(tmp_path: Path) -> None:
    path = tmp_path / "feed-dump.ndjson"
    path.write_text(json.dumps({"id": "", "text": "Talks ended."}) + "\n", encoding="utf-8")
    (article,) = read_file(path)
    assert article.id == "feed-dump-1"


def test_read_jsonl_gzipped_and_truncated_gzip(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"id": f"g{i}", "text": f"Report number {i} on the talks."}) + "\n" for i in range(200)
    )
    whole = gzip.compress(lines.encode())
    good = tmp_path / "news.jsonl.gz"
    good.write_bytes(whole)
    articles, skipped = collect(good)
    assert len(articles) == 200 and skipped == []
    assert articles[0].source == f"{good}#L1" and articles[0].id == "g0"

    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    articles, skipped = collect(cut)
    assert 0 < len(articles) < 200
    assert len(skipped) == 1 and "reading stopped here" in skipped[0].reason


def test_read_jsonl_corrupt_deflate_data_is_a_skip_not_a_crash(tmp_path: Path) -> None:
    # Found by the fuzz campaign: zlib raises its own error (not OSError) on a back-reference
    # that points before the start of the data. Compressing against a preset dictionary and
    # leaving the dictionary out makes exactly that stream.
    good = "".join(json.dumps({"id": f"d{i}", "text": f"Talks, day {i}."}) + "\n" for i in range(3)).encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=good)
    deflated = packer.compress(good) + packer.flush()
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    broken = header + deflated + struct.pack("<II", zlib.crc32(good), len(good))
    path = tmp_path / "dictionary.jsonl.gz"
    path.write_bytes(broken)
    with pytest.raises(UnreadableInput, match="broken gzip"):  # caught by the look at the head
        collect(path)
    later = tmp_path / "later.jsonl.gz"  # a sound member first: the error comes while streaming
    later.write_bytes(gzip.compress(good * 2000) + broken)
    articles, skipped = collect(later)
    assert len(articles) == 6000
    assert len(skipped) == 1 and "reading stopped here" in skipped[0].reason


def test_read_jsonl_huge_line_beyond_the_limit_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"id": "huge", "text": "word " * 5000})
    small = json.dumps({"id": "small", "text": "A short report."})
    path.write_text(f"{small}\n{huge}\n{small}\n", encoding="utf-8")
    articles, skipped = collect(path, Limits(max_line_bytes=1000))
    assert [a.id for a in articles] == ["small", "small"]
    assert [a.source for a in articles] == [f"{path}#L1", f"{path}#L3"]  # line numbers survive the skip
    assert [e.source for e in skipped] == [f"{path}:2"]
    assert "Limits.max_line_bytes" in skipped[0].reason


def test_read_jsonl_line_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    line = json.dumps({"id": "edge", "text": "x" * 50})
    path = tmp_path / "edge.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    articles, skipped = collect(path, Limits(max_line_bytes=len(line)))
    assert [a.id for a in articles] == ["edge"] and skipped == []


@pytest.mark.parametrize("content", [b"", b"\n\n   \n", b"\xef\xbb\xbf\n"])
def test_read_jsonl_empty_file_is_unreadable(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    with pytest.raises(UnreadableInput, match="empty file"):
        list(read_file(path))


def test_read_jsonl_json_list_and_single_object() -> None:
    articles, skipped = collect(FIXTURES / "list.json")
    assert [a.id for a in articles] == ["l1", "list-2"]
    assert articles[1].source == f"{FIXTURES / 'list.json'}#item2"
    assert [e.source for e in skipped] == [f"{FIXTURES / 'list.json'}#item3"]
    (single,) = read_file(FIXTURES / "folder" / "other.json")
    assert single.id == "other" and single.source == str(FIXTURES / "folder" / "other.json")


def test_read_jsonl_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text('{"id": "j1", "text": "One."}\n{"id": "j2", "text": "Two."}\n', encoding="utf-8")
    assert [a.id for a in read_file(path)] == ["j1", "j2"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('[{"id": 1, "text": "a"},', "invalid JSON"),
        ("[]", "an empty JSON list"),
        ('{"id": "x", "title": "no text"}', 'no "text" field'),
    ],
)
def test_read_jsonl_unusable_json_document(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "doc.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UnreadableInput, match=reason):
        list(read_file(path))


def test_read_jsonl_deeply_nested_line_is_skipped_not_crashing(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "\n" + '{"id": "ok", "text": "Fine."}\n', encoding="utf-8")
    articles, skipped = collect(path)
    assert [a.id for a in articles] == ["ok"]
    assert len(skipped) == 1 and skipped[0].source == f"{path}:1"


def test_read_jsonl_undecodable_line_is_decoded_with_a_note(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "legacy.jsonl"
    line = '{"id": "fr", "text": "Le ministre des Affaires étrangères a rencontré son homologue."}\n'
    path.write_bytes(line.encode("latin-1"))
    with caplog.at_level(logging.INFO, logger="backchannel.read"):
        (article,) = read_file(path)
    assert article.text == "Le ministre des Affaires étrangères a rencontré son homologue."
    assert any("windows-1252" in r.getMessage() for r in caplog.records)
