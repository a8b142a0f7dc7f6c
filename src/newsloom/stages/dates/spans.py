"""Where the time expressions of a paragraph are: our patterns first, spaCy's DATE/TIME entities after.

The small spaCy model finds most weekdays and dates but mis-spans some ("the Feb. 24",
"Thursday's"), misses others ("these past three days" is often split) and tags ages and
frequencies as dates ("a 55-year-old driver", "his daily address"). The patterns here give the
tight spans of the shared gold ("Thursday", "Feb. 24", "Friday, Nov. 11, 2022"); spaCy's
entities fill the gaps, and the normaliser (`timex.normalize`) rejects what is not a time.

>>> [text for _, _, text in find_spans("Officials said Thursday that the past four months were hard.")]
['Thursday', 'the past four months']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..language import Paragraph, entities_of, text_of
from .calendar import HOLIDAY_NAMES, NUMBER_RE
from .timex import Context, Tense, Timex, normalize

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_MONTH_ALONE = r"(?:January|February|March|April|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:morning|afternoon|evening|night)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
)
_NUMBER = f"(?i:{NUMBER_RE.pattern})"
_RELATION = r"(?:[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Pp]revious|[Cc]oming|[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater)"

PATTERNS: tuple[str, ...] = (
    # absolute dates: "Friday, Nov. 11, 2022", "Nov. 12, 2022", "Feb. 24", "12 November 2022", "November 2022"
    rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?",
    rf"(?:{_WEEKDAY},?\s+)?\b[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b)?",
    rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b",
    r"\b\d{4}-\d{2}-\d{2}\b",
    # "mid-November", "early 1991", "late last year"
    rf"\b(?:[Ee]arly|[Mm]id|[Ll]ate)[- ](?:{_MONTH_ALONE}|{_YEAR}\b)",
    rf"\b{_MONTH_ALONE}\b",
    r"\b(?:in|In|since|Since|until|by|last|this|next|early|late|of)\s+(?P<x>May)\b(?!\s+(?:be|have|not|also|well|still)\b)",
    # weekdays, with "last"/"next" and a part of the day
    rf"\b(?:{_RELATION}\s+)?{_WEEKDAY}(?:\s+{_PART})?\b",
    # today, yesterday, tonight, this morning, last night
    rf"\b(?:(?:[Ee]arlier|[Ll]ater|[Ll]ate|[Ee]arly)\s+)?(?:[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)(?:\s+{_PART})?\b",
    rf"\b(?:[Tt]his|[Ll]ast)\s+{_PART}\b",
    # this week, earlier this week, last month, next year, this past weekend, the third quarter
    r"\b(?:(?:[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate)\s+)?(?:[Tt]his|[Ll]ast|[Nn]ext|[Tt]his\s+past)\s+(?:week|weekend|month|year|quarter|spring|summer|fall|autumn|winter|decade|century)\b",
    rf"\b(?:[Tt]he\s+)?(?:first|second|third|fourth)[- ](?:quarter|half)\b(?:\s+of\s+{_YEAR}\b)?",
    r"\b(?:over\s+)?the\s+weekend\b",
    # years and decades: "in 2014", "the 1990s", "the '90s"
    rf"\b(?:in|In|since|Since|by|until|from|during|before|after|of|year|fiscal|early|late|mid-?)\s+(?P<x>{_YEAR})\b(?![-,.]?\d)",
    rf"\b(?:[Tt]he|[Tt]his|[Nn]ext|[Ll]ast|[Ii]ts)\s+(?P<x>{_YEAR})\s+(?=[a-z])",  # "the 2024 season", "its 2023 report"
    r"\b(?:[Tt]he\s+)?(?:(?:early|mid|late)[- ]?)?(?:1[5-9]\d0|20\d0)'?s\b",
    r"\b[Tt]he\s+'\d0s\b",
    # "two years ago", "a week earlier"
    rf"\b(?:{_NUMBER})\s+{_UNIT}\s+(?:ago|earlier|later)\b",
    # periods anchored to the time of writing: "these past three days", "the past four months"
    rf"\b(?:[Tt]he|[Tt]hese|[Tt]his)\s+(?:past|last|next|coming)\s+(?:(?:{_NUMBER})\s+)?{_UNIT}\b",
    r"\b(?:[Ii]n|[Oo]ver)\s+(?:recent|the\s+coming)\s+(?:days|weeks|months|years)\b",
    r"\b[Rr]ecently\b",
    rf"\b(?:{HOLIDAY_NAMES.replace('christmas', '[Cc]hristmas')})\b",
    # clock times: "9 a.m.", "10:30 p.m. Tuesday", "5.10pm", "at about 17:10", "(1120 GMT)"
    rf"\b[0-2]?\d(?:[:.][0-5]\d)?\s*(?:[ap]\.m\.|[ap]m\b)(?:\s+[A-Z]{{2,4}})?(?:\s+{_WEEKDAY})?",
    r"\b(?:[Aa]t|by|until|from|after|before)\s+(?:about\s+|around\s+|approximately\s+|roughly\s+)?"
    r"(?P<x>[0-2]?\d:[0-5]\d(?:\s+(?:GMT|UTC|[A-Z]{2,3}T|local time))?)\b(?![:.,]\d)",
    r"\b(?P<x>[0-2]\d[0-5]\d\s+(?:GMT|UTC))\b",
)
"""Anchor-free surface patterns; a group `x` narrows the span to the expression itself."""

DURATION_PATTERNS: tuple[str, ...] = (
    rf"\b(?:{_NUMBER})\s+(?:more\s+|full\s+)?{_UNIT}\b(?![- ]old)",
    r"\b(?:for|over|within|in)\s+(?P<x>(?:days|weeks|months|years|decades|hours))\b",
    r"\b\d+-(?:second|minute|hour|day|week|month|year)\b(?!-old)",
)
"""Plain durations ("eight months", "for weeks"): found so that they are not taken for dates."""

_EACH = [re.compile(pattern) for pattern in PATTERNS]
_EACH_DURATION = [re.compile(pattern) for pattern in DURATION_PATTERNS]
ENTITY_LABELS = frozenset({"DATE", "TIME"})


_UNIT_WORD = re.compile(rf"\b{_UNIT}\b")
_COUNTED = frozenset(p for p in _EACH + _EACH_DURATION if _NUMBER in p.pattern)
"""Patterns that start with a count: run only near a unit word, where they can match (they are slow)."""
WINDOW_BEFORE = 60  # characters a count and its article can take before the unit ("the past twenty four hours")
WINDOW_AFTER = 20  # characters after the unit for "ago", "earlier", "or longer"


def _matches(patterns: Iterable[re.Pattern[str]], text: str) -> list[tuple[int, int]]:
    spans = []
    units: list[re.Match[str]] | None = None
    for pattern in patterns:
        group = "x" if "x" in pattern.groupindex else 0
        if pattern not in _COUNTED:
            spans += [match.span(group) for match in pattern.finditer(text) if match[group]]
            continue
        units = list(_UNIT_WORD.finditer(text)) if units is None else units
        for unit in units:
            window = pattern.finditer(text, max(0, unit.start() - WINDOW_BEFORE), unit.end() + WINDOW_AFTER)
            spans += [match.span(group) for match in window if match.start() <= unit.start() < match.end()]
    return spans


def _longest_first(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans, the longest kept where two overlap."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= other_start or start >= other_end for other_start, other_end in kept):
            kept.append((start, end))
    return sorted(kept)


@lru_cache(maxsize=2048)  # paragraphs: the publication and the dates pass scan the same ones
def _pattern_spans(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """(date spans, duration spans) our patterns find in one paragraph: a pure function, memoised."""
    return tuple(_longest_first(_matches(_EACH, text))), tuple(_longest_first(_matches(_EACH_DURATION, text)))


def find_spans(text: str, doc: Doc | None = None, durations: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, text) of the time expressions in one paragraph, in order.

    Pattern matches win over spaCy entities where they overlap; with `durations`, plain
    durations are included too (the TempEval extent score counts them).
    """
    spans, duration_spans = (list(found) for found in _pattern_spans(text))
    if durations:
        spans += [(start, end) for start, end in duration_spans if all(end <= s or start >= e for s, e in spans)]
    occupied = spans + duration_spans
    if doc is not None:
        for entity in entities_of(doc):
            if entity.label_ not in ENTITY_LABELS:
                continue
            start, end = entity.start_char, entity.end_char
            if all(end <= s or start >= e for s, e in occupied):
                spans.append((start, end))
                occupied.append((start, end))
    return [(start, end, text[start:end]) for start, end in sorted(spans)]


FUTURE_AUXILIARIES = frozenset({"will", "'ll", "ll", "shall", "wo"})
MODAL_AUXILIARIES = frozenset({"would", "can", "may", "might", "should", "must"})
"""Modals point ahead ("would" too: in reported speech it is the past's future); "could" is left out,
being as often the past of "can" ("could not be reached Wednesday")."""
REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "announce", "claim", "confirm", "deny", "warn", "add", "call", "urge"}
)
"""Present-tense reporting verbs are headline or lede style for a past statement ("Zelensky says Thursday")."""
PLANNING_WORDS = frozenset(
    {"expect", "schedule", "plan", "due", "intend", "slate", "poise", "prepare", "likely", "hope", "aim"}
)
"""'plans to meet Monday', 'is expected/scheduled/due to ... Monday': the event lies ahead."""
FORWARD_PREPOSITIONS = frozenset({"until", "till", "through", "by", "effective"})
"""'extended the deadline until Tuesday': a date after these words is a deadline ahead ("by" only
outside the past tense: "had filed reports by Wednesday")."""
MAX_CLIMB = 6  # dependency steps from a date to its verb; past this the verb governs another clause


@dataclass(frozen=True)
class Mention:
    """One time expression found in a paragraph, normalised (an intermediate record of this stage)."""

    start: int
    end: int
    text: str
    timex: Timex | None
    tense: Tense | None
    paragraph: Paragraph


def clause_tense(span: Span) -> Tense | None:
    """The tense of the clause a time expression sits in, from the verb that governs it.

    Participles and nouns are climbed through to the finite verb ("a top official Saturday calling
    on Ukraine" -> the sentence's verb). Infinitives and modals look ahead ("plans to meet Monday").
    """
    tense = _governing_tense(span)
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in FORWARD_PREPOSITIONS and (tense != "past" or before != "by") and span.doc[span.end - 1].tag_ != "POS":
        return "future"  # "extended the deadline until Tuesday", "must sign by Friday"
    return tense


def next_word(span: Span | None) -> str | None:
    """The word after a span, lower-cased ("the year" + "ended" is a reporting period)."""
    if span is None or span.end >= len(span.doc):
        return None
    return span.doc[span.end].lower_


def _governing_tense(span: Span) -> Tense | None:
    token = span.root
    for _ in range(MAX_CLIMB):
        if token.head is token:
            break
        token = token.head
        if token.i >= span.start and token.i < span.end:
            continue
        if token.pos_ not in ("VERB", "AUX"):
            continue
        tense = _verb_tense(token)
        if tense is not None:
            return tense
    return None


def _verb_tense(verb: Token) -> Tense | None:
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & FUTURE_AUXILIARIES:
        return "future"
    if words & MODAL_AUXILIARIES:
        return "past" if "have" in words else "future"
    if verb.lemma_ in PLANNING_WORDS or any(child.lemma_ in PLANNING_WORDS for child in verb.children):
        return "future"  # "plans to", "is expected to", "planned a rally on Saturday": the event lies ahead
    if verb.lemma_ == "set" and any(child.dep_ == "xcomp" for child in verb.children):
        return "future"  # "set to resume Monday"
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and (not auxiliaries or any(child.lemma_ == "have" for child in auxiliaries)):
        return "past"  # "has announced", and the reduced relative "the decision, announced Wednesday"
    if verb.tag_ in ("VBZ", "VBP") or any(child.tag_ in ("VBZ", "VBP") for child in auxiliaries):
        if verb.tag_ == "VBG" or verb.lemma_ == "be" and any(child.dep_ == "xcomp" for child in verb.children):
            return "future"  # "is going to", "is meeting Monday", "is to resume Tuesday"
        return "past" if verb.lemma_ in REPORTING_VERBS else "present"
    return None  # infinitives, participles and bare forms: decided by the verb above


CLOCK_TIME = re.compile(r"(?i)\d\s*(?:[ap]\.?m\b|gmt|utc)|\d:\d\d|\b(?:noon|midnight|midday)\b")
DAY_AFTER_CLOCK = re.compile(r",?\s+(?:on\s+)?|\)?\s+on\s+")
"""Between a clock time and the day it belongs to: "11:20 a.m. on Tuesday", "5pm, Sunday"."""
CLOCK_TIME_AFTER = re.compile(r"\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|IST|hrs?\b|hours\b|h\b|local time)")
"""After a bare four-digit number, these make it a 24-hour clock time."""


def find_mentions(paragraphs: list[Paragraph], anchor: date | None) -> Iterator[Mention]:
    """Every time expression of the article in order, normalised against `anchor` (None: unresolved
    unless absolute), each later one resolved with the last absolute date before it as reference."""
    reference: str | None = None
    for paragraph in paragraphs:
        doc = paragraph.doc
        spans = find_spans(text_of(doc), doc)
        for number, (start, end, expression) in enumerate(spans):
            if CLOCK_TIME_AFTER.match(text_of(doc), end) and expression.strip().isdigit():
                continue  # "(1120 GMT)" is a clock time, not the year 1120
            span = doc.char_span(start, end, alignment_mode="expand")
            tense = clause_tense(span) if span is not None and len(span) else None
            said = expression
            if CLOCK_TIME.search(expression) and number + 1 < len(spans):
                next_start, next_end, next_expression = spans[number + 1]
                if DAY_AFTER_CLOCK.fullmatch(text_of(doc), end, next_start):
                    said = f"{expression} on {next_expression}"  # "at 11:20 a.m. on Tuesday": Tuesday's 11:20
                    day = doc.char_span(next_start, next_end, alignment_mode="expand")
                    tense = clause_tense(day) if day is not None and len(day) else tense
            timex = normalize(said, Context(anchor, tense, reference, next_word(span)))
            if timex is not None and timex.is_reference:
                reference = timex.value
            yield Mention(paragraph.start + start, paragraph.start + end, expression, timex, tense, paragraph)
