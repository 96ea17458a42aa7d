"""The exception tree. Every message says what went wrong and what to do next.

    BackchannelError                 anything we raise on purpose
    ├── InputError                   an input cannot be used (the batch goes on without it)
    │   ├── UnreadableInput          empty, binary, undecodable, truncated, too large
    │   └── UnknownFormat            no reader for this file
    ├── StageError                   a pipeline stage failed; names the stage
    ├── KnowledgeBaseError           a KB data file is malformed or inconsistent
    ├── StoreError                   the store cannot be opened, migrated or written
    └── ConfigError                  a setting or option is invalid

``retryable`` says whether trying again can help (a locked database, a network timeout), as
dlt's errors do; the CLI shows the message as one line and a traceback only with ``--debug``.
"""

from __future__ import annotations


class BackchannelError(Exception):
    retryable: bool = False


class InputError(BackchannelError):
    """An input cannot be used. ``source`` names it (path, path#line, URL)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnreadableInput(InputError):
    pass


class UnknownFormat(InputError):
    pass


class StageError(BackchannelError):
    def __init__(self, stage: str, article_id: str, reason: str) -> None:
        super().__init__(f"stage {stage!r} failed on article {article_id}: {reason}")
        self.stage = stage
        self.article_id = article_id


class KnowledgeBaseError(BackchannelError):
    pass


class StoreError(BackchannelError):
    pass


class ConfigError(BackchannelError):
    pass
