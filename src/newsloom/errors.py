"""The few named exceptions newsloom raises. Each message says what happened, why, and what to do.

    NewsloomError
     +-- InputError          one source could not be read (empty, binary, truncated, too big, unreachable)
     |    +-- FetchError     an http(s) URL failed (timeout, status, content type, size)
     +-- UsageError          the caller asked for something that cannot work (unknown format, bad option)
     +-- StoreError          the SQLite store is missing, locked or from a newer newsloom
     +-- GoldError           a gold file does not follow the shared/gold format

Only the boundaries translate them: the CLI prints one line and sets the exit status, the web
maps them to an HTTP status, the batch mode records a failure row and carries on.
"""

from __future__ import annotations


class NewsloomError(Exception):
    """Base of every error newsloom raises on purpose."""


class InputError(NewsloomError):
    """One input could not be read; the rest of the batch goes on.

    `source` names the input (path, URL or `path#record`), `reason` says why in a few words.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class FetchError(InputError):
    """An http(s) source failed: unreachable, an error status, a non-HTML type, or too large."""


class UsageError(NewsloomError):
    """A request that cannot work as given (an unknown format, a missing argument)."""


class StoreError(NewsloomError):
    """The store cannot be opened or written."""


class GoldError(NewsloomError):
    """A gold annotation file does not follow the ../shared/gold format."""
