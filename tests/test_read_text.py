"""Plain-text articles: the text kept exactly, id from the file name, metadata from a sidecar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.errors import InputError, UnreadableInput
from backchannel.read import read_file

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def test_read_text_with_sidecar_metadata() -> None:
    skipped: list[InputError] = []
    (article,) = read_file(FIXTURES / "brief.txt", on_skip=skipped.append)
    assert skipped == []
    assert article.id == "envoys-call"  # the sidecar's id wins over the file name
    assert article.title == "Envoys hold phone call"
    assert article.outlet == "Northern Wire"
    assert article.published == "2022-02-09"
    assert article.url == "https://northern.example/envoys"
    assert article.source == str(FIXTURES / "brief.txt")
    assert article.text == (FIXTURES / "brief.txt").read_text(encoding="utf-8")


def test_read_text_without_date_or_sidecar_is_fine() -> None:
    (article,) = read_file(FIXTURES / "undated.txt")
    assert article.id == "undated"
    assert (article.published, article.title, article.url, article.outlet) == (None, None, None, None)


def test_read_text_is_kept_exactly_but_for_the_bom(tmp_path: Path) -> None:
    text = "  Headline\r\n\r\nFirst  paragraph\u00a0with spaces.\t\n\nCafé — “quoted”.  \n"
    path = tmp_path / "exact.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (article,) = read_file(path)
    assert article.text == text


def test_read_text_id_is_the_name_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "2024.03.05-talks.txt"
    path.write_text("Talks were held.", encoding="utf-8")
    (article,) = read_file(path)
    assert article.id == "2024.03.05-talks"


def test_read_text_broken_sidecar_is_skipped_but_the_article_is_read() -> None:
    skipped: list[InputError] = []
    (article,) = read_file(FIXTURES / "broken_sidecar.txt", on_skip=skipped.append)
    assert article.id == "broken_sidecar" and article.title is None
    assert article.text.startswith("The foreign ministers met in Helsinki")
    (error,) = skipped
    assert error.source == str(FIXTURES / "broken_sidecar.json")
    assert "broken JSON in the sidecar" in error.reason
    assert "broken_sidecar.txt was read without it" in error.reason


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        (b"[1, 2]", "not an object"),
        (b"", "empty file"),
        (b"\x00\x01\x02binary", "binary file"),
    ],
)
def test_read_text_unusable_sidecar(tmp_path: Path, sidecar: bytes, reason: str) -> None:
    (tmp_path / "story.txt").write_text("A story.", encoding="utf-8")
    (tmp_path / "story.json").write_bytes(sidecar)
    skipped: list[InputError] = []
    (article,) = read_file(tmp_path / "story.txt", on_skip=skipped.append)
    assert article.id == "story"
    assert len(skipped) == 1 and reason in skipped[0].reason


def test_read_text_sidecar_types_are_coerced(tmp_path: Path) -> None:
    (tmp_path / "n.txt").write_text("A story.", encoding="utf-8")
    sidecar = {"id": 17, "published": 2021, "title": {"en": "x"}, "outlet": None, "text": "ignored"}
    (tmp_path / "n.json").write_text(json.dumps(sidecar), encoding="utf-8")
    (article,) = read_file(tmp_path / "n.txt")
    assert (article.id, article.published, article.title, article.outlet) == ("17", "2021", None, None)
    assert article.text == "A story."


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n ", "\u00a0\u2003\n".encode()])
def test_read_text_empty_file_is_unreadable(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableInput, match="empty file"):
        read_file(path)
