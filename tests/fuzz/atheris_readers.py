"""Coverage-guided fuzzing of one reader with atheris (libFuzzer), seeded with the example corpus.

    python tests/fuzz/atheris_readers.py FORMAT [libFuzzer options]
    python tests/fuzz/atheris_readers.py html -runs=10000 -max_len=65536

FORMAT is jsonl, text, html, feed, warc or folder. Each input becomes a file of that format (for
``folder``, a few files whose names and contents the input chooses) and is read with
``read_paths``; the same checks as the hypothesis tests apply (``fuzz/check.py``), and anything
but an InputError is a crash that libFuzzer reports with the input that caused it. Not part of the
pytest run: it needs ``pip install atheris``.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

import atheris

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))

with atheris.instrument_imports(include=["backchannel.read"]):
    from fuzz.check import read_checked

NAMES = {"jsonl": "a.jsonl", "text": "a.txt", "html": "a.html", "feed": "a.rss", "warc": "a.warc"}
FOLDER_NAMES = ["a.txt", "a.json", "b.html", "c.rss", "d.jsonl", "e.warc", "f", ".g", "h.xml", "i.jsonl.gz"]
SEEDS = {
    "jsonl": ["wire.jsonl"],
    "text": ["ml-2024-07-12-belousov.txt"],
    "html": ["kp-2024-12-04-brown-gerasimov.html", "nc-2022-05-19-milley-gerasimov.html"],
    "feed": ["feed.xml"],
    "warc": [],
}


def one_input(fmt: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if fmt != "folder":
            path = Path(folder) / NAMES[fmt]
            path.write_bytes(data)
            read_checked(fmt, [path])
            return
        provider = atheris.FuzzedDataProvider(data)
        root = Path(folder) / "tree"
        root.mkdir()
        for _ in range(provider.ConsumeIntInRange(1, 4)):
            name = FOLDER_NAMES[provider.ConsumeIntInRange(0, len(FOLDER_NAMES) - 1)]
            (root / name).write_bytes(provider.ConsumeBytes(provider.ConsumeIntInRange(0, 4096)))
        read_checked(fmt, [root])


def seed_corpus(fmt: str) -> str:
    """A folder of seed inputs: the example corpus files of this format, and a small WARC."""
    corpus = Path(tempfile.mkdtemp(prefix=f"atheris-{fmt}-"))
    examples = TESTS.parent / "examples" / "corpus"
    for name in SEEDS.get(fmt, []):
        if (examples / name).is_file():
            (corpus / name).write_bytes((examples / name).read_bytes())
    if fmt in ("warc", "folder"):
        from fuzz.archives import warc_record

        page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The talks began.</p></body></html>"
        (corpus / "seed.warc").write_bytes(
            warc_record("response", "http://example.com/", page, "application/http")
        )
    return str(corpus)


def main() -> None:
    logging.disable(logging.WARNING)  # the readers note every lossy decode; libFuzzer's output is enough
    fmt = sys.argv[1] if len(sys.argv) > 1 else ""
    if fmt not in (*NAMES, "folder"):
        raise SystemExit(f"usage: {sys.argv[0]} {{{','.join([*NAMES, 'folder'])}}} [libFuzzer options]")
    args = [sys.argv[0], *sys.argv[2:], seed_corpus(fmt)]
    atheris.Setup(args, lambda data: one_input(fmt, data))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
