"""Variations of the example articles: other people, outlets, numbers and paragraph order.

Benchmarks need thousands of articles that look like news but are not the same text again: repeated
text would hit every cache on the way (memoised date patterns, interned strings) and share one content
id, so the store would skip it. A variant of an example keeps its structure (page furniture, quotes,
captions) and changes what differs between real articles:

- people: every word of a PERSON name in examples/gold becomes a name drawn from our own pools;
- outlets: the seven fictional outlets become other made-up ones ("The Northern Courier");
- numbers: tolls, ages and amounts move within +-50% (years and single digits are kept, so dates stay valid);
- order: body paragraphs after the lede are shuffled within each run of consecutive paragraphs.

>>> import random
>>> text = "Lede with 12 dead.\\n\\n" + "\\n\\n".join(f"Paragraph {k} " + "words " * 20 for k in "ABC")
>>> varied = vary_text(text, random.Random(1), names={})
>>> varied.splitlines()[0] != "Lede with 12 dead." and varied.count("Paragraph") == 3
True
"""

from __future__ import annotations

import json
import random
import re
from functools import cache
from pathlib import Path

from common import EXAMPLES

FIRST_NAMES = (
    "Amélia", "Bruno", "Carmen", "Duarte", "Elena", "Fábio", "Gonçalo", "Hugo", "Irene", "Jorge", "Lúcia",
    "Mateus", "Nuno", "Olga", "Paulo", "Raquel", "Sofia", "Tomás", "Vera", "Xavier", "Yara", "Zélia",
    "Aaron", "Bettina", "Cormac", "Dagny", "Emeka", "Farah", "Gustav", "Hana", "Idris", "Jonah",
)  # fmt: skip
SURNAMES = (
    "Abreu", "Baptista", "Cardoso", "Dantas", "Esteves", "Falcão", "Garrido", "Henriques", "Ibarra", "Jardim",
    "Lacerda", "Monteiro", "Nogales", "Ortigão", "Pestana", "Quintela", "Rebelo", "Salgado", "Tavares", "Urbano",
    "Valente", "Ximenes", "Zambujo", "Arkwright", "Bellamy", "Castellan", "Delacroix", "Everly", "Fairweather",
    "Grimaldi", "Halloran", "Ingram", "Jessop", "Kowalczyk", "Lindqvist", "Marchetti", "Novak", "Okafor",
)  # fmt: skip
OUTLET_WORDS = (
    ("Northern", "Southern", "Coastal", "Riverside", "Valley", "Harbour", "Inland", "Western", "Eastern", "Upland",
     "Meridian", "Lantern", "Granite", "Beacon", "Tidewater", "Summit", "Cedar", "Silver"),
    ("Courier", "Gazette", "Tribune", "Chronicle", "Sentinel", "Dispatch", "Record", "Observer", "Post", "Bulletin",
     "Examiner", "Monitor", "Journal", "Star", "Herald", "Telegraph", "Review", "Times"),
)  # fmt: skip
EXAMPLE_OUTLETS = (
    "The Evening Compass", "The Harbour Ledger", "Atlas World Report", "Continental Observer", "Coastline Today",
    "Iberia Herald", "Lumen Daily", "Evening Compass", "Harbour Ledger",
)  # fmt: skip
NUMBER = re.compile(r"(?<![\d.,:])\d{1,3}(?:,\d{3})*(?![\d]|:\d|\.\d|\s?[ap]\.?m\b)")  # clock times stay valid
YEAR = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)$")
LONG_PARAGRAPH_CHARS = 80  # shorter lines are headings, captions, bylines: they keep their place
HTML_PARAGRAPH = re.compile(r"<p\b[^>]*>.*?</p>", re.DOTALL)
HTML_TEXT_ELEMENT = re.compile(r"(<(p|h1|h2|h3|figcaption|li|title)\b[^>]*>)(.*?)(</\2>)", re.DOTALL)
TAG = re.compile(r"(<[^>]+>)")
NAME_POOL = FIRST_NAMES + SURNAMES


@cache
def example_person_words() -> tuple[str, ...]:
    """Every word of a PERSON name in examples/gold, accented and plain, longest first."""
    from unidecode import unidecode

    words: set[str] = set()
    for path in (EXAMPLES / "gold").glob("*.json"):
        if path.name == "stories.json":
            continue
        for entity in json.loads(path.read_text(encoding="utf-8")).get("entities", []):
            if entity.get("type") == "PERSON":
                for word in entity["canonical"].split():
                    if len(word) >= 3 and word[0].isupper():
                        words.update({word, unidecode(word)})
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def name_map(rng: random.Random) -> dict[str, str]:
    """One replacement per example name word, the same all through one article."""
    return {word: rng.choice(NAME_POOL) for word in example_person_words()}


def outlet_map(rng: random.Random) -> dict[str, str]:
    """One made-up outlet per example outlet, "The" kept where the example had it ("told the Iberia Herald")."""
    made_up: dict[str, str] = {}
    mapping = {}
    for known in EXAMPLE_OUTLETS:
        bare = known.removeprefix("The ")
        made_up.setdefault(bare, f"{rng.choice(OUTLET_WORDS[0])} {rng.choice(OUTLET_WORDS[1])}")
        mapping[known] = known.replace(bare, made_up[bare])
    return mapping


def _vary_number(match: re.Match[str], rng: random.Random) -> str:
    text = match.group(0)
    value = int(text.replace(",", ""))
    if value < 10 or YEAR.match(text):
        return text  # single digits are often dates ("March 3") and words nearby agree with them
    if value <= 31:
        return str(rng.randint(10, 28))  # day numbers stay valid days
    varied = rng.randint(value // 2, value * 3 // 2)
    return f"{varied:,}" if "," in text else str(varied)


def vary_numbers(text: str, rng: random.Random) -> str:
    return NUMBER.sub(lambda m: _vary_number(m, rng), text)


def _replace_words(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in mapping) + r")\b")
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def shuffle_runs(blocks: list[str], is_paragraph: list[bool], rng: random.Random) -> list[str]:
    """Shuffle paragraphs within each run of consecutive ones, the run's first (the lede) kept first."""
    out = list(blocks)
    run: list[int] = []
    for k in [*range(len(blocks)), None]:
        if k is not None and is_paragraph[k]:
            run.append(k)
            continue
        if k is not None and not blocks[k].strip():
            continue  # blank lines and whitespace between tags do not break a run
        if len(run) >= 3:
            moved = [blocks[i] for i in run[1:]]
            rng.shuffle(moved)
            for i, block in zip(run[1:], moved, strict=False):
                out[i] = block
        run = []
    return out


def _replace_outlets(text: str, rng: random.Random) -> str:
    for known, made_up in outlet_map(rng).items():
        text = text.replace(known, made_up)
    return text


def vary_text(text: str, rng: random.Random, names: dict[str, str] | None = None) -> str:
    """A plain-text article with other names, outlets, numbers and paragraph order."""
    text = _replace_outlets(_replace_words(text, name_map(rng) if names is None else names), rng)
    lines = text.split("\n")
    lines = shuffle_runs(lines, [len(line) >= LONG_PARAGRAPH_CHARS for line in lines], rng)
    return vary_numbers("\n".join(lines), rng)


def vary_html(html: str, rng: random.Random) -> str:
    """An HTML page with other names, outlet, numbers (in visible text only) and paragraph order."""
    html = _replace_outlets(_replace_words(html, name_map(rng)), rng)
    pieces = re.split(r"(<p\b[^>]*>.*?</p>)", html, flags=re.DOTALL)
    is_paragraph = [bool(HTML_PARAGRAPH.fullmatch(p)) and len(TAG.sub("", p)) >= LONG_PARAGRAPH_CHARS for p in pieces]
    html = "".join(shuffle_runs(pieces, is_paragraph, rng))

    def visible(match: re.Match[str]) -> str:
        inner = "".join(part if part.startswith("<") else vary_numbers(part, rng) for part in TAG.split(match.group(3)))
        return match.group(1) + inner + match.group(4)

    return HTML_TEXT_ELEMENT.sub(visible, html)


def write_corpus(directory: Path, count: int, seed: int = 0) -> list[Path]:
    """`count` variants of the example .html and .txt files, cycling through them, under `directory`."""
    templates = sorted(p for p in (EXAMPLES / "corpus").iterdir() if p.suffix in (".html", ".txt"))
    rng = random.Random(seed)
    paths = []
    for k in range(count):
        template = templates[k % len(templates)]
        source = template.read_text(encoding="utf-8")
        varied = vary_html(source, rng) if template.suffix == ".html" else vary_text(source, rng)
        topic = template.stem.split("-")[0]
        path = directory / f"{k // 1000:03d}" / f"{topic}-{rng.choice(OUTLET_WORDS[1]).lower()}-{k:06d}{template.suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(varied, encoding="utf-8")
        paths.append(path)
    return paths
