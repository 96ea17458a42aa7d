"""What fetching can raise, all under ``BackchannelError``:

FetchError             a page or feed could not be fetched (``retryable`` when a later poll may do)
├── BlockedAddress     the host is, or resolves to, a private, loopback or link-local address
└── RobotsDisallowed   the site's robots.txt asks crawlers to keep out of this URL
"""

from __future__ import annotations

from backchannel.errors import BackchannelError


class FetchError(BackchannelError):
    def __init__(self, url: str, reason: str, *, retryable: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retryable = retryable


class BlockedAddress(FetchError):
    pass


class RobotsDisallowed(FetchError):
    pass
