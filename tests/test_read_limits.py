"""Limits: checked on construction, each enforced with a message naming the setting to raise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.errors import ConfigError, InputError, UnreadableInput
from backchannel.read import Limits, read_file
from backchannel.read._limits import human_bytes


def test_read_limits_defaults_are_sane() -> None:
    limits = Limits()
    assert limits.max_file_bytes >= 512 * 1024**2
    assert limits.max_line_bytes == 20 * 1024**2
    assert limits.max_article_chars == 2_000_000
    assert limits.max_document_bytes < limits.max_file_bytes


def test_read_limits_every_setting_is_documented() -> None:
    doc = Limits.__doc__ or ""
    for name in Limits.__dataclass_fields__:
        assert f"``{name}``" in doc


@pytest.mark.parametrize("value", [0, -1, 1.5, "10", True])
def test_read_limits_invalid_values_are_refused(value: object) -> None:
    with pytest.raises(ConfigError, match=r"Limits\.max_line_bytes must be a positive integer"):
        Limits(max_line_bytes=value)  # type: ignore[arg-type]


def test_read_limits_are_frozen() -> None:
    with pytest.raises(AttributeError):
        Limits().max_line_bytes = 5  # type: ignore[misc]


def test_read_limits_long_article_is_skipped_not_truncated(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    lines = [{"id": "short", "text": "x" * 100}, {"id": "long", "text": "x" * 101}]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    skipped: list[InputError] = []
    articles = list(read_file(path, Limits(max_article_chars=100), on_skip=skipped.append))
    assert [a.id for a in articles] == ["short"]
    (error,) = skipped
    assert error.source == f"{path}#L2"
    assert "101 characters" in error.reason and "Limits.max_article_chars" in error.reason


def test_read_limits_long_text_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("y" * 500, encoding="utf-8")
    skipped: list[InputError] = []
    assert list(read_file(path, Limits(max_article_chars=499), on_skip=skipped.append)) == []
    assert len(skipped) == 1


def test_read_limits_file_over_max_file_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "z" * 2000}) + "\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match=r"over the 1 KiB of Limits\.max_file_bytes; raise that limit"):
        read_file(path, Limits(max_file_bytes=1024))


def test_read_limits_document_over_max_document_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_text("<p>" + "words " * 1000 + "</p>", encoding="utf-8")
    with pytest.raises(UnreadableInput, match=r"Limits\.max_document_bytes"):
        read_file(path, Limits(max_document_bytes=2048))


@pytest.mark.parametrize(
    ("size", "text"), [(10, "10 bytes"), (2048, "2 KiB"), (1536, "1.5 KiB"), (64 * 1024**2, "64 MiB")]
)
def test_read_limits_sizes_in_messages(size: int, text: str) -> None:
    assert human_bytes(size) == text
