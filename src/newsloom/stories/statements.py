"""What articles state, cut into comparable units: a speaker's words, or the rest of a sentence.

One sentence often carries several claims ("Russia signaled it was open to talks, though Zelensky
said he would only talk if ..."), and outlets carry them separately, so a unit is the content of a
reported speech or a quote, or what remains of the sentence once those are cut out (when it still
says something besides who spoke), cut again into clauses ("..., where", "... following ...").
Each unit keeps its words as comparison keys (names blanked, reporting verbs dropped, words of one
news fact folded into a family by data/news_words.tsv, other words stemmed: "retreated" and
"withdrawal" meet), its entities by what they stand for ("Moscow" -> Russia, "Ukrainian" -> Ukraine,
"Kherson Oblast" -> Kherson), its speakers and its figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import snowballstemmer

from ..models import CONTENT_ROLES
from ..stages.names import country_of_adjective
from . import agreement
from .cluster import content_words
from .quantities import quantity_key
from .sentences import ATTRIBUTION_TAIL, SPEECH_FRAME, split_clauses, split_sentences

REPORTING_WORDS = frozenset(["said", "say", "says", "told", "tell", "added", "according", "statement", "noted", "reported"])
WORD_FAMILIES = "news_words.tsv"  # stories/data: words reporters use interchangeably for one fact
LINKING_WORDS = frozenset(["following", "amid", "despite", "whereas", "shortly", "just"])  # join clauses, say nothing


@dataclass(frozen=True)
class Unit:
    """One statement of one article (a clause, or what one speaker says), with what is needed to compare it."""

    article: str
    source: str
    outlet: str | None
    published: str | None
    start: int
    end: int
    text: str
    words: frozenset[str]
    """Comparison keys of the content words: a word family ("retreated" -> withdraw) or a stem."""
    entities: frozenset[str]
    speakers: frozenset[str]
    figures: tuple[dict[str, Any], ...]
    order: int
    """Position of the sentence in its article (ledes come first)."""
    forms: tuple[tuple[str, str], ...] = ()
    """(key, word as written) pairs: how rare a key is in English is read from its words."""


@cache
def _families() -> tuple[re.Pattern[str], dict[str, str]]:
    """(pattern of every family member, member -> family key), from data/news_words.tsv."""
    members: dict[str, str] = {}
    for line in resources.files("newsloom.stories").joinpath("data", WORD_FAMILIES).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, words = line.split("\t")
            members.update({" ".join(m.lower().split()): key for m in words.split(", ")})
    alternatives = "|".join(r"\s+".join(map(re.escape, m.split())) for m in sorted(members, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:e?s)?(?![\w-])", re.IGNORECASE), members


@cache
def _stem(word: str) -> str:
    return snowballstemmer.stemmer("english").stemWord(word)


def word_keys(text: str) -> tuple[tuple[str, str], ...]:
    """(key, word) for the content words of a text: family members fold to the family, other words to
    their stem, so "retreated", "withdrawal" and "pulled out" meet, and "negotiations" meets "negotiate".

    >>> sorted({key for key, _ in word_keys("Troops pulled out; the withdrawal was not a ruse")})
    ['deception', 'pull', 'troop', 'withdraw']
    """
    pattern, members = _families()
    found: list[tuple[str, str]] = []

    def fold(match: re.Match[str]) -> str:
        written = " ".join(match.group(0).lower().split())
        key = next(members[w] for w in (written, written.removesuffix("es"), written.removesuffix("s")) if w in members)
        found.append((key, written))
        return match.group(0) if " " in written else " "  # a phrase adds its family to its words; a word is replaced

    rest = pattern.sub(fold, text)
    return tuple(found) + tuple(
        (_stem(w), w) for w in content_words(rest) if w not in REPORTING_WORDS and w not in ATTRIBUTION_WORDS and w not in LINKING_WORDS
    )


def units_of(document: dict[str, Any]) -> list[Unit]:
    """The statements of an article's own lines, with their entities, speakers and figures.

    A statement is what one speaker says (the content of a reported speech or a quote) or, for
    what the article states itself, the rest of the sentence. One sentence often carries several
    claims ("Russia signaled it was open to talks, though Zelensky said he would only talk if ..."),
    and outlets carry them separately.
    """
    text = document.get("text", "")
    mentions = [
        (m["start"], m["end"], entity_key(e, text[m["start"] : m["end"]]))
        for e in document.get("entities", [])
        if e.get("type") in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
        for m in e.get("mentions", [])
    ]
    # (start, end, speaker, is a quotation, speaker is a person)
    attributions = [(r["start"], r["end"], r.get("speaker"), False, _is_person(r)) for r in document.get("reported_speech", [])]
    attributions += [(q["start"], q["end"], q.get("speaker"), True, _is_person(q)) for q in document.get("quotes", [])]
    published = (document.get("published") or {}).get("value")
    units: list[Unit] = []
    for line in document.get("lines", []):
        if line.get("role") not in CONTENT_ROLES:
            continue
        for sentence_start, sentence_end in split_sentences(text, line["start"], line["end"]):
            for start, end in statements(text, sentence_start, sentence_end, attributions):
                forms = word_keys(_without_names(text, start, end, mentions))
                units.append(
                    Unit(
                        article=document["id"],
                        source=document.get("source", ""),
                        outlet=document.get("outlet"),
                        published=published,
                        start=start,
                        end=end,
                        text=text[start:end],
                        words=frozenset(key for key, _ in forms),
                        entities=frozenset(name for s, e, name in mentions if start <= s and e <= end) | _speaker_referents(text[start:end], attributions, start, end),
                        speakers=frozenset(a[2] for a in attributions if a[2] and a[0] < end and start < a[1]),
                        figures=tuple(
                            dict(f, quantity=quantity_key(f, text))
                            for f in document.get("figures", [])
                            if start <= f["start"] and f["end"] <= end and _countable(f)
                        ),
                        order=len(units),
                        forms=forms,
                    )
                )
    return units


MIN_STATEMENT_WORDS = 3  # "President Zelensky said Thursday, as Moscow signaled" is attribution, not a claim
ATTRIBUTION_WORDS = frozenset(
    ["said", "say", "says", "told", "tell", "added", "noted", "warned", "echoed", "signaled", "signalled", "estimated", "thought", "believed", "claimed", "announced", "asked", "questioned", "urged", "called", "calling", "reiterated", "hinted", "suggested", "stated", "according", "statement", "president", "minister", "general", "secretary", "official", "officials", "spokesman", "spokeswoman", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "today", "yesterday", "earlier", "later", "also", "like"]
)


PERSON_PRONOUN = re.compile(r"\b(?:he|his|him|she|her)\b", re.IGNORECASE)
GROUP_PRONOUN = re.compile(r"\b(?:it|its|they|their|them)\b", re.IGNORECASE)


def _is_person(attribution: dict[str, Any]) -> bool:
    return (attribution.get("speaker_id") or "").startswith("person/")


def _speaker_referents(piece: str, attributions: Sequence[tuple], start: int, end: int) -> frozenset[str]:
    """The speaker a reported speech refers to by pronoun ("Moscow signaled [its army had begun
    retreating]": Russia): what it says is about the speaker as much as a name would make it.
    "he"/"she" refer to a person speaker, "it"/"they" to a country, an institution or a group."""
    person, group = PERSON_PRONOUN.search(piece), GROUP_PRONOUN.search(piece)
    return frozenset(
        a[2]
        for a in attributions
        if a[2] and not a[3] and a[0] <= start and end <= a[1] and (person if a[4] else group)
    )


ADMINISTRATIVE = frozenset(["oblast", "region", "province", "governorate", "district", "county", "prefecture", "krai"])


def entity_key(entity: dict[str, Any], mention: str) -> str:
    """The name statements are compared on: what a capital stands for ("Moscow" -> Russia), the country
    of a nationality ("Ukrainian troops" -> Ukraine), a region by its name ("Kherson Oblast" -> Kherson:
    outlets name the city and its eponymous region loosely).

    >>> entity_key({"canonical": "Ukrainians", "type": "NORP"}, "Ukrainian"), entity_key({"canonical": "Kherson Oblast"}, "Kherson")
    ('Ukraine', 'Kherson')
    """
    name = entity.get("stands_for") or entity["canonical"]
    if entity.get("type") == "NORP":
        name = country_of_adjective(mention.strip().removesuffix("s")) or country_of_adjective(mention.strip()) or name
    words = name.split()
    if len(words) > 1 and words[-1].lower() in ADMINISTRATIVE:
        name = " ".join(words[:-1])
    return name


def _statement_words(piece: str) -> int:
    """Content words of a sentence piece that are neither names nor the words of attribution."""
    return sum(1 for w in content_words(piece) if w not in ATTRIBUTION_WORDS and not w[:1].isupper() and w.isalpha() and w == w.lower() and not _is_name(w, piece))


def _is_name(word: str, piece: str) -> bool:
    return bool(re.search(rf"\b{re.escape(word.capitalize())}", piece)) and not re.search(rf"\b{re.escape(word)}\b", piece)


def statements(text: str, start: int, end: int, attributions: Sequence[tuple]) -> list[tuple[int, int]]:
    """The sentence cut into what its speakers say and what is left, clause by clause.

    `attributions` are (start, end, speaker) or (start, end, speaker, is_quote). A reported speech
    is cut again by the speech it relays ("Wallace echoed experts who warned [the retreat could be a
    ploy]"); a quotation is the speaker's own words and stays whole. What the article says itself,
    and what a reported speech says, is cut into clauses (sentences.split_clauses).
    """
    kept = _pieces(text, start, end, attributions, top=True)
    return kept or [(start, end)]


def _pieces(text: str, start: int, end: int, attributions: Sequence[tuple], top: bool) -> list[tuple[int, int]]:
    inside = sorted(
        (max(a[0], start), min(a[1], end), len(a) > 3 and bool(a[3]))
        for a in attributions
        if a[0] < end and start < a[1] and min(a[1], end) - max(a[0], start) < end - start and (top or not (len(a) > 3 and a[3]) or _verdict(text, start, end, a))
    )
    outermost: list[tuple[int, int, bool]] = []
    for s, e, quote in sorted(inside, key=lambda span: (span[0], -span[1])):
        if outermost and s < outermost[-1][1]:
            continue
        outermost.append((s, e, quote))
    pieces: list[tuple[int, int, str]] = []
    cursor = start
    for s, e, quote in outermost:
        pieces.append((cursor, s, "rest"))
        pieces.append((s, e, "quote" if quote else "speech"))
        cursor = e
    pieces.append((cursor, end, "rest"))
    kept: list[tuple[int, int]] = []
    for s, e, kind in pieces:
        if kind == "speech":
            kept += _pieces(text, s, e, attributions, top=False) or [_trimmed(text, s, e)]
        elif kind == "quote":
            kept.append(_trimmed(text, s, e))
        elif _statement_words(text[s:e]) >= MIN_STATEMENT_WORDS and not _attribution_only(text[s:e]):
            kept += [_trimmed(text, cs, ce) for cs, ce in split_clauses(text, s, e)]
    return [(s, e) for s, e in kept if e > s]


def _attribution_only(piece: str) -> bool:
    """What is left of a quotation's sentence once the quotation is cut out: who said it, not what.

    >>> _attribution_only(', said Rui Valadares, the district civil protection commander.')
    True
    """
    stripped = piece.strip(" ,\"“”'‘’")
    return bool(ATTRIBUTION_TAIL.match(stripped) or SPEECH_FRAME.fullmatch(stripped))


MIN_VERDICT_WORDS = 2  # "another strategic failure": a closing quotation of two words already says something


def _verdict(text: str, start: int, end: int, quote: tuple) -> bool:
    """A quotation that closes a reported speech is the speaker's own verdict on what the speech
    reports ("the retreat marked 'another failure'"): a claim of its own, when both parts say something."""
    return (
        start < quote[0] < quote[1] and end - 2 <= quote[1] <= end + 2
        and _statement_words(text[quote[0] : quote[1]]) >= MIN_VERDICT_WORDS
        and _statement_words(text[start : quote[0]]) >= MIN_STATEMENT_WORDS
    )  # fmt: skip


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    """The span without the punctuation and quotation marks that join it to its neighbours."""
    piece = text[s:e]
    lead = len(piece) - len(piece.lstrip(" ,;:—-\"“”'"))
    kept = piece.rstrip(" ,;:—-“‘")
    if kept.endswith('"') and kept.count('"') % 2 == 1:
        kept = kept[:-1].rstrip(" ,;:—-")  # the opening mark of a quotation cut off after the span
    return s + lead, max(s + lead, s + len(kept))


def _without_names(text: str, start: int, end: int, mentions: Sequence[tuple[int, int, str]]) -> str:
    """The sentence with its named mentions blanked: names are compared as entities, not twice as words."""
    chars = list(text[start:end])
    for s, e, _name in mentions:
        if start <= s and e <= end:
            chars[s - start : e - start] = " " * (e - s)
    return "".join(chars)


def _countable(figure: dict[str, Any]) -> bool:
    return figure.get("unit") not in ("years of age",) and agreement.interval(figure) is not None
