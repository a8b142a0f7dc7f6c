"""Mentions -> canonical entities: one entity per person, organisation, place or group in an article.

"Zelenskyy", "President Volodymyr Zelenskyy" and "Zelensky" are one person; "U.S." and "United
States" one country; "AFP" is Agence France-Presse. Within an article, surnames attach to the full
name they abbreviate and spelling variants meet on a transliteration key (`name_key`); across
articles, `stories/link.py` does the same over the whole batch.

Along the way the stage repairs what the small spaCy model reliably gets wrong in news:
photo credits glued together ("Ed Ram/Getty Images" as one PERSON), title words taken for
organisations ("Defense" in "U.K. Defense Secretary"), platforms taken for people ("Twitter"),
an organisation cut before its place ("Organization for Security and Cooperation" + "in Europe").

>>> from newsloom.stages.language import load_pipeline, parse_text
>>> text = "Ukrainian President Volodymyr Zelenskyy spoke. Zelensky said talks were possible."
>>> entities, _ = find_entities(parse_text(load_pipeline(), text), text, [])
>>> [(e.canonical, e.roles) for e in entities if e.type == "PERSON"]
[('Volodymyr Zelenskyy', ('President of Ukraine',))]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..models import Entity, Mention, Place
from . import names
from .clean import AGENCY_WORDS, CAPTION_CREDIT, CAPTION_CREDIT_AFTER
from .language import Paragraph, entities_of, text_of

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_VERBS = frozenset(
    ["say", "tell", "announce", "claim", "signal", "decide", "warn", "accuse", "deny", "insist", "demand", "urge", "call", "confirm", "reject", "refuse", "agree", "threaten", "vow", "pledge", "promise", "respond", "reply", "state", "declare", "respond", "report", "estimate", "order", "ban", "impose", "approve", "propose", "condemn", "criticise", "criticize", "welcome", "dismiss", "admit", "acknowledge", "allege", "argue", "suggest", "hint", "offer", "plan", "want", "seek", "push", "launch", "retaliate"]
)
AGE = re.compile(r"\d+-year-old")  # spaCy tags "26-year-old" as a DATE; in a title it is an age
MAX_ROLE_TOKENS = 12  # "U.S. Ambassador to the Organization for Security and Cooperation in Europe" is 11 tokens


@dataclass(frozen=True)
class _Raw:
    """One mention before clustering."""

    text: str
    start: int
    end: int
    label: str
    paragraph: int
    span: Span | None = None
    canonical: str | None = None
    """Set when the mention's name is already canonical (a resolved place, a known alias)."""


def find_entities(
    paragraphs: Sequence[Paragraph], text: str, places: Sequence[Place]
) -> tuple[list[Entity], list[Place]]:
    """Group the named mentions of an article into canonical entities.

    Returns the entities (in order of first mention) and the places, each linked to its entity.
    """
    raw = _collect_mentions(paragraphs, text, places)
    raw += _untagged_surnames(raw, paragraphs, text)
    raw = _expand_acronyms(raw, text)
    clusters = _cluster(raw)
    entities = [_build_entity(cluster, paragraphs) for cluster in clusters]
    entities = _merge_same_id(entities)
    by_name = {e.canonical: e.id for e in entities}
    linked_places = [replace(p, entity_id=by_name.get(p.name)) for p in places]
    return entities, linked_places


# --- collecting mentions -------------------------------------------------------------------


def _collect_mentions(paragraphs: Sequence[Paragraph], text: str, places: Sequence[Place]) -> list[_Raw]:
    place_at = {(m.start, m.end): p for p in places for m in p.mentions}
    place_spans = sorted(place_at)
    out: list[_Raw] = []
    for index, paragraph in enumerate(paragraphs):
        for ent, label, known in _repaired_ents(paragraph):
            if label not in ENTITY_LABELS:
                continue
            for _piece_text, start, end, piece_label in _split_credits(ent, paragraph.start, label):
                start, end = _trim(text, start, end)
                if end <= start or not any(c.isalpha() for c in text[start:end]):
                    continue
                if (start, end) not in place_at and sum(start <= s and e <= end for s, e in place_spans) >= 2:
                    continue  # "Pinhão and Peso da Régua" tagged as one name: the places stand for themselves
                place = place_at.get((start, end)) or _overlapping_place(place_at, place_spans, start, end, piece_label)
                if place is not None and piece_label not in ("PERSON", "NORP"):
                    out.append(_Raw(text[start:end], start, end, _place_label(place), index, ent, place.name))
                else:
                    out.append(_Raw(text[start:end], start, end, piece_label, index, ent, known))
    for index, paragraph in enumerate(paragraphs):
        if paragraph.role == "caption":
            credited = _credited(paragraph)
            out = [r for r in out if not any(s < r.end and r.start < e for _t, s, e, _l in credited)] + [
                _Raw(t, s, e, label, index) for t, s, e, label in credited
            ]
    # Places the NER missed but the places stage found are entities too.
    covered = {(r.start, r.end) for r in out}
    for (start, end), place in place_at.items():
        if (start, end) not in covered and not any(r.start < end and start < r.end for r in out):
            index = next((i for i, p in enumerate(paragraphs) if p.start <= start < p.end), 0)
            out.append(_Raw(text[start:end], start, end, _place_label(place), index, None, place.name))
    out.sort(key=lambda r: r.start)
    return out


ACRONYM_DEFINITION = re.compile(r"\b((?:[A-Z][\w'’-]+|of|for|and|the|de|do|da|del|des|du)(?:\s+(?:[A-Z][\w'’-]+|of|for|and|the|de|do|da|del|des|du)){1,7})\s+\(([A-Z][A-Z&.]{1,9})\)")


def _expand_acronyms(raw: Sequence[_Raw], text: str) -> list[_Raw]:
    """An acronym the article defines ("the Meridian Press Agency (MPA)") names the same organisation."""
    definitions: dict[str, str] = {}
    for match in ACRONYM_DEFINITION.finditer(text):
        tokens, short = match.group(1).split(), match.group(2).replace(".", "")
        for first in (i for i, w in enumerate(tokens) if w[:1].isupper()):
            if "".join(w[0] for w in tokens[first:] if w[:1].isupper()).upper() == short:
                definitions[short] = " ".join(tokens[first:])  # the longest name whose initials spell it
                break
    return [replace(r, canonical=definitions[r.text], label="ORG") if r.text in definitions and not r.canonical else r for r in raw]


def _untagged_surnames(raw: Sequence[_Raw], paragraphs: Sequence[Paragraph], text: str) -> list[_Raw]:
    """Surnames of named people where the model tagged nothing ("Cordeiro promised an inquiry")."""
    surnames = {
        r.text.split()[-1]
        for r in raw
        if r.label == "PERSON" and len(r.text.split()) >= 2 and r.text.split()[-1][:1].isupper() and len(r.text.split()[-1]) > 2
    }
    taken = [(r.start, r.end) for r in raw]
    found: list[_Raw] = []
    for index, paragraph in enumerate(paragraphs):
        for surname in surnames:
            for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text[paragraph.start : paragraph.end]):
                start, end = paragraph.start + match.start(), paragraph.start + match.end()
                if not any(s < end and start < e for s, e in taken):
                    found.append(_Raw(surname, start, end, "PERSON", index))
                    taken.append((start, end))
    return found


def _overlapping_place(place_at: dict, spans: list[tuple[int, int]], start: int, end: int, label: str) -> Place | None:
    """The place a mention names when their spans differ a little ("the Dnieper River" / "Dnieper River").

    A place inside a longer organisation name is not what the organisation is: "New York" in
    "New York Times" leaves the newspaper an organisation.
    """
    for s, e in spans:
        if (s <= start and end <= e) or (start <= s and e <= end and label in PLACE_LABELS):
            return place_at[(s, e)]
    return None


def _place_label(place: Place) -> str:
    if place.kind in ("river", "sea", "ocean", "lake", "peninsula", "mountain", "island", "gulf", "strait", "continent", "area"):
        return "LOC"
    if place.kind in ("square", "building", "airport", "bridge", "facility", "street", "port"):
        return "FAC"
    return "GPE"


def _repaired_ents(paragraph: Paragraph) -> Iterable[tuple[Span, str, str | None]]:
    """(span, label, canonical or None) for the paragraph's entities, the small model's slips mended."""
    doc = paragraph.doc
    ents = _joined_names(doc, [ent for part in entities_of(doc) for ent in _split_listing(part)])
    skip_next = False
    for i, ent in enumerate(ents):
        if skip_next:
            skip_next = False
            continue
        label = names.KNOWN_TYPES.get(ent.text, ent.label_)
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if label == "ORG" and len(ent) == 1 and ent.end < len(doc) and doc[ent.end].lower_ in names.TITLE_WORDS:
            continue  # "Defense" in "Defense Secretary": part of a title, not an organisation
        if label == "ORG" and nxt is not None and _org_continues_into(ent, nxt):
            skip_next = True  # "Organization for Security and Cooperation" + "in" + "Europe"
            yield doc[ent.start : nxt.end], "ORG", None
            continue
        if label == "PERSON" and nxt is not None and nxt.label_ == "PERSON" and nxt.start == ent.end and "\n" not in ent.doc[ent.start : nxt.end].text:
            skip_next = True  # "Oleksandr" + "Voronko": one name cut in two
            yield doc[ent.start : nxt.end], "PERSON", None
            continue
        if label == "PERSON" and ent.end < len(doc) and doc[ent.end].lower_ in names.GROUP_HEADS:
            yield doc[ent.start : ent.end + 1], "ORG", None  # "Biden administration"; no nested "Biden"
            continue
        if label in PLACE_LABELS and names.country_of_adjective(ent.text.strip()):
            label = "NORP"  # "Ukrainian" tagged as a place
        if label == "ORG" and ent.start >= 2 and doc[ent.start - 1].tag_ == "POS":
            owner = doc[ent.start - 2]
            canonical = names.org_canonical(f"{owner.text}'s {ent.text}") if owner.ent_type_ in PLACE_LABELS else None
            yield ent, label, canonical if canonical and canonical != f"{owner.text}'s {ent.text}" else None
            continue
        yield ent, label, None


NAME_PARTICLES = frozenset({"do", "da", "dos", "das", "de", "del", "della", "di", "du", "des", "von", "van", "der", "den"})
PARTICLE_IN_TEXT = re.compile(rf"\b[A-Z]\w*(?:\s+(?:{'|'.join(sorted(NAME_PARTICLES))}))+\s+[A-Z]")
NOT_NAME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
})  # fmt: skip
TIME_ZONES = frozenset({"GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "EST", "EDT", "CST", "CDT", "PST", "PDT", "MSK", "IST"})


def _name_word(token: Token) -> bool:
    return (
        token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha
        and token.lower_ not in NOT_NAME_WORDS and token.lower_ not in names.TITLE_WORDS
    )  # fmt: skip


def _joined_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """The entities with names the small model cuts apart joined again.

    Romance and Dutch/German names hold a lowercase particle ("Praça do Giraldo", "Mirador do
    Miño", "Guardiões do Guadiana"): the model tags a piece, or nothing. A run of proper nouns
    joined by a particle is one name; it takes the label of its first tagged piece, and is an
    organisation when only the place after the particle was tagged ("Guardiões do Guadiana" is a
    group, not the river). A name the model tagged only in part continues over the capitalised
    proper nouns right after it ("Miño" + "Náutica").
    """
    joined: list[Span] = []
    i = 1 if PARTICLE_IN_TEXT.search(text_of(doc)) else len(doc)  # most paragraphs hold no particle: skip the walk
    while i < len(doc) - 1:
        after = i + 1
        while after < len(doc) - 1 and doc[after].lower_ in NAME_PARTICLES and doc[after].text.islower():
            after += 1  # "von der Leyen"
        if doc[i].lower_ in NAME_PARTICLES and doc[i].text.islower() and _name_word(doc[i - 1]) and _name_word(doc[after]):
            start, end = i - 1, after + 1
            while start > 0 and _name_word(doc[start - 1]):
                start -= 1
            while end < len(doc) and _name_word(doc[end]):
                end += 1
            pieces = [e for e in ents if e.start < end and start < e.end]
            if not any(e.start < start or e.end > end for e in pieces):  # a tagged name already holds more
                left = next((e for e in pieces if e.start < i), None)
                label = left.label_ if left is not None else ("ORG" if pieces else "ORG")
                joined.append(Span(doc, start, end, label=label))
            i = end
            continue
        i += 1
    kept = [e for e in ents if not any(j.start <= e.start and e.end <= j.end for j in joined)] + joined
    out = []
    for ent in sorted(kept, key=lambda e: e.start):
        end = ent.end
        while end < len(doc) and _name_word(doc[end]) and not doc[end].ent_type_ and not doc[end].is_sent_start:
            end += 1
        if end == ent.end or ent.label_ == "PERSON":
            out.append(ent)
        else:  # "Miño" + "Náutica": a company named after the river, not the river (the places stage knows real places)
            out.append(Span(doc, ent.start, end, label="ORG" if ent.label_ in PLACE_LABELS else ent.label_))
    return [e for e in out if e.text not in TIME_ZONES]


def _split_listing(ent: Span) -> list[Span]:
    """ "Tui, José Manuel Lourido" ("the mayor of Tui, José Manuel Lourido") is a place and a person:
    a tagged name holding a comma is cut at it, each side kept when it is a name."""
    if ent.label_ not in ("PERSON", "ORG") or not any(t.text == "," for t in ent):
        return [ent]
    pieces, start = [], ent.start
    for token in [*[t for t in ent if t.text == ","], None]:
        end = token.i if token is not None else ent.end
        if end > start and all(_name_word(t) for t in ent.doc[start:end]):
            pieces.append(Span(ent.doc, start, end, label=ent.label_))
        start = end + 1
    if len(pieces) > 1 and 2 <= len(pieces[-1]) <= 4 and not names.ORG_HEAD_WORDS.intersection(t.lower_ for t in pieces[-1]):
        pieces[-1] = Span(ent.doc, pieces[-1].start, pieces[-1].end, label="PERSON")  # "Tui, José Manuel Lourido": the mayor of Tui
    return pieces if pieces else [ent]


def _org_continues_into(ent: Span, nxt: Span) -> bool:
    between = ent.doc[ent.end : nxt.start]
    return (
        len(between) == 1
        and between[0].lower_ in ("in", "of", "for")
        and nxt.label_ in PLACE_LABELS
        and bool(names.ORG_HEAD_WORDS.intersection(t.lower_ for t in ent))
    )


def _credited(paragraph: Paragraph) -> list[tuple[str, int, int, str]]:
    """The photographer and the rights holder a caption credits ("(Photo: Ana Reis/Harbour Ledger)"),
    which the model seldom tags: (text, start, end, label) in article offsets."""
    text = text_of(paragraph.doc)
    match = CAPTION_CREDIT.search(text) or CAPTION_CREDIT_AFTER.search(text)
    if not match:
        return []
    found, cursor = [], match.start("credit")
    parts = match.group("credit").split("/")
    for number, part in enumerate(parts):
        start = cursor + len(part) - len(part.lstrip())
        name = part.strip()
        cursor += len(part) + 1
        if not name or not name[:1].isupper():
            continue
        agency = names.photo_agency(name)
        if agency is not None:
            found.append((agency.surface, paragraph.start + start + agency.offset, paragraph.start + start + agency.offset + len(agency.surface), "ORG"))
        else:
            holder = number == len(parts) - 1 and len(parts) == 2 or AGENCY_WORDS.search(name) is not None
            found.append((name, paragraph.start + start, paragraph.start + start + len(name), "ORG" if holder else "PERSON"))
    return found


def _split_credits(ent: Span, offset: int, label: str) -> list[tuple[str, int, int, str]]:
    """Split "Ed Ram/Getty Images" into a photographer and an agency."""
    start = offset + ent.start_char
    if "/" not in ent.text:
        return [(ent.text, start, start + len(ent.text), label)]
    pieces, cursor = [], start
    for part in ent.text.split("/"):
        part_start = cursor + (len(part) - len(part.lstrip()))
        clean = part.strip()
        cursor += len(part) + 1
        if not clean:
            continue
        agency = names.photo_agency(clean)
        if agency is not None:
            pieces.append((agency.surface, part_start + agency.offset, part_start + agency.offset + len(agency.surface), "ORG"))
        else:
            pieces.append((clean, part_start, part_start + len(clean), "PERSON"))
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a possessive 's and stray punctuation from a mention's span."""
    span = text[start:end]
    lead = re.match(r"(?i)^(?:the[\s\u00a0]+)", span)
    if lead:
        start += lead.end()
    span = text[start:end]
    tail = re.search(r"(?:['’]s?|[\s.,;:!?\"“”)(-]+)$", span)
    if tail and not span.endswith((".", "U.S.", "U.K.")) or (tail and span.endswith("'s")):
        end -= len(tail.group(0))
    while end > start and text[end - 1] in " \u00a0,;:\"“”()":
        end -= 1
    while start < end and text[start] in " \u00a0\"“”(":
        start += 1
    return start, end


# --- clustering -----------------------------------------------------------------------------


def _cluster(raw: Sequence[_Raw]) -> list[list[_Raw]]:
    """Mentions -> clusters. People: full names first, then surnames and variants join them.

    The small model often tags a person named with a title as an organisation ("General Milley"
    ORG, a lone "Milley" ORG): such mentions join the person they name.
    """
    raw = [replace(r, label="PERSON") if _titled_person(r) else r for r in raw]
    clusters: dict[tuple[str, str], list[_Raw]] = {}
    people = [r for r in raw if r.label == "PERSON"]
    # People, longest names first, so "Mark Milley" exists before "Milley" looks for it.
    for r in sorted(people, key=lambda r: -len(names.person_tokens(r.text))):
        key = _person_cluster(r.text, [k for (t, k) in clusters if t == "PERSON"])
        clusters.setdefault(("PERSON", key), []).append(r)
    person_keys = [k for (t, k) in clusters if t == "PERSON"]
    for r in raw:
        if r.label == "PERSON":
            continue
        if r.label == "ORG" and not r.canonical and len(r.text.split()) <= 2:
            person = next((k for k in person_keys if names.same_person(names.person_tokens(r.text), k.split())), None)
            if person is not None:
                clusters[("PERSON", person)].append(replace(r, label="PERSON"))
                continue
        clusters.setdefault((_group_type(r.label), _other_key(r)), []).append(r)
    ordered = sorted(clusters.values(), key=lambda c: min(r.start for r in c))
    return [sorted(c, key=lambda r: r.start) for c in ordered]


def _titled_person(r: _Raw) -> bool:
    """ "General Milley", "Dr. Amara Osei" tagged ORG: a title followed by a capitalised name."""
    words = r.text.split()
    return (
        r.label == "ORG"
        and not r.canonical
        and 2 <= len(words) <= 4
        and words[0].lower().rstrip(".") in names.HONORIFICS | names.PERSON_TITLES
        and all(w[:1].isupper() for w in words[1:])
    )


def _group_type(label: str) -> str:
    return "PLACE" if label in PLACE_LABELS else label


def _other_key(r: _Raw) -> str:
    if r.canonical:
        return names.name_key(r.canonical)
    if r.label == "NORP":
        return names.name_key(names.group_name(r.text))
    return names.name_key(names.org_canonical(r.text))


def _person_cluster(name: str, existing: Sequence[str]) -> str:
    """The key of the person cluster `name` belongs to, or its own new key."""
    tokens = names.person_tokens(name)
    key = names.name_key(" ".join(tokens))
    if key in existing:
        return key
    for other in existing:
        if names.same_person(tokens, other.split()):
            return other
    return key


# --- building entities ----------------------------------------------------------------------


def _build_entity(cluster: Sequence[_Raw], paragraphs: Sequence[Paragraph]) -> Entity:
    label = Counter(r.label for r in cluster).most_common(1)[0][0]
    canonical = _canonical(cluster, label)
    mentions = tuple(Mention(r.text, r.start, r.end) for r in cluster)
    roles = _roles(cluster, paragraphs) if label == "PERSON" else ()
    actor = label in PLACE_LABELS and any(_acts(r) for r in cluster)
    return Entity(
        id=names.entity_id(label, canonical),
        canonical=canonical,
        type=label,
        mentions=mentions,
        roles=roles,
        is_actor=actor,
        stands_for=names.government_of(canonical) if actor else None,
    )


def _canonical(cluster: Sequence[_Raw], label: str) -> str:
    fixed = [r.canonical for r in cluster if r.canonical]
    if fixed:
        return Counter(fixed).most_common(1)[0][0]
    if label == "PERSON":
        return names.fullest_name([r.text for r in cluster])
    if label == "NORP":
        return names.group_name(cluster[0].text)
    forms = Counter(names.org_canonical(r.text) for r in cluster)
    return max(forms, key=lambda f: (len(f.split()), forms[f]))


def _acts(r: _Raw) -> bool:
    """A place name as the subject of a verb of saying or deciding: "Moscow said", "Kyiv has called"."""
    if r.span is None:
        return False
    if r.span.root.lower_ == "kremlin" or r.canonical in names.SEATS_OF_POWER:
        return True
    head = r.span.root
    return head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ in ACTOR_VERBS


def _roles(cluster: Sequence[_Raw], paragraphs: Sequence[Paragraph]) -> tuple[str, ...]:
    found: list[str] = []
    for r in cluster:
        if r.span is None:
            continue
        for role in (_title_before(r.span), _apposition(r.span)):
            if role and role not in found:
                found.append(role)
    return tuple(found)


def _title_before(ent: Span) -> str | None:
    """ "U.K. Defense Secretary Ben Wallace" -> "U.K. Defense Secretary"; "top U.S. general Mark Milley".

    Walks left over prenominal modifiers: tokens whose head lies between them and the name. A date
    ("on Wednesday top U.S. general ..."), a conjunction or a verb ends the title.
    """
    doc = ent.doc
    i = ent.start
    while i > 0 and ent.start - i < MAX_ROLE_TOKENS:
        tok = doc[i - 1]
        is_date = tok.ent_type_ in ("DATE", "TIME") and not AGE.search(tok.doc[max(0, tok.i - 4) : tok.i + 4].text)
        if not (i <= tok.head.i < ent.end) or is_date or tok.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ"):
            break
        if tok.dep_ in ("det", "poss", "case") and tok.lower_ not in ("top",):
            break
        i -= 1
    words = doc[i : ent.start]
    while len(words) and (words[0].is_punct or words[0].pos_ in ("ADP", "DET")):
        words = doc[words.start + 1 : ent.start]
    if not len(words) or not any(t.lower_.rstrip(".") in names.TITLE_WORDS | names.ROLE_NOUNS for t in words):
        return None
    return names.normalize_role(words.text)


def _apposition(ent: Span) -> str | None:
    """The role in an apposition, on either side of the name.

    "Michael Carpenter, U.S. Ambassador to the OSCE," / "U.S. Ambassador to the OSCE, Michael
    Carpenter," / "Volodymyr Vypritskiy, a 55-year-old driver".
    """
    root = ent.root
    candidates = [t for t in root.children if t.dep_ == "appos" and t.i >= ent.end]
    if root.dep_ == "appos" and root.head.i < ent.start:
        candidates.append(root.head)
    for tok in candidates:
        before = tok.i < ent.start
        words = [
            t
            for t in tok.subtree
            if (t.i < ent.start if before else t.i >= ent.end)
            and t.dep_ != "det"
            and not t.is_punct
            and not (t.dep_ in ("appos", "relcl") and t is not tok)
        ]
        if not words or len(words) > MAX_ROLE_TOKENS:
            continue
        phrase = ent.doc[words[0].i : words[-1].i + 1]
        if any(t.lower_.rstrip(".") in names.TITLE_WORDS | names.ROLE_NOUNS for t in phrase):
            return names.normalize_role(phrase.text)
    return None


def _merge_same_id(entities: Sequence[Entity]) -> list[Entity]:
    """Two clusters that arrive at the same canonical name are one entity."""
    merged: dict[str, Entity] = {}
    for e in entities:
        if e.id in merged:
            old = merged[e.id]
            merged[e.id] = replace(
                old,
                mentions=tuple(sorted(old.mentions + e.mentions, key=lambda m: m.start)),
                roles=old.roles + tuple(r for r in e.roles if r not in old.roles),
                is_actor=old.is_actor or e.is_actor,
                stands_for=old.stands_for or e.stands_for,
            )
        else:
            merged[e.id] = e
    return list(merged.values())
