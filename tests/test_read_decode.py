"""Decoding: UTF-8 first, legacy encodings recognised, binary refused, lossy steps noted."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from backchannel.errors import UnreadableInput
from backchannel.read import read_file


def read_text_bytes(tmp_path: Path, data: bytes, name: str = "a.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    (article,) = read_file(path)
    return article.text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le ministre des Affaires étrangères a rencontré son homologue à Genève.", "latin-1"),
        ("Señor García said the café would reopen on Tuesday.", "latin-1"),
        ("The minister said “we will not give up” – and left the room.", "cp1252"),
        ("Die Außenminister trafen sich in Köln. Über die Gespräche wurde nichts bekannt.", "cp1252"),
        ("Москва и Киев провели переговоры в Стамбуле во вторник, сообщили в МИД.", "cp1251"),
        ("Οι υπουργοί Εξωτερικών της Ελλάδας και της Τουρκίας συναντήθηκαν στην Αθήνα.", "cp1253"),
    ],
)
def test_read_decode_legacy_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    assert read_text_bytes(tmp_path, text.encode(encoding)) == text


def test_read_decode_legacy_encoding_is_noted(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="backchannel.read"):
        read_text_bytes(tmp_path, "Genève, déjà vu.".encode("latin-1"))
    assert any("not UTF-8" in r.getMessage() for r in caplog.records)


def test_read_decode_mostly_utf8_keeps_utf8_and_replaces_the_stray_byte(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = "Zürich — Genève — Kyiv — “talks”".encode() + b" \xff end"
    with caplog.at_level(logging.WARNING, logger="backchannel.read"):
        text = read_text_bytes(tmp_path, data)
    assert text == "Zürich — Genève — Kyiv — “talks” \ufffd end"
    assert any("stray byte" in r.getMessage() for r in caplog.records)


def test_read_decode_utf16_with_bom(tmp_path: Path) -> None:
    text = "Talks in Minsk: «no agreement»."
    assert read_text_bytes(tmp_path, text.encode("utf-16")) == text  # BOM added, and removed again


def test_read_decode_declared_html_charset(tmp_path: Path) -> None:
    body = "<p>Министры иностранных дел встретились в Минске во вторник и обсудили границу.</p>" * 3
    page = f'<html><head><meta charset="windows-1251"><title>Т</title></head><body><article>{body}</article></body></html>'
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("cp1251"))
    (article,) = read_file(path)
    assert "Министры иностранных дел встретились в Минске" in article.text


@pytest.mark.parametrize(
    "data",
    [
        b"Some text\x00 with a NUL byte in the first kilobyte",
        bytes(range(0, 32)) * 20 + b"then text",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
)
def test_read_decode_binary_file_is_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(data)
    with pytest.raises(UnreadableInput, match="binary file, not text"):
        read_file(path)


def test_read_decode_unrecognisable_bytes_fall_back_to_replacement(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # 0x81, 0x8d, 0x8f, 0x90 and 0x9d are undefined in windows-1252 and invalid as UTF-8.
    data = b"Report: " + b"\x81\x8d\x8f\x90\x9d" * 3 + b" end of report."
    with caplog.at_level(logging.INFO, logger="backchannel.read"):
        text = read_text_bytes(tmp_path, data)
    assert text.startswith("Report: ") and text.endswith(" end of report.")
    assert caplog.records  # whatever was chosen, the loss is noted
