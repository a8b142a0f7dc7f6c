"""Toponym mentions in parsed paragraphs, each with the evidence that it names a place (step 1 of
`newsloom.stages.places`): model labels, place cues, datelines, longer gazetteer names, kind words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from spacy.tokens import Span

from ..language import Paragraph, entities_of
from ..names import HONORIFICS, ORG_HEAD_WORDS, SEATS_OF_POWER, TITLE_WORDS
from . import gazetteer
from .gazetteer import Gazetteer, name_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


RELABEL_LABELS = frozenset({"PERSON", "ORG", "NORP"})
"""Labels the small model wrongly gives some toponyms; taken only for names our table owns."""


REGION_WORDS = frozenset(
    {"region", "oblast", "province", "county", "parish", "governorate", "district", "state", "prefecture"}
)


CITY_WORDS = frozenset({"city", "town"})


REGION_KINDS = frozenset({"region", "district"})


DEMONYM_TAGS = frozenset({"JJ", "NNPS", "NNS"})
"""POS tags of "Ukrainian", "Russians": nationality words, never place names in their own right."""


LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "into", "near", "from", "to", "at", "between", "outside", "across", "through", "throughout", "toward",
     "towards", "around", "inside", "within", "along", "via", "beyond", "past", "upstream", "downstream"}
)  # fmt: skip
"""A capitalised name right after one of these (or after it and "the") is a place: "a woman from Ourense",
"upstream from Peso da Régua". "on" counts only as "on the" (rivers, lakes: "capsized on the Douro")."""


NOT_LOCATIVE_HEADS = frozenset(
    {"according", "say", "tell", "speak", "talk", "write", "reply", "listen", "hear", "give", "send", "hand",
     "belong", "thank", "marry", "introduce", "explain", "report", "answer", "respond", "lose", "letter",
     "message", "call", "email", "statement", "comment", "word", "gift", "thanks", "apology", "appeal"}
)  # fmt: skip
"""Words whose "to"/"from" takes a person: "according to Marta", "a letter from Braga" (a surname)."""


PLACE_OF_NOUNS = frozenset(
    {"mayor", "city", "town", "village", "hamlet", "municipality", "outskirts", "centre", "center", "streets",
     "residents", "people", "province", "region", "district", "county", "suburbs", "banks", "mouth", "waters",
     "heart", "port", "coast", "capital", "north", "south", "east", "west", "governor", "council"}
)  # fmt: skip
""""the mayor of Tui", "the banks of the Douro": "<noun> of" before a name that lives in a place."""


KIND_NOUNS = frozenset(
    {"river", "valley", "basin", "delta", "estuary", "reservoir", "dam", "lake", "coast", "mountains", "island",
     "islands", "peninsula", "bay", "border", "area", "village", "hamlet", "municipality", "department", "canton",
     "borough", "township", "suburb", "wine", "countryside"}
    | REGION_WORDS | CITY_WORDS
)  # fmt: skip
"""A kind word right after a name says place ("the Douro river", "the Tui bridge area"); a lower-case one
extends a name into our table's ("Douro" + "wine region")."""


PERSON_TITLES = frozenset(HONORIFICS | TITLE_WORDS)


INSTITUTION_WORDS = frozenset(ORG_HEAD_WORDS | {"congress", "senate", "house", "reserve", "guard", "police"})


DIRECTION_WORDS = frozenset(
    {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "northeast",
     "northwest", "southeast", "southwest", "downtown", "uptown", "midtown", "metro"}
)  # fmt: skip
"""Alone, a compass word is a direction or a street ("between North and Strickland avenues"), not a place;
GeoNames' "Southern Province" (Rwanda) answers to "South"."""


POLITY_WORDS = frozenset(
    {"gov.", "governor", "lawmakers", "legislators", "legislature", "attorney general", "border", "state senate",
     "general assembly", "statehouse", "voters"}
)  # fmt: skip


NEIGHBOURHOOD_KM = 25.0
"""A place this close to a city of the name after its comma lies in that city ("Queens, New York")."""


PLURAL_KIND_WORDS = frozenset({"counties", "parishes", "provinces", "regions", "states", "oblasts", "districts"})


LIST_WINDOW = 24
"""Tokens searched after a name for the plural kind word closing its list: a list of eight counties with its
commas and "and" fills 16 ("roads closed in Adams, Brown, Clark, Dodge, Fulton, Grant, Henry and Knox
counties"); twelve, the old window, ended before "counties" for the first two names."""


SPEECH_VERBS = frozenset({"say", "tell", "add", "explain", "write", "announce", "ask", "insist", "argue", "warn"})


CONNECTORS = frozenset(
    {"da", "das", "de", "del", "della", "dei", "des", "di", "do", "dos", "du", "la", "le", "les", "el", "los", "las",
     "o", "a", "e", "y", "en", "sur", "am", "an", "im", "upon", "on", "of", "au", "aux", "al"}
)  # fmt: skip
"""Words inside compound place names: "Peso da Régua", "Montemor-o-Novo", "Stratford-upon-Avon"."""


NAME_PARTICLES = frozenset({"da", "das", "de", "del", "della", "do", "dos", "du", "di"})
"""The connectors that only ever join a longer proper name (never "on Monday", "in Vigo and Tui")."""


HYPHENS = frozenset({"-", "‑"})


DASHES = frozenset({"—", "–", "-", "--", "―"})


MAX_EXTENSION = 4  # words joined to a mention: "Castilla" + "-La Mancha" needs 3; longer runs are sentences


class Evidence(IntEnum):
    """Why a mention is taken to be a place, weakest first; a name is as strong as its strongest mention."""

    CONTEXT = -1  # a state or county opening an organisation's name ("Hall County Sheriff's Office"): context only
    FOCUS = 0  # a gazetteer name tagged PERSON/ORG, confirmed only by the article's focus country
    CUE = 1  # a gazetteer name with a place cue around it (preposition, kind word, dateline, list)
    LABEL = 2  # the NER called it a place, or it is a name our table, the countries or the capitals own


# fmt: off
STATE_ABBREVIATIONS = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
    "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS", "Ky.": "KY",
    "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO",
    "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM",
    "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI",
    "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA",
    "W.Va.": "WV", "Wis.": "WI", "Wyo.": "WY", "D.C.": "DC",
}
# fmt: on
"""AP-style state abbreviations, as in "Gainesville, Ga.", mapped to their GeoNames admin1 suffix."""


@dataclass(frozen=True)
class Toponym:
    """One toponym occurrence before resolution."""

    text: str
    start: int
    end: int
    lookup: str
    hint: str | None  # "region" | "city" | "state" | "hub" | "country" | None
    within: frozenset[str]  # admin1 codes or ISO countries a "X, Y" qualifier allows; empty: any
    evidence: Evidence = Evidence.LABEL


def find_toponyms(paragraph: Paragraph, text: str, gaz: Gazetteer, person_words: frozenset[str]) -> list[Toponym]:
    """The paragraph's toponyms: the NER's places, then names the model labelled otherwise or not at all.

    A PERSON/ORG/NORP entity or an untagged capitalised run becomes a mention when it is a gazetteer name
    and its context says place (`_place_cue`), or, with no cue, as a candidate that only the article's
    focus country can confirm (`Evidence.FOCUS`, "the Évora protest" in a story set in Portugal).
    """
    doc = paragraph.doc
    sure: list[tuple[int, int, Evidence]] = []
    weak: list[tuple[int, int, str]] = []
    for ent in entities_of(doc):
        trimmed = _trim(ent)
        for span in _split_list(trimmed, gaz) if trimmed is not None else ():
            _sort_entity(doc, ent, span, gaz, sure, weak)
    weak += [(start, end, "") for start, end in _untagged_runs(doc)]
    taken = {i for start, end, _evidence in sure for i in range(start, end)}
    pending = []
    for start, end, label in weak:
        found = _extend(doc, start, end, gaz)
        if found is None or any(i in taken for i in range(*found)) or _vetoed(doc, *found, person_words):
            continue
        institution = label == "ORG" and found[0] > 0 and doc[found[0] - 1].lower_ == "the"
        if institution and not _is_name(doc[slice(*found)].text, gaz, curated_only=True):
            continue  # "the White House", "the Webster" (a theatre): institutions; rivers are in our table
        pending.append((*found, label))
    accepted = list(sure)
    changed = True
    while changed:  # a cue may be a place accepted just before: "Beja, Moura and Serpa"
        changed = False
        ends = {end for _start, end, _evidence in accepted}  # the token after each place
        for item in list(pending):
            start, end, label = item
            if _place_cue(doc, start, end) or _listed_after_place(doc, start, end, ends):
                accepted.append((start, end, Evidence.CUE))
                pending.remove(item)
                changed = True
    accepted += [
        (start, end, Evidence.FOCUS)
        for start, end, label in pending
        if label in ("PERSON", "ORG") and _modifies_noun(doc[start:end])
    ]
    kept: list[tuple[int, int, Evidence]] = []
    for start, end, evidence in sorted(accepted, key=lambda item: (-item[2], item[0] - item[1])):
        if all(end <= s or e <= start for s, e, _evidence in kept):  # an extension may cover another mention
            kept.append((start, end, evidence))
    return [_mention(paragraph, doc[start:end], text, gaz, evidence) for start, end, evidence in sorted(kept)]


def _sort_entity(doc, ent: Span, span: Span, gaz: Gazetteer, sure: list, weak: list) -> None:
    """Put an entity's (trimmed) span among the sure places, the weak candidates, or nowhere."""
    if span.text.lower() in DIRECTION_WORDS:
        return
    if ent.label_ in PLACE_LABELS:
        if _is_demonym(ent, gaz):
            return
        start, end = _extend(doc, span.start, span.end, gaz) or (span.start, span.end)
        if (start, end) == (span.start, span.end) and _inside_longer_name(doc, start, end):
            return  # "Praça" of "Praça do Giraldo", "Guadiana" of "Guardiões do Guadiana": another name
        sure.append((start, end, Evidence.LABEL))
    elif ent.label_ in RELABEL_LABELS:
        if _owned_name(span.text, gaz, states=ent.label_ == "ORG"):
            sure.append((*(_extend(doc, span.start, span.end, gaz) or (span.start, span.end)), Evidence.LABEL))
        elif ent.label_ != "NORP" or all(t.tag_ == "NNP" for t in span):
            weak.append((span.start, span.end, ent.label_))
        if ent.label_ == "ORG":
            for size in range(min(3, len(span) - 1), 0, -1):
                if _is_region_name(span[:size].text, gaz):
                    sure.append((span.start, span.start + size, Evidence.CONTEXT))
                    break


def _is_region_name(text: str, gaz: Gazetteer) -> bool:
    """A state's or a county's own name ("Georgia", "Hall County"), as organisations open with it."""
    key = name_key(text)
    return any(e.kind in REGION_KINDS and name_key(e.name) == key for e in gaz.lookup(text))


def _split_list(span: Span, gaz: Gazetteer) -> list[Span]:
    """An entity that is a list of places, "Pinhão and Peso da Régua" (one ORG to the model), as its places."""
    cuts = [i for i, token in enumerate(span) if token.lower_ in ("and", "or", ",")]  # not "&": firms
    if not cuts or _is_name(span.text, gaz):
        return [span]
    parts, begin = [], 0
    for cut in [*cuts, len(span)]:
        if cut > begin:
            parts.append(span[begin:cut])
        begin = cut + 1
    return parts if all(_is_name(part.text, gaz) for part in parts) else [span]


def _modifies_noun(span: Span) -> bool:
    """ "the Évora protest", "a Chiefland bar brawl", "Torrington firefighters": a name used as a modifier of a
    common noun is a place far more often than a person, whom news names as a subject or an object."""
    root = span.root
    return root.dep_ in ("compound", "nmod") and root.head.pos_ == "NOUN" and root.head.i >= span.end


def _untagged_runs(doc) -> list[tuple[int, int]]:
    """Capitalised proper-noun runs outside any entity ("Covelinhas", "PESO DA RÉGUA"), connectors inside."""
    runs = []
    i = 0
    while i < len(doc):
        if not _name_word(doc[i]) or doc[i].ent_iob_ != "O":
            i += 1
            continue
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "O":
            if _name_word(doc[j]):
                j += 1
            elif (doc[j].lower_ in CONNECTORS or doc[j].text in HYPHENS) and j + 1 < len(doc) and _name_word(doc[j + 1]):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _name_word(token) -> bool:
    """A word that can start or continue a place name: a capitalised proper noun, or any word in capitals."""
    if not token.is_alpha:
        return False
    return token.is_upper and len(token) > 1 or token.is_title and token.pos_ == "PROPN"


def _is_name(text: str, gaz: Gazetteer, curated_only: bool = False) -> bool:
    key = name_key(text)
    if key in gaz.curated:
        return True
    return not curated_only and bool(gaz.positions(key))


def _extend(doc, start: int, end: int, gaz: Gazetteer) -> tuple[int, int] | None:
    """The longest gazetteer name made of [start, end) and the name words around it, or None.

    The model often cuts a compound name: "Vila" of "Vila Real" (alone, Port-Vila), "Régua" of
    "Peso da Régua", "Douro" of "Douro river". Words joined on the right may be capitalised, a connector
    ("da", "de", "-o-") followed by one, or a lower-case kind word ("river"), the latter only into a name
    of our curated table; on the left, capitalised words and connectors ("West" Java, "Peso da" Régua).
    """
    best = (start, end) if _is_name(doc[start:end].text, gaz) else None
    j, added = end, 0
    while j < len(doc) and added < MAX_EXTENSION:
        token = doc[j]
        if token.lower_ in CONNECTORS or token.text in HYPHENS:
            j += 1
            continue
        if token.is_stop:
            break  # "Kherson The ...": a sentence goes on, not a name
        if _name_word(token) or token.is_title and token.is_alpha:
            j += 1
            curated_only = False
        elif token.is_lower and token.lower_ in KIND_NOUNS:
            j += 1
            curated_only = True
        else:
            break
        added += 1
        if _is_name(doc[start:j].text, gaz, curated_only):
            best = (start, j)
    right = best[1] if best else end
    i, added = start, 0
    while i > 0 and added < MAX_EXTENSION:
        token = doc[i - 1]
        if token.lower_ in CONNECTORS or token.text in HYPHENS:
            i -= 1
            continue
        if token.is_stop or not (_name_word(token) or token.is_title and token.is_alpha or token.lower_ == "river"):
            break  # "The Kherson region" is Kherson's
        i -= 1
        added += 1
        if _is_name(doc[i:right].text, gaz, curated_only=not _name_word(token)):
            best = (i, right)
    return best


def _inside_longer_name(doc, start: int, end: int) -> bool:
    """A particle and a capitalised word go on from the name: "Praça" [do Giraldo], [Guardiões do] "Guadiana"
    (a conservation group), [Mirador do] "Miño" (a boat). Names of our gazetteer were joined before this."""
    if end + 1 < len(doc) and doc[end].text in NAME_PARTICLES and doc[end + 1].is_title:
        return True
    return start >= 2 and doc[start - 1].text in NAME_PARTICLES and doc[start - 2].is_title


def _vetoed(doc, start: int, end: int, person_words: frozenset[str]) -> bool:
    """Signs that a name the model did not call a place is a person's: a word of a person's full name in the
    article ("Marta" after "Marta Duarte"), a title before it ("Mayor Braga"), or saying something."""
    span = doc[start:end]
    if len(span) == 1 and span.text in person_words or span.text in SEATS_OF_POWER:
        return True
    if span[-1].lower_ in INSTITUTION_WORDS:
        return True  # "Congress", "the Guard and Reserve": organisations, whatever town bears the word
    if start > 0 and doc[start - 1].lower_.rstrip(".") in PERSON_TITLES:
        return True
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS


def _place_cue(doc, start: int, end: int) -> bool:
    """Context that makes a capitalised name a place: a locative preposition before it ("from Braga", "on the
    Minho"), "<mayor|village|banks> of" before it, a kind word after it ("Tui bridge"), or a dateline."""
    before = start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    if before >= 0:
        word = doc[before]
        if word.lower_ in LOCATIVE_PREPOSITIONS and word.head.lemma_.lower() not in NOT_LOCATIVE_HEADS:
            return True
        if word.lower_ == "on" and before == start - 2:
            return True
        if word.lower_ == "of" and before >= 1 and doc[before - 1].lemma_.lower() in PLACE_OF_NOUNS:
            return True
    if end < len(doc) and doc[end].lower_ in KIND_NOUNS:
        return True
    return _dateline(doc, start, end)


def _dateline(doc, start: int, end: int) -> bool:
    """ "TUI, Spain —", "PESO DA RÉGUA, Portugal (MPA) —", "Covelinhas, Portugal —": a paragraph's first
    words, then a dash, or a comma and (for a name not in capitals) a place and a dash or an agency."""
    if start != 0 or end >= len(doc):
        return False
    after = doc[end]
    if after.text in DASHES:
        return True
    if after.text != ",":
        return False
    if all(t.is_upper or not t.is_alpha for t in doc[start:end]):
        return True
    return any(t.text in DASHES or t.text == "(" for t in doc[end + 1 : end + 6])


def _listed_after_place(doc, start: int, end: int, place_ends: set[int]) -> bool:
    """ "Beja, Moura and Serpa": the name follows a place and "and"/"or", or a comma when the list goes on
    after it ("In Tui, Marta said" is no list)."""
    if start < 1 or start - 1 not in place_ends:
        return False
    joiner = doc[start - 1]
    if joiner.lower_ in ("and", "or"):
        return True
    return joiner.text == "," and end < len(doc) and doc[end].lower_ in ("and", "or", ",")


def _mention(
    paragraph: Paragraph, span: Span, text: str, gaz: Gazetteer, evidence: Evidence = Evidence.LABEL
) -> Toponym:
    """The mention of a trimmed entity span, a following kind word ("region", "County") joined to it."""
    doc = paragraph.doc
    hint = _kind_cue(span) or ("region" if _listed_before_kind(doc, span.start, span.end) else None)
    within = _qualifier(span, gaz)
    if hint is None and (
        _polity_follows(doc, span.end)
        or _listed_with_state(doc, span, gaz) and not _abbreviation_follows(doc, span.end)
        or _qualifies_place(doc, span, gaz)
    ):
        hint = "state"  # a state if the name has one: "New York's attorney general", "the New York border"
    if hint is None and _based_in(doc, span.end):
        hint = "hub"
    if hint is None and _listed_with_country(doc, span, gaz):
        hint = "country"
    end_token = span.end
    if _kind_word_follows(doc, end_token):
        hint = "region" if doc[end_token].lower_ in REGION_WORDS else "city"
        end_token += 1
    mention_span = doc[span.start : end_token]
    start = paragraph.start + mention_span.start_char
    end = paragraph.start + mention_span.end_char
    return Toponym(text[start:end], start, end, mention_span.text, hint, within, evidence)


def person_words(paragraphs: Sequence[Paragraph]) -> frozenset[str]:
    """The words of the article's multi-word PERSON names ("Marta", "Duarte" of "Marta Duarte")."""
    return frozenset(
        token.text
        for paragraph in paragraphs
        for ent in entities_of(paragraph.doc)
        if ent.label_ == "PERSON" and len(ent) > 1
        for token in ent
    )


def without_person_names(mentions: list[Toponym], person_words: frozenset[str], gaz: Gazetteer) -> list[Toponym]:
    """Drop one-word "places" that are a word of a person's name in the same article.

    "Hopkins said" after "David Hopkins" is the man, though the model may call it GPE (there is a
    Hopkins, Minnesota); names our table or the country list own are kept ("Georgia Jones" aside).
    """
    return [m for m in mentions if " " in m.lookup or m.lookup not in person_words or _owned_name(m.lookup, gaz)]


def propagate(paragraphs: Sequence[Paragraph], text: str, found: list[Toponym], gaz: Gazetteer) -> list[Toponym]:
    """Other occurrences of a name the article already uses as a place: one name, one reading per article.

    The small model labels the same town GPE in one sentence and PERSON or ORG in the next ("Alexandria
    woman charged"), or nothing at all in an all-capitals dateline ("MANSFIELD --"). Such words (see
    `_may_be_name`) whose text is a name found as a place elsewhere in the article are taken too.
    """
    names: dict[str, Evidence] = {}
    for m in found:
        if m.hint in (None, "state", "hub", "country") and m.evidence > Evidence.FOCUS:  # "a Lincoln impersonator" says nothing of "Lincoln said"
            names[m.lookup] = max(m.evidence, names.get(m.lookup, Evidence.FOCUS))
    if not names:
        return []
    taken = [(m.start, m.end) for m in found if m.evidence > Evidence.CONTEXT]
    by_first: dict[str, list[tuple[list[str], Evidence]]] = {}
    for name, evidence in names.items():
        words = name.split()
        by_first.setdefault(words[0].casefold(), []).append(([w.casefold() for w in words], evidence))
    out = []
    for paragraph in paragraphs:
        doc = paragraph.doc
        ent_tokens = {i for ent in entities_of(doc) if ent.label_ in PLACE_LABELS for i in range(ent.start, ent.end)}
        i = 0
        while i < len(doc):
            token = doc[i]
            match, evidence = 0, Evidence.FOCUS
            if i not in ent_tokens and _may_be_name(token) and token.lower_ in by_first:
                for words, strength in by_first[token.lower_]:
                    window = doc[i : i + len(words)]
                    if token.ent_type_ == "PERSON" and strength < Evidence.LABEL:
                        continue  # a name found only by its context does not overrule the model's PERSON
                    if (
                        len(words) > match
                        and [t.lower_ for t in window] == words
                        and all(t.is_title or t.is_upper or t.lower_ in CONNECTORS for t in window if t.is_alpha)
                    ):
                        match, evidence = len(words), strength
            if match:
                span = doc[i : i + match]
                start, end = paragraph.start + span.start_char, paragraph.start + span.end_char
                if not any(s < end and start < e for s, e in taken):
                    out.append(_mention(paragraph, span, text, gaz, evidence))
                    taken.append((start, end))
                i += match
            else:
                i += 1
    return out


def _may_be_name(token) -> bool:
    """An untagged token that may repeat a place name: inside another entity (the model's ORG "Athens City
    Council") or in capitals (a dateline, "MANSFIELD --"); a bare title-case word the model left untagged
    is more often a person it did not recognise ("Hopkins said")."""
    return token.is_upper and len(token) > 2 or token.ent_type_ in ("ORG", "PERSON", "NORP", "FAC") and token.is_title


def _kind_word_follows(doc, i: int) -> bool:
    """ "Kherson region", "Guernsey County", "Kherson city" -- not "the Donbas city of Bakhmut", where the
    name only modifies the noun."""
    if i >= len(doc) or doc[i].lower_ not in REGION_WORDS | CITY_WORDS:
        return False
    if not (doc[i].is_lower or doc[i].is_title and doc[i].lower_ in REGION_WORDS):
        return False
    return not (i + 1 < len(doc) and doc[i + 1].lower_ == "of")


def _based_in(doc, end: int) -> bool:
    """ "a Halden-based charity": where an organisation is based, named to readers far from it."""
    return end + 1 < len(doc) and doc[end].text in HYPHENS and doc[end + 1].lower_ == "based"


def _listed_before_kind(doc, start: int, end: int) -> bool:
    """ "Cooke, Grayson and Love counties": a name in a list that a plural kind word closes, the last name of
    the list too ("Love", after "and"), but not a lone name before it ("the four metro Athens counties")."""
    listed = start >= 2 and doc[start - 1].lower_ in ("and", "or", "&") and doc[start - 2].is_title
    for token in doc[end : end + LIST_WINDOW]:
        if token.lower_ in PLURAL_KIND_WORDS:
            return listed  # "the four metro Athens counties" are the counties around Athens
        if token.text == "," or token.lower_ in ("and", "or", "&"):
            listed = True
        elif not token.is_title:
            return False
    return False


def _polity_follows(doc, end: int) -> bool:
    """ "New York's attorney general", "New York Gov. Paterson", "the New York border": what a state has."""
    following = [t.lower_ for t in doc[end : end + 3]]
    if following[:1] and following[0] in ("'s", "’s"):
        following = following[1:]
    return bool(following) and (following[0] in POLITY_WORDS or " ".join(following[:2]) in POLITY_WORDS)


def _listed_with_state(doc, span: Span, gaz: Gazetteer) -> bool:
    """ "Missouri, New York, North Carolina and Virginia": a name listed next to a state is a state too."""
    for ent in _list_neighbours(doc, span):
        found = gaz.lookup(ent.text)
        if found and found[0].kind == "region" and found[0].country == "US" and name_key(found[0].name) == name_key(ent.text):
            return True
    return False


def _abbreviation_follows(doc, end: int) -> bool:
    """ "Texas and Washington, D.C.": a name a state's abbreviation qualifies is a town, though listed with a state."""
    return end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text in STATE_ABBREVIATIONS


def _qualifies_place(doc, span: Span, gaz: Gazetteer) -> bool:
    """ "based in Rego Park, New York, since 1989", "a girl from Buffalo, New York": a state's name after a place
    and a comma, ending the phrase rather than going on as a list ("Boston, New York and Chicago"), says where
    that place is: the state, as in "Paris, Texas", not the city of the same name -- unless the place lies in that
    city ("Queens, New York": a borough, within NEIGHBOURHOOD_KM of it)."""
    if span.start < 2 or doc[span.start - 1].text != ",":
        return False
    before = next((e for e in entities_of(doc) if e.end == span.start - 1 and e.label_ in PLACE_LABELS), None)
    if before is None:
        return False
    if span.end < len(doc):
        after = doc[span.end]
        if after.is_alpha and not after.is_lower or after.lower_ in ("and", "or", "&"):
            return False  # "Hollywood, Los Angeles, San Fernando Valley": the name goes on, or a list does
        if after.text == "," and span.end + 1 < len(doc) and doc[span.end + 1].is_title:
            return False
    key = name_key(span.text)
    own = [e for e in gaz.lookup(span.text) if name_key(e.name) == key]
    if not any(e.kind == "region" for e in own) or any(e.kind == "country" for e in own):
        return False
    towns = [e for e in gaz.lookup(span.text) if e.kind == "city"]
    inside = [e for e in gaz.lookup(before.text) if e.kind in ("city", "district")]
    return not any(gazetteer.distance_km(town, part) <= NEIGHBOURHOOD_KM for town in towns for part in inside)


def _listed_with_country(doc, span: Span, gaz: Gazetteer) -> bool:
    """ "pilots flew for China, Canada and Brazil": a name listed next to a country is a country too, when one
    bears it (China is also a town in Texas and in Maine)."""
    key = name_key(span.text)
    if not any(e.kind == "country" and name_key(e.name) == key for e in gaz.lookup(span.text)):
        return False
    for ent in _list_neighbours(doc, span):
        other = name_key(ent.text)
        if any(e.kind == "country" and name_key(e.name) == other for e in gaz.lookup(ent.text)):
            return True
    return False


def _list_neighbours(doc, span: Span) -> list[Span]:
    """The entities right before and after a name, across a comma, "and" or "or"."""
    before = span.start >= 2 and doc[span.start - 1].lower_ in (",", "and", "or")
    after = span.end + 1 < len(doc) and doc[span.end].lower_ in (",", "and", "or")
    if not (before or after):
        return []
    return [ent for ent in entities_of(doc) if before and ent.end == span.start - 1 or after and ent.start == span.end + 1]


def _trim(ent: Span) -> Span | None:
    """The entity without a leading "the" and a trailing possessive "'s"."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if start < end and doc[start].lower_ == "the":
        start += 1
    while end > start and doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    return doc[start:end] if end > start else None


def _owned_name(surface: str, gaz: Gazetteer, states: bool = False) -> bool:
    """A name the curated table gives a place, or the name of a country or national capital (with `states`,
    of a state or province too): a PERSON "Kherson", an ORG "Kentucky" (the model's guess for a state
    that acts or plays) are places."""
    if surface in gazetteer.RULER_DENY and not states:
        return False
    key = name_key(surface)
    if key in gaz.curated:
        return True
    for entry in gaz.lookup(surface):
        if name_key(entry.name) == key and (
            entry.kind == "country" or entry.capital or states and entry.kind == "region"
        ):
            return True
    return False


def _is_demonym(ent: Span, gaz: Gazetteer) -> bool:
    """ "Ukrainian", "Russians": a nationality word the NER sometimes labels GPE."""
    if len(ent) != 1 or ent[0].tag_ not in DEMONYM_TAGS:
        return False
    return not _owned_name(ent.text, gaz)


def _kind_cue(span: Span) -> str | None:
    """ "the city of X" / "region of X" before the name; "X was one of four regions" around it."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ == "of":
        before = doc[span.start - 2].lemma_.lower()
        if before in CITY_WORDS:
            return "city"
        if before in REGION_WORDS:
            return "region"
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
        for complement in root.head.children:
            if complement.dep_ not in ("attr", "acomp"):
                continue
            if complement.lemma_.lower() in REGION_WORDS:
                return "region"
            if complement.lemma_.lower() in CITY_WORDS:
                return "city"
            for prep in complement.children:  # "one of four regions"
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    nouns = {child.lemma_.lower() for child in prep.children if child.dep_ == "pobj"}
                    if nouns & REGION_WORDS:
                        return "region"
                    if nouns & CITY_WORDS:
                        return "city"
    return None


def _qualifier(span: Span, gaz: Gazetteer) -> frozenset[str]:
    """Admin1 codes / countries named right after "X," ("Paris, Texas", "Gainesville, Ga.", "Kherson, Ukraine")."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return frozenset()
    for size in (1, 2):  # "Ga.", or "W. Va." in two tokens
        abbreviation = "".join(t.text for t in doc[span.end + 1 : span.end + 1 + size])
        if abbreviation in STATE_ABBREVIATIONS:
            return frozenset({"US." + STATE_ABBREVIATIONS[abbreviation]})
    for ent in entities_of(doc):
        if ent.start == span.end + 1 and ent.label_ in PLACE_LABELS:
            codes = set()
            for entry in gaz.lookup(ent.text):
                if entry.kind == "country" and entry.country:
                    codes.add(entry.country)
                elif entry.kind == "region" and entry.admin1:
                    codes.add(entry.admin1)
            if all("." not in code for code in codes) and _country_name(span.text, gaz):
                return frozenset()  # "in Russia, U.S. officials said": no country lies inside another
            return frozenset(codes)
    return frozenset()


def _country_name(text: str, gaz: Gazetteer) -> bool:
    key = name_key(text)
    return any(e.kind == "country" and name_key(e.name) == key for e in gaz.lookup(text))
