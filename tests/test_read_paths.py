"""read_paths: files and folders in a deterministic order; every bad item reported, the batch goes on."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from backchannel.errors import InputError, UnknownFormat, UnreadableInput
from backchannel.read import read_file, read_paths

FIXTURES = Path(__file__).parent / "fixtures" / "read"
FOLDER = FIXTURES / "folder"


def collect(paths: list, **kwargs: object) -> tuple[list, list[InputError]]:
    skipped: list[InputError] = []
    return list(read_paths(paths, on_skip=skipped.append, **kwargs)), skipped  # type: ignore[arg-type]


def test_read_paths_folder_walk_is_sorted_and_skips_hidden_files_and_sidecars() -> None:
    articles, skipped = collect([FOLDER])
    assert [a.source for a in articles] == [
        str(FOLDER / "a.txt"),
        str(FOLDER / "b.html"),
        f"{FOLDER / 'c.jsonl'}#L1",
        str(FOLDER / "other.json"),
        str(FOLDER / "sub" / "d.txt"),
    ]
    assert articles[0].title == "Envoys meet in Rome"  # a.json was read as a.txt's sidecar, not as input
    assert all("hidden" not in a.text for a in articles)
    # the folder's one unknown file is reported, by name and format
    assert [(type(e), e.source) for e in skipped] == [(UnknownFormat, str(FOLDER / "table.csv"))]
    assert "no reader for .csv files" in skipped[0].reason


def test_read_paths_mix_of_files_and_folders_in_the_given_order() -> None:
    articles, _ = collect([FIXTURES / "undated.txt", FOLDER / "sub", FIXTURES / "brief.txt"])
    assert [a.id for a in articles] == ["undated", "d", "envoys-call"]


def test_read_paths_a_file_reached_twice_is_read_once() -> None:
    articles, _ = collect([FOLDER / "sub" / "d.txt", FOLDER / "sub", Path(str(FOLDER) + "/sub/../sub/d.txt")])
    assert [a.id for a in articles] == ["d"]


def test_read_paths_explicit_sidecar_is_not_read_as_articles() -> None:
    articles, skipped = collect([FOLDER / "a.json"])
    assert articles == [] and skipped == []


def test_read_paths_reports_each_bad_file_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "1-empty.txt").write_bytes(b"")
    (tmp_path / "2-binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "3-page.html").write_text("<html><body></body></html>", encoding="utf-8")
    (tmp_path / "4-good.txt").write_text("The talks went on.", encoding="utf-8")
    (tmp_path / "5-feed.rss").write_text("not a feed", encoding="utf-8")
    (tmp_path / "6-photo.jpg").write_bytes(b"\xff\xd8\xff")
    articles, skipped = collect([tmp_path, tmp_path / "missing.txt"])
    assert [a.id for a in articles] == ["4-good"]
    assert [(Path(e.source).name, type(e)) for e in skipped] == [
        ("1-empty.txt", UnreadableInput),
        ("2-binary.txt", UnreadableInput),
        ("3-page.html", UnreadableInput),
        ("5-feed.rss", UnreadableInput),
        ("6-photo.jpg", UnknownFormat),
        ("missing.txt", UnreadableInput),
    ]
    assert "no such file or folder" in skipped[-1].reason


def test_read_paths_default_on_skip_logs_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with caplog.at_level(logging.WARNING, logger="backchannel.read"):
        assert list(read_paths([tmp_path])) == []
    (record,) = [r for r in caplog.records if r.name == "backchannel.read"]
    assert record.levelno == logging.WARNING
    assert f"{tmp_path / 'empty.txt'}: empty file" in record.getMessage()


def test_read_paths_strict_on_skip_stops_at_the_first_problem(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "1", "text": "ok"}\nnot json\n{"id": "3", "text": "ok"}\n')
    calls: list[InputError] = []

    def strict(error: InputError) -> None:
        calls.append(error)
        raise error

    read: list[str] = []
    with pytest.raises(UnreadableInput, match=r"a\.jsonl:2: invalid JSON"):
        for article in read_paths([tmp_path], on_skip=strict):
            read.append(article.id)
    assert read == ["1"]
    assert len(calls) == 1  # reported once, not again by the batch loop


def test_read_paths_deterministic_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "C.txt", "sub/z.txt", "sub/a.txt", "a1.txt"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"Story {name}.", encoding="utf-8")
    first = [str(a.source) for a in read_paths([tmp_path])]
    assert [Path(s).relative_to(tmp_path).as_posix() for s in first] == [
        "C.txt",
        "a.txt",
        "a1.txt",
        "b.txt",
        "sub/a.txt",
        "sub/z.txt",
    ]
    assert first == [a.source for a in read_paths([tmp_path])]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_read_paths_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("A story.", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [a.id for a in read_paths([tmp_path])] == ["story"]


def test_read_paths_unusable_path_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FOLDER / "sub")  # a stray "" must not read the working folder
    articles, skipped = collect(["", "nul\0byte.txt"])
    assert articles == []
    assert [e.reason for e in skipped] == [
        "an empty path; give a file or folder",
        "no such file or folder; check the path",
    ]
    for bad in ("", "nul\0byte.txt"):
        with pytest.raises(UnreadableInput, match="not a usable path"):
            read_file(bad)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_read_paths_named_pipe_is_skipped_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "story.txt").write_text("A story.", encoding="utf-8")
    articles, skipped = collect([tmp_path])
    assert [a.id for a in articles] == ["story"]
    assert [e.reason for e in skipped] == ["not a regular file (a pipe, socket or device); copy it to a file"]


def test_read_paths_read_file_on_a_folder_or_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="use read_paths"):
        read_file(tmp_path)
    with pytest.raises(UnreadableInput, match="no such file; check the path"):
        read_file(tmp_path / "nope.txt")
