"""Speech cues in the dependency parse: who says (speaker token), how (cue phrase, venue), and what (content).

An attribution is found from its cue, the way reporters write it:

    clause    "Zelensky said (that) 41 settlements have been liberated"  ccomp of a speech verb
    act       "Wallace echoed this sentiment"                           a speech act and its object
    appeal    "calling on Ukraine to liberate ..."                      object + infinitive
    source    "..., according to General Milley"                        the clause the phrase hangs on

The speaker is the cue's subject, or the subject it shares with the verb it hangs on ("..., saying
Russia was unlikely to leave", "Milley estimated ... and said ..."). Resolving that token to a
canonical name is `speakers.py`'s job; this module stays with tokens of one paragraph.

>>> from newsloom.stages.language import load_pipeline
>>> doc = load_pipeline()("Ruiz said in a statement that the bridge would reopen.")
>>> [(doc[a.speaker].text, cue_text(doc, a), a.venue, content_text(doc, a)) for a in find_attributions(doc)]
[('Ruiz', 'said in a statement', 'statement', 'the bridge would reopen')]
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

CLAUSE_VERBS = frozenset(
    ["say", "tell", "add", "note", "warn", "ask", "question", "reiterate", "claim", "signal", "announce", "hint", "suggest", "think", "estimate", "state", "explain", "insist", "argue", "report", "write", "tweet", "declare", "acknowledge", "admit", "deny", "confirm", "predict", "promise", "vow", "pledge", "believe", "caution", "complain", "contend", "recall", "reply", "respond", "testify", "allege", "assert", "charge", "concede", "conclude", "indicate", "maintain", "mention", "observe", "remark", "reveal", "stress", "emphasize", "emphasise", "threaten", "forecast", "agree", "advise", "boast", "joke", "speculate", "demand", "propose", "recommend", "assure", "inform", "fear", "find", "show", "lament", "predict", "counter", "retort", "repeat", "acknowledge", "disclose", "announce", "affirm", "argue", "comment", "muse", "quip", "recount", "brag"]
)
"""Verbs whose clausal complement is what was said (or, for a few like think and believe, held)."""

ACT_VERBS = frozenset(
    ["announce", "thank", "back", "echo", "praise", "criticize", "criticise", "condemn", "deny", "confirm", "reject", "highlight", "estimate", "reiterate", "propose", "demand", "cite", "welcome", "endorse", "defend", "attack", "slam", "blast", "accuse", "blame", "dismiss", "applaud", "question", "predict", "promise", "pledge", "vow"]
)
"""Speech acts whose object is the content ("thanked Biden for the systems", "echoed this sentiment")."""

APPEAL_VERBS = frozenset({"urge", "call", "ask", "tell", "encourage", "warn", "invite", "implore"})

NAMING_VERBS = frozenset({"call", "describe", "dub", "label", "brand", "term"})
"""Verbs that put a name on something ("called Machado 'disgusting'", "described it as 'an intentional act'"):
what they say is the object and the name."""

BARE_CUES = frozenset(
    """say tell add ask write tweet continue explain note reply respond recall argue insist warn joke quip
    declare state announce remark observe exclaim shout question claim conclude complain admit acknowledge
    concede muse boast caution counter retort repeat reiterate testify recount stress emphasize emphasise
    sing chant call describe""".split()
)
"""Cues that introduce a quote with no complement of their own ('"We won," she added.'). Verbs like
find, show or think are cues only with a reported clause: "the show" and "I think" are not attributions."""

COLON_LEAD_STOPWORDS = frozenset(
    "update note photo photos video watch read related editor advertisement opinion analysis exclusive breaking "
    "listen see also warning caption credit source sources correction q a".split()
)
"""Page furniture that opens a line with "Word:" without anyone speaking."""

MAX_COLON_LEAD = 5
"""Tokens a "Speaker: words" lead may take ("Pat Caddell:", "WALLACE:", "Sen. Ann Ruiz (D-Ore.):")."""
"""Verbs of appeal: "urged Zelensky to declare ...", "calling on Ukraine to liberate ..."."""

VENUES = {
    "address": "address",
    "speech": "address",
    "broadcast": "address",
    "statement": "statement",
    "release": "statement",
    "communique": "statement",
    "communiqué": "statement",
    "interview": "interview",
    "twitter": "Twitter",
    "tweet": "Twitter",
    "post": "Twitter",
    "facebook": "Facebook",
    "telegram": "Telegram",
    "instagram": "Instagram",
    "conference": "press conference",
    "briefing": "press conference",
}
"""Nouns of a cue's prepositional phrase that say where the words were said, and the venue they give."""

SUBJECT_DEPS = frozenset({"nsubj"})
NON_CONTENT = frozenset({"it", "this", "that", "so", "nothing", "something", "anything", "what", "which"})
"""Objects that only point at content elsewhere ("denied it", "said so"): no reported speech of their own."""


@dataclass(frozen=True)
class Attribution:
    """One speech cue in a paragraph's doc, by token index (`content` is [start, end) or None)."""

    verb: int
    cue: tuple[int, int]
    speaker: int | None
    content: tuple[int, int] | None
    venue: str | None
    kind: str
    """clause | act | appeal | source"""


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every speech cue of a parsed paragraph, in text order."""
    found = []
    lead = _colon_lead(doc)
    if lead is not None:
        found.append(lead)
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            attribution = _according_to(token)
        elif token.pos_ == "VERB" and (_is_cue_verb(token) or _introduces(token)):
            attribution = _verb_cue(token)
        else:
            attribution = None
        if attribution is not None:
            found.append(attribution)
    return found


def _introduces(verb: Token) -> bool:
    """A verb right before a colon introduces what follows ("Caddell continued:", "The Times reports:")."""
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return following is not None and following.text == ":" and any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _colon_lead(doc: Doc) -> Attribution | None:
    """ "Pat Caddell: Democrat voters worried ...", "WALLACE: Let's start ...": a name, a colon, the words."""
    colon = next((t for t in doc[: MAX_COLON_LEAD + 1] if t.text == ":"), None)
    if colon is None or colon.i == 0 or len(doc) - colon.i < 4:
        return None
    lead = doc[: colon.i]
    words = [t for t in lead if not t.is_punct]
    if not words or any(not t.text[:1].isupper() or t.pos_ not in {"PROPN", "NOUN"} for t in words):
        return None
    if len(words) == 1 and (words[0].lower_ in COLON_LEAD_STOPWORDS or len(words[0].text) < 2):
        return None
    content = _trim(list(doc[colon.i + 1 :]))
    return Attribution(colon.i, (colon.i, colon.i + 1), words[-1].i, content, None, "colon")


def cue_text(doc: Doc, attribution: Attribution) -> str:
    return doc[attribution.cue[0] : attribution.cue[1]].text


def content_text(doc: Doc, attribution: Attribution) -> str:
    if attribution.content is None:
        return ""
    return doc[attribution.content[0] : attribution.content[1]].text


def _according_to(according: Token) -> Attribution | None:
    to = according.doc[according.i + 1]
    source = next((t for t in to.children if t.dep_ == "pobj"), None)
    if source is None:
        return None
    clause = according.head
    outside = set(range(according.i, max(t.i for t in source.subtree) + 1))
    tokens = [t for t in clause.subtree if t.i not in outside]
    return Attribution(according.i, (according.i, to.i + 1), source.i, _trim(tokens), None, "source")


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _speaker_of(verb: Token, depth: int = 0) -> Token | None:
    """The cue's subject, or the one it shares with the verb or noun it hangs on."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in {"there"}]
    if subjects:
        # "26-year-old soldier Vitaliy told": of two subjects, the name is the speaker.
        return next((s for s in subjects if s.pos_ == "PROPN"), subjects[0])
    if depth > 2 or verb.head is verb:
        return None
    if verb.dep_ == "pcomp" and verb.head.head is not verb.head:
        # "before asking her, ...": the participle's subject is the one of the verb the preposition hangs on.
        return _speaker_of(verb.head.head, depth + 1)
    if verb.dep_ in {"advcl", "xcomp", "acl"} and verb.tag_ in {"VBG", "VBN"}:
        # "with a top official Saturday calling on ...": the noun right before a participle is its subject.
        previous = verb.i - 1
        while previous >= 0 and verb.doc[previous].ent_type_ in {"DATE", "TIME"}:
            previous -= 1
        if previous >= 0 and verb.doc[previous].pos_ in {"NOUN", "PROPN"}:
            return verb.doc[previous]
        if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            return verb.head
    if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    if verb.dep_ == "conj" and not _is_cue_verb(verb.head):
        # "Milley estimated that 20,000 are there and said ...": the parser hung "said" on the
        # reported clause; the subject is the speaker of the cue whose content holds it.
        outer = next((a for a in verb.ancestors if _is_cue_verb(a)), None)
        if outer is not None:
            return _speaker_of(outer, depth + 1)
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _speaker_of(verb.head, depth + 1)
    return None


def _is_cue_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in CLAUSE_VERBS | ACT_VERBS | APPEAL_VERBS | NAMING_VERBS


def _clause(verb: Token) -> list[Token]:
    """The reported clause of a speech verb: its ccomp, less any further cue joined to it by "and"."""
    tokens = []
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        cut = {t.i for c in clause.subtree if c.dep_ == "conj" and c is not clause and _is_cue_verb(c) for t in c.subtree}
        tokens += [t for t in clause.subtree if t.i not in cut]
        if cut:
            tokens = [t for t in tokens if t.i < min(cut) and not (t.dep_ == "cc" and t.i == min(cut) - 1)]
    if tokens:
        return tokens
    # "experts who have warned Russia's withdrawal could be a ploy": parsed as an object and a loose
    # verb; when a finite verb or modal follows the object, the clause runs on to the sentence end.
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if objects:
        after = max(t.i for t in objects[0].subtree) + 1
        doc = verb.doc
        if after < len(doc) and (doc[after].tag_ == "MD" or doc[after].tag_ in {"VBZ", "VBP", "VBD"}):
            return list(doc[objects[0].left_edge.i : verb.sent.end])
    return []


def _verb_cue(verb: Token) -> Attribution | None:
    if _is_passive(verb) or verb.dep_ in {"amod", "compound"}:
        return None
    lemma = verb.lemma_.lower()
    content, kind = None, "clause"
    if lemma in CLAUSE_VERBS:
        content = _trim(_clause(verb))
    if content is None and lemma in APPEAL_VERBS:
        content, kind = _appeal(verb), "appeal"
    if content is None and lemma in ACT_VERBS:
        content, kind = _act(verb), "act"
    if content is None and lemma in NAMING_VERBS and any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children):
        content, kind = _act(verb, need_object=False), "act"
    if content is None and lemma in CLAUSE_VERBS:
        # "claimed to have annexed", "promised to return": the infinitive is the claim.
        infinitives = [c for c in verb.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.lefts)]
        if infinitives:
            content, kind = _trim([t for c in infinitives for t in c.subtree]), "clause"
    speaker = _speaker_of(verb)
    if speaker is None or (content is None and lemma not in BARE_CUES and not _introduces(verb)):
        return None
    cue_start, cue_end, venue = _cue_phrase(verb)
    return Attribution(verb.i, (cue_start, cue_end), speaker.i if speaker is not None else None, content, venue, kind)


def _appeal(verb: Token) -> tuple[int, int] | None:
    """ "urged Zelensky to declare", "calling on Ukraine to liberate", "calls for Ukraine to liberate"."""
    parts = [c for c in verb.children if c.dep_ in {"dobj", "xcomp"}]
    parts += [c for c in verb.children if c.dep_ in {"prep", "prt"} and c.lower_ in {"on", "for", "upon"} and any(c.children)]
    parts += [c for c in verb.children if c.dep_ == "advcl" and any(m.lower_ == "for" for m in c.children if m.dep_ == "mark")]
    if not any(p.dep_ in {"xcomp", "advcl", "prep"} for p in parts):
        return None
    tokens = [t for p in parts for t in p.subtree if t.lower_ not in {"on", "for", "upon"} or t.head is not verb]
    return _trim(tokens)


def _act(verb: Token, need_object: bool = True) -> tuple[int, int] | None:
    """A speech act and what follows it: "thanked Biden for the systems", "echoed this sentiment and highlighted ..."."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if need_object and (not objects or all(o.lower_ in NON_CONTENT for o in objects)):
        return None
    rights = [c for c in verb.rights if c.dep_ not in {"punct", "cc"} and c.dep_ not in SUBJECT_DEPS]
    tokens = [verb] + [t for c in rights for t in c.subtree]
    return _trim(tokens)


def _trim(tokens: list[Token]) -> tuple[int, int] | None:
    """The contiguous [start, end) the tokens cover, without edge punctuation, quote marks and a leading "that"."""
    if not tokens:
        return None
    doc = tokens[0].doc
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    while start < end and (doc[start].is_punct or doc[start].is_space or (doc[start].lower_ == "that" and doc[start].dep_ == "mark")):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    words = [t for t in doc[start:end] if not t.is_punct]
    if not words or (len(words) == 1 and words[0].lower_ in NON_CONTENT):
        return None
    return start, end


def _cue_phrase(verb: Token) -> tuple[int, int, str | None]:
    """The cue's words: perfect "has", the verb, its particle, "told AFP", and a venue phrase ("in a statement")."""
    doc = verb.doc
    start = verb.i
    while start > 0 and doc[start - 1].dep_ == "aux" and doc[start - 1].lemma_ == "have" and doc[start - 1].head is verb:
        start -= 1
    end = verb.i + 1
    venue = None
    for child in verb.rights:
        reach = None  # where the cue would end if this child joins it
        if child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ in {"on", "for", "to"} and verb.lemma_ in {"call", "point"}):
            reach = child.i + 1
        elif verb.lemma_ == "tell" and child.dep_ in {"dobj", "dative"} and child.pos_ in {"PROPN", "NOUN"}:
            reach = child.i + 1
            if child.ent_type_ == "ORG":  # "told AFP": an outlet interviewed the speaker
                venue = venue or "interview"
        elif child.dep_ == "prep" and child.lower_ in {"in", "on", "during", "at", "via", "through"}:
            place = next((c for c in child.children if c.dep_ == "pobj"), None)
            found = place is not None and (VENUES.get(place.lemma_.lower()) or VENUES.get(place.text.lower()))
            if found:
                venue = venue or found
                reach = max(t.i for t in child.subtree) + 1
        gap = doc[end : child.i]
        if reach is not None and all(t.ent_type_ in {"DATE", "TIME"} or t.dep_ in {"advmod", "npadvmod"} for t in gap):
            end = max(end, reach)
    return start, end, venue
