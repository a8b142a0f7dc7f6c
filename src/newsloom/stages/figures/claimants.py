"""Who claims a figure: the innermost speaker whose words contain it.

A quote or reported-speech record, the complement of a speech verb, "according to X", or a
quotation attributed elsewhere in its paragraph; nested attributions go to the innermost speaker
("Milley said the U.S. estimates that ..." -> United States), and an opinion ("X thought ...")
claims nothing and shields what it covers from an outer speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ...models import Entity, Figure, Quote, ReportedSpeech
from ..language import Paragraph, text_of
from ..names import AGE_BEFORE
from .phrases import phrase

SPEECH_VERBS = frozenset({
    "say", "tell", "announce", "estimate", "report", "state", "claim", "add", "note", "ask", "confirm", "reveal",
    "write", "tweet", "insist", "warn", "predict", "forecast", "project", "calculate", "declare", "assert",
    "allege", "explain", "testify", "disclose", "acknowledge", "admit", "argue", "stress", "signal", "pledge",
    "promise", "count", "tally", "cite",
})  # fmt: skip
"""Verbs that put a figure in someone's mouth; cognition verbs (think, believe) state opinions, not figures."""


OPINION_CUES = ("think", "thought", "believ", "feel", "felt", "hope", "fear", "wonder", "suspect", "doubt")


OPINION_VERBS = frozenset(["think", "believe", "feel", "hope", "fear", "wonder", "suspect", "doubt"])
"""Someone who thinks a figure does not claim it, and neither does whoever reports the thought."""


PRONOUNS = frozenset({"he", "she", "him", "her"})


TITLE_WORDS = frozenset({
    "president", "general", "gen.", "minister", "secretary", "ambassador", "spokesman", "spokeswoman",
    "spokesperson", "chief", "prime", "defense", "defence", "foreign", "senator", "sen.", "rep.", "governor",
    "mayor", "dr.", "mr.", "mrs.", "ms.", "prof.", "top", "u.s.", "official",
})  # fmt: skip


@dataclass(frozen=True)
class Claimant:
    """Someone whose words cover a stretch of a paragraph: figures inside it are theirs."""

    speaker: str | None
    """None for an opinion ("X thought ..."): it shields what it covers from an outer speaker."""
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


def record_claimants(quotes: list[Quote], reported_speech: list[ReportedSpeech]) -> list[Claimant]:
    """Quotes and reported speech from the quotes stage; an opinion ("thought") claims for no one."""
    claimants = [Claimant(q.speaker, q.speaker_id, None, q.start, q.end, -1) for q in quotes if q.speaker]
    for speech in reported_speech:
        if (speech.cue or "").lower().startswith(OPINION_CUES):
            claimants.append(Claimant(None, None, None, speech.start, speech.end, -1))
        elif speech.speaker:
            claimants.append(Claimant(speech.speaker, speech.speaker_id, None, speech.start, speech.end, -1))
    return claimants


def person_mentions(entities: list[Entity]) -> list[tuple[int, str, str | None]]:
    return sorted((m.start, e.canonical, e.id) for e in entities if e.type == "PERSON" for m in e.mentions)


def _speaker(
    subject: Token, paragraph: Paragraph, entities: list[Entity], people: list[tuple[int, str, str | None]]
) -> tuple[str, str | None] | None:
    """The canonical speaker a subject names: an entity it overlaps, a pronoun's antecedent, or its own words."""
    start = paragraph.start + subject.idx
    if subject.lower_ in PRONOUNS:
        earlier = [p for p in people if p[0] < start]
        if not earlier:
            return None
        _, canonical, entity_id = max(earlier, key=lambda p: (p[0], p[2] is not None))  # the nearest, an entity first
        return canonical, entity_id
    if subject.pos_ == "PRON":
        return None
    doc = subject.doc
    names = [doc[i] for i in range(subject.left_edge.i, subject.i + 1) if _premodifies(doc[i], subject)]
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
    name = AGE_BEFORE.sub("", phrase(words) or subject.text, count=1)  # "61-year-old olive grower"
    for entity in entities:  # a mention the entities stage did not list: "Milley" is still Mark Milley
        if entity.type in ("PERSON", "ORG", "GPE", "NORP") and (
            name in {m.text for m in entity.mentions} or entity.canonical.split()[-1] == name
        ):
            return entity.canonical, entity.id
    return name, None


def _premodifies(token: Token, head: Token) -> bool:
    """Whether a token is the head noun or part of what stands before it: "a 61-year-old olive grower"
    keeps "61-year-old olive", not a clause or phrase hung on the noun ("who asked", "from Serpa")."""
    while token.i != head.i:
        if token.dep_ not in ("compound", "flat", "amod", "det", "nummod", "npadvmod", "punct", "nmod", "poss", "case"):
            return False
        token = token.head
    return True


def _subject(verb: Token) -> Token | None:
    """A speech verb's subject, or its coordinated or governing speech verb's ("X estimated ... and said ...")."""
    seen = verb
    while True:
        subjects = [c for c in seen.children if c.dep_ in ("nsubj",)]
        agents = [g for c in seen.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subjects or agents:
            proper = [s for s in subjects + agents if s.pos_ == "PROPN"]
            return (proper or subjects or agents)[0]
        if seen.head.i == seen.i:
            return None
        seen = seen.head
        while seen.lemma_ not in SPEECH_VERBS and seen.head.i != seen.i:
            seen = seen.head
        if seen.lemma_ not in SPEECH_VERBS:
            return None


def parse_claimants(
    index: int, paragraph: Paragraph, entities: list[Entity], people: list[tuple[int, str, str | None]]
) -> list[Claimant]:
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
        elif token.lemma_ in OPINION_VERBS and any(c.dep_ == "nsubj" for c in token.children):
            content = {t.i for c in token.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree}
            if content:  # "Ferreira thought it needed 60": an opinion, claimed by no one
                claimants.append(Claimant(None, None, frozenset(content), 0, 0, index))
            continue
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


def _quotation_claimants(
    index: int, paragraph: Paragraph, entities: list[Entity], people: list[tuple[int, str, str | None]]
) -> list[Claimant]:
    """Quoted passages and the speech verb outside the quote marks that attributes them."""
    doc = paragraph.doc
    quoted = [m.span(1) if m.group(1) is not None else m.span(2) for m in _QUOTED.finditer(text_of(doc))]
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
            words = doc.char_span(start, end, alignment_mode="expand")
            tokens = frozenset(range(words.start, words.end) if words is not None else ())
            claimants.append(Claimant(speaker[0], speaker[1], tokens, 0, 0, index))
    return claimants


def claimed(figure: Figure, index: int, paragraph: Paragraph, claimants: list[Claimant]) -> Figure:
    """The figure with its innermost claimant, if any covers it."""
    span = paragraph.doc.char_span(
        figure.start - paragraph.start, figure.end - paragraph.start, alignment_mode="expand"
    )
    token = span.root.i if span is not None and len(span) else -1
    covering = [c for c in claimants if c.covers(index, token, figure.start, figure.end)]
    if not covering:
        return figure
    best = min(covering, key=lambda c: c.size)
    if best.speaker is None:
        return figure
    return Figure(**{**figure.__dict__, "claimed_by": best.speaker, "claimed_by_id": best.speaker_id})
