"""Tell the article from the page furniture around it, line by line, and say who published it.

Every non-blank line gets a role (title, body, heading, caption, boilerplate) and, when it is not
body, the reason. Nothing is thrown away: later stages simply skip boilerplate, and the web page
shows it folded with its reason.

The rules come in the order a reader applies them: furniture that names itself ("Load more",
"CLICK HERE TO GET THE ... APP"), photo captions (a credit in parentheses), teasers of other
stories (ALL CAPS), appeals for money (a block opened by "A Message from ..." or "Dear readers"),
then the headline, the dek and the section headings among the body.

>>> from newsloom.models import Article
>>> text = "Dam holds after storm\\n\\nEngineers said on Monday the dam held.\\n\\nLoad more.."
>>> [(line.n, line.role) for line in clean(Article.from_text(text)).lines]
[(1, 'title'), (3, 'body'), (5, 'boilerplate')]
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..models import Article, Line

TITLE_MAX_WORDS = 25  # headlines run 6-20 words; a 30-word line ending in a period is a lede
HEADING_MAX_WORDS = 12  # section headings ("Massive casualties") are short; dek lines can be longer
DEK_MAX_WORDS = 35  # a dek (standfirst) is one sentence under the headline, without a final period
TEASER_MIN_WORDS = 4  # "WATCH: ..." style all-caps promos; shorter all-caps lines are acronyms or datelines
APPEAL_WORDS = re.compile(
    r"(?i)\b(we|our|us|you|your|support|donat\w*|contribut\w*|subscri\w*|journalism|readers?|"
    r"membership|thank you|paywall|independent media)\b"
)

# Lines that name themselves as furniture. Each pattern carries the reason shown to the reader.
FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern))
    for reason, pattern in (
        ("app promo", r"(?i)^\W*(click here to |tap here to )?(get|download) (the )?.{0,40}\bapp\b"),
        ("load more", r"(?i)^\W*(load|show|see|view) (more|all)\b[\s.…]*$"),
        ("sign-up line", r"(?i)^\W*(sign up|subscribe|register|join)\b.{0,120}(newsletter|inbox|email|free|today|now|updates)"),
        ("sign-up line", r"(?i)^\W*(get|receive) (our|the) .{0,40}(newsletter|briefing|alerts?)\b"),
        ("share line", r"(?i)^\W*((share|share this( article| story| page)?|share on|tweet|email( this)?|print|copy( the)? link|whatsapp|facebook|twitter|x|linkedin|reddit|telegram|flipboard|comments?)\W*){1,8}$"),
        ("sign-up line", r"(?i)^\W*subscribe\b.{0,100}\b(unlimited access|a month|per month|/month|free trial|digital access)\b"),
        ("update notice", r"(?i)^\W*this (is a developing story|story (is developing|will be updated|has been updated))"),
        ("follow line", r"(?i)^\W*follow (us|@|the .{0,40} on)\b"),
        ("related links", r"(?i)^\W*(read more|related|see also|more on this story|recommended|trending|most read|don't miss|read next|also read|watch)\b\s*[:|-]"),
        ("related links", r"(?i)^\W*(read more|related (stories|articles|coverage)|more from .{0,30}|recommended for you|most read|trending now)\W*$"),
        ("advertisement", r"(?i)^\W*(advertisement|sponsored( content)?|ad|scroll to continue( with content)?|story continues below( advertisement)?)\W*$"),
        ("appeal", r"(?i)^\W*remind me later\W*$"),
        ("appeal", r"(?i)^\W*(please )?(donate|support us|become a (member|supporter|subscriber))\b"),
        ("cookie notice", r"(?i)\b(we use cookies|cookie (policy|settings|preferences)|accept (all )?cookies)\b"),
        ("copyright", r"(?i)^\W*(©|\(c\)|copyright\b).{0,120}$"),
        ("copyright", r"(?i)\ball rights reserved\b"),
        ("byline", r"^(?:By|BY|Written by|Reporting by)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s+in\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+)?)?(?:\s*(?:,|and|&)\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s+in\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+)?)?)*\s*(?:[|,-].{0,40})?$"),
        ("credit line", r"(?i)^\W*(\w[\w .'-]{0,60}) contributed (reporting )?to this (report|story|article)\W*$"),
        ("credit line", r"(?i)^\W*(editing|edited|reporting|additional reporting) by\b.{0,120}$"),
        ("author bio", r"^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3} (is|was|has been) (a|an|the) ([\w'’-]+ ){0,4}(reporter|correspondent|editor|writer|journalist|columnist|producer|contributor)\b"),
        ("timestamp", r"(?i)^\W*(published|updated|last updated|posted)\s*(on|at)?\s*:?\s*[\w ,:.]{0,40}\d{1,4}(\s*(a\.?m\.?|p\.?m\.?|[A-Z]{2,4}|GMT[+-]?\d*|UTC))?\W{0,3}$"),
        ("appeal", r"(?i)\b(quality|independent) journalism (takes|costs|needs|depends)\b|\bfunded by (its |our )?readers\b"),
        ("comments", r"(?i)^\W*(\d+\s+)?comments?\W*$|^\W*(leave|post|add) a comment\b"),
    )
)

CAPTION_CREDIT = re.compile(
    r"\((?:(?:Photo|Image|Picture|Video|Credit)s?(?: by)?:?\s*)?"
    r"(?P<credit>[^()]{2,80}?(?:Photo|Images?|Pictures?|Getty|Reuters|AFP|AP|EPA[\w-]*|Shutterstock|Pool|Handout)[^()]{0,60}|[^()]{2,60}/[^()]{2,60})\)\s*$"
)
CAPTION_CREDIT_AFTER = re.compile(
    r"(?:^|[.!?”\"]\s+)(?:Photograph|Photo|Picture|Image|Credit)s?(?: by)?:\s*(?P<credit>[^.()]{2,80}?)\s*\.?$"
)  # "Divers on the Douro. Photograph: Ana Reis/MPA" (the Guardian's style: a credit after the caption, unbracketed)
AGENCY_WORDS = re.compile(r"\b(?:Images|Pictures|Photos|Press|Agency|News|Media|Pool|Handout)\b")
CAPTION_LEAD = re.compile(r"(?i)^\W*(photo|image|picture|pictured|file photo|video|caption|credit)s?\s*[:|—-]")


@dataclass(frozen=True)
class Cleaning:
    """What cleaning learned about one article: line roles and its provenance."""

    lines: tuple[Line, ...]
    title: str | None
    outlet: str | None
    wire_agencies: tuple[str, ...]
    photo_credits: tuple[str, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Signatures:
    outlets: tuple[tuple[str, tuple[Signature, ...]], ...]
    outlet_templates: tuple[re.Pattern[str], ...]
    wires: tuple[tuple[str, tuple[Signature, ...]], ...]
    photo_aliases: dict[str, str]


@dataclass(frozen=True)
class Signature:
    """A signature pattern and a word any match must contain, looked for first: a substring test is
    a hundred times cheaper than a regular expression starting with \\b, and most texts hold none of
    the forty wire signatures (measured: 1.3 ms an article for the wire table, 0.17 ms with the words)."""

    pattern: re.Pattern[str]
    word: str | None  # lower-cased when the pattern ignores case
    ignore_case: bool

    @classmethod
    def of(cls, source: str) -> Signature:
        ignore_case = source.startswith("(?i)")
        return cls(re.compile(source, re.M), _required_word(source), ignore_case)

    def search(self, text: str, lowered: str) -> bool:
        if self.word is not None and self.word not in (lowered if self.ignore_case else text):
            return False
        return self.pattern.search(text) is not None


def _required_word(source: str) -> str | None:
    """The longest run of letters outside any group, class or escape that every match contains.

    >>> _required_word(r"\\btold (?:the )?AP\\b"), _required_word(r"(?i)GET THE FOX NEWS APP"), _required_word("a|b")
    ('told', 'get the fox news app', None)
    """
    ignore_case = source.startswith("(?i)")
    body = source[4:] if ignore_case else source
    depth, plain, escaped = 0, [], False
    for char in body:
        if escaped:
            plain.append("\x00")  # an escape (\b, \., \d) breaks a run of letters
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
            plain.append("\x00")
        elif char in ")]":
            depth -= 1
            plain.append("\x00")
        elif char == "|" and depth == 0:
            return None  # alternatives at the top: no word is required
        elif char in "?*+{}^$.":
            if plain and char in "?*{" and depth == 0 and plain[-1] not in "\x00":
                plain.pop()  # "s?" or "x*": the letter before is optional
            plain.append("\x00")
        else:
            plain.append(char if depth == 0 else "\x00")
    if depth != 0:
        return None  # a bracket inside a class ("[()]"): not worth reading further, the regex decides
    word = max((r.strip() for r in "".join(plain).split("\x00")), key=len, default="")
    if len(word) < 3:
        return None
    return word.lower() if ignore_case else word


@cache
def signatures() -> _Signatures:
    """The outlet and wire table in data/signatures.toml, compiled once."""
    table = tomllib.loads(resources.files("newsloom.data").joinpath("signatures.toml").read_text("utf-8"))
    compile_all = lambda patterns: tuple(re.compile(p, re.M) for p in patterns)  # noqa: E731
    signatures_of = lambda patterns: tuple(Signature.of(p) for p in patterns)  # noqa: E731
    return _Signatures(
        outlets=tuple((o["name"], signatures_of(o["patterns"])) for o in table.get("outlet", [])),
        outlet_templates=tuple(p for t in table.get("outlet_template", []) for p in compile_all(t["patterns"])),
        wires=tuple((w["name"], signatures_of(w["patterns"])) for w in table.get("wire", [])),
        photo_aliases=dict(table.get("photo_agencies", {}).get("aliases", {})),
    )


def clean(article: Article, outlet: str | None = None) -> Cleaning:
    """Classify every non-blank line of `article.text` and find the outlet and wire agencies.

    `outlet` (from --outlet) wins over the page's metadata, which wins over signatures in the text.
    """
    raw_lines = _split_lines(article.text)
    roles = classify_lines([text for _n, _s, _e, text in raw_lines], metadata_title=article.title)
    lines = tuple(
        Line(n=n, start=start, end=end, role=role, reason=reason)
        for (n, start, end, _text), (role, reason) in zip(raw_lines, roles, strict=False)
    )
    texts = {line.n: text for line, (_n, _s, _e, text) in zip(lines, raw_lines, strict=False)}
    title_line = next((line for line in lines if line.role == "title"), None)
    title = texts[title_line.n].strip() if title_line else None
    found_outlet = outlet or site_name(article.outlet) or detect_outlet(texts.values())
    own = [texts[line.n] for line in lines if line.is_content or line.reason == "credit line"]
    captions = [texts[line.n] for line in lines if line.role == "caption"]
    return Cleaning(
        lines=lines,
        title=title,
        outlet=found_outlet,
        wire_agencies=detect_wire_agencies(own),
        photo_credits=detect_photo_credits(captions),
    )


def _split_lines(text: str) -> list[tuple[int, int, int, str]]:
    """(n, start, end, text) of each non-blank line; `end` excludes trailing white space."""
    out, offset = [], 0
    for n, line in enumerate(text.split("\n"), start=1):
        stripped = line.rstrip()
        lead = len(stripped) - len(stripped.lstrip())
        if stripped.strip():
            out.append((n, offset + lead, offset + len(stripped), stripped.strip()))
        offset += len(line) + 1
    return out


def classify_lines(lines: Sequence[str], metadata_title: str | None = None) -> list[tuple[str, str]]:
    """(role, reason) for each line, in order. Pure: the heart of cleaning, testable on its own."""
    roles: list[tuple[str, str]] = [_furniture(line) for line in lines]
    _mark_appeal_blocks(lines, roles)
    _mark_repeats(lines, roles)
    _mark_title_and_dek(lines, roles, metadata_title)
    _mark_headings(lines, roles)
    return roles


def _furniture(line: str) -> tuple[str, str]:
    for reason, pattern in FURNITURE:
        if pattern.search(line):
            return "boilerplate", reason
    if CAPTION_CREDIT.search(line) or CAPTION_CREDIT_AFTER.search(line) or CAPTION_LEAD.search(line):
        return "caption", "photo caption"
    if _is_teaser(line):
        return "boilerplate", "teaser (all caps)"
    return "body", ""


def _is_teaser(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    words = line.split()
    return len(words) >= TEASER_MIN_WORDS and len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.9


APPEAL_OPENERS = re.compile(
    r"(?i)^\W*(a message from\b|dear (readers?|friends|subscribers)\b|(before you go|one more thing|we have a small favou?r to ask)\b)"
)


def _mark_appeal_blocks(lines: Sequence[str], roles: list[tuple[str, str]]) -> None:
    """An appeal opener and every following line that still speaks to the reader about money."""
    i = 0
    while i < len(lines):
        if APPEAL_OPENERS.search(lines[i]):
            roles[i] = ("boilerplate", "appeal")
            j = i + 1
            while j < len(lines) and (roles[j][0] == "boilerplate" or APPEAL_WORDS.search(lines[j])):
                if roles[j][0] != "boilerplate":
                    roles[j] = ("boilerplate", "appeal")
                j += 1
            i = j
        else:
            i += 1


def _normalized(line: str) -> str:
    return " ".join(re.sub(r"[^\w ]", " ", line.lower()).split())


SUMMARY_MIN_WORDS = 8  # a feed summary repeating the lede is long; short repeats are headings or names


def _mark_repeats(lines: Sequence[str], roles: list[tuple[str, str]]) -> None:
    """A line printed twice is furniture (a caption under two copies of a photo, a repeated teaser);
    a summary that the article's own lede repeats in full (a feed's description) is furniture too."""
    keys = [_normalized(line) for line in lines]
    for i, key in enumerate(keys):
        if roles[i][0] != "body" or len(key.split()) < SUMMARY_MIN_WORDS:
            continue
        if any(j != i and roles[j][0] == "body" and key != other and key in other for j, other in enumerate(keys)):
            roles[i] = ("boilerplate", "repeated summary")
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        key = _normalized(line)
        if len(key.split()) < 4:
            continue
        if key in seen and roles[i][0] == "body":
            first = seen[key]
            role = roles[first][0] if roles[first][0] != "body" else "boilerplate"
            roles[i] = (role, "repeated line")
            if roles[first][0] == "body":
                roles[first] = (role, "repeated line")
        seen.setdefault(key, i)


def _ends_like_sentence(line: str) -> bool:
    """A closing period or exclamation mark, possibly inside quotes; '?' alone does not count,
    since questions make good headings ("Battlefield... and diplomacy?")."""
    return bool(re.search(r"[.!…]\W*$", line)) and not line.rstrip().endswith("..")


def _mark_title_and_dek(lines: Sequence[str], roles: list[tuple[str, str]], metadata_title: str | None) -> None:
    """The first article line is the headline when it reads like one; a second short line is the dek."""
    first = next((i for i, (role, _) in enumerate(roles) if role == "body"), None)
    if first is None:
        return
    line = lines[first]
    is_metadata_title = metadata_title is not None and _normalized(metadata_title) == _normalized(line)
    has_body_after = any(role == "body" for role, _ in roles[first + 1 :])
    looks_like_headline = (
        len(line.split()) <= TITLE_MAX_WORDS and not _ends_like_sentence(line) and not line.endswith(",")
    )
    if not (is_metadata_title or (looks_like_headline and has_body_after)):
        return
    roles[first] = ("title", "headline")
    second = next((i for i in range(first + 1, len(lines)) if roles[i][0] == "body"), None)
    if second is not None and len(lines[second].split()) <= DEK_MAX_WORDS and not _ends_like_sentence(lines[second]):
        roles[second] = ("heading", "dek")


def _mark_headings(lines: Sequence[str], roles: list[tuple[str, str]]) -> None:
    """Short lines between body paragraphs, without a closing period, are section headings.

    A heading-like line with no body after it is trailing furniture (tags, "Related topics").
    """
    for i, line in enumerate(lines):
        if roles[i][0] != "body":
            continue
        words = line.split()
        if len(words) > HEADING_MAX_WORDS or _ends_like_sentence(line) or line.endswith((",", ";", ":")):
            continue
        body_after = any(role == "body" and not _is_short_fragment(lines[k]) for k, (role, _) in enumerate(roles) if k > i)
        roles[i] = ("heading", "section heading") if body_after else ("boilerplate", "trailing fragment")


def _is_short_fragment(line: str) -> bool:
    return len(line.split()) <= HEADING_MAX_WORDS and not _ends_like_sentence(line)


def detect_outlet(lines: Sequence[str] | object) -> str | None:
    """The outlet named by a signature in the text ("GET THE FOX NEWS APP" -> Fox News), or None."""
    text = "\n".join(lines)  # type: ignore[arg-type]
    lowered = text.lower()
    table = signatures()
    for name, patterns in table.outlets:
        if any(p.search(text, lowered) for p in patterns):
            return name
    for pattern in table.outlet_templates:
        match = pattern.search(text)
        if match:
            return _tidy_outlet(match.group("outlet"))
    return None


SITE_NAME_SEPARATOR = re.compile(r"\s+[-|–—:»]\s+")


def site_name(name: str | None) -> str | None:
    """An outlet from page or feed metadata without its section: "Atlas World Report - Europe" -> "Atlas World Report"."""
    if not name or not name.strip():
        return None
    return SITE_NAME_SEPARATOR.split(name.strip())[0].strip() or name.strip()


def outlet_key(name: str | None) -> str:
    """Outlet names compared without case or a leading "The" ("The Harbour Ledger" = "Harbour Ledger")."""
    return re.sub(r"^the\s+", "", " ".join((name or "").lower().split()))


def _tidy_outlet(name: str) -> str:
    name = name.strip(" .:!,")
    if name.isupper() and len(name) > 4:  # "THE DAILY LEDGER" from an all-caps app promo
        name = " ".join(w if len(w) <= 3 and w not in {"THE", "OF", "AND"} else w.capitalize() for w in name.split())
        name = re.sub(r"\b(Of|And|The)\b(?!$)", lambda m: m.group(0).lower(), name)
        name = name[0].upper() + name[1:]
    return name


def detect_wire_agencies(lines: Sequence[str]) -> tuple[str, ...]:
    """Agencies credited for the reporting in the article's own lines, in table order."""
    text = "\n".join(lines)
    lowered = text.lower()
    return tuple(name for name, patterns in signatures().wires if any(p.search(text, lowered) for p in patterns))


def detect_photo_credits(captions: Sequence[str]) -> tuple[str, ...]:
    """Agencies credited for photos ("(AP Photo/Bernat Armangue)" -> AP), in order of appearance."""
    aliases = signatures().photo_aliases
    found: list[str] = []
    for caption in captions:
        match = CAPTION_CREDIT.search(caption) or CAPTION_CREDIT_AFTER.search(caption)
        if not match:
            continue
        parts = [part.strip() for part in re.split(r"/|\bvia\b", match.group("credit")) if part.strip()]
        agencies = [aliases.get(p) or next((v for k, v in aliases.items() if p.startswith(k)), None) for p in parts]
        if not any(agencies) and len(parts) == 2:
            agencies = [None, parts[1]]  # "Ana Reis/Harbour Ledger": photographer, then who holds the rights
        elif not any(agencies) and len(parts) == 1 and AGENCY_WORDS.search(parts[0]):
            agencies = parts  # "(Photo: Ponte Images)": an agency, not a photographer
        for agency in agencies:
            if agency and agency not in found:
                found.append(agency)
    return tuple(found)
