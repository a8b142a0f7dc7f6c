"""Quotes and reported speech -> speaker, cue, content: newsloom's attribution stage.

Three passes over the article's parsed paragraphs:

1. Quote marks are paired in each paragraph's text (`quoted_spans`): straight and curly, double and
   single, nested single-in-double, a quote that runs over paragraphs, apostrophes told apart from
   marks, and an unbalanced mark handled where it stands instead of giving up on the article.
2. Speech cues are read from the dependency parse (`speech.find_attributions`) and their subjects
   resolved to speakers (`speakers.SpeakerIndex`), in reading order so that "he" finds its person.
3. Each quote takes the cue that governs it in the parse, else the nearest cue beside it, else its
   neighbour's; what is left (a heading that repeats a body quote, a partial quote whose words a named
   person says later) is matched by its words. Cues whose content is mostly unquoted become
   `ReportedSpeech`.

>>> from newsloom.stages.language import load_pipeline, parse_text
>>> text = '"We will rebuild the bridge," Mayor Ana Ruiz said on Twitter.'
>>> quotes, speech = find_quotes(parse_text(load_pipeline(), text), [], text)
>>> [(q.text, q.speaker, q.cue, q.venue, q.kind) for q in quotes]
[('We will rebuild the bridge,', 'Ana Ruiz', 'said on Twitter', 'Twitter', 'direct')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ...models import Entity, Quote, ReportedSpeech
from ..language import Paragraph, text_of
from .speakers import Speaker, SpeakerIndex
from .speech import Attribution, colon_lead, content_text, cue_text, find_attributions

DOUBLE_MARKS = '"“”„«»'
SINGLE_MARKS = "'‘’‹›"
MARK_CHARACTERS = re.compile("[" + re.escape(DOUBLE_MARKS + SINGLE_MARKS) + "`]")
OPENING_SHAPES = "“„«‘‹"
CLOSING_SHAPES = "”»’›"
OPEN_CONTEXT = "([{—–-/:" + DOUBLE_MARKS + SINGLE_MARKS
"""Characters after which a mark opens a quote even without a space: '(“', '—"', ':"'."""
CLOSE_CONTEXT = ".,;:!?)]}—–-/…" + DOUBLE_MARKS + SINGLE_MARKS
"""Characters before which a mark closes a quote even without a space: '”,', '’?'."""
ELISIONS = ("em", "til", "cause", "tis", "twas", "bout", "n ")
"""Words that open with an apostrophe ('em, 'til, rock 'n roll): the mark before them is no quote."""

QUOTED_SHARE = 0.5
"""A cue's content at least this share quoted is reported by its quote records, not as reported speech:
a partial quote is a word or a phrase inside a longer paraphrase."""

ECHO_OVERLAP = 0.6
"""Word overlap at which an unattributed quote (a heading, a pull quote) repeats an attributed one:
headings reword a little ('Can you trust a thing they say?' from 'How can you trust a thing they say?')."""


@dataclass(frozen=True)
class QuotedSpan:
    """Characters between a pair of quote marks, in paragraph offsets.

    `opened`/`closed` are False where the quote runs on from the previous paragraph or into the next.
    """

    start: int
    end: int
    depth: int
    opened: bool = True
    closed: bool = True
    at_sentence_start: bool = False


@dataclass(frozen=True)
class _Mark:
    position: int
    double: bool
    direction: str
    """open | close | either"""
    length: int = 1
    """2 for a pair of straight single marks standing for a double one (''like this'', as some archives print)"""


def _is_apostrophe(text: str, i: int) -> bool:
    previous = text[i - 1] if i > 0 else " "
    following = text[i + 1] if i + 1 < len(text) else " "
    if previous.isalnum() and following.isalnum():
        return True  # don't, Russia’s, O’Neill
    if not previous.isalnum() and re.match(r"\d\d(s\b|\b)", text[i + 1 : i + 4]):
        return True  # the ’90s, class of '22
    if not previous.isalnum() and text[i + 1 : i + 6].lower().startswith(ELISIONS):
        return not re.match(r"[a-z]+['’‘]", text[i + 1 : i + 8].lower()) or text[i + 1 : i + 3].lower() == "n'"
    return previous.lower() == "n" and i >= 2 and text[i - 2] in "'’‘"  # the second mark of ’n’


def _marks(text: str) -> list[_Mark]:
    marks = []
    skip = -1
    for found in MARK_CHARACTERS.finditer(text):  # only where a mark can be: a paragraph holds few
        i, char = found.start(), found.group()
        if i == skip:
            continue
        length = 2 if text[i : i + 2] in {"''", "``"} else 1
        double = char in DOUBLE_MARKS or length == 2
        if not double and char not in SINGLE_MARKS:
            continue
        if not double and _is_apostrophe(text, i):
            continue
        skip = i + 1 if length == 2 else -1
        previous = text[i - 1] if i > 0 else " "
        following = text[i + length] if i + length < len(text) else " "
        can_open = not following.isspace() and (previous.isspace() or previous in OPEN_CONTEXT)
        can_close = not previous.isspace() and (following.isspace() or following in CLOSE_CONTEXT)
        if can_open and not can_close:
            direction = "open"
        elif can_close and not can_open:
            direction = "close"
        elif char in OPENING_SHAPES or text[i : i + 2] == "``":
            direction = "open"
        elif char in CLOSING_SHAPES:
            direction = "close"
        else:
            direction = "either"
        marks.append(_Mark(i, double, direction, length))
    return marks


def quoted_spans(text: str, runs_on: bool = False) -> tuple[list[QuotedSpan], bool]:
    """Pair the quote marks of one paragraph; return the spans and whether a quote runs into the next.

    `runs_on` says the previous paragraph ended inside a quote: by newspaper convention its next
    paragraph re-opens with a mark; one that closes without re-opening is taken as continuing too.

    >>> [text[s.start:s.end] for text in ['He said "we won’t go," then left.'] for s in quoted_spans(text)[0]]
    ['we won’t go,']
    """
    spans: list[QuotedSpan] = []
    stack: list[_Mark] = []
    for mark in _marks(text):
        pending = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].double == mark.double), None)
        closes = mark.direction == "close" or (mark.direction == "either" and pending is not None)
        if not closes:
            stack.append(mark)
            continue
        if pending is not None:
            opener = stack[pending]
            del stack[pending:]  # openers left inside are unbalanced: dropped where they stand
            spans.append(_span(text, opener.position + opener.length, mark.position, len(stack)))
        elif mark.double and runs_on and not spans:
            spans.append(_span(text, 0, mark.position, 0, opened=False))
        # any other lone closer is a stray mark (or, single, an apostrophe: "the soldiers’ families")
    still_open = [m for m in stack if m.double]
    if still_open:
        spans.append(_span(text, still_open[0].position + still_open[0].length, len(text.rstrip()), 0, closed=False))
    spans = [s for s in spans if text[s.start : s.end].strip()]
    return sorted(spans, key=lambda s: s.start), bool(still_open)


def _span(text: str, start: int, end: int, depth: int, opened: bool = True, closed: bool = True) -> QuotedSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    before = text[: max(0, start - 1)].rstrip()
    at_sentence_start = not opened or not before or before[-1] in ".?!:;" or before[-1] in DOUBLE_MARKS + SINGLE_MARKS
    return QuotedSpan(start, end, depth, opened, closed, at_sentence_start)


def quote_kind(text: str, span: QuotedSpan) -> str:
    """direct for whole statements; partial for a few words woven into the writer's sentence.

    A statement opens a sentence (or follows a colon), or reads as one: a capital first letter and
    closing punctuation inside the marks (said, "Not going to go into that.").
    """
    words = text[span.start : span.end]
    if span.at_sentence_start or not span.closed:
        return "direct"
    reads_as_sentence = words[:1].isupper() and words.rstrip()[-1:] in ".?!,…" and len(words.split()) >= 2
    return "direct" if reads_as_sentence else "partial"


INTERRUPTION = re.compile(r"[,;]?\s*[^\s.!?\"“”«»][^.!?\"“”«»]{0,80},\s*")
"""What stands between the two halves of one split statement: '"A," he said, "b."' (a cue and a comma)."""


def _kinds(text: str, spans: Sequence[QuotedSpan]) -> list[str]:
    """`quote_kind` of each span; the second half of a statement split by its cue is a statement too.

    >>> text = '"We will rebuild," Ruiz said, "and we will do it this year."'
    >>> _kinds(text, quoted_spans(text)[0])
    ['direct', 'direct']
    """
    kinds = [quote_kind(text, span) for span in spans]
    for k in range(1, len(spans)):
        previous, span = spans[k - 1], spans[k]
        if kinds[k] == "partial" and kinds[k - 1] == "direct" and previous.closed and previous.depth == span.depth == 0:
            between = text[previous.end + 1 : span.start - 1]
            if INTERRUPTION.fullmatch(between) and text[previous.end - 1 : previous.end] in ",…" and _closes_sentence(text, span):
                kinds[k] = "direct"
    return kinds


def _closes_sentence(text: str, span: QuotedSpan) -> bool:
    """The quote ends its sentence: final punctuation inside the marks, or right after them."""
    inside = text[span.start : span.end].rstrip()[-1:]
    after = text[span.end + 1 : span.end + 2] if span.closed else ""
    return not span.closed or inside in ".?!…" or after in {".", "?", "!", ""}


@dataclass(frozen=True)
class _Found:
    """A quote while its speaker is being found: article offsets, its paragraph, and the cue it took."""

    paragraph: int
    span: QuotedSpan
    start: int
    end: int
    kind: str
    attribution: Attribution | None = None
    speaker: Speaker | None = None
    inherited: bool = False
    alone: bool = False
    """True when the quote's paragraph has no speech cue of its own."""


def find_quotes(
    paragraphs: list[Paragraph], entities: list[Entity], text: str
) -> tuple[list[Quote], list[ReportedSpeech]]:
    """Every quoted span and every reported statement of an article, with speakers resolved."""
    locals_ = [text[p.start : p.end] for p in paragraphs]  # == p.doc.text, which spaCy rebuilds from tokens on each access
    all_spans = [_after_lead(p, local, spans) for p, local, spans in zip(paragraphs, locals_, _pair_marks(paragraphs, locals_), strict=True)]
    marked = [[(s.start - (1 if s.opened else 0), s.end + (1 if s.closed else 0)) for s in spans] for spans in all_spans]
    index = SpeakerIndex.build(
        paragraphs, entities, [(p.start + a, p.start + b) for p, q in zip(paragraphs, marked, strict=True) for a, b in q]
    )
    found: list[_Found] = []
    speech: list[ReportedSpeech] = []
    introducer: tuple[int, Attribution, Speaker] | None = None
    for k, paragraph in enumerate(paragraphs):
        local, spans, quoted = locals_[k], all_spans[k], marked[k]
        # cues inside quote marks are the speaker's own words ("I told them ..."), not attributions
        attributions = [a for a in find_attributions(paragraph.doc, paragraph.role == "title") if not _inside(paragraph.doc[a.verb].idx, quoted)]
        speakers = _resolve_speakers(index, k, paragraph, attributions)
        kinds = _kinds(local, spans)
        here = [_Found(k, s, paragraph.start + s.start, paragraph.start + s.end, kind, alone=not speakers) for s, kind in zip(spans, kinds, strict=True)]
        here = _attribute(paragraph, local, here, attributions, speakers, index)
        if introducer is not None and introducer[0] == k - 1 and _adjacent(paragraphs, k):
            # "Caddell continued:" / "The Times reports:" introduces the quote that opens the next paragraph.
            here = [
                replace(q, attribution=introducer[1], speaker=introducer[2], inherited=True)
                if q.attribution is None and q.span.at_sentence_start else q
                for q in here
            ]
            if not spans and paragraph.role == "body" and introducer[1].content is None:
                speech.append(_block_quote(paragraphs[k - 1], paragraph, introducer[1], introducer[2]))
        introducer = None
        if local.rstrip().endswith(":") and attributions and attributions[-1].verb in speakers:
            introducer = (k, attributions[-1], speakers[attributions[-1].verb])
        found += here
        statements = [(a, b) for (a, b), f in zip(quoted, here, strict=True) if f.kind == "direct"]
        speech += _reported(paragraph, attributions, speakers, statements, quoted)
    found = _match_by_words(_inherit_across(found, paragraphs), text)
    return [_quote(f, paragraphs, text) for f in found], _resolve_speech_by_quotes(speech, found)


def _pair_marks(paragraphs: Sequence[Paragraph], texts: Sequence[str]) -> list[list[QuotedSpan]]:
    """Quoted spans per paragraph (`texts`: their text); a quote left open runs on only into the very next line."""
    all_spans, runs_on = [], False
    for k, local in enumerate(texts):
        spans, runs_on = quoted_spans(local, runs_on and _adjacent(paragraphs, k))
        all_spans.append(spans)
    return all_spans


def _after_lead(paragraph: Paragraph, local: str, spans: list[QuotedSpan]) -> list[QuotedSpan]:
    """A transcript line inside quote marks ('"PENCE: Well, look, ...') quotes the words after its speaker's name.

    >>> from newsloom.stages.language import load_pipeline, parse_text
    >>> paragraph = parse_text(load_pipeline(), '"RUIZ: We will rebuild the bridge this year.')[0]
    >>> local = paragraph.doc.text
    >>> [local[s.start:s.end] for s in _after_lead(paragraph, local, quoted_spans(local)[0])]
    ['We will rebuild the bridge this year.']
    """
    doc = paragraph.doc
    if not spans or spans[0].start > 2:
        return spans
    lead = colon_lead(doc)
    if lead is None or not spans[0].start <= doc[lead.verb].idx < spans[0].end:
        return spans
    start = doc[lead.verb].idx + 1
    while start < spans[0].end and local[start].isspace():
        start += 1
    return [replace(spans[0], start=start, at_sentence_start=True), *spans[1:]]


def _block_quote(lead: Paragraph, paragraph: Paragraph, attribution: Attribution, speaker: Speaker) -> ReportedSpeech:
    """A paragraph quoted as a block, without marks, after "Limbaugh added:" in the paragraph before."""
    text = text_of(paragraph.doc).strip()
    start = paragraph.start + text_of(paragraph.doc).index(text[:1]) if text else paragraph.start
    return ReportedSpeech(
        speaker=speaker.name,
        speaker_id=speaker.entity_id,
        content=text,
        cue=cue_text(lead.doc, attribution),
        start=start,
        end=start + len(text),
        speaker_mention=speaker.mention,
        venue=attribution.venue,
    )


def _resolve_speakers(index: SpeakerIndex, k: int, paragraph: Paragraph, attributions: list[Attribution]) -> dict[int, Speaker]:
    """Speaker of each cue (by cue token), in reading order, each remembered for the pronouns after it."""
    speakers = {}
    for attribution in attributions:
        if attribution.speaker is None:
            continue
        head = paragraph.doc[attribution.speaker]
        speakers[attribution.verb] = index.resolve(k, head)
        index.remember(k, paragraph.start + head.idx, speakers[attribution.verb])
    return speakers


def _adjacent(paragraphs: Sequence[Paragraph], k: int) -> bool:
    return k > 0 and paragraphs[k].n - paragraphs[k - 1].n <= 2  # one blank line may sit between


def _inside(offset: int, quoted: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in quoted)


def _attribute(
    paragraph: Paragraph,
    local: str,
    quotes: list[_Found],
    attributions: list[Attribution],
    speakers: dict[int, Speaker],
    index: SpeakerIndex,
) -> list[_Found]:
    """Give each quote of a paragraph the cue that governs it, the cue beside it, or its neighbour's."""
    doc = paragraph.doc
    by_anchor = {doc[a.verb].head.i if a.kind == "source" else a.verb: a for a in attributions}
    out = []
    for quote in quotes:
        span = doc.char_span(quote.span.start, quote.span.end, alignment_mode="expand")
        tokens = range(span.start, span.end) if span is not None else range(0)
        outer = next((o for o in out if o.span.start < quote.span.start and quote.span.end <= o.span.end), None)
        if quote.span.depth > 0 and outer is not None:
            out.append(replace(quote, attribution=outer.attribution, speaker=outer.speaker, inherited=outer.inherited))
            continue
        if _is_title(quote.span, local) and (quote.kind == "partial" or _names_a_work(quote.span, local) or _alone(quote.span, local)):
            out.append(replace(quote, kind="partial"))  # "Morning Joe", "Legend in the Coal Fields": a name of a work, not words said
            continue
        signed = _signature(paragraph, local, quote, index)
        if signed is not None:
            out.append(replace(quote, attribution=signed[0], speaker=signed[1]))
            continue
        chosen = _governing(doc, tokens, by_anchor, speakers, quote.kind == "partial") or _beside(doc, quote, tokens, attributions, speakers)
        speaker = speakers.get(chosen.verb) if chosen is not None else None
        out.append(replace(quote, attribution=chosen, speaker=speaker))
    # A quote with no cue of its own takes its neighbour's within the paragraph ("A," he said. "B.").
    for k, quote in enumerate(out):
        if quote.attribution is None and quote.kind == "direct":
            neighbours = [o for o in reversed(out[:k]) if o.attribution] + [o for o in out[k + 1 :] if o.attribution]
            if neighbours:
                out[k] = replace(quote, attribution=neighbours[0].attribution, speaker=neighbours[0].speaker)
    return out


WORK_LEADS = re.compile(r"(?:\b(?:on|in|of|at|titled|entitled|called|named|show|program|programme|film|book|column|podcast)|['’]s)\s*[\"“‘']*\s*$", re.IGNORECASE)
"""Words before an opening mark that make the quoted words a name: 'said on "Face the Nation,"', 'host of
"The Steve Harvey Morning Show,"', "CBS's \"Face the Nation\"". A closing comma inside the marks then
says nothing about speech."""


def _alone(span: QuotedSpan, text: str) -> bool:
    """A quote that is its line's only words: with title-case words, a sub-heading ("'Legend in the Coal Fields.'")."""
    return not text[: max(0, span.start - 1)].strip(" \"'“”‘’") and not text[span.end + 1 :].strip(" \"'“”‘’.")


def _names_a_work(span: QuotedSpan, text: str) -> bool:
    """A title-case quote set after a preposition or a possessive: the name of a show, book or film."""
    return bool(WORK_LEADS.search(text[max(0, span.start - 30) : span.start]))


TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by", "from"})


def _is_title(span: QuotedSpan, text: str) -> bool:
    """Words in title case, as names of shows, books and campaigns are printed ("Legend in the Coal Fields")."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text[span.start : span.end])
    big = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return bool(big) and all(w[0].isupper() for w in big) and (len(big) > 1 or span.start > 1)


SIGNATURE = re.compile(r"\s*[―—–-]{1,2}\s*(?=[A-Z@])")
"""A dash after a closing mark, before a name: '“Trump scares me.” ― Carla Ruiz' signs the quote."""


def _signature(paragraph: Paragraph, text: str, quote: _Found, index: SpeakerIndex) -> tuple[Attribution, Speaker] | None:
    """The name that signs a quote after a dash, as in vox pops and epigraphs (`text`: the paragraph's)."""
    doc, after = paragraph.doc, quote.span.end + (1 if quote.span.closed else 0)
    dash = SIGNATURE.match(text, after)
    if dash is None:
        return None
    name = doc.char_span(dash.end(), min(len(text), dash.end() + 1), alignment_mode="expand")
    if name is None or not (name.root.pos_ == "PROPN" or name.root.ent_type_ == "PERSON"):
        return None
    head = name.root
    while head.head.i != head.i and head.head.pos_ == "PROPN" and head.dep_ in {"compound", "flat"}:
        head = head.head
    cue = doc.char_span(dash.start(), dash.end(), alignment_mode="expand")
    cue_tokens = (cue.start, cue.end) if cue is not None else (head.i, head.i)
    signed = Attribution(head.i, cue_tokens, head.i, None, None, "signature")
    return signed, index.resolve(quote.paragraph, head)


def _governing(
    doc, tokens: range, by_anchor: dict[int, Attribution], speakers: dict[int, Speaker], partial: bool
) -> Attribution | None:
    """The cue the quote hangs on in the parse: an ancestor of its words, or a cue hung on them.

    A statement belongs to its nearest cue. Of nested cues around a few quoted words ("Milley said the
    U.S. estimates that "well over" 100,000 ..."), the words belong to the outermost speaker, the one
    who spoke them to the reporter.
    """
    inside = set(tokens)
    for i in tokens:
        token = doc[i]
        for child in token.children:
            if child.i not in inside and child.i in by_anchor and by_anchor[child.i].content is None:
                return by_anchor[child.i]
        if token.head.i in inside:
            continue
        chain = [by_anchor[a.i] for a in [token.head, *token.head.ancestors] if a.i in by_anchor]
        spoken = [a for a in chain if a.verb in speakers] or chain
        if spoken:
            return spoken[-1] if partial else spoken[0]
    return None


def _beside(doc, quote: _Found, tokens: range, attributions: list[Attribution], speakers: dict[int, Speaker]) -> Attribution | None:
    """The nearest cue with a speaker in the sentences the quote touches (and, for a statement, the next one)."""
    if not tokens:
        return None
    first, last = doc[tokens.start], doc[tokens.stop - 1]
    sentences = {first.sent.start, last.sent.start}
    if quote.kind == "direct":
        after = min(tokens.stop + 1, len(doc) - 1)
        before = max(tokens.start - 2, 0)
        sentences |= {doc[after].sent.start, doc[before].sent.start}
    candidates = [
        a for a in attributions if a.verb in speakers and doc[a.verb].sent.start in sentences and a.verb not in tokens
    ]
    if quote.kind != "direct":
        candidates = [a for a in candidates if doc[a.verb].sent.start == first.sent.start]

    def distance(a: Attribution) -> int:
        return a.verb - tokens.stop if a.verb >= tokens.stop else (tokens.start - a.verb) + 1  # after wins ties

    return min(candidates, key=distance, default=None)


def _inherit_across(found: list[_Found], paragraphs: Sequence[Paragraph]) -> list[_Found]:
    """A paragraph that is all quote and names no one continues the previous paragraph's speaker."""
    out = list(found)
    for k, quote in enumerate(out):
        if quote.attribution is not None or quote.kind != "direct" or not quote.span.at_sentence_start or not quote.alone:
            continue
        if paragraphs[quote.paragraph].role in {"title", "heading"}:
            continue  # a heading stands apart from the paragraph above it
        earlier = [o for o in out[:k] if o.attribution is not None and o.paragraph < quote.paragraph]
        if earlier and _adjacent(paragraphs, quote.paragraph) and earlier[-1].paragraph == quote.paragraph - 1:
            out[k] = replace(quote, attribution=earlier[-1].attribution, speaker=earlier[-1].speaker, inherited=True)
    # the segments of one quote over several paragraphs share the speaker named in any of them
    for k in range(len(out) - 1, 0, -1):
        previous, quote = out[k - 1], out[k]
        continues = not quote.span.opened or (quote.paragraph == previous.paragraph + 1 and quote.span.at_sentence_start)
        if not previous.span.closed and continues and previous.speaker is None and quote.speaker is not None:
            out[k - 1] = replace(previous, attribution=quote.attribution, speaker=quote.speaker, inherited=True)
    return out


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _is_named(speaker: Speaker | None) -> bool:
    return speaker is not None and speaker.name is not None and (speaker.is_person or speaker.entity_id is not None)


def _match_by_words(found: list[_Found], text: str) -> list[_Found]:
    """Speakers for quotes no cue names, from the article's other quotes.

    A heading or pull quote with no speaker repeats a body quote ('Can you trust a thing they say?');
    a partial quote given to an unnamed "top official" is in the words one named person says in full.
    """
    named = [f for f in found if _is_named(f.speaker)]
    words = {id(f): _words(text[f.start : f.end]) for f in found}
    phrases = {id(f): " ".join(re.findall(r"\w+", text[f.start : f.end].lower())) for f in found}
    out = []
    for quote in found:
        own = words[id(quote)]
        if quote.speaker is None and own:
            echo = next((f for f in named if len(own & words[id(f)]) / len(own | words[id(f)]) >= ECHO_OVERLAP), None)
            if echo is not None:
                quote = replace(quote, speaker=replace(echo.speaker, mention=""), attribution=None, inherited=True)
        elif quote.speaker is not None and quote.speaker.name and not _is_named(quote.speaker) and own:
            holders = {f.speaker.name: f.speaker for f in named if f.kind == "direct" and phrases[id(quote)] in phrases[id(f)]}
            if len(holders) == 1:  # the description stays as the mention; the person becomes the speaker
                quote = replace(quote, speaker=replace(next(iter(holders.values())), mention=quote.speaker.mention))
        out.append(quote)
    return out


def _quote(found: _Found, paragraphs: Sequence[Paragraph], text: str) -> Quote:
    speaker = found.speaker
    doc = paragraphs[found.paragraph].doc
    named_here = found.attribution is not None and not found.inherited
    return Quote(
        text=text[found.start : found.end],
        speaker=speaker.name if speaker else None,
        speaker_id=speaker.entity_id if speaker else None,
        kind=found.kind,
        cue=cue_text(doc, found.attribution) if named_here else None,
        start=found.start,
        end=found.end,
        speaker_mention=(speaker.mention or None) if speaker and named_here else None,
        venue=found.attribution.venue if named_here else None,
    )


def _reported(
    paragraph: Paragraph,
    attributions: list[Attribution],
    speakers: dict[int, Speaker],
    quoted: list[tuple[int, int]],
    marked: Sequence[tuple[int, int]] = (),
) -> list[ReportedSpeech]:
    """Cues with content that is mostly the writer's words, not a quoted statement (`quoted`: direct quotes).

    Partial quotes stay inside the reported statement they are woven into
    ('said voting fraud is "a big, big problem" but "nobody has the guts to talk about it"'); a
    content that ends inside one (`marked`: every quote, marks included) runs on to its closing mark.
    """
    doc = paragraph.doc
    records: list[ReportedSpeech] = []
    for attribution in attributions:
        speaker = speakers.get(attribution.verb)
        if attribution.content is None or speaker is None:
            continue
        attribution = _through_quotes(doc, attribution, marked)
        if attribution.kind == "act" and speaker.name is None:
            continue  # an act needs its actor: "it echoed the plan" with no "it" to be found says nothing
        words = [t for t in doc[attribution.content[0] : attribution.content[1]] if not t.is_punct]
        if sum(_inside(t.idx, quoted) for t in words) >= QUOTED_SHARE * len(words):
            continue
        start, end = paragraph.span_of(*attribution.content)
        record = ReportedSpeech(
            speaker=speaker.name,
            speaker_id=speaker.entity_id,
            content=content_text(doc, attribution),
            cue=cue_text(doc, attribution),
            start=start,
            end=end,
            speaker_mention=speaker.mention,
            venue=attribution.venue,
        )
        records.append(record)

    def inside_another(r: ReportedSpeech) -> bool:
        return any((o.speaker == r.speaker or r.speaker is None) and o.start <= r.start and r.end <= o.end and (o.start, o.end) != (r.start, r.end) for o in records)

    # "echoed this sentiment and highlighted a concern": the second act is inside the first one's content; so
    # is a cue of no one we can name inside another's words ("says she hopes ..., but she knows that ...").
    return [r for r in records if not inside_another(r)]


def _through_quotes(doc, attribution: Attribution, marked: Sequence[tuple[int, int]]) -> Attribution:
    """The content run on to the closing mark of a quote it ends inside (and back to its opening mark).

    The parse trims edge punctuation, and a sentence's closing period sits inside the marks:
    'said officials should act "without delay."' has content up to "delay", inside the quote.
    """
    assert attribution.content is not None
    start, end = attribution.content
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    cut = [(a, b) for a, b in marked if first - 2 <= a < last < b]  # a quote may open just before the content
    if not cut:
        return attribution
    opening, closing = min(a for a, _ in cut), max(b for _, b in cut)
    while end < len(doc) and doc[end].idx < closing:
        end += 1
    while start > 0 and doc[start - 1].idx >= opening:
        start -= 1
    return replace(attribution, content=(start, end))


def _resolve_speech_by_quotes(speech: list[ReportedSpeech], found: list[_Found]) -> list[ReportedSpeech]:
    """An anonymous speaker whose reported words hold a quote that was traced to a named person is that person."""
    out = []
    for record in speech:
        inside = [f for f in found if record.start <= f.start and f.end <= record.end and f.speaker is not None and f.speaker.name]
        traced = [f for f in inside if f.speaker.mention == record.speaker_mention and f.speaker.name != record.speaker]
        if traced and record.speaker_id is None:
            record = replace(record, speaker=traced[0].speaker.name, speaker_id=traced[0].speaker.entity_id)
        out.append(record)
    return out
