"""Figures: numbers that count something, with their range, unit, what they count and who claims them.

amounts.py reads the amounts ("more than 100,000", "$400 million", "20,000-30,000", "dozens"); this
module uses the parse to drop what is not a count (years, dates, "one of", model names such as
"Apollo 11"), to find the counted noun phrase (nummod/quantmod heads), and to find the claimant: the
innermost speaker whose words contain the figure (a quote or reported-speech record, a speech verb's
complement, "according to X", or a quotation attributed elsewhere in its paragraph).

>>> from newsloom.stages.language import load_pipeline, parse_text
>>> text = "Zelensky said 41 settlements have been liberated."
>>> [(f.text, f.value, f.unit, f.claimed_by) for f in find_figures(parse_text(load_pipeline(), text), [], [], [], text)]
[('41 settlements', 41.0, 'settlements', 'Zelensky')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ...models import Entity, Figure, Quote, ReportedSpeech
from ..language import Paragraph, entities_of, text_of
from . import amounts
from . import claimants as claims
from .phrases import phrase

Conventions = Literal["news", "newsquant"]

TIME_NOUNS = frozenset(["seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries"])
DURATION_GOVERNORS = frozenset(["for", "within", "over", "take", "last", "spend", "wait"])
"""A bare plural time noun is a duration after these ("for weeks", "could take weeks")."""
LABEL_WORDS = frozenset({
    "article", "section", "chapter", "clause", "paragraph", "page", "flight", "route", "highway", "room", "number",
    "resolution", "amendment", "item", "figure", "table", "category", "level", "stage", "phase", "season",
    "episode", "game", "round", "week", "unit", "channel", "gate", "platform",
})  # fmt: skip
"""Words after which a number is a label, not a count ("Article 5", "category 4 hurricane")."""
QUOTE_MARKS_KEY = ("newsloom", "quote marks")
FRACTION_DIGITS = 2
CASUALTY_WORDS = frozenset(["dead", "killed", "injured", "wounded", "hurt", "missing", "rescued", "arrested", "detained", "evacuated", "displaced"])
"""After a number word, these make it a toll even without a noun ("Two dead, one missing")."""
GENERIC_ONE = frozenset(["day", "time", "point", "way", "thing", "another", "other", "side", "hand"])
"""Nouns that make "one" an idiom in news ("one day", "at one point"), not a count."""


def find_figures(
    paragraphs: list[Paragraph],
    entities: list[Entity],
    quotes: list[Quote],
    reported_speech: list[ReportedSpeech],
    text: str,
    *,
    conventions: Conventions = "news",
) -> list[Figure]:
    """Every figure in the parsed paragraphs, in text order, with its claimant.

    `conventions="newsquant"` follows the NewsQuant gold instead of news analysis: generic "one X"
    ("one of the best speakers") is a figure, "from A to B" is one range, vague plurals get its ranges
    ("dozens" = 12 to 120), and bare durations ("for weeks") are left out since they have no value.
    """
    newsquant = conventions == "newsquant"
    claimants = claims.record_claimants(quotes, reported_speech)
    people: list[tuple[int, str, str | None]] = claims.person_mentions(entities)
    figures: list[Figure] = []
    for index, paragraph in enumerate(paragraphs):
        claimants += claims.parse_claimants(index, paragraph, entities, people)
        for amount in amounts.scan(text_of(paragraph.doc), newsquant=newsquant):
            figure = _figure(index, paragraph, amount, newsquant)
            if figure is not None:
                figures.append(claims.claimed(figure, index, paragraph, claimants))
        if not newsquant:
            figures += [claims.claimed(f, index, paragraph, claimants) for f in _durations(paragraph)]
        people += [(paragraph.start + e.start_char, e.text, None) for e in entities_of(paragraph.doc) if e.label_ == "PERSON"]
    return sorted(figures, key=lambda f: f.start)


def _numeric(token: Token) -> bool:
    return (
        token.like_num or token.pos_ == "NUM" or token.lower_ in amounts.SCALES or any(c.isdigit() for c in token.text)
    )


def _anchor(span: Span) -> Token:
    """The number token that attaches an amount to the sentence: "million" in "$400 million",
    "3,000" in "between 3,000 and 4,000" (the highest numeric token, not the preposition)."""
    numeric = [t for t in span if _numeric(t)]
    if not numeric:
        return span.root
    anchor = numeric[-1]
    while anchor.head.i != anchor.i and span.start <= anchor.head.i < span.end and _numeric(anchor.head):
        anchor = anchor.head
    return anchor


def _is_year(amount: amounts.Amount, anchor: Token, span: Span) -> bool:
    ends = [amount.value] if amount.value is not None else [amount.low, amount.high]
    if amount.kind != "number" or amount.spelled or "," in amount.text or "." in amount.text:
        return False
    if not all(v is not None and 1000 <= v <= 2200 and v == int(v) for v in ends):  # "by 2120" is a year too
        return False
    in_date = any(t.ent_type_ == "DATE" for t in span)
    counts_plural = anchor.dep_ == "nummod" and anchor.head.tag_ in ("NNS", "NNPS") and anchor.head.i > anchor.i
    return in_date or not counts_plural


def _is_appositive_age(amount: amounts.Amount, anchor: Token, span: Span) -> bool:
    """ "Jamie Armstrong, 25, said": a bare number between commas after a name is the person's age."""
    doc = span.doc
    return (
        amount.kind == "number"
        and not amount.spelled
        and amount.value is not None
        and 0 < amount.value < 120
        and amount.value == int(amount.value)
        and anchor.dep_ == "appos"
        and anchor.head.pos_ == "PROPN"
        and span.start > 0
        and doc[span.start - 1].text == ","
        and span.end < len(doc)
        and doc[span.end].text in (",", ")")
    )


def _capitalized(token: Token) -> bool:
    return token.text[:1].isupper() or any(c.isupper() for c in token.text[1:])


def _is_label(amount: amounts.Amount, anchor: Token, span: Span) -> bool:
    """A number that names rather than counts: "Apollo 11", "S&P 500", "Article 5", "49 Zorro Ranch Road"."""
    ends = [amount.value] if amount.value is not None else [amount.low, amount.high]
    if amount.kind != "number" or any(v is None or v != int(v) for v in ends) or "," in amount.text:
        return False  # decimals, money and measures are amounts ("0.5 WAR", "300 Hz")
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.lower_ in LABEL_WORDS or before.text in ("No.", "#")):
        return True
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and (after.lower_ in amounts.MEASURE_WORDS or after.text in amounts.UNITS):
        return False  # "MacBook Pro 16 inch": a size, even after a name
    counts_plural = (
        anchor.dep_ in ("nummod", "quantmod") and anchor.head.tag_ in ("NNS", "NNPS") and anchor.head.i > anchor.i
    )
    if counts_plural:
        return False  # "Kyiv 40 towns", "20,000-30,000 Russia soldiers", "eight straight World Cups"
    if before is not None and _capitalized(before) and before.pos_ in ("PROPN", "NOUN") and before.ent_type_ != "NORP":
        return True
    return (
        not amount.spelled
        and after is not None
        and after.pos_ == "PROPN"
        and _capitalized(after)
        and after.lower_ not in amounts.MEASURE_WORDS
        and after.ent_type_ not in ("NORP", "GPE")
    )


def _keeps_spelled(amount: amounts.Amount, anchor: Token, newsquant: bool) -> bool:
    """Number words count only as counts: "four regions", "two of the victims"; not "one of four", "no one"."""
    if not amount.spelled or amount.kind != "number" or amount.value is None:
        return True
    previous = anchor.nbor(-1).lower_ if anchor.i > 0 else ""
    following = anchor.nbor(1).lower_ if anchor.i + 1 < len(anchor.doc) else ""
    if following in CASUALTY_WORDS:
        return True  # "Two dead, one missing after boat capsizes": a headline's toll
    if amount.value == 1:
        if previous in ("no", "any", "every", "each", "the", "this", "that", "which", "same", "only"):
            return False
        if newsquant:
            return anchor.dep_ == "nummod" or any(c.lower_ == "of" for c in anchor.children)
        return anchor.dep_ == "nummod" and anchor.head.pos_ == "NOUN" and anchor.head.lower_ not in GENERIC_ONE
    if anchor.dep_ in ("nummod", "quantmod", "npadvmod", "compound"):
        return True
    return any(c.lower_ == "of" for c in anchor.children) or anchor.dep_ in ("attr", "dobj", "pobj", "nsubj", "nsubjpass")


def _outside(token: Token, span: Span, pos: tuple[str, ...] = ()) -> Token | None:
    """The first head above `token` outside the span (and of one of `pos`, when given)."""
    while token.head.i != token.i:
        token = token.head
        if not span.start <= token.i < span.end and (not pos or token.pos_ in pos):
            return token
    return None


def _counted_noun(anchor: Token, span: Span) -> Token | None:
    """The noun an amount counts: its nummod head, or the noun after "of" ("dozens of people")."""
    for token in (anchor, span.root):
        head = token.head
        if (
            token.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
            and head.pos_ in ("NOUN", "PROPN")
            and head.i >= span.end
        ):
            return head
    for child in [*anchor.children, *span.root.children]:
        if child.lower_ == "of" and child.i >= span.end:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.tag_ in ("NNS", "NNPS") and after.pos_ == "NOUN":
        return after  # "between 3,000 and 4,000 hectares"
    if span.root.dep_ == "attr":  # "the number of flags is already dozens"
        subject = next((c for c in span.root.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in ("number", "total", "count", "toll"):
            return next((g for c in subject.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
    return None


def _noun_phrase(noun: Token, skip: set[int]) -> list[Token]:
    """The noun with its modifiers, conjuncts and prepositional phrases, stopping at a comma or clause."""
    kept = [t for t in noun.subtree if t.i not in skip]
    stops = [c.left_edge.i for c in noun.children if c.dep_ in ("relcl", "acl", "appos") and c.i > noun.i]
    stops += [t.i for t in kept if t.i > noun.i and t.text in ",;—("]
    stop = min(stops, default=None)
    return [t for t in kept if (stop is None or t.i < stop) and t.dep_ not in ("det", "punct") or t.i == noun.i]


def _counts(amount: amounts.Amount, span: Span, noun: Token | None, figure_start: int) -> str | None:
    """A short description of what the figure counts, built from the parse."""
    doc = span.doc
    stretch = doc.char_span(figure_start, amount.end, alignment_mode="expand")  # qualifier + amount
    skip = set(range(span.start, span.end)) | set(range(stretch.start, stretch.end) if stretch is not None else ()) | _quote_marks(doc)
    if amount.kind == "age":
        described = _outside(span.root, span, ("NOUN", "PROPN"))
        if described is None:
            return None
        if described.dep_ == "appos":
            described = described.head
        names = [
            t for t in described.subtree if t.i not in skip and t.dep_ in ("compound", "flat") or t.i == described.i
        ]
        return "age of " + phrase(names)
    if noun is None:
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.lower_ in CASUALTY_WORDS:
            return f"people {after.lower_}"  # "Two dead, one missing"
        if amount.kind == "percent" and (verb := _outside(span.root, span, ("VERB", "AUX"))) is not None:
            subject = next((c for c in verb.children if c.dep_ in ("nsubj")), None)
            return phrase(_noun_phrase(subject, skip)) if subject is not None else None
        head = _outside(span.root, span)
        if amount.kind == "money" and head is not None and head.pos_ == "NOUN" and head.i >= span.end:
            return phrase(_noun_phrase(head, skip))
        if amount.kind == "money":
            return _money_purpose(span, skip)
        return None
    if noun.lower_ in TIME_NOUNS:
        return _duration_counts(noun)
    described = _noun_phrase(noun, skip)
    prefix = "share of " if amount.kind in ("fraction", "percent") else ""
    predicate = noun.head
    if noun.dep_ == "nsubjpass" and predicate.pos_ == "VERB":
        described += [predicate] + [c for c in predicate.children if c.dep_ == "conj" or c.dep_ == "cc"]
        for verb in [predicate, *(c for c in predicate.children if c.dep_ == "conj")]:
            described += [t for c in verb.children if c.dep_ == "prep" and c.lower_ != "according" for t in c.subtree]
    elif noun.dep_ == "dobj" and predicate.tag_ == "VBN":
        described.append(predicate)
    described = [t for t in described if t.i not in skip or t.i == noun.i]
    return prefix + (phrase(described) or noun.text)


PER_NOUNS = frozenset({
    "second", "minute", "hour", "day", "week", "month", "year", "share", "barrel", "gallon", "ounce", "gram",
    "kilogram", "pound", "litre", "ton", "tonne", "person", "head", "capita", "game", "square",
})  # fmt: skip
"""Nouns after "per", "a" or "an" that make a rate of the unit ("$3,500 a month", "63 cents per share")."""


def _unit(amount: amounts.Amount, noun: Token | None, span: Span, newsquant: bool) -> str | None:
    """ISO code, "percent", a measure's name, or the counted noun as written ("towns and villages")."""
    if amount.kind not in ("number", "vague") or (amount.kind == "vague" and amount.unit):
        return _per(amount.unit, span.doc, span.end)
    if noun is None:
        return None
    if noun.lower_ in amounts.MEASURE_WORDS:
        name = amounts.MEASURE_WORDS[noun.lower_]
        if noun.lower_ in ("degrees", "degree"):
            name = next(
                (amounts.MEASURE_WORDS[t.lower_] for t in noun.rights if t.lower_ in ("celsius", "fahrenheit")), name
            )
        return _per(name, span.doc, noun.i + 1)
    if newsquant and noun.i >= span.end:  # NewsQuant's units keep the modifiers: "7 European countries"
        return span.doc[span.end : noun.i + 1].text
    conjuncts = [c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    return " and ".join([noun.text] + [c.text for c in conjuncts[:1]]) if conjuncts else noun.text


def _per(unit: str | None, doc, index: int) -> str | None:
    """ "USD" + "per share" -> "USD per share"; the unit unchanged when no rate follows."""
    if unit is None or index >= len(doc) - 1:
        return unit
    word, following = doc[index].lower_, doc[index + 1]
    if word in ("per", "a", "an") and following.lemma_.lower() in PER_NOUNS:
        rest = (
            following.text if following.lower_ != "square" or index + 2 >= len(doc) else f"square {doc[index + 2].text}"
        )
        return f"{unit} per {rest}"
    return unit


def _figure(index: int, paragraph: Paragraph, amount: amounts.Amount, newsquant: bool) -> Figure | None:
    doc = paragraph.doc
    span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    anchor = _anchor(span)
    if _is_appositive_age(amount, anchor, span):
        amount = replace(amount, kind="age", unit="years of age")
    if (
        _is_year(amount, anchor, span)
        or _is_label(amount, anchor, span)
        or not _keeps_spelled(amount, anchor, newsquant)
    ):
        return None
    if amount.value is None and amount.low is None and newsquant:
        amount = amounts.with_vague_range(amount)
        if amount.low is None:
            return None
    start, end = amount.start, amount.end
    qualifier = "exact"
    found = amounts.qualifier_before(text_of(doc), amount.start)
    noun = _counted_noun(anchor, span)
    if found is not None and found[1].lower() == "over" and noun is not None and noun.lower_ in TIME_NOUNS:
        found = None  # "over five years": during, not more than
    if found is not None:
        qualifier = found[0]
        if not re.search(r"[\"“”'‘’]", text_of(doc)[found[2] : amount.start]):
            start = found[2]
    unit = _unit(amount, noun, span, newsquant)
    if amount.kind == "number" and span.end < len(doc):
        after = doc[span.end]
        if noun is not None and after.i == noun.i:  # "41 settlements", "over 40 towns and villages"
            end = noun.idx + len(noun.text)
            conjunct = [c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
            if conjunct and conjunct[0].i == noun.i + 2 and doc[noun.i + 1].dep_ == "cc":
                end = conjunct[0].idx + len(conjunct[0].text)
        elif after.text == "-" and span.end + 1 < len(doc) and not doc[span.end].whitespace_:  # "6.1-inch"
            unit_token = doc[span.end + 1]
            if unit_token.is_alpha:
                unit = amounts.MEASURE_WORDS.get(unit_token.lower_, unit_token.text)
                end = unit_token.idx + len(unit_token.text)
    value, low, high = amount.value, amount.low, amount.high
    if amount.kind == "fraction" and value is not None and not newsquant:
        value = round(value, FRACTION_DIGITS)  # "a third" is 0.33, as people write shares (NewsQuant keeps 1/3)
    if amount.vague and not newsquant:
        value, low, high, qualifier = None, None, None, "about"
    elif value is None:
        qualifier = "range"
    elif qualifier in ("over", "at_least"):
        low = value
    elif qualifier in ("up_to", "under"):
        high = value
    return Figure(
        text=text_of(doc)[start:end],
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        counts=_counts(amount, span, noun, found[2] if found else start),
        claimed_by=None,
        start=paragraph.start + start,
        end=paragraph.start + end,
    )


def _quote_marks(doc: Doc) -> set[int]:
    """Indices of the quotation-mark tokens of a parse, found once per parse."""
    found = doc.user_data.get(QUOTE_MARKS_KEY)
    if found is None:
        found = doc.user_data[QUOTE_MARKS_KEY] = frozenset(t.i for t in doc if t.text in '"“”')
    return set(found)


def _money_purpose(span: Span, skip: set[int]) -> str | None:
    """What an amount of money is for when no noun follows it: "€25 million in drought aid",
    "an estimated €300 million in harvests", "raised drought aid to €40 million"."""
    root = span.root
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "for") and child.i >= span.end:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return phrase(_noun_phrase(objects[0], skip))
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.pos_ == "VERB":
        raised = [c for c in root.head.head.children if c.dep_ in ("dobj", "nsubjpass")]
        if raised:
            return phrase(_noun_phrase(raised[0], skip))
    return None


def _duration_counts(time_noun: Token) -> str:
    """ "duration: Ukrainian troops capturing villages", from the clause a duration measures."""
    measure = time_noun.head if time_noun.head.dep_ == "prep" or time_noun.head.pos_ == "ADP" else time_noun
    verb = measure.head
    while verb.pos_ == "AUX" and verb.head.i != verb.i:
        verb = verb.head
    left_out = {t.i for t in measure.subtree} | {
        t.i for c in verb.children if c.dep_ in ("advcl", "conj", "relcl", "parataxis") for t in c.subtree
    }
    kept = [
        t
        for t in verb.subtree
        if t.i not in left_out and t.dep_ not in ("punct", "aux", "auxpass", "cc", "mark", "neg")
    ]
    stop = next((t.i for t in verb.subtree if t.i > verb.i and t.text in ",;—"), None)
    return "duration: " + (phrase([t for t in kept if stop is None or t.i < stop]) or verb.text)


def _durations(paragraph: Paragraph) -> list[Figure]:
    """Bare plural durations: "for weeks", "could take weeks" (value unknown, qualifier about)."""
    found = []
    for token in paragraph.doc:
        if token.lower_ not in TIME_NOUNS or any(
            c.dep_ in ("det", "nummod", "amod", "poss", "compound", "quantmod") for c in token.children
        ):
            continue
        governor = token.head
        if token.dep_ in ("pobj", "dobj", "npadvmod") and (
            governor.lower_ in DURATION_GOVERNORS or governor.lemma_ in DURATION_GOVERNORS
        ):
            start = paragraph.start + token.idx
            found.append(
                Figure(
                    token.text,
                    None,
                    None,
                    None,
                    "about",
                    token.lower_,
                    _duration_counts(token),
                    None,
                    start,
                    start + len(token.text),
                )
            )
    return found


