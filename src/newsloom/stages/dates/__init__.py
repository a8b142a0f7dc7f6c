"""Publication date and date expressions -> calendar dates.

`find_publication` takes the date the metadata gives, or bounds it from the text: past-tense
weekdays ("said Thursday"), the latest absolute date (photo captions count) and "this week"
(same ISO week). `find_dates` resolves every date expression against that day with
`timex.normalize`, the tense of its clause deciding which way a bare weekday or month points.

>>> from newsloom.stages.language import load_pipeline, parse_text
>>> text = "Ministers met in Kyiv on Thursday, officials said."
>>> [(d.text, d.value) for d in find_dates(parse_text(load_pipeline(), text), text, Published("2022-11-12"))]
[('Thursday', '2022-11-10')]
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateutil_parser

from ...errors import UsageError
from ...models import DateRef, Published
from ..language import Paragraph
from .publication import infer_publication
from .spans import find_mentions
from .timex import calendar_value

VAGUE_PHRASES = re.compile(
    r"(?i)\b(?:recently|in recent (?:days|weeks|months|years)|in the coming (?:days|weeks|months|years))\b"
)
"""The deictic expressions we list with value None; "now" and "currently" are too common to be worth it."""
PART_OF_DAY = re.compile(
    r"(?i)(?:the\s+)?(?:(?:early|late|mid)[- ]?)?(?:morning|afternoon|evening|night|day|dawn|dusk|noon|midday|midnight|overnight)"
)
"""A part of some day that the expression does not name ("in the early afternoon", "through the
night"): the day is the one the story is telling, seldom the publication day; left out rather than guessed."""


def find_dates(paragraphs: list[Paragraph], text: str, published: Published | None) -> list[DateRef]:
    """Every date expression of the article, resolved against its publication day.

    Plain durations ("eight months") and frequencies ("daily") are left out: they are not dates.
    Without a publication day only absolute expressions ("Nov. 12, 2022", "2014") get a value.
    """
    anchor = _day_of(published.value) if published and published.value else None
    found = []
    for mention in find_mentions(paragraphs, anchor):
        if mention.timex is None or PART_OF_DAY.fullmatch(mention.text.strip()):
            continue
        resolved = calendar_value(mention.timex, anchor)
        if resolved is None:
            continue
        value, precision = resolved
        if value is None and not VAGUE_PHRASES.fullmatch(mention.text) and mention.timex.value not in (None,):
            continue  # "now", "currently": deictic words with no calendar value are not worth listing
        found.append(DateRef(text=mention.text, value=value, precision=precision, start=mention.start, end=mention.end))
    return found


def _day_of(value: str) -> date:
    return date.fromisoformat(value[:10])


# ---------------------------------------------------------------- publication


def find_publication(
    paragraphs: list[Paragraph], text: str, metadata: str | None = None, near: date | None = None
) -> Published | None:
    """When the article was published: the metadata's day, or bounds inferred from the text.

    `near` is a day the article is known to be close to (another article of the same story, a
    crawl date): it picks the week when the text names weekdays but no absolute date. Returns
    None when neither the metadata nor the text says anything about the date.
    """
    if metadata:
        day = parse_metadata_date(metadata)
        return Published(value=day.isoformat(), earliest=day.isoformat(), latest=day.isoformat(),
                         precision="day", inferred=False, evidence=f"metadata: {metadata}")  # fmt: skip
    return infer_publication(list(find_mentions(paragraphs, None)), near)


def parse_metadata_date(metadata: str) -> date:
    """The calendar day of an ISO date or datetime from metadata, in the time zone it is written in.

    >>> parse_metadata_date("2022-11-10T23:30:00-05:00")
    datetime.date(2022, 11, 10)
    """
    cleaned = metadata.strip()
    try:
        return datetime.fromisoformat(cleaned.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return dateutil_parser.parse(cleaned).date()
    except (ValueError, OverflowError) as error:
        raise UsageError(
            f"publication date {metadata!r} is not a date: give an ISO date such as 2022-11-10 "
            f"or a datetime such as 2022-11-10T14:30:00Z"
        ) from error
