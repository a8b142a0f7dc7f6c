"""Building Article records the same way for every format: cleaned text, content id, limits, ISO dates.

Every reader ends here, so the rules hold for all of them: the text is cleaned (newlines, control
characters), an article with no text or with more than `settings.max_article_chars` is an InputError,
and the id is `content_id(text)`, so the same input read twice gives the same id.

>>> from newsloom.settings import Settings
>>> make_article("Ferries resume.\\r\\n", "a.txt", Settings()).text
'Ferries resume.\\n'
>>> page_text("Ferries resume", ["Ferries resume", "Crossings restart on Friday."])
'Ferries resume\\n\\nCrossings restart on Friday.'
"""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Iterable
from typing import Any

from ..errors import InputError
from ..models import Article, content_id
from ..settings import Settings
from .detect import clean_text


def make_article(
    text: str,
    source: str,
    settings: Settings,
    *,
    raw: bytes = b"",
    media_type: str = "text/plain",
    encoding: str = "utf-8",
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    published: str | None = None,
    notes: tuple[str, ...] = (),
) -> Article:
    """An Article whose text is cleaned and within limits; raises InputError otherwise."""
    text = clean_text(text)
    if not text.strip():
        raise InputError(source, "no article text found")
    if len(text) > settings.max_article_chars:
        raise InputError(
            source,
            f"text is {len(text):,} characters, over the {settings.max_article_chars:,} limit "
            "(settings.max_article_chars); split it into articles",
        )
    return Article(
        id=content_id(text),
        source=source,
        text=text,
        raw=raw,
        media_type=media_type,
        encoding=encoding,
        url=url,
        title=one_line(title),
        outlet=one_line(outlet),
        author=one_line(author),
        published=published,
        notes=notes,
    )


def page_text(title: str | None, paragraphs: Iterable[str]) -> str:
    """The title on line 1, a blank line, then the paragraphs separated by blank lines.

    A first paragraph repeating the title (the page's <h1>) is not written twice.
    """
    kept = [paragraph.strip() for paragraph in paragraphs if paragraph.strip()]
    title = one_line(title)
    if title and kept and one_line(kept[0]) == title:
        kept = kept[1:]
    return "\n\n".join([title, *kept] if title else kept)


def one_line(value: Any) -> str | None:
    """A metadata string on one line with single spaces, or None when there is nothing."""
    if value is None:
        return None
    text = " ".join(clean_text(str(value)).split())
    return text or None


def iso_date(value: Any) -> str | None:
    """An ISO date or datetime from what feeds and JSON records put in date fields; None if unreadable.

    Keeps the precision and the UTC offset the source gave (a local date is what "Thursday"
    in the article refers to).

    >>> iso_date("Thu, 14 Mar 2024 23:30:00 -0500")
    '2024-03-14T23:30:00-05:00'
    >>> iso_date("2024-03-14")
    '2024-03-14'
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return dt.datetime.fromtimestamp(value, tz=dt.UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def megabytes(size: int) -> str:
    """A byte count as people read it in an error message: 52428800 -> '52.4 MB'."""
    return f"{size / 1_000_000:.1f} MB"
