"""Plain text (.txt, .md, anything that is text but no markup): decode, clean, keep everything else.

No metadata is read here: the cleaning stage finds the title and the outlet in the text itself.

>>> from newsloom.settings import Settings
>>> article = read_text("Ferry services resume\\r\\n".encode("utf-16"), "ferry.txt", Settings())
>>> article.text, article.encoding
('Ferry services resume\\n', 'utf-16-le (BOM)')
"""

from __future__ import annotations

from ..models import Article
from ..settings import Settings
from .detect import decode_text, media_type_parts
from .records import make_article


def read_text(data: bytes, source: str, settings: Settings, media_type: str | None = None) -> Article:
    """One article from a text file; raises InputError for binary or empty input."""
    essence, charset = media_type_parts(media_type)
    decoded = decode_text(data, source, declared=charset)
    kind = "text/markdown" if source.lower().endswith((".md", ".markdown")) else "text/plain"
    return make_article(
        decoded.text,
        source,
        settings,
        raw=data,
        media_type=essence if essence and essence.startswith("text/") else kind,
        encoding=decoded.encoding,
    )
