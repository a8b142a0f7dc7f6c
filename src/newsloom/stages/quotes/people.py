"""What an article says about each person it names: the titles printed with the name, and the gender
"he"/"she" can refer to (from the article's own words: Mr./Mrs./Ms., gendered descriptions, the pronouns
that follow the person as a subject).

`speakers.py` uses these to resolve "he said" and "the mayor said" to a named person.

>>> person_key("Sen. Elizabeth Warren's")
('warren', 'elizabeth')
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from ...models import Entity
from ..language import Paragraph, entities_of

GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})

NAME_TITLES = frozenset(
    {"president", "mayor", "gen", "general", "sen", "senator", "rep", "representative", "gov", "governor", "dr", "mr", "mrs", "ms", "prime", "minister", "secretary", "judge", "justice", "rev", "lt", "col", "sgt", "capt", "adm", "ambassador", "chancellor", "commissioner", "chairman", "chairwoman", "director", "spokesman", "spokeswoman", "spokesperson", "prof", "professor", "king", "queen", "prince", "pope", "sheriff", "officer"}
)
"""Title words that open a name as printed and are not part of the name: they go to roles, not to `speaker`."""

MALE_WORDS = frozenset(
    {"man", "father", "husband", "son", "brother", "king", "prince", "congressman", "spokesman", "chairman", "businessman", "actor", "uncle", "grandfather", "boy"}
)
FEMALE_WORDS = frozenset(
    {"woman", "mother", "wife", "daughter", "sister", "queen", "princess", "congresswoman", "spokeswoman", "chairwoman", "businesswoman", "actress", "aunt", "grandmother", "girl", "lady"}
)
"""Words that tell a person's gender where the article describes them, for "he"/"she" to pick between people."""


def strip_titles(name: str) -> str:
    """ "President Zelensky" -> "Zelensky", "Mayor Bill de Blasio" -> "Bill de Blasio" (a name alone is canonical)."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in NAME_TITLES:
        words.pop(0)
    return " ".join(words)


def title_words(ent: Span, entity: Entity | None = None) -> frozenset[str]:
    """Title words said of a person where it is named: "Mayor Ana Ruiz", "Ruiz, the mayor", entity roles."""
    words: set[str] = set()
    root = ent.root
    for token in root.subtree:
        if token.i < ent.end and token.pos_ in {"NOUN", "PROPN"}:
            words.add(token.lemma_.lower())
    for appos in (t for t in root.rights if t.dep_ == "appos"):
        words.add(appos.lemma_.lower())
        words.update(t.lemma_.lower() for t in appos.lefts if t.pos_ in {"NOUN", "PROPN"})
    if entity is not None:
        for role in entity.roles:
            words.update(role.lower().split())
    return frozenset(words)


def genders(paragraphs: Sequence[Paragraph]) -> dict[tuple[str, str], str]:
    """A person's (surname, given name) (`person_key`) -> "m" or "f", from how the article refers back to them.

    Evidence: Mr./Mrs./Ms. before the name, a gendered title or description ("congresswoman", "a
    mother of three"), he/his/him or she/her in the rest of a sentence whose subject the person is
    (outside relative clauses, which are about someone else: "Ruiz thanked the mayor, who praised his
    staff"), the sentences right after one whose only person is the subject when they open with
    "He"/"She" ("Melanie thought it outrageous. She wasn't ...").
    Two to one or better decides; otherwise the gender stays unknown.
    """
    votes: dict[tuple[str, str], list[int]] = {}
    for paragraph in paragraphs:
        for ent in entities_of(paragraph.doc):
            if ent.label_ != "PERSON":
                continue
            tally = votes.setdefault(person_key(ent.text), [0, 0])
            before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            tally[0] += 3 * (before == "mr.")
            tally[1] += 3 * (before in {"mrs.", "ms."})
            described = title_words(ent)
            tally[0] += 3 * bool(described & MALE_WORDS)
            tally[1] += 3 * bool(described & FEMALE_WORDS)
            if ent.root.dep_ == "nsubj":
                male, female = pronouns_after(ent)
                tally[0] += male
                tally[1] += female
    firsts: dict[str, set[str]] = {}
    for surname, first in votes:
        firsts.setdefault(surname, set()).add(first)
    for surname, known in firsts.items():
        # "Trump" alone is the one Trump the article names in full; with Donald and Ivanka it is neither
        full = known - {""}
        if "" in known and len(full) == 1:
            lone = votes.pop((surname, ""))
            votes[(surname, *full)] = [a + b for a, b in zip(votes[(surname, *full)], lone, strict=True)]
    genders = {
        key: ("m" if male > female else "f")
        for key, (male, female) in votes.items()
        if max(male, female) >= 2 and max(male, female) >= 2 * min(male, female)
    }
    for surname, known in firsts.items():
        if len(known - {""}) == 1 and (surname, *(known - {""})) in genders:
            genders[(surname, "")] = genders[(surname, *(known - {""}))]  # the surname alone means the one person
    return genders


def person_key(name: str) -> tuple[str, str]:
    """(surname, given name) in lower case, titles off: "Sen. Elizabeth Warren's" -> ("warren", "elizabeth");
    a single word has no given name: "Warren" -> ("warren", "")."""
    words = strip_titles(name.removesuffix("’s").removesuffix("'s").strip()).split()
    if not words:
        return ("", "")
    return (words[-1].lower(), words[0].lower() if len(words) > 1 else "")


def pronouns_after(ent: Span) -> tuple[int, int]:
    """(male, female) pronouns that refer back to a sentence's subject: in the rest of its sentence up to
    the next person, and opening the sentences after it while no one else is named."""
    doc = ent.doc
    sentence = ent.sent
    # "Ruiz said Berg is wrong because he ...": a pronoun after another person is not evidence
    other = next((t.i for t in doc[ent.end : sentence.end] if t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.ent_type_ not in GROUP_LABELS)), sentence.end)
    rest = [t for t in doc[ent.end : other] if not any(a.dep_ in {"relcl", "acl"} for a in t.ancestors)]
    male = sum(t.lower_ in {"he", "his", "him", "himself"} for t in rest)
    female = sum(t.lower_ in {"she", "her", "hers", "herself"} for t in rest)
    if other == sentence.end and not any(t.ent_type_ == "PERSON" for t in doc[sentence.start : ent.start]):
        following = doc[sentence.end :].sents if sentence.end < len(doc) else iter(())
        for nxt in following:  # a run of "She ..." sentences goes on talking about the one person
            opener = nxt[0].lower_
            if opener not in {"he", "she"} or any(t.ent_type_ == "PERSON" for t in nxt):
                break
            male += opener == "he"
            female += opener == "she"
    return male, female
