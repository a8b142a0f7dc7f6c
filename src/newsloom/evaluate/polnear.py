"""Score the quotes stage on PolNeAR (political news attribution relations, brat standoff).

PolNeAR marks each attribution as Source (who), Cue (said, according to) and Content (what), by
character offsets. We score what newsloom's records carry:

- content F1: a system record (a quote, or reported speech) matches a gold Content when their words
  overlap enough (Jaccard over word positions >= `min_overlap`); pairs are matched one to one.
- speaker F1: the same, and the system's speaker is the gold source's person. PolNeAR's Source is
  the words of the sentence ("he", "the mayor", "Mayor Bill de Blasio"), with no coreference, so
  the person is recovered from the gold alone (`gold_speakers`):
  - "he"/"she" takes the nearest earlier gold Source that names someone of that gender as far as the
    gold tells (Mr./Mrs./Ms., a given name that is one gender's, one person keeps one pronoun
    through an article); where no earlier Source fits, any named speaker counts (`ANY_NAMED`);
  - "I", "we", "you" outside quotes are the writer or the reader, whom the text does not name: the
    system should name no one; so does a bare "Some" ("Some believe ..."), while "someone" is its own speaker;
  - a relative "who" takes the description right before it ("an architect who said") or else the
    name before its comma ("Ruiz, who said");
  - a definite description takes the nearest earlier named Source that carries its head word ("the
    mayor" -> "Mayor Bill de Blasio"); a description with no such name ("Police officials",
    "Experts on Valdoria", "a poll released Friday") is its own speaker;
  - a Source that is a speech verb with a Cue that is a name ("..., said David Ploof" marked the
    wrong way round) is read back the right way.
  A system that answers "he" where the gold source is "he" thus scores nothing: attribution means naming.

PolNeAR joins the pieces of one attribution into one Content ("A," he said. "B."), so the system's
consecutive direct quotes with one speaker and cue are joined the same way before matching (within a
paragraph whatever the cue's length; across a paragraph break when the quote runs on). A partial
quote inside a reported statement counts with that statement, and so does a reported statement inside
another one or inside a direct quote: PolNeAR marks the outer attribution only (6 of its 2,192 dev
contents sit inside another). A reported statement's words leave out a cue set inside them ("The
museum, Ruiz said, would open": two pieces). A quoted span with neither cue nor speaker (a title, a
scare quote) claims no attribution and is not scored.

>>> from pathlib import Path
>>> score(Path("../shared/data/polnear"), "dev", limit=2)["articles"]  # doctest: +SKIP
2
"""

from __future__ import annotations

import csv
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language

from ..models import Quote, ReportedSpeech
from ..stages import entities, language, places, quotes
from ..stages.quotes.speakers import NAME_TITLES, government_of

MIN_OVERLAP = 0.5
"""Word-position Jaccard for a content match: most of the span, so a clause cut one phrase short still
counts, while a quote matched to a different sentence of the same speech does not."""

MAX_QUOTE_GAP = 120
"""Characters between two direct quotes of one speaker and cue that are joined as one attribution across
a paragraph break (within a paragraph they join at any distance): room for ", Zelensky said in his
daily address to the nation. " and the break."""

PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "who", "which", "that", "his", "her", "their", "its", "him", "them", "me", "us", "whom", "whose"})
ANY_NAMED = "*"
"""The gold speaker of a "he"/"she" that no earlier gold Source of that gender names: a name is required, not which."""
FIRST_AND_SECOND = frozenset({"i", "we", "you", "me", "us"})
RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "some", "many", "other", "several", "both"})
QUOTE_MARKS = "\"'“”‘’«»"
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "al", "bin", "la", "le", "du", "da"})


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    source_text: str | None


@dataclass(frozen=True)
class Item:
    """A system record as PolNeAR sees it: content spans and a speaker."""

    spans: tuple[tuple[int, int], ...]
    speaker: str | None


def annotation_paths(data_dir: Path, split: str) -> list[tuple[Path, Path]]:
    """(text, .ann) per article of a split, one annotator each: the first listed in metadata.tsv."""
    first: dict[str, str] = {}
    metadata = data_dir / "metadata.tsv"
    if metadata.exists():
        with metadata.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row["compartment"] == split:
                    first[row["filename"]] = row["annotators"].split("|")[0]
    pairs = []
    for text_path in sorted((data_dir / split / "text").glob("*.txt")):
        name = text_path.stem
        preferred = data_dir / split / "attributions" / f"{name}_{first.get(name, '')}.ann"
        candidates = sorted((data_dir / split / "attributions").glob(f"{name}_*.ann"))
        ann = preferred if preferred.exists() else (candidates[0] if candidates else None)
        if ann is not None:
            pairs.append((text_path, ann))
    return pairs


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in (part.split() for part in field.split(";")))


def read_ann(path: Path, text: str) -> list[GoldAttribution]:
    """The attribution relations (E lines) of a brat .ann file."""
    spans: dict[str, tuple[tuple[int, int], ...]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue  # a span text running over a line break leaves its rest on lines of their own (3 training files)
        if line.startswith("T"):
            tid, middle, *_ = line.split("\t")
            kind, _, offsets = middle.partition(" ")
            spans[tid] = _spans(offsets)
        elif line.startswith("E"):
            roles = dict(part.split(":") for part in line.split("\t")[1].split())
            relations.append(roles)
    out = []
    for roles in relations:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        source = spans.get(roles.get("Source", ""), ())
        cue = spans.get(roles.get("Cue", ""), ())
        if _swapped(text, source, cue):
            source = cue  # "..., said David Ploof": an annotator marked "said" as the Source and the name as the Cue
        source_text = " ".join(text[a:b] for a, b in source) or None
        out.append(GoldAttribution(spans[roles["Content"]], source, source_text))
    return out


SPEECH_WORDS = frozenset({"said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "asked", "noted", "explained"})


def _swapped(text: str, source: tuple[tuple[int, int], ...], cue: tuple[tuple[int, int], ...]) -> bool:
    """A Source that is a speech verb and a Cue that opens with a capital: the two labels were exchanged."""
    source_text = " ".join(text[a:b] for a, b in source).strip().lower()
    cue_text = " ".join(text[a:b] for a, b in cue).strip()
    return source_text in SPEECH_WORDS and cue_text[:1].isupper()


def _norm_words(name: str | None) -> list[str]:
    name = unicodedata.normalize("NFKC", name or "").lower()
    name = re.sub(r"['’](s\b)?", "", name)
    return re.findall(r"[\w.-]+", name)


def same_speaker(gold: str | None, system: str | None) -> bool:
    """Lenient on form, strict on actor: equal, one surname (or one spelt a letter apart, `_one_typo`), one
    name inside the other (by words), a plural ("Republican"/"Republicans"), an acronym ("IMF"), or a seat
    of government and its state ("the White House"/"United States", as the seeds gold counts "Moscow" as
    Russia)."""
    a, b = [w.strip(".") for w in _norm_words(gold)], [w.strip(".") for w in _norm_words(system)]
    a, b = [w for w in a if w], [w for w in b if w]
    if not a or not b:
        return False
    if a == b or a[-1].removesuffix("s") == b[-1].removesuffix("s") or _one_typo(a[-1], b[-1]):
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if any(long[k : k + len(short)] == short for k in range(len(long) - len(short) + 1)):
        return True
    initials = "".join(w[0] for w in long if w not in {"of", "the", "and", "for"})
    if len(short) == 1 and len(short[0]) > 1 and short[0] == initials:
        return True
    states = {government_of(gold or ""), government_of(system or "")} - {None}
    return bool(states) and (government_of(gold or "") or gold) == (government_of(system or "") or system)


def _one_typo(a: str, b: str) -> bool:
    """Two surnames of five letters or more one letter apart (added, dropped or changed): the same person
    spelt two ways, as articles do ("McLenney" and "McClenney", "Wimes" and "Wines" in one story)."""
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def _runs(part: str, common: frozenset[str]) -> list[list[str]]:
    """Runs of capitalised words (names); a possessive ends its run and is marked ("Hillary Clinton’s campaign").

    A run followed by lower-case words is a modifier, not the head ("the Republican nominee"), and is marked too.
    """
    runs, run = [], []
    words = part.split()
    for k, word in enumerate(words):
        bare = word.strip("’'\".,;:()–—")
        lower = bare.lower()
        capital = bare[:1].isupper() and lower not in DETERMINERS | CALENDAR and not (k == 0 and lower in common)
        if capital or (run and lower in NAME_PARTICLES):
            run.append(re.sub(r"[’']s$", "", bare))
            if re.search(r"[’']s$", word):
                runs.append(run + ["'s"])
                run = []
        elif run:
            runs.append(run + ["'s"] if bare[:1].islower() and bare.isalpha() else run)
            run = []
    if run:
        runs.append(run)
    return runs


SOURCE_BREAKS = re.compile(r",|\(|\)|--|—| who | which | that | of | at | from | in | for | with ")
"""Where a source phrase leaves its head: appositions, relative clauses, prepositional modifiers."""

TOPIC_BREAK = re.compile(r"^[^,(]*?[a-z]\w* (?:in|on|about|across|around|handling) ")
"""A described head and then where or what it is about: "Political observers in Virginia", "Experts on
North Korea" are observers and experts, not Virginia or North Korea (unlike "officials at the agency")."""

CALENDAR = frozenset(
    {"january", "february", "march", "april", "june", "july", "september", "october", "november", "december"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
"""Months and days, never a speaker's name ("a poll released Friday"); May is left out, a surname too."""


def source_names(source: str, common: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The names a source phrase carries: "retired Air Force general Lloyd Newton" -> ("Lloyd Newton",).

    The head of an English noun phrase comes last, before any modifier after it, so the name is the
    last run of capitals in the first stretch that has one. `common` holds words the article also
    writes in lower case: a capital on them only opens a sentence ("Another critic", "Police").
    Two people joined by "and" give two names.
    """
    names = []
    for conjunct in re.split(r" and | & ", source):
        topic = TOPIC_BREAK.match(conjunct)
        if topic and not [run for run in _runs(topic.group(0), common) if run and run[-1] != "'s"]:
            continue  # the head is a description and the names after it are its topic or place
        for k, part in enumerate(SOURCE_BREAKS.split(conjunct)):
            raw = _runs(part, common if k == 0 else frozenset())
            heads = [run for run in map(_untitled, raw) if run and run[-1] != "'s"]
            if heads:
                names.append(" ".join(heads[-1]))
                break
            if k == 0 and any(w.lower().rstrip(".") in NAME_TITLES for w in part.split()):
                break  # "Senator from Texas": a title with no name is a description, not the place after it
    return tuple(names)


def _untitled(run: list[str]) -> list[str]:
    """A run of capitals less the titles that open it ("Sen. Ida Brandt" -> "Ida Brandt"); a run that is
    all titles ("Senator") stays as it is, and a name that is also a title word ("Mr. King") stays a name."""
    words = list(run)
    while len(words) > 1 and words[0].lower().rstrip(".") in NAME_TITLES:
        words.pop(0)
    return [] if len(words) == 1 and words[0].lower().rstrip(".") in NAME_TITLES and len(run) == 1 else words


def _common_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\b[a-z]+\b", text)) | CALENDAR | {"may"}


def gold_speakers(text: str, gold: list[GoldAttribution]) -> list[tuple[str, ...] | None]:
    """The people (or described group) behind each gold Source, by the rules in the module docstring."""
    common = _common_words(text)
    order = sorted(range(len(gold)), key=lambda k: gold[k].source[0][0] if gold[k].source else gold[k].content[0][0])
    named: list[tuple[int, str, tuple[str, ...]]] = []  # (offset, source text, names) of earlier named sources
    genders: dict[tuple[str, ...], str] = {}  # from Mr./Mrs./Ms. and from the pronouns already resolved
    out: list[tuple[str, ...] | None] = [None] * len(gold)
    for k in order:
        attribution = gold[k]
        if not attribution.source_text:
            continue
        offset = attribution.source[0][0]
        lower = attribution.source_text.lower().strip()
        earlier = [n for n in named if n[0] < offset]
        if lower in FIRST_AND_SECOND:
            continue  # "I", "we", "you" outside quotes: the writer or the reader, whom the text does not name
        if lower in PRONOUNS:
            names: tuple[str, ...] = ()
            if lower in RELATIVES:
                restrictive = re.search(r"\b([a-z]+) $", text[max(0, offset - 40) : offset])
                if restrictive and restrictive.group(1) not in DETERMINERS | {"and", "or", "but"}:
                    names = (restrictive.group(1),)  # "an architect who said": the described person, not a name further back
                else:
                    before = text[max(0, offset - 80) : offset].split(".")[-1].rsplit(",", 1)[0]
                    names = source_names(before.split("(")[0], common)[-1:]
            gender = "m" if lower in {"he", "his", "him"} else "f" if lower in {"she", "her"} else None
            compatible = [n for n in earlier if gender is None or (genders.get(n[2]) or gender) == gender]
            if not names and compatible:
                names = compatible[-1][2]
                if gender is not None:
                    genders[names] = gender  # one person keeps one pronoun through the article
            # a person the gold cannot trace ("she" before any woman is a Source): any named speaker will do
            out[k] = names or ((ANY_NAMED,) if gender is not None else None)
            continue
        names = source_names(attribution.source_text, common)
        if not names:
            head_word = re.split(r",|\(| who | which | that ", lower)[0].split()[-1:]
            match = next((n for n in reversed(earlier) if head_word and head_word[0] in n[1].lower().split()), None)
            described = " ".join(w for w in attribution.source_text.split() if w.lower() not in DETERMINERS)
            if match is not None and lower.split()[0] in {"the", "this", "that"}:
                out[k] = match[2]
            elif described:
                out[k] = (described,)
            # else "Some believe ...": no one the text names or describes, so the system should name no one
            continue
        named.append((offset, attribution.source_text, names))
        title = attribution.source_text.split()[0].lower()
        if title in {"mr.", "mrs.", "ms."}:
            genders[names] = "m" if title == "mr." else "f"
        out[k] = names
    return out


def system_items(found_quotes: Iterable[Quote], speech: Iterable[ReportedSpeech], text: str) -> list[Item]:
    """Quotes and reported speech as PolNeAR attributions (see the module docstring).

    Direct quotes join when they share speaker and cue and sit in one paragraph ("A," he said. "B."),
    or when the first runs on into the next paragraph without a closing mark; two quotes each named on
    its own ('"A," Warren said. "B," she said.') stay two.
    """
    speech = list(speech)
    ordered = sorted(found_quotes, key=lambda q: q.start)
    outer = [(r.start, r.end) for r in speech] + [(q.start, q.end) for q in ordered if q.kind == "direct"]
    # PolNeAR marks the outer attribution only (6 of its 2,192 dev contents sit inside another one):
    # "He notes that the commission announced that ..." is one attribution, not two.
    speech = [r for r in speech if not any(a <= r.start and r.end <= b and (a, b) != (r.start, r.end) for a, b in outer)]
    items = [Item(_speech_spans(r, text), r.speaker) for r in speech]
    groups: list[list[Quote]] = []
    for quote in ordered:
        if quote.speaker is None and quote.cue is None:
            continue  # a title or a scare quote, with no cue and no speaker, claims no attribution
        if any(r.start <= quote.start and quote.end <= r.end for r in speech):
            continue  # a partial quote inside a reported statement belongs to it
        if any(o.start <= quote.start and quote.end <= o.end and o is not quote for o in ordered):
            continue  # a quote inside a quote is part of the outer one
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and quote.kind == last.kind == "direct"
            and (quote.speaker, quote.cue or last.cue) == (last.speaker, last.cue or quote.cue)
            and not (quote.speaker_mention and last.speaker_mention and quote.speaker_mention != last.speaker_mention)
            and ("\n" not in text[last.end : quote.start] or (quote.start - last.end <= MAX_QUOTE_GAP and text[last.end : last.end + 1] not in QUOTE_MARKS))
        ):
            groups[-1].append(quote)
        else:
            groups.append([quote])
    items += [Item(tuple((q.start, q.end) for q in group), group[0].speaker) for group in groups]
    return items


def _speech_spans(record: ReportedSpeech, text: str) -> tuple[tuple[int, int], ...]:
    """The spans of a reported statement's own words: "The museum, Ruiz said, would open" is two pieces.

    The record's `content` leaves out a cue set inside it; its start and end bracket the whole. A speech
    act's content opens with its cue in our records ("thanked Biden for the systems", as the seeds gold
    writes it); PolNeAR's Content never holds its Cue, so the cue's words are left out here.
    """
    whole = text[record.start : record.end]
    if record.cue and whole.startswith(record.cue + " ") and record.content.startswith(record.cue + " "):
        skip = len(record.cue) + 1
        record = replace(record, start=record.start + skip, content=record.content[skip:])
        whole = whole[skip:]
    if whole == record.content:
        return ((record.start, record.end),)
    for k, char in enumerate(record.content):
        head, tail = record.content[:k], record.content[k + 1 :]
        if char == " " and whole.startswith(head) and whole.endswith(tail) and len(head) + len(tail) + 1 < len(whole):
            return ((record.start, record.start + len(head)), (record.end - len(tail), record.end))
    return ((record.start, record.end),)


def _word_positions(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    return frozenset(m.start() + a for a, b in spans for m in re.finditer(r"\w+", text[a:b]))


def _match(pairs: list[tuple[float, int, int]], min_overlap: float) -> int:
    used_gold, used_system, matched = set(), set(), 0
    for overlap, g, s in sorted(pairs, reverse=True):
        if overlap >= min_overlap and g not in used_gold and s not in used_system:
            used_gold.add(g)
            used_system.add(s)
            matched += 1
    return matched


def _prf(matched: int, n_system: int, n_gold: int) -> dict[str, float]:
    precision = matched / n_system if n_system else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score_article(text: str, gold: list[GoldAttribution], items: list[Item], min_overlap: float = MIN_OVERLAP) -> tuple[int, int]:
    """(content matches, speaker-attributed matches) of one article."""
    speakers = gold_speakers(text, gold)
    gold_words = [_word_positions(text, g.content) for g in gold]
    system_words = [_word_positions(text, i.spans) for i in items]
    content, attributed = [], []
    for g, gw in enumerate(gold_words):
        for s, sw in enumerate(system_words):
            if not gw or not sw or not gw & sw:
                continue
            overlap = len(gw & sw) / len(gw | sw)
            content.append((overlap, g, s))
            names = speakers[g]
            if names == (ANY_NAMED,):
                agrees = items[s].speaker is not None and items[s].speaker.lower() not in PRONOUNS
            else:
                agrees = any(same_speaker(n, items[s].speaker) for n in names) if names else items[s].speaker is None
            if agrees:
                attributed.append((overlap, g, s))
    return _match(content, min_overlap), _match(attributed, min_overlap)


System = Callable[[str, list[language.Paragraph]], list[Item]]
"""Anything that reads an article (text and its parsed lines) and answers PolNeAR-style items."""


def newsloom_items(text: str, paragraphs: list[language.Paragraph]) -> list[Item]:
    """newsloom's own answer: the pipeline's stages in order, up to `quotes.find_quotes`."""
    found_places = places.find_places(paragraphs, text)
    found_entities, _ = entities.find_entities(paragraphs, text, found_places)
    found_quotes, speech = quotes.find_quotes(paragraphs, found_entities, text)
    return system_items(found_quotes, speech, text)


def score(
    data_dir: Path,
    split: str = "dev",
    limit: int | None = None,
    min_overlap: float = MIN_OVERLAP,
    system: System = newsloom_items,
    nlp: Language | None = None,
) -> dict:
    """Content F1 and speaker-attributed content F1 on a PolNeAR split (newsloom's, or another `system`'s).

    Each article is read as the pipeline reads it: every non-blank line a paragraph
    (`language.content_spans`), the first one its title, parsed in one stream.
    """
    began = time.perf_counter()
    pairs = annotation_paths(Path(data_dir), split)[:limit]
    nlp = nlp or language.load_pipeline()
    texts = [path.read_text(encoding="utf-8") for path, _ in pairs]
    spans = [language.content_spans(text) for text in texts]
    # the first line of a PolNeAR text is its headline (SOURCE.md), read as the pipeline reads a title
    roles = [["title" if span[0] == 1 else "body" for span in article] for article in spans]
    parsed = language.parse_many(nlp, list(zip(texts, spans, roles, strict=True)))
    totals = {"gold": 0, "system": 0, "content": 0, "speaker": 0}
    for (_, ann), text, paragraphs in zip(pairs, texts, parsed, strict=True):
        gold = read_ann(ann, text)
        items = system(text, paragraphs)
        content, attributed = score_article(text, gold, items, min_overlap)
        totals["gold"] += len(gold)
        totals["system"] += len(items)
        totals["content"] += content
        totals["speaker"] += attributed
    return {
        "split": split,
        "articles": len(pairs),
        "gold": totals["gold"],
        "system": totals["system"],
        "min_overlap": min_overlap,
        "content": _prf(totals["content"], totals["system"], totals["gold"]),
        "speaker": _prf(totals["speaker"], totals["system"], totals["gold"]),
        "seconds": round(time.perf_counter() - began, 1),
    }
