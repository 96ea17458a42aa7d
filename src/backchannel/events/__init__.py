"""Stage 6, events: PLOVER coding over the parsed sentences (see ``code``)."""

from backchannel.events.code import code, dates_compatible, merge_within_article

__all__ = ["code", "dates_compatible", "merge_within_article"]
