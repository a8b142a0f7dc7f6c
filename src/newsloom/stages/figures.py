"""Figures: numbers that count something, with their range, unit, what they count and who claims them.

numbers.py reads the amounts ("more than 100,000", "$400 million", "20,000-30,000", "dozens"); this
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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span, Token

from ..models import Entity, Figure, Quote, ReportedSpeech
from . import numbers
from .language import Paragraph

Conventions = Literal["news", "newsquant"]

QUALIFIERS = {
    "well over": "over", "just over": "over", "more than": "over", "over": "over", "above": "over",
    "in excess of": "over", "upwards of": "over", "at least": "at_least", "no fewer than": "at_least",
    "no less than": "at_least", "a minimum of": "at_least", "up to": "up_to", "as many as": "up_to",
    "as much as": "up_to", "no more than": "up_to", "at most": "up_to", "a maximum of": "up_to",
    "fewer than": "under", "less than": "under", "under": "under", "below": "under", "just under": "under",
    "nearly": "about", "almost": "about", "about": "about", "around": "about", "approximately": "about",
    "roughly": "about", "some": "about", "close to": "about", "an estimated": "about", "estimated": "about",
    "likely": "about", "an average of": "about", "circa": "about", "~": "about", "≈": "about",
}
_QUALIFIER_RE = re.compile(
    r"(?<![\w])(?P<word>" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")"
    r"(?P<gap>[\s\"“”'‘’]*)$",
    re.IGNORECASE,
)
SPEECH_VERBS = frozenset(
    "say tell announce estimate report state claim add note ask confirm reveal write tweet insist warn predict "
    "forecast project calculate declare assert allege explain testify disclose acknowledge admit argue stress "
    "signal pledge promise count tally cite".split()
)
"""Verbs that put a figure in someone's mouth; cognition verbs (think, believe) state opinions, not figures."""
OPINION_CUES = ("think", "thought", "believ", "feel", "felt", "hope", "fear", "wonder", "suspect", "doubt")
TIME_NOUNS = frozenset("seconds minutes hours days weeks months years decades centuries".split())
DURATION_GOVERNORS = frozenset("for within over take last spend wait".split())
"""A bare plural time noun is a duration after these ("for weeks", "could take weeks")."""
LABEL_WORDS = frozenset(
    "article section chapter clause paragraph page flight route highway room number resolution amendment item "
    "figure table category level stage phase season episode game round week unit channel gate platform".split()
)
"""Words after which a number is a label, not a count ("Article 5", "category 4 hurricane")."""
GENERIC_ONE = frozenset("day time point way thing another other side hand".split())
"""Nouns that make "one" an idiom in news ("one day", "at one point"), not a count."""
PRONOUNS = frozenset({"he", "she", "him", "her"})
TITLE_WORDS = frozenset(
    "president general gen. minister secretary ambassador spokesman spokeswoman spokesperson chief prime "
    "defense defence foreign senator sen. rep. governor mayor dr. mr. mrs. ms. prof. top u.s. official".split()
)
MEASURE_NOUNS = {
    "mile": "mile", "miles": "mile", "kilometre": "kilometre", "kilometres": "kilometre", "kilometer": "kilometre",
    "kilometers": "kilometre", "metre": "metre", "metres": "metre", "meter": "metre", "meters": "metre",
    "foot": "foot", "feet": "foot", "inch": "inch", "inches": "inch", "yard": "yard", "yards": "yard",
    "degree": "degree", "degrees": "degree", "celsius": "celsius", "fahrenheit": "fahrenheit",
    "tonne": "metric ton", "tonnes": "metric ton", "ton": "ton", "tons": "ton", "acre": "acre", "acres": "acre",
    "hectare": "hectare", "hectares": "hectare", "gallon": "gallon", "gallons": "gallon", "litre": "litre",
    "litres": "litre", "liter": "litre", "liters": "litre", "kilogram": "kilogram", "kilograms": "kilogram",
}


@dataclass(frozen=True)
class Claimant:
    """Someone whose words cover a stretch of a paragraph: figures inside it are theirs."""

    speaker: str
    speaker_id: str | None
    tokens: frozenset[int] | None
    """Token indices of the content in `paragraph` (parse-based claims), or None for a character span."""
    start: int
    end: int
    paragraph: int

    def covers(self, paragraph: int, token: int, start: int, end: int) -> bool:
        if self.tokens is not None:
            return paragraph == self.paragraph and token in self.tokens
        return self.start <= start and end <= self.end

    @property
    def size(self) -> int:
        return len(self.tokens) if self.tokens is not None else (self.end - self.start) // 4


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
    claimants = _record_claimants(quotes, reported_speech)
    people: list[tuple[int, str, str | None]] = _person_mentions(entities)
    figures: list[Figure] = []
    for index, paragraph in enumerate(paragraphs):
        claimants += _parse_claimants(index, paragraph, entities, people)
        for amount in numbers.scan(paragraph.doc.text, newsquant=newsquant):
            figure = _figure(index, paragraph, amount, newsquant)
            if figure is not None:
                figures.append(_claimed(figure, index, paragraph, claimants))
        if not newsquant:
            figures += [_claimed(f, index, paragraph, claimants) for f in _durations(paragraph)]
        people += [(paragraph.start + e.start_char, e.text, None) for e in paragraph.doc.ents if e.label_ == "PERSON"]
    return sorted(figures, key=lambda f: f.start)


def _anchor(span: Span) -> Token:
    """The token of an amount that attaches it to the sentence ("million" in "$400 million")."""
    return span.root


def _is_year(amount: numbers.Amount, anchor: Token, span: Span) -> bool:
    ends = [amount.value] if amount.value is not None else [amount.low, amount.high]
    if amount.kind != "number" or amount.spelled or "," in amount.text or "." in amount.text:
        return False
    if not all(v is not None and 1000 <= v <= 2100 and v == int(v) for v in ends):
        return False
    in_date = any(t.ent_type_ == "DATE" for t in span)
    counts_plural = anchor.dep_ == "nummod" and anchor.head.tag_ in ("NNS", "NNPS") and anchor.head.i > anchor.i
    return in_date or not counts_plural


def _is_label(amount: numbers.Amount, anchor: Token, span: Span) -> bool:
    """A number that names rather than counts: "Apollo 11", "S&P 500", "Article 5", "the 787 Dreamliner"."""
    if amount.kind not in ("number",) or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if before.lower_ in LABEL_WORDS or before.text in ("No.", "#"):
        return True
    capitalized = before.text[:1].isupper() or any(c.isupper() for c in before.text[1:])
    if capitalized and before.pos_ in ("PROPN", "NOUN") and before.ent_type_ not in ("NORP",):
        return not (anchor.dep_ in ("nummod", "quantmod") and anchor.head.pos_ == "NOUN" and anchor.head.i > anchor.i)
    head = anchor.head
    return anchor.dep_ == "nummod" and head.pos_ == "PROPN" and head.i > anchor.i and head.ent_type_ not in ("NORP", "GPE")


def _keeps_spelled(amount: numbers.Amount, anchor: Token, newsquant: bool) -> bool:
    """Number words count only as counts: "four regions", "two of the victims"; not "one of four", "no one"."""
    if not amount.spelled or amount.kind != "number" or amount.value is None:
        return True
    previous = anchor.nbor(-1).lower_ if anchor.i > 0 else ""
    if amount.value == 1:
        if previous in ("no", "any", "every", "each", "the", "this", "that", "which", "same", "only"):
            return False
        if newsquant:
            return anchor.dep_ == "nummod" or any(c.lower_ == "of" for c in anchor.children)
        return anchor.dep_ == "nummod" and anchor.head.pos_ == "NOUN" and anchor.head.lower_ not in GENERIC_ONE
    if anchor.dep_ in ("nummod", "quantmod", "npadvmod", "compound"):
        return True
    return any(c.lower_ == "of" for c in anchor.children) or anchor.dep_ in ("attr", "dobj", "pobj", "nsubj")


def _qualifier(text: str, start: int) -> tuple[str, str, int] | None:
    """(qualifier class, the words, where they start) for a qualifier written right before `start`."""
    match = _QUALIFIER_RE.search(text[max(0, start - 24) : start])
    if match is None:
        return None
    return QUALIFIERS[match.group("word").lower()], match.group("word"), start - (len(match.group()))


def _counted_noun(anchor: Token, span: Span) -> Token | None:
    """The noun an amount counts: its nummod head, or the noun after "of" ("dozens of people")."""
    if anchor.dep_ in ("nummod", "quantmod", "compound", "amod") and anchor.head.pos_ in ("NOUN", "PROPN") and anchor.head.i >= span.end:
        return anchor.head
    for child in anchor.children:
        if child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if anchor.dep_ == "attr":  # "the number of flags is already dozens"
        subject = next((c for c in anchor.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in ("number", "total", "count", "toll"):
            return next((g for c in subject.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
    return None


def _phrase(tokens: Sequence[Token]) -> str:
    text = "".join(t.text_with_ws for t in sorted(tokens, key=lambda t: t.i)).strip(" ,")
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE) or None


def _noun_phrase(noun: Token, skip: set[int]) -> list[Token]:
    """The noun with its modifiers, conjuncts and prepositional phrases, stopping at a comma or clause."""
    kept = [t for t in noun.subtree if t.i not in skip]
    stop = next((t.i for t in kept if t.i > noun.i and (t.text in ",;—(" or t.dep_ in ("relcl", "acl", "appos"))), None)
    return [t for t in kept if (stop is None or t.i < stop) and t.dep_ not in ("det", "punct") or t.i == noun.i]


def _counts(amount: numbers.Amount, anchor: Token, span: Span, noun: Token | None) -> str | None:
    """A short description of what the figure counts, built from the parse."""
    skip = set(range(span.start, span.end))
    if amount.kind == "age":
        described = anchor.head if anchor.head.i >= span.end else None
        while described is not None and described.pos_ not in ("NOUN", "PROPN") and described.head is not described:
            described = described.head
        if described is None:
            return None
        if described.dep_ == "appos":
            described = described.head
        names = [t for t in described.subtree if t.i not in skip and t.dep_ in ("compound", "flat") or t.i == described.i]
        return "age of " + _phrase(names)
    if noun is None:
        if amount.kind == "percent":
            verb = anchor.head
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return _phrase(_noun_phrase(subject, skip)) if subject is not None else None
        if amount.kind == "money" and anchor.head.pos_ == "NOUN" and anchor.head.i >= span.end:
            return _phrase(_noun_phrase(anchor.head, skip))
        return None
    described = _noun_phrase(noun, skip)
    prefix = "share of " if amount.kind in ("fraction", "percent") else ""
    predicate = noun.head
    if noun.dep_ == "nsubjpass" and predicate.pos_ == "VERB":
        described += [predicate] + [c for c in predicate.children if c.dep_ == "conj" or c.dep_ == "cc"]
        described += [t for c in predicate.children if c.dep_ == "prep" for t in c.subtree]
        described += [t for conj in predicate.children if conj.dep_ == "conj" for c in conj.children if c.dep_ == "prep" for t in c.subtree]
    elif noun.dep_ == "dobj" and predicate.tag_ == "VBN":
        described.append(predicate)
    return prefix + (_phrase(described) or noun.text)


def _unit(amount: numbers.Amount, noun: Token | None, span: Span) -> str | None:
    if amount.kind not in ("number", "vague") or (amount.kind == "vague" and amount.unit):
        return amount.unit
    if noun is None:
        return None
    if noun.lower_ in MEASURE_NOUNS:
        name = MEASURE_NOUNS[noun.lower_]
        return name if noun.lower_ not in ("degrees", "degree") else next(
            (MEASURE_NOUNS[t.lower_] for t in noun.rights if t.lower_ in ("celsius", "fahrenheit")), name)
    conjuncts = [c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    return " and ".join([noun.text] + [c.text for c in conjuncts[:1]]) if conjuncts else noun.text


def _figure(index: int, paragraph: Paragraph, amount: numbers.Amount, newsquant: bool) -> Figure | None:
    doc = paragraph.doc
    span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    anchor = _anchor(span)
    if _is_year(amount, anchor, span) or _is_label(amount, anchor, span) or not _keeps_spelled(amount, anchor, newsquant):
        return None
    if amount.value is None and amount.low is None:
        if newsquant:
            amount = numbers.with_vague_range(amount)
            if amount.low is None:
                return None
    start, end = amount.start, amount.end
    qualifier = "exact"
    found = _qualifier(doc.text, amount.start)
    if found is not None:
        qualifier = found[0]
        if not re.search(r"[\"“”'‘’]", doc.text[found[2] : amount.start]):
            start = found[2]
    noun = _counted_noun(anchor, span)
    unit = _unit(amount, noun, span)
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
                unit = MEASURE_NOUNS.get(unit_token.lower_, unit_token.text)
                end = unit_token.idx + len(unit_token.text)
    value, low, high = amount.value, amount.low, amount.high
    if amount.vague and not newsquant:
        value, low, high, qualifier = None, None, None, "about"
    elif value is None:
        qualifier = "range"
    elif qualifier in ("over", "at_least"):
        low = value
    elif qualifier in ("up_to", "under"):
        high = value
    return Figure(
        text=doc.text[start:end],
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        counts=_counts(amount, anchor, span, noun),
        claimed_by=None,
        start=paragraph.start + start,
        end=paragraph.start + end,
    )


def _durations(paragraph: Paragraph) -> list[Figure]:
    """Bare plural durations: "for weeks", "could take weeks" (value unknown, qualifier about)."""
    found = []
    for token in paragraph.doc:
        if token.lower_ not in TIME_NOUNS or any(c.dep_ in ("det", "nummod", "amod", "poss", "compound", "quantmod") for c in token.children):
            continue
        governor = token.head
        if token.dep_ in ("pobj", "dobj", "npadvmod") and (governor.lower_ in DURATION_GOVERNORS or governor.lemma_ in DURATION_GOVERNORS):
            verb = governor.head if governor.dep_ == "prep" else governor
            counts = "duration: " + " ".join(t.text for t in verb.subtree if t.i not in {c.i for c in token.head.subtree} and t.dep_ not in ("punct", "aux", "advmod", "cc", "conj", "mark"))[:120]
            start = paragraph.start + token.idx
            found.append(Figure(token.text, None, None, None, "about", token.lower_, counts, None, start, start + len(token.text)))
    return found


# ----- who claims a figure ------------------------------------------------------------------


def _record_claimants(quotes: list[Quote], reported_speech: list[ReportedSpeech]) -> list[Claimant]:
    """Quotes and reported speech from the quotes stage (opinions "thought", "believes" left out)."""
    claimants = [Claimant(q.speaker, q.speaker_id, None, q.start, q.end, -1) for q in quotes if q.speaker]
    for speech in reported_speech:
        if speech.speaker and not (speech.cue or "").lower().startswith(OPINION_CUES):
            claimants.append(Claimant(speech.speaker, speech.speaker_id, None, speech.start, speech.end, -1))
    return claimants


def _person_mentions(entities: list[Entity]) -> list[tuple[int, str, str | None]]:
    return sorted((m.start, e.canonical, e.id) for e in entities if e.type == "PERSON" for m in e.mentions)


def _speaker(subject: Token, paragraph: Paragraph, entities: list[Entity], people: list[tuple[int, str, str | None]]) -> tuple[str, str | None] | None:
    """The canonical speaker a subject names: an entity it overlaps, a pronoun's antecedent, or its own words."""
    start = paragraph.start + subject.idx
    if subject.lower_ in PRONOUNS:
        earlier = [p for p in people if p[0] < start]
        return (earlier[-1][1], earlier[-1][2]) if earlier else None
    if subject.pos_ == "PRON":
        return None
    names = [t for t in subject.subtree if t.dep_ in ("compound", "flat", "amod", "det") and t.head.i == subject.i or t.i == subject.i]
    left, right = paragraph.start + names[0].idx if names else start, start + len(subject.text)
    best = None
    for entity in entities:
        for mention in entity.mentions:
            if mention.start < right and left < mention.end:
                overlap = min(right, mention.end) - max(left, mention.start)
                if best is None or overlap > best[0]:
                    best = (overlap, entity.canonical, entity.id)
    if best is not None:
        return best[1], best[2]
    words = [t for t in names if t.dep_ != "det" and t.lower_ not in TITLE_WORDS]
    return (_phrase(words) or subject.text), None


def _subject(verb: Token) -> Token | None:
    """A speech verb's subject, or its coordinated or governing speech verb's ("X estimated ... and said ...")."""
    seen = verb
    while True:
        subjects = [c for c in seen.children if c.dep_ in ("nsubj",)]
        agents = [g for c in seen.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subjects or agents:
            proper = [s for s in subjects + agents if s.pos_ == "PROPN"]
            return (proper or subjects or agents)[0]
        if seen.head is seen:
            return None
        seen = seen.head
        while seen.lemma_ not in SPEECH_VERBS and seen.head is not seen:
            seen = seen.head
        if seen.lemma_ not in SPEECH_VERBS:
            return None


def _parse_claimants(index: int, paragraph: Paragraph, entities: list[Entity], people: list[tuple[int, str, str | None]]) -> list[Claimant]:
    """Speech verbs' complements, "according to X", and quotations attributed in the paragraph."""
    doc, claimants = paragraph.doc, []
    for token in doc:
        speaker_token, content = None, set()
        if token.lemma_ in SPEECH_VERBS and token.pos_ == "VERB":
            speaker_token = _subject(token)
            for child in token.children:
                if child.dep_ in ("ccomp", "xcomp", "dobj", "parataxis", "attr", "oprd"):
                    content |= {t.i for t in child.subtree}
            if token.dep_ == "parataxis":
                content |= {t.i for t in token.head.subtree} - {t.i for t in token.subtree}
        elif token.lower_ == "according":
            target = next((g for c in token.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"), None)
            speaker_token = target
            content = {t.i for t in token.head.subtree} - {t.i for t in token.subtree}
        if speaker_token is None or not content:
            continue
        speaker = _speaker(speaker_token, paragraph, entities, people)
        if speaker is not None:
            content -= {t.i for t in speaker_token.subtree}
            claimants.append(Claimant(speaker[0], speaker[1], frozenset(content), 0, 0, index))
    claimants += _quotation_claimants(index, paragraph, entities, people)
    return claimants


_QUOTED = re.compile(r"\"([^\"]{12,})\"|“([^”]{12,})”")


def _quotation_claimants(index: int, paragraph: Paragraph, entities: list[Entity], people: list[tuple[int, str, str | None]]) -> list[Claimant]:
    """Quoted passages and the speech verb outside the quote marks that attributes them."""
    doc = paragraph.doc
    quoted = [m.span(1) if m.group(1) is not None else m.span(2) for m in _QUOTED.finditer(doc.text)]
    if not quoted:
        return []
    inside = lambda t: any(s <= t.idx < e for s, e in quoted)  # noqa: E731
    verbs = [t for t in doc if t.lemma_ in SPEECH_VERBS and t.pos_ == "VERB" and not inside(t)]
    claimants = []
    for start, end in quoted:
        if not verbs:
            break
        verb = min(verbs, key=lambda v: min(abs(v.idx - start), abs(v.idx - end)))
        subject = _subject(verb)
        speaker = _speaker(subject, paragraph, entities, people) if subject is not None else None
        if speaker is not None:
            tokens = frozenset(t.i for t in doc if start <= t.idx < end)
            claimants.append(Claimant(speaker[0], speaker[1], tokens, 0, 0, index))
    return claimants


def _claimed(figure: Figure, index: int, paragraph: Paragraph, claimants: list[Claimant]) -> Figure:
    """The figure with its innermost claimant, if any covers it."""
    span = paragraph.doc.char_span(figure.start - paragraph.start, figure.end - paragraph.start, alignment_mode="expand")
    token = span.root.i if span is not None and len(span) else -1
    covering = [c for c in claimants if c.covers(index, token, figure.start, figure.end)]
    if not covering:
        return figure
    best = min(covering, key=lambda c: c.size)
    return Figure(**{**figure.__dict__, "claimed_by": best.speaker, "claimed_by_id": best.speaker_id})
