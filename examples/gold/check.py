#!/usr/bin/env python3
"""Validate the hand-made gold for the example corpus: python3 examples/gold/check.py

Why: the gold is what our tests and scores trust, so every offset, substring and cross
reference in it is checked mechanically before anyone relies on it. The annotations
themselves (who speaks, what a figure counts) are human judgement; this only checks that
they point at real text and use the agreed vocabulary (../../../shared/gold/README.md and
examples/README.md).

What an article's text is, per format (the same rules the gold was written against):
- .txt: the decoded file; `line`, `start`, `end` point into it (lines split on "\\n", 1-based).
- .html, WARC response records, JSON Lines `html` records: the visible text blocks of the page
  (`visible_blocks`), each whitespace-collapsed; <head>, <script>, <style> are not visible.
- RSS items: [title, description] + the blocks of content:encoded when present.
- JSON Lines `text` records: [title] + the paragraphs of `text` (split on blank lines).
For these, gold items carry `text` with `line`/`start`/`end` null, and `paragraph_roles`
lists every block in order with its role.

Example:
    $ python3 examples/gold/check.py
    ... 0 errors, 0 warnings
"""

from __future__ import annotations

import gzip
import html.parser
import json
import re
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

GOLD = Path(__file__).resolve().parent
CORPUS = GOLD.parent / "corpus"

ROLES = {"title", "body", "heading", "caption", "boilerplate"}
CONTENT = {"title", "body", "heading", "caption"}  # blocks whose entities/quotes/figures are annotated
QUALIFIERS = {"exact", "over", "at_least", "about", "up_to", "under", "range"}
QUOTE_KINDS = {"direct", "partial"}
PRECISIONS = {"year", "month", "week", "day", "range"}
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
PLACE_KINDS = {
    "city",
    "town",
    "village",
    "region",
    "country",
    "continent",
    "river",
    "sea",
    "reservoir",
    "dam",
    "square",
    "peninsula",
}
CLAIM_STATUSES = {"corroborated", "single_source", "conflicting"}
ONE_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?"
DATE_VALUE = re.compile(f"{ONE_DATE}(?:/{ONE_DATE})?")
ARTICLE_KEYS = [
    "article",
    "outlet",
    "wire_agencies",
    "photo_credits",
    "title",
    "published",
    "quotes",
    "boilerplate_quotes",
    "reported_speech",
    "figures",
    "entities",
    "boilerplate_entities",
    "places",
    "dates",
    "durations",
]
TXT_KEYS = ["title_line", "dek_line", "body_lines", "boilerplate_lines", "caption_lines", "headings", "line_roles"]

# ---------------------------------------------------------------- reading the corpus

SKIP = {"head", "script", "style", "noscript", "template", "svg", "iframe", "title"}
BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "label",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Blocks(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.buffer: list[str] = []
        self.skipping = 0

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        if text:
            self.blocks.append(text)
        self.buffer = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP and tag not in VOID:
            self.flush()
            self.skipping += 1
        elif tag in BLOCK:
            self.flush()
        elif tag == "br":
            self.buffer.append(" ")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skipping:
            self.buffer.append(data)

    def close(self):
        super().close()
        self.flush()


def visible_blocks(page: str) -> list[str]:
    """The visible text blocks of an HTML page or fragment, in order, whitespace collapsed.

    >>> visible_blocks("<p>One <a href='#'>two</a></p><script>x()</script><li>three</li>")
    ['One two', 'three']
    """
    parser = _Blocks()
    parser.feed(page)
    parser.close()
    return parser.blocks


def _rss_items(path: Path) -> list[dict]:
    content = "{http://purl.org/rss/1.0/modules/content/}encoded"
    items = []
    for item in ElementTree.parse(path).getroot().iter("item"):
        blocks = [
            " ".join((item.findtext("title") or "").split()),
            " ".join((item.findtext("description") or "").split()),
        ]
        if item.find(content) is not None:
            blocks += visible_blocks(item.findtext(content) or "")
        items.append({"blocks": blocks, "published": item.findtext("pubDate"), "url": item.findtext("link")})
    return items


def _warc_records(path: Path) -> list[dict]:
    """HTML response records of a gzipped WARC, read with the standard library only."""
    records = []
    with gzip.open(path, "rb") as stream:
        data = stream.read()
    position = 0
    while position < len(data):
        header_end = data.index(b"\r\n\r\n", position)
        headers = dict(
            line.split(": ", 1) for line in data[position:header_end].decode("utf-8").split("\r\n")[1:] if ": " in line
        )
        length = int(headers["Content-Length"])
        block = data[header_end + 4 : header_end + 4 + length]
        position = header_end + 4 + length + 4  # the record ends with two CRLFs
        if headers.get("WARC-Type") == "response":
            body = block.split(b"\r\n\r\n", 1)[1]
            records.append({"blocks": visible_blocks(body.decode("utf-8")), "url": headers.get("WARC-Target-URI")})
    return records


def _jsonl_records(path: Path) -> list[dict]:
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("html"):
            blocks = visible_blocks(record["html"])
        else:
            blocks = [record["title"]] + [p.strip() for p in re.split(r"\n\s*\n", record["text"]) if p.strip()]
        records.append({"blocks": blocks, "published": record.get("published"), "url": record.get("url")})
    return records


def load_article(source: str) -> dict:
    """Read one article by its source name: `name.txt` -> {"text"}, others -> {"blocks"}.

    >>> load_article("atlas-world-report.rss#2")["blocks"][0]
    'Portuguese farmers rally against water cuts as drought grips the south'
    """
    name, _, position = source.partition("#")
    path = CORPUS / name
    if not path.exists():
        raise FileNotFoundError(f"{source}: no file {path}")
    if name.endswith(".txt"):
        return {"text": path.read_text(encoding="utf-8")}
    if name.endswith(".html"):
        return {"blocks": visible_blocks(path.read_text(encoding="utf-8"))}
    readers = {".rss": _rss_items, ".gz": _warc_records, ".jsonl": _jsonl_records}
    records = readers[path.suffix](path)
    k = int(position or 0)
    if not 1 <= k <= len(records):
        raise FileNotFoundError(f"{source}: {name} has {len(records)} records, not #{position}")
    return records[k - 1]


# ---------------------------------------------------------------- checks


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.checked = 0

    def expect(self, ok: bool, message: str) -> None:
        self.checked += 1
        if not ok:
            self.errors.append(message)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every stretch inside quote marks, nested ones included; an opening mark left
    unclosed runs to the end of the line or block (the first paragraph of a multi-paragraph quote).

    >>> t = 'He said "go \\u2018now\\u2019" and "stay'
    >>> [t[a:b] for a, b in quoted_spans(t)]
    ['go \\u2018now\\u2019', 'now', 'stay']
    """
    spans = []
    marks = [m.start() for m in re.finditer('"', text)]
    for i in range(0, len(marks), 2):
        spans.append((marks[i] + 1, marks[i + 1] if i + 1 < len(marks) else len(text)))
    for m in re.finditer("\u201c([^\u201d]*)(?:\u201d|$)", text):
        spans.append((m.start(1), m.end(1)))
    for m in re.finditer("\u2018([^\u2019]*?)\u2019(?!\\w)", text):
        spans.append((m.start(1), m.end(1)))
    for m in re.finditer(r"(?<!\w)'([^'\"]+?)'(?!\w)", text):
        spans.append((m.start(1), m.end(1)))
    return sorted(spans)


def numbers(text: str) -> list[tuple[int, int]]:
    """Digit runs that stand alone (not inside a name such as 'A6')."""
    return [(m.start(), m.end()) for m in re.finditer(r"(?<![\w])\d(?:[\d,.:]*\d)?", text)]


def occurrences_of(needle: str, haystack: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(needle), haystack)]


def check_values(name: str, g: dict, report: Report) -> None:
    for f in g["figures"]:
        q, v, lo, hi = f["qualifier"], f["value"], f["low"], f["high"]
        report.expect(q in QUALIFIERS, f"{name}: figure {f['text']!r}: bad qualifier {q}")
        ok = {
            "exact": v is not None and lo is None and hi is None,
            "about": lo is None and hi is None,
            "over": v is not None and lo == v and hi is None,
            "at_least": v is not None and lo == v and hi is None,
            "up_to": v is not None and hi == v and lo is None,
            "under": v is not None and hi == v and lo is None,
            "range": v is None and lo is not None and hi is not None and lo < hi,
        }.get(q, False)
        report.expect(ok, f"{name}: figure {f['text']!r}: value/low/high {v}/{lo}/{hi} do not fit qualifier {q}")
    for q in g["quotes"] + g["boilerplate_quotes"]:
        report.expect(q["kind"] in QUOTE_KINDS, f"{name}: quote kind {q['kind']}")
        report.expect(bool(q["speaker"]), f"{name}: quote without speaker: {q['text']!r}")
    for d in g["dates"]:
        report.expect(
            d["value"] is None or DATE_VALUE.fullmatch(d["value"]) is not None, f"{name}: bad date value {d['value']!r}"
        )
        report.expect(d["precision"] in PRECISIONS, f"{name}: bad date precision {d['precision']!r}")
    for d in g["durations"]:
        report.expect(
            re.fullmatch(r"P(?:\d+|X)(?:Y|M|W|D|DE)|PT(?:\d+|X)[HM]", d["value"]) is not None,
            f"{name}: bad duration {d['value']}",
        )
    entities = {e["canonical"]: e for e in g["entities"]}
    for e in g["entities"] + g["boilerplate_entities"]:
        report.expect(e["type"] in ENTITY_TYPES, f"{name}: entity {e['canonical']}: type {e['type']}")
        for o in e["occurrences"]:
            report.expect(
                o["text"] in e["mentions"], f"{name}: occurrence {o['text']!r} not among mentions of {e['canonical']}"
            )
    for p in g["places"]:
        report.expect(p["name"] in entities, f"{name}: place {p['name']} is not an entity")
        if p["name"] in entities:
            report.expect(
                set(p["mentions"]) == set(entities[p["name"]]["mentions"]),
                f"{name}: place/entity mentions differ: {p['name']}",
            )
        report.expect(p["kind"] in PLACE_KINDS, f"{name}: place kind {p['kind']}")
        report.expect(
            p["lat"] == p["geonames_like_lat"] and -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180,
            f"{name}: coordinates of {p['name']}",
        )
        report.expect(
            p["country"] is None or re.fullmatch(r"[A-Z]{2}", p["country"]) is not None,
            f"{name}: country {p['country']}",
        )
    pub = g["published"]
    for key in ("value", "earliest", "latest", "precision", "inferred", "evidence"):
        report.expect(key in pub, f"{name}: published.{key} missing")
    report.expect(pub["earliest"] <= pub["value"][:10] <= pub["latest"], f"{name}: published value outside its bounds")


def check_txt(name: str, g: dict, text: str, report: Report) -> None:
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    blank = {i for i, line in enumerate(lines, 1) if not line.strip()}
    roles = {int(k): v for k, v in g["line_roles"].items()}
    report.expect(
        set(roles) == set(range(1, len(lines) + 1)) - blank,
        f"{name}: line_roles must cover exactly the non-blank lines",
    )
    report.expect(all(r in ROLES for r in roles.values()), f"{name}: unknown line role")
    by_role = lambda *rs: sorted(n for n, r in roles.items() if r in rs)  # noqa: E731
    report.expect(g["body_lines"] == by_role("body", "heading"), f"{name}: body_lines != body+heading lines")
    report.expect(
        g["boilerplate_lines"] == by_role("boilerplate", "caption"), f"{name}: boilerplate_lines != boilerplate+caption"
    )
    report.expect(g["caption_lines"] == by_role("caption"), f"{name}: caption_lines")
    report.expect(g["headings"] == by_role("heading"), f"{name}: headings")
    titles = by_role("title")
    report.expect(titles == ([g["title_line"]] if g["title_line"] else []), f"{name}: title_line")
    if g["title_line"]:
        report.expect(lines[g["title_line"] - 1] == g["title"], f"{name}: title text")
    content = set(by_role("title", "body", "heading", "caption"))

    def spanned(item: dict, what: str, allowed: set[int]) -> None:
        report.expect(
            item["line"] in allowed,
            f"{name}: {what} {item['text']!r} on line {item['line']} (role {roles.get(item['line'])})",
        )
        if not all(isinstance(item.get(k), int) for k in ("line", "start", "end")):
            report.expect(False, f"{name}: {what} {item['text']!r}: line/start/end must be integers")
            return
        ok = (
            text[item["start"] : item["end"]] == item["text"]
            and starts[item["line"] - 1] <= item["start"] < starts[item["line"]]
        )
        report.expect(
            ok, f"{name}: {what} {item['text']!r}: offsets {item['start']}-{item['end']} / line {item['line']} wrong"
        )

    boiler = set(by_role("boilerplate"))
    for q in g["quotes"]:
        spanned(q, "quote", content)
    for q in g["boilerplate_quotes"]:
        spanned(q, "boilerplate quote", boiler)
    for q in g["quotes"] + g["boilerplate_quotes"] + g["reported_speech"]:
        for key in ("cue", "speaker_mention"):
            if q.get(key):
                ok = isinstance(q.get("line"), int) and 1 <= q["line"] <= len(lines) and q[key] in lines[q["line"] - 1]
                report.expect(ok, f"{name}: {key} {q[key]!r} not on line {q.get('line')}")
    for key in ("figures", "dates", "durations"):
        for item in g[key]:
            spanned(item, key[:-1], content)
    for e in g["entities"]:
        for o in e["occurrences"]:
            spanned(o, f"occurrence of {e['canonical']}", content)
        report.expect(e["lines"] == sorted({o["line"] for o in e["occurrences"]}), f"{name}: lines of {e['canonical']}")
    for e in g["boilerplate_entities"]:
        for o in e["occurrences"]:
            spanned(o, f"boilerplate occurrence of {e['canonical']}", boiler)
    # every quoted stretch is annotated; every number is a figure or a date
    quoted = {(q["start"], q["end"]) for q in g["quotes"] + g["boilerplate_quotes"]}
    valued = [(x["start"], x["end"]) for x in g["figures"] + g["dates"]]
    for n in sorted(content | boiler):
        base = starts[n - 1]
        for a, b in quoted_spans(lines[n - 1]):
            report.expect(
                (base + a, base + b) in quoted or (base + a, base + b - 1) in quoted,
                f"{name}: quoted text on line {n} not annotated: {lines[n - 1][a:b]!r}",
            )
        if n in content:
            for a, b in numbers(lines[n - 1]):
                report.expect(
                    any(s <= base + a and base + b <= e for s, e in valued),
                    f"{name}: number {lines[n - 1][a:b]!r} on line {n} is neither a figure nor a date",
                )
    _mention_coverage(name, g, {n: lines[n - 1] for n in content}, report)


def check_blocks(name: str, g: dict, blocks: list[str], report: Report) -> None:
    roles = g["paragraph_roles"]
    report.expect(
        [r["text"] for r in roles] == blocks,
        f"{name}: paragraph_roles texts differ from the visible blocks "
        f"({len(roles)} vs {len(blocks)}); first difference: "
        f"{next((b for r, b in zip(roles, blocks, strict=False) if r['text'] != b), None)!r}",
    )
    report.expect(all(r["role"] in ROLES for r in roles), f"{name}: unknown paragraph role")
    titles = [r["text"] for r in roles if r["role"] == "title"]
    report.expect(titles == ([g["title"]] if g["title"] else []), f"{name}: title block")
    content = [r["text"] for r in roles if r["role"] in CONTENT]
    boiler = [r["text"] for r in roles if r["role"] not in CONTENT]

    def found(item: dict, what: str, where: list[str]) -> None:
        report.expect(
            item["line"] is None and item["start"] is None and item["end"] is None,
            f"{name}: {what}: offsets must be null",
        )
        report.expect(
            any(item["text"] in b for b in where), f"{name}: {what} {item['text']!r} not in any allowed block"
        )

    for q in g["quotes"]:
        found(q, "quote", content)
    for q in g["boilerplate_quotes"]:
        found(q, "boilerplate quote", boiler)
    for q in g["quotes"] + g["boilerplate_quotes"] + g["reported_speech"]:
        for key in ("cue", "speaker_mention"):
            if q.get(key):
                report.expect(any(q[key] in b for b in blocks), f"{name}: {key} {q[key]!r} not in the article")
    for key in ("figures", "dates", "durations"):
        for item in g[key]:
            found(item, key[:-1], content)
    for e in g["entities"]:
        for o in e["occurrences"]:
            found(o, f"occurrence of {e['canonical']}", content)
    for e in g["boilerplate_entities"]:
        for o in e["occurrences"]:
            found(o, f"boilerplate occurrence of {e['canonical']}", boiler)
    quoted = [q["text"] for q in g["quotes"] + g["boilerplate_quotes"]]
    valued = [x["text"] for x in g["figures"] + g["dates"]]
    for block in content + boiler:
        for a, b in quoted_spans(block):
            inside = block[a:b]
            report.expect(inside in quoted or inside[:-1] in quoted, f"{name}: quoted text not annotated: {inside!r}")
    for block in content:
        for a, b in numbers(block):
            covered = any(s <= a and b <= s + len(v) for v in valued for s in occurrences_of(v, block))
            report.expect(covered, f"{name}: number {block[a:b]!r} is neither a figure nor a date (in {block[:60]!r})")
    _mention_coverage(name, g, dict(enumerate(content)), report)


def _mention_coverage(name: str, g: dict, units: dict, report: Report) -> None:
    """Warn when a content unit names an entity more often than its occurrences say (a missed mention)."""
    everything = [(m, e["canonical"]) for e in g["entities"] for m in e["mentions"]]
    expected: dict[str, int] = {}
    for text in units.values():
        hits = []
        for mention, canonical in everything:
            for m in re.finditer(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", text):
                hits.append((m.start(), m.end(), canonical))
        hits.sort(key=lambda h: (h[0] - h[1], h[0]))
        taken: list[tuple[int, int]] = []
        for a, b, canonical in hits:
            if not any(a < y and x < b for x, y in taken):
                taken.append((a, b))
                expected[canonical] = expected.get(canonical, 0) + 1
    for e in g["entities"]:
        want = expected.get(e["canonical"], 0)
        if want > len(e["occurrences"]):
            report.warnings.append(
                f"{name}: {e['canonical']}: {want} mentions in content, {len(e['occurrences'])} occurrences"
            )


def check_article(path: Path, report: Report) -> dict | None:
    name = path.name
    g = json.loads(path.read_text(encoding="utf-8"))
    missing = [k for k in ARTICLE_KEYS if k not in g]
    report.expect(not missing, f"{name}: missing keys {missing}")
    if missing:
        return None
    report.expect(name == g["article"] + ".json", f"{name}: file name must be <article>.json")
    try:
        article = load_article(g["article"])
    except (FileNotFoundError, KeyError) as error:
        report.expect(False, f"{name}: article not found: {error}")
        return None
    check_values(name, g, report)
    if "text" in article:
        missing = [k for k in TXT_KEYS if k not in g]
        report.expect(not missing, f"{name}: missing keys {missing}")
        if not missing:
            check_txt(name, g, article["text"], report)
    else:
        report.expect(
            "paragraph_roles" in g and "line_roles" not in g, f"{name}: non-text articles use paragraph_roles only"
        )
        if "paragraph_roles" in g:
            check_blocks(name, g, article["blocks"], report)
    print(
        f"{name}: quotes={len(g['quotes'])} reported={len(g['reported_speech'])} figures={len(g['figures'])} "
        f"entities={len(g['entities'])} places={len(g['places'])} dates={len(g['dates'])}"
    )
    return g


def article_content(gold: dict, source: str) -> list[str]:
    """The stretches of an article a claim's evidence may quote: the whole text, or each content block."""
    article = load_article(source)
    if "text" in article:
        return [article["text"]]
    return [r["text"] for r in gold["paragraph_roles"] if r["role"] in CONTENT]


def check_stories(golds: dict[str, dict], report: Report) -> None:
    stories = json.loads((GOLD / "stories.json").read_text(encoding="utf-8"))["stories"]
    seen: dict[str, str] = {}
    for story in stories:
        sid = story["id"]
        articles = story["articles"]
        for a in articles:
            report.expect(a in golds, f"stories/{sid}: article {a} has no valid gold file")
            report.expect(a not in seen, f"stories/{sid}: {a} is also in story {seen.get(a)}")
            seen[a] = sid
        provenance = story["wire_provenance"]
        report.expect(set(provenance) == set(articles), f"stories/{sid}: wire_provenance keys != articles")
        origin = {}
        for a, p in provenance.items():
            if a in golds:
                report.expect(p["outlet"] == golds[a]["outlet"], f"stories/{sid}: outlet of {a} differs from its gold")
                report.expect(
                    p["wire_agencies"] == golds[a]["wire_agencies"], f"stories/{sid}: wire_agencies of {a} differ"
                )
            report.expect(
                p["copy_of"] is None or p["copy_of"] in articles, f"stories/{sid}: copy_of {p['copy_of']} not in story"
            )
            origin[a] = p["wire_agencies"][0] if p["wire_agencies"] else p["outlet"]
        report.expect(
            story["independent_sources"] == len(set(origin.values())),
            f"stories/{sid}: independent_sources {story['independent_sources']} != {len(set(origin.values()))} distinct origins",
        )
        claims = story["claims"]
        report.expect(8 <= len(claims) <= 15, f"stories/{sid}: {len(claims)} claims, want 8-15")
        for c in claims:
            label = f"stories/{sid}: claim {c['claim'][:50]!r}"
            report.expect(c["status"] in CLAIM_STATUSES, f"{label}: status {c['status']}")
            report.expect(set(c["articles"]) <= set(articles), f"{label}: articles outside the story")
            report.expect(set(c["evidence"]) == set(c["articles"]), f"{label}: evidence keys != articles")
            sources = {origin.get(a) for a in c["articles"]}
            if c["status"] == "corroborated":
                report.expect(len(sources) >= 2, f"{label}: corroborated needs two independent sources, has {sources}")
            if c["status"] == "single_source":
                report.expect(len(sources) == 1, f"{label}: single_source but sources {sources}")
            for a, span in c["evidence"].items():
                if a in golds:
                    report.expect(
                        any(span in stretch for stretch in article_content(golds[a], a)),
                        f"{label}: evidence not found in {a}: {span!r}",
                    )
        for t in story["timeline"]:
            report.expect(DATE_VALUE.fullmatch(t["date"]) is not None, f"stories/{sid}: timeline date {t['date']}")
            report.expect(set(t["articles"]) <= set(articles), f"stories/{sid}: timeline articles outside the story")
        print(
            f"stories.json/{sid}: articles={len(articles)} claims={len(claims)} timeline={len(story['timeline'])} "
            f"independent_sources={story['independent_sources']}"
        )
    report.expect(set(seen) == set(golds), f"stories.json: articles without a story: {sorted(set(golds) - set(seen))}")


def corpus_sources() -> list[str]:
    """Every article the corpus holds, by source name (`file` or `file#k` for multi-record files)."""
    sources = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".txt", ".html"):
            sources.append(path.name)
        elif path.suffix in (".rss", ".gz", ".jsonl"):
            count = len({".rss": _rss_items, ".gz": _warc_records, ".jsonl": _jsonl_records}[path.suffix](path))
            sources += [f"{path.name}#{k}" for k in range(1, count + 1)]
    return sources


def main() -> int:
    report = Report()
    golds = {}
    for path in sorted(GOLD.glob("*.json")):
        if path.name == "stories.json":
            continue
        g = check_article(path, report)
        if g is not None:
            golds[g["article"]] = g
    missing = sorted(set(corpus_sources()) - set(golds))
    report.expect(not missing, f"corpus articles without gold: {missing}")
    if (GOLD / "stories.json").exists():
        check_stories(golds, report)
    else:
        report.expect(False, "stories.json is missing")
    for w in report.warnings:
        print("WARN", w)
    for e in report.errors:
        print("ERROR", e)
    print(
        f"{len(golds)} articles, {report.checked} checks, {len(report.errors)} errors, {len(report.warnings)} warnings"
    )
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
