"""Reading news coverage into ``Article`` records: the first stage of the pipeline.

    read_paths(paths, limits=, on_skip=)   files and folders -> Articles; the batch never stops
    read_file(path, limits, on_skip=)      one file -> Articles; raises when the file is unusable
    detect_format(path)                    "jsonl", "text", "html", "feed" or "warc"
    Limits                                 size limits (documented on the class)

Formats, by extension (a file without one is recognised by its first bytes):

    jsonl  .jsonl .ndjson (also .gz), and .json holding one article object or a list of them:
           ``id`` and ``text``, optionally ``title``, ``url``, ``outlet``, ``published``
    text   .txt, with an optional sidecar NAME.json giving the same keys (not ``text``)
    html   .html .htm .xhtml: main text and metadata by trafilatura; a sidecar overrides metadata
    feed   .rss .atom, and .xml holding a feed: one article per entry
    warc   .warc .arc (also .gz): HTML pages of 200 responses, HTML and text resources

``Article.text`` is the text as given (after decoding; for HTML and feeds, after extraction) and
is never normalised, since evidence offsets point into it. ``published`` is kept as the source
writes it (a timestamp, a day, a month) and is never parsed here. ``Article.source`` says where
the article came from: ``path``, ``path#L12`` (a JSON line), ``path#item3`` (a JSON list),
``path#entry3`` (a feed), ``path#offset4096`` (a WARC record).

Problems, in the tree of ``backchannel.errors``:

    InputError
    ├── UnreadableInput   missing, empty, binary, too large, truncated, no text, bad item
    └── UnknownFormat     no reader for this file

An unusable item (a JSON line, a feed entry, a WARC record, a sidecar, an over-long article) goes
to ``on_skip`` as an ``InputError`` naming the item (``path:12``, ``path#entry3``) and reading
goes on. Lossy steps that still give an article (a guessed encoding, replaced bytes, a field of
the wrong type dropped) are logged on the ``backchannel.read`` logger.
"""

from backchannel.read._api import read_file, read_paths
from backchannel.read._detect import FORMATS, detect_format
from backchannel.read._limits import Limits
from backchannel.read._report import OnSkip

__all__ = ["FORMATS", "Limits", "OnSkip", "detect_format", "read_file", "read_paths"]
