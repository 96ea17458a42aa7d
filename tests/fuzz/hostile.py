"""Byte-level hostility shared by every format, and JSON Lines and text documents built from it.

Each strategy gives ``(file name, bytes)`` or pieces of it. Large inputs (a million-character
line, ten thousand levels of nesting) are made by repetition from a drawn count, so hypothesis
keeps a small choice sequence and can still shrink what fails.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

from hypothesis import strategies as st

# Dates no parser should trust: out of range, impossible days, numbers, prose, injection.
ABSURD_DATES = [
    "99999-99-99", "0000-00-00", "-0001-01-01", "2021-02-30", "2021-13-01", "1e308", "NaN",
    "Tue, 99 Foo 99999 99:99:99 +9999", "Mon, 31 Feb 2021 25:61:61 GMT", "2024-12", "2024",
    "10000-01-01T00:00:00Z", "2024-01-01T00:00:00+99:99", "yesterday", "", " ", "\x00",
    "9" * 400, "2021-03-31" * 1000, "1969-12-31T23:59:59.999999999999Z", "Thu, 01 Jan 1970 00:00:00 -2400",
]  # fmt: skip
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1251", "cp1252",
             "shift_jis", "gb18030", "koi8-r", "iso-8859-7", "utf-8-sig"]  # fmt: skip
INVALID_UTF8 = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xa0\xa1", b"\xe2\x28\xa1", b"\xf0\x28\x8c\x28",
                b"\xed\xa0\x80", b"\xc0\xaf", b"\xf8\x88\x80\x80\x80", b"\x80" * 64]  # fmt: skip
BOMS = [b"", b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]

words = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
any_text = words | st.text(max_size=40)  # lone surrogates too


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@st.composite
def text_chunk(draw: Any) -> bytes:
    """A piece of text in some encoding, or bytes no encoding accepts."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.binary(max_size=200))
    if kind == 1:
        return draw(st.sampled_from(INVALID_UTF8)) * draw(st.integers(1, 8))
    if kind == 2:
        return b"\x00" * draw(st.integers(1, 40))
    text = draw(any_text)
    return encoded(text, draw(st.sampled_from(ENCODINGS)))


@st.composite
def long_line(draw: Any) -> bytes:
    """A line of up to a million characters, in ASCII or not."""
    unit = draw(st.sampled_from(["a", "word ", "é", "中", "\u200b", "<", "&amp;", "\\u0000"]))
    count = draw(st.integers(1, 1_000_000 // len(unit)))
    return (unit * count).encode("utf-8")


@st.composite
def mixed_bytes(draw: Any) -> bytes:
    """Text in several encodings at once, invalid sequences, NULs and now and then a huge line."""
    parts = draw(st.lists(text_chunk(), max_size=8))
    if draw(st.integers(0, 20)) == 0:
        parts.insert(draw(st.integers(0, len(parts))), draw(long_line()))
    return draw(st.sampled_from(BOMS)) + b"\n".join(parts)


@st.composite
def mutated(draw: Any, data: bytes) -> bytes:
    """``data`` cut short, with bytes inserted, or as it is."""
    kind = draw(st.integers(0, 4))
    if kind == 0 or not data:
        return data
    at = draw(st.integers(0, len(data)))
    if kind == 1:
        return data[:at]  # truncated
    if kind == 2:
        return data[:at] + draw(text_chunk()) + data[at:]
    if kind == 3:
        return data[:at] + b"\x00" + data[at + 1 :]
    return data[:at] + draw(st.binary(min_size=1, max_size=50)) + data[at + 50 :]


def nested_json(depth: int, opener: str = "[") -> str:
    closer = {"[": "]", "{": "}"}[opener]
    if opener == "{":
        return '{"a":' * depth + "1" + closer * depth
    return opener * depth + closer * depth


json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | any_text
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def article_object(draw: Any) -> dict[str, Any]:
    """An article object whose fields may be hostile or of the wrong type."""
    value = json_values | st.sampled_from(ABSURD_DATES)
    obj: dict[str, Any] = {"id": draw(any_text | json_values), "text": draw(any_text | json_values)}
    for key in ("title", "url", "outlet", "published"):
        if draw(st.booleans()):
            obj[key] = draw(value)
    if draw(st.integers(0, 30)) == 0:
        obj["text"] = "long " * draw(st.integers(1, 200_000))
    return obj


@st.composite
def json_line(draw: Any) -> bytes:
    kind = draw(st.integers(0, 7))
    if kind <= 2:
        obj = draw(article_object())
        return json.dumps(obj, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    if kind == 3:
        return nested_json(draw(st.integers(1, 20_000)), draw(st.sampled_from("[{"))).encode()
    if kind == 4:
        line = json.dumps({"id": draw(words), "text": draw(words) or "x"}, ensure_ascii=False)
        return encoded(line, draw(st.sampled_from(ENCODINGS)))  # a line in another encoding
    if kind == 5:
        return draw(long_line())
    return draw(mixed_bytes())


@st.composite
def jsonl_files(draw: Any) -> tuple[str, bytes]:
    """A JSON Lines (or .json) file, maybe gzipped, maybe cut short."""
    lines = draw(st.lists(json_line(), max_size=6))
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    name = draw(st.sampled_from(["a.jsonl", "a.json", "a.ndjson", "a.jsonl.gz", "noext"]))
    if name.endswith(".gz") or (name == "noext" and draw(st.booleans())):
        data = gzip.compress(data, mtime=0)
    return name, draw(mutated(data))


@st.composite
def sidecar(draw: Any) -> bytes:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        obj = draw(article_object())
        obj.pop("text")
        return json.dumps(obj).encode()
    if kind == 1:
        return nested_json(draw(st.integers(1, 20_000)), "{").encode()
    if kind == 2:
        return draw(json_values.map(json.dumps)).encode()
    return draw(mixed_bytes())


@st.composite
def text_files(draw: Any) -> tuple[str, bytes, bytes | None]:
    """A ``.txt`` file (or one without an extension) and perhaps a sidecar for it."""
    data = draw(mixed_bytes())
    if draw(st.booleans()):
        text = draw(words) + " " + draw(any_text)
        data = draw(st.sampled_from(BOMS)) + encoded(text, draw(st.sampled_from(ENCODINGS)))
    name = draw(st.sampled_from(["a.txt", "a.TXT", "noext"]))
    side = draw(st.none() | sidecar()) if name != "noext" else None
    return name, draw(mutated(data)), side
