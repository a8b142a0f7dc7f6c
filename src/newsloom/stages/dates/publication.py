"""The publication day of an article without metadata, bounded from what its text says.

Three kinds of evidence, as a reader dates a clipping:
- the latest absolute date the text mentions outside the future tense (photo captions count:
  a photo is taken before its story runs): publication is not earlier;
- weekday names used in the past ("said Thursday"): news style names the day for events of the
  last week, so publication is on or after that day and less than a week later; the lede's
  weekday is usually the day of publication itself;
- "this week" / "earlier this week": publication lies in the ISO week (Monday-Sunday) of the events.

Weekdays alone cannot fix a date: without an absolute date (or a `near` day from outside,
e.g. another article of the same story) the value stays None rather than inventing a year.

>>> infer_publication([], None) is None
True
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ...models import Published
from .calendar import WEEKDAYS
from .spans import Mention

SAME_DAY_LAG = 1  # days: a story about a day's events runs that day or the next (wire, then web)
WEEKDAY_HORIZON = 6  # days: news style names weekdays only within the past week
BARE_WEEKDAY = re.compile(
    r"(?i)(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?"
)
SAME_WEEK = re.compile(r"(?i)\b(?:earlier |later )?this week\b")
WEEKDAY_NAMES = {number: name.capitalize() for name, number in WEEKDAYS.items()}


def infer_publication(mentions: list[Mention], near: date | None) -> Published | None:
    """Bounds and most likely day from the mentions of an article (resolved without an anchor)."""
    weekdays = [m for m in mentions if BARE_WEEKDAY.fullmatch(m.text) and m.tense in ("past", None)]
    anchors = [m for m in mentions if _absolute_day(m) is not None and m.tense != "future"]
    same_week = [m for m in mentions if SAME_WEEK.fullmatch(m.text)]
    if not weekdays and not anchors:
        return None
    lede = _lede_weekday([WEEKDAYS[_weekday_name(m)] for m in weekdays]) if weekdays else None
    value: date | None = None
    earliest: date | None = None
    notes = []
    if anchors:
        anchor_mention = max(anchors, key=lambda m: _absolute_day(m) or date.min)
        anchor = _absolute_day(anchor_mention)
        assert anchor is not None
        earliest = anchor
        where = "caption" if anchor_mention.paragraph.role == "caption" else "text"
        notes.append(
            f"the latest absolute date, '{anchor_mention.text}' (line {anchor_mention.paragraph.n}, {where}), is a lower bound"
        )
        if lede is not None:
            candidate = anchor + timedelta(days=(lede - anchor.weekday()) % 7)
            value = candidate if (candidate - anchor).days <= SAME_DAY_LAG else anchor
            if (candidate - anchor).days > SAME_DAY_LAG and not any(_is_caption(m) for m in anchors):
                value = None  # an old date ("since March 18, 2014") and an unrelated weekday: no fix
        elif anchor_mention.paragraph.role == "caption":
            value = anchor
    elif near is not None and lede is not None:
        offsets = sorted(range(-6, 7), key=lambda offset: (abs(offset), offset))
        value = next(near + timedelta(days=o) for o in offsets if (near + timedelta(days=o)).weekday() == lede)
        notes.append(f"the week is the one nearest {near.isoformat()}, a day known from outside the text")
    latest: date | None = None
    if value is not None and weekdays:
        resolved = {
            w: value - timedelta(days=(value.weekday() - w) % 7) for w in {WEEKDAYS[_weekday_name(m)] for m in weekdays}
        }
        earliest = max([*resolved.values(), *([earliest] if earliest else [])])
        latest = min(day + timedelta(days=WEEKDAY_HORIZON) for day in resolved.values())
    if value is not None and same_week:
        sunday = value + timedelta(days=6 - value.weekday())
        latest = min(latest, sunday) if latest else sunday
        lines = ", ".join(str(m.paragraph.n) for m in same_week)
        notes.append(
            f"'{same_week[0].text}' (line {lines}) keeps it within ISO week {value.isocalendar()[0]}-W{value.isocalendar()[1]:02d}"
        )
    if weekdays:
        notes.insert(0, _weekday_note(weekdays, lede))
    if value is None and not anchors:
        notes.append("no absolute date anchors the week, so no day is given")
    return Published(
        value=value.isoformat() if value else None,
        earliest=(earliest or value).isoformat() if (earliest or value) else None,
        latest=latest.isoformat() if latest else None,
        precision="day" if value else None,
        inferred=True,
        evidence="; ".join(notes) + ".",
    )


def _weekday_name(mention: Mention) -> str:
    match = BARE_WEEKDAY.fullmatch(mention.text)
    assert match is not None
    return match[1].lower()


def _lede_weekday(weekdays: list[int]) -> int:
    """The weekday the others cluster before: the one after which all mentioned days fit in the
    shortest stretch (Wednesday and Thursday -> Thursday). Ties go to the first mentioned."""
    distinct = list(dict.fromkeys(weekdays))
    return min(distinct, key=lambda day: (max((day - other) % 7 for other in distinct), distinct.index(day)))


def _absolute_day(mention: Mention) -> date | None:
    """The day an expression names on its own (with its year), or None."""
    timex = mention.timex
    if timex is None or timex.type not in ("DATE", "TIME") or not timex.value:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", timex.value):
        return None
    return date.fromisoformat(timex.value[:10])


def _is_caption(mention: Mention) -> bool:
    return mention.paragraph.role == "caption"


def _weekday_note(weekdays: list[Mention], lede: int | None) -> str:
    by_day: dict[str, list[int]] = {}
    for mention in weekdays:
        by_day.setdefault(_weekday_name(mention).capitalize(), []).append(mention.paragraph.n)
    listed = ", ".join(f"{day} (line {', '.join(map(str, lines))})" for day, lines in by_day.items())
    lede_name = WEEKDAY_NAMES[lede] if lede is not None else "?"
    return f"past-tense weekdays {listed} put publication on or after them and within a week; the lede's {lede_name} is most likely the day itself"
