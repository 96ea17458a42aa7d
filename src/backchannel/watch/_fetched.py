"""What a fetch returns: the final URL, status, headers and body. Its own module so that the
fetcher and the robots.txt reader, which the fetcher uses, both depend on it and not on each other."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes
