"""Properties: articles survive a round trip through JSON Lines and .txt; no input makes a reader
raise anything but an InputError."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backchannel.errors import InputError
from backchannel.model import Article
from backchannel.read import read_file, read_paths
from backchannel.read._html import plain_text

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

no_surrogates = st.characters(exclude_categories=["Cs"])
any_text = st.text(no_surrogates) | st.text()  # lone surrogates too, as JSON can escape them
optional = st.none() | any_text
articles = st.builds(
    Article,
    id=any_text.filter(bool),
    text=any_text.filter(str.strip),
    title=optional,
    url=optional,
    outlet=optional,
    published=optional | st.sampled_from(["2021-03-31", "2024-12", "2021-09-22T10:00:00+03:00"]),
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
article_like = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "text": json_values | st.text(),
        "title": json_values,
        "url": json_values,
        "outlet": json_values,
        "published": json_values,
    },
)

PREFIXES = [
    b"",
    b"\xef\xbb\xbf",
    b"{",
    b'{"id": "x", "text": "',
    b"[",
    b"<html><body><p>",
    b"<?xml version='1.0'?><rss><channel><item><description>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><content type='html'>",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n",
    b"filedesc://x 0.0.0.0 20200101000000 text/plain 10\n",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
]
SUFFIXES = [
    "a.jsonl",
    "a.json",
    "a.txt",
    "a.html",
    "a.rss",
    "a.xml",
    "a.warc",
    "a.warc.gz",
    "a.jsonl.gz",
    "noext",
]


@FUZZ
@given(st.lists(articles, min_size=1, max_size=4), st.booleans())
def test_read_fuzz_jsonl_round_trip(originals: list[Article], ascii_only: bool) -> None:
    if not ascii_only:  # raw UTF-8 cannot carry lone surrogates: escape those lines anyway
        lines = [json.dumps(a.to_dict(), ensure_ascii=_has_surrogate(a)) for a in originals]
    else:
        lines = [json.dumps(a.to_dict()) for a in originals]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "round.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        skipped: list[InputError] = []
        read = list(read_file(path, on_skip=skipped.append))
    assert skipped == []
    expected = [
        Article(a.id, a.text, a.title, a.url, a.outlet, a.published, f"{path}#L{n}")
        for n, a in enumerate(originals, start=1)
    ]
    assert read == expected


@FUZZ
@given(st.text(st.characters(exclude_categories=["Cs", "Cc"]) | st.sampled_from("\t\n\r")))
def test_read_fuzz_text_file_round_trip(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "story.txt"
        path.write_bytes(text.encode("utf-8"))
        if not text.strip() or text.startswith("\ufeff"):
            return  # empty is refused (tested elsewhere); a leading BOM is removed by design
        (article,) = read_file(path)
    assert article.text == text


@FUZZ
@given(st.lists(article_like | json_values, min_size=1, max_size=6))
def test_read_fuzz_json_lines_each_line_is_an_article_or_a_skip(values: list[object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "values.jsonl"
        path.write_text("".join(json.dumps(v) + "\n" for v in values), encoding="utf-8")
        skipped: list[InputError] = []
        read = list(read_file(path, on_skip=skipped.append))
    assert len(read) + len(skipped) == len(values)
    for article in read:
        assert isinstance(article.id, str) and article.id
        assert isinstance(article.text, str) and article.text.strip()
        for value in (article.title, article.url, article.outlet, article.published):
            assert value is None or isinstance(value, str)


@FUZZ
@given(
    st.sampled_from(PREFIXES),
    st.binary(max_size=3000) | st.text(max_size=1000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(SUFFIXES),
)
def test_read_fuzz_random_bytes_raise_only_input_errors(prefix: bytes, data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(prefix + data)
        skipped: list[InputError] = []
        for article in read_paths([path], on_skip=skipped.append):  # would raise anything else
            assert isinstance(article.text, str) and article.text.strip()
        try:
            list(read_file(path, on_skip=skipped.append))
        except InputError as whole:  # a whole-file problem is fine; anything else is not
            skipped.append(whole)
    assert all("\n" not in str(error) for error in skipped)  # reasons are one line


@FUZZ
@given(st.binary(max_size=3000))
def test_read_fuzz_gzipped_random_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name in ("a.jsonl.gz", "a.warc.gz", "noext"):
            path = Path(folder) / name
            path.write_bytes(gzip.compress(data)[: max(10, len(data) // 2)])
            list(read_paths([path], on_skip=lambda error: None))


@FUZZ
@given(st.text(max_size=500))
def test_read_fuzz_plain_text_of_any_fragment(fragment: str) -> None:
    result = plain_text(fragment)
    assert isinstance(result, str)
    assert "\n\n" not in result and result == result.strip()


def _has_surrogate(article: Article) -> bool:
    values = (article.id, article.text, article.title, article.url, article.outlet, article.published)
    return any(v is not None and any(0xD800 <= ord(c) <= 0xDFFF for c in v) for v in values)
