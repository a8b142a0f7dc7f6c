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

LEMMA_FIXES = {"hop": "hope", "retweete": "retweet"}
"""Lemmas the small model gets wrong for news verbs: "hoped" -> "hop" (it missed every "hoped that" and
"hoped to" before this table), "retweeted" -> "retweete"."""


def lemma(token: Token) -> str:
    """The token's lower-case lemma, corrected where the model is known to slip (LEMMA_FIXES)."""
    word = token.lemma_.lower()
    return LEMMA_FIXES.get(word, word)


def lexicon(words: str) -> frozenset[str]:
    """A word list written as text, one word per space: easier to read and review than a literal."""
    return frozenset(words.split())


CLAUSE_VERBS = lexicon(
    """
    acknowledge add admit advise affirm agree allege announce argue ask assert assure believe boast brag
    caution charge claim comment complain concede conclude confirm contend counter declare demand deny
    disclose emphasise emphasize estimate explain fear find forecast hint indicate inform insist joke
    lament maintain mention muse note observe pledge point predict promise propose question quip recall
    recommend recount reiterate remark repeat reply report respond retort reveal say show signal
    speculate state stress suggest tell testify think threaten tweet vow warn write
    know worry feel understand consider doubt
    hope expect want rule
    wonder read imply recognize demonstrate post remind
    seek aim convince
    suspect proclaim clarify answer interject decide vote
    shout yell scream
    """
)
"""Verbs whose clausal complement is what was said, held (think, believe, know, worry) or hoped for
(hope, expect, want), or ruled (a court, a referee): PolNeAR and the seeds gold count a stated belief as
an attribution. A body's decision or vote is its stated position ("the panel voted to hold him in
contempt", "decided to") and counts, as in PolNeAR. Plans and refusals ("Russia plans to withdraw",
"declined to comment") are acts, not statements, and stay out: the seeds gold leaves "plans" out, and
decline and refuse lowered PolNeAR dev F1.

How the lists grew: every (verb, complement) pair counted on PolNeAR's *training* split, kept where the
pair is an attribution cue at least about half the time there (wonder 0.47, imply 0.60, read 0.76 with
a clause), then checked on the dev split and on our own example gold, where a verb that reported
mostly deeds ("declared two days of mourning", "ordered him to surrender", "called off a march") was
left out. `.notes/polnear-cues.md` has the counts."""

ACT_VERBS = lexicon(
    """
    accuse announce applaud attack back blame blast cite condemn confirm criticise criticize defend
    demand deny dismiss echo endorse estimate highlight pledge praise predict promise propose question
    reiterate reject slam thank vow welcome
    mention discuss offer support oppose
    liken compare
    acknowledge chide congratulate credit decry denounce describe detail emphasise emphasize
    hail lament list mock note portray rebut recall recount reference report reveal state stress tout
    urge explain prefer repeat quote deem fear invoke disclose argue express
    underscore disavow rebuke articulate characterize assail dispute outline bemoan repudiate reaffirm
    downplay deride lambast savage bash herald pronounce recite hammer request justify call
    """
)
"""Speech acts whose object is the content ("thanked Biden for the systems", "echoed this sentiment",
"touted his record", "denounced the ruling"); the last three lines came from PolNeAR's training split as
CLAUSE_VERBS did (tout with an object is a cue 0.88 of the time there, denounce 0.74, list 0.90)."""

APPEAL_VERBS = frozenset({"ask", "call", "encourage", "implore", "invite", "tell", "urge", "warn", "persuade", "press", "challenge"})
"""Verbs of appeal: "urged Zelensky to declare ...", "calling on Ukraine to liberate ..."."""

TOPIC_VERBS = frozenset({"boast", "brag", "comment", "complain", "joke", "speak", "talk", "testify", "tweet", "warn", "write", "ask"})
"""Verbs of talking about something: "complained about his microphone", "spoke of Clinton's health"."""

TOPIC_PREPOSITIONS = {"about", "of", "on"}
"""The prepositions that say what any topic verb is about."""

PREPOSITION_CUES = {
    "point": {"to"},
    "refer": {"to"},
    "rail": {"against"},
    "warn": {"against"},
    "hint": {"at"},
    "vouch": {"for"},
    "apologize": {"for"},
    "apologise": {"for"},
    "advocate": {"for"},
    "argue": {"for", "against"},
    "lash": {"at"},
    "push": {"for"},
    "charge": {"with"},
    "distance": {"from"},
    "side": {"with"},
    "attribute": {"to"},
    "respond": {"to"},
    "allude": {"to"},
    "balk": {"at"},
    "plead": {"for"},
    "caution": {"against"},
    "worry": {"about"},
    "reflect": {"on"},
    "dwell": {"on"},
    "touch": {"on"},
}
"""Cues whose content is the object of one preposition: "referred to the audit", "railed against the
plan", "hinted at talks". Each pair is a cue at least half the time in PolNeAR's training split (the
counts are in the notes); the dev split is kept for scoring."""

NAMING_VERBS = frozenset({"brand", "call", "describe", "dub", "label", "term", "see", "view", "regard", "cast", "portray", "paint", "deem", "characterize", "frame", "present", "bill"})
"""Verbs that put a name on something ("called Machado 'disgusting'", "described it as 'an intentional act'",
"views the treaty as a trap"): what they say is the object and the name. See, view and regard count only
with their "as" (PolNeAR training split: "see X as" is a cue 0.47 of the time, "see X" far less)."""

BARE_CUES = lexicon(
    """
    acknowledge add admit announce argue ask boast call caution chant claim complain concede conclude
    continue counter declare describe emphasise emphasize exclaim explain insist joke muse note observe
    question quip recall recount reiterate remark repeat reply respond retort say scream shout sing state
    stress tell testify tweet warn write yell
    """
)
"""Cues that introduce a quote with no complement of their own ('"We won," she added.'). Verbs like
find, show or think are cues only with a reported clause: "the show" and "I think" are not attributions."""

COLON_LEAD_STOPWORDS = lexicon(
    """
    a advertisement also analysis breaking caption clarification correction credit editor exclusive listen note
    opinion photo photos q read related see source sources update video warning watch
    """
)
"""Page furniture that opens a line with "Word:" without anyone speaking."""

CLAIM_NOUNS = lexicon(
    """
    claim statement assertion allegation warning promise pledge suggestion argument accusation insistence
    belief view comment remark charge contention assurance prediction estimate admission
    report announcement finding conclusion
    """
)
"""Nouns that carry what someone said in a that-clause: "Trump's claim that there have been thousands"."""

MAX_COLON_LEAD = 5
"""Tokens a "Speaker: words" lead may take ("Pat Caddell:", "WALLACE:", "Sen. Ann Ruiz (D-Ore.):")."""

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

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
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
    """clause | act | appeal | source (according to) | colon ("WALLACE: ...") | signature ("― Name")"""


def find_attributions(doc: Doc, headline: bool = False) -> list[Attribution]:
    """Every speech cue of a parsed paragraph, in text order (`headline`: the paragraph is a title)."""
    found = []
    lead = colon_lead(doc, headline)
    if lead is not None:
        found.append(lead)
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            attribution = _according_to(token)
        elif token.pos_ == "VERB" and (_is_cue_verb(token) or _introduces(token) or _beside_quote(token) or lemma(token) in STANCE_VERBS):
            attribution = _verb_cue(token)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in CLAIM_NOUNS:
            attribution = _noun_cue(token)
        else:
            attribution = None
        if attribution is not None:
            found.append(attribution)
    return found


def _beside_quote(verb: Token) -> bool:
    """A bare cue set against a quote mark: 'She continued, "For us ..."', '"Never," the crowd chanted.'

    Verbs such as continue, chant or sing say nothing about speech on their own; next to a quote they do.
    """
    if lemma(verb) not in BARE_CUES:
        return False
    doc = verb.doc
    after = doc[verb.i + 1 : verb.i + 3]
    before = doc[max(0, verb.i - 3) : verb.i]
    return (len(after) == 2 and after[0].text in {",", ":"} and after[1].is_quote) or any(t.is_quote for t in before)


def _introduces(verb: Token) -> bool:
    """A verb right before a colon introduces what follows ("Caddell continued:", "The Times reports:")."""
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return following is not None and following.text == ":" and any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def colon_lead(doc: Doc, headline: bool = False) -> Attribution | None:
    """ "Pat Caddell: Democrat voters worried ...", "WALLACE: Let's start ...": a name, a colon, the words.

    In a headline the lead is the source whatever the model tags it ("Sanders: Clinton needs to ...",
    "Poll: Clinton and Trump in dead heat"): Title Case leaves the small model guessing at names.
    """
    opening = 0
    while opening < min(len(doc), 2) and doc[opening].is_quote:
        opening += 1  # a transcript's line printed inside quote marks: '"WALLACE: Let's start ...'
    colon = next((t for t in doc[opening : opening + MAX_COLON_LEAD + 1] if t.text == ":"), None)
    if colon is None or colon.i == opening or len(doc) - colon.i < 4:
        return None
    lead = doc[opening : colon.i]
    words = [t for t in lead if not t.is_punct]
    if not words or any(not t.text[:1].isupper() or t.pos_ not in {"PROPN", "NOUN"} for t in words):
        return None
    if len(words) == 1 and (words[0].lower_ in COLON_LEAD_STOPWORDS or len(words[0].text) < 2):
        return None
    # a name, or a transcript's upper-case surname; a headline's "Stealth Over Health:" is neither
    if not (headline or words[-1].ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or (len(words) == 1 and words[0].text.isupper())):
        return None
    content = _trim(list(doc[colon.i + 1 :]))
    return Attribution(colon.i, (colon.i, colon.i + 1), words[-1].i, content, None, "colon")


def cue_text(doc: Doc, attribution: Attribution) -> str:
    return doc[attribution.cue[0] : attribution.cue[1]].text


def content_text(doc: Doc, attribution: Attribution) -> str:
    """The content's words; a cue set inside it ("The museum, Mr. Obama said, would ...") is left out."""
    if attribution.content is None:
        return ""
    start, end = attribution.content
    if start <= attribution.cue[0] < end:
        group = _parenthetical(doc, attribution)
        if group is not None:
            return (doc[start : group[0]].text_with_ws.rstrip(" ,") + " " + doc[group[1] : end].text).strip()
    return doc[start:end].text


def _parenthetical(doc: Doc, attribution: Attribution) -> tuple[int, int] | None:
    """[start, end) of ", Mr. Obama said," inside a content, commas included."""
    left = attribution.speaker if attribution.speaker is not None and attribution.speaker < attribution.verb else attribution.cue[0]
    left = min(left, doc[left].left_edge.i)
    right = attribution.cue[1]
    if left > 0 and doc[left - 1].text == "," and right < len(doc) and doc[right].text == ",":
        return left - 1, right + 1
    return None


def _according_to(according: Token) -> Attribution | None:
    to = according.doc[according.i + 1]
    source = next((t for t in to.children if t.dep_ == "pobj"), None)
    if source is None:
        return None
    clause = according.head
    last = max(t.i for t in source.subtree)
    before = [t for t in clause.subtree if t.i < according.i]
    after = [t for t in clause.subtree if t.i > last]
    # "Traffic will resume, according to X." or "According to X, traffic will resume."
    tokens = before if len(before) >= len(after) else after
    return Attribution(according.i, (according.i, to.i + 1), source.i, _trim(tokens), None, "source")


def _noun_cue(noun: Token) -> Attribution | None:
    """ "Trump's claim that ...", "a warning by the ministry that ...": the owner said the that-clause."""
    clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp"} and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
    if clause is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if owner is None:
        # "a Lindau Courier report that ...": the name in front of the noun made it
        owner = next((c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if owner is None or owner.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    return Attribution(noun.i, (noun.i, noun.i + 1), owner.i, _trim(list(clause.subtree)), None, "clause")


def _is_passive(verb: Token) -> bool:
    """ "was told", "is said": an auxiliary makes a passive; a lone nsubjpass is a parser slip ("medic Ilya told").

    A bare participle set before a comma ("Asked about the device, Vik said ...") is passive too.
    """
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in {"advcl", "acl"} and not any(c.dep_ == "aux" for c in verb.children)


def _speaker_of(verb: Token, depth: int = 0) -> Token | None:
    """The cue's subject, or the one it shares with the verb or noun it hangs on."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in {"there"}]
    # '"My reaction, that was outrageous," the strategist said': the quoted words parsed as a second subject
    if len(subjects) > 1:
        subjects = [c for c in subjects if not _inside_marks(verb.doc, verb.sent.start, c.i)] or subjects
    if subjects:
        # "26-year-old soldier Vitaliy told": of two subjects, the name is the speaker.
        return next((s for s in subjects if s.pos_ == "PROPN"), subjects[0])
    if depth > 2 or verb.head.i == verb.i:
        return None
    if verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i:
        # "before asking her, ...": the participle's subject is the one of the verb the preposition hangs on.
        return _speaker_of(verb.head.head, depth + 1)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == "," and not _is_cue_verb(verb.head):
        # "said factors have contributed to its appeal, citing the border": the parser hung the
        # participle on the reported clause; it is the reporting speaker's, as in the conj case below.
        outer = next((a for a in verb.ancestors if _is_cue_verb(a) and a.i < verb.i), None)
        if outer is not None:
            return _speaker_of(outer, depth + 1)
    if verb.dep_ in {"advcl", "xcomp", "acl"} and verb.tag_ in {"VBG", "VBN"}:
        # "with a top official Saturday calling on ...": the noun right before a participle is its subject.
        previous = verb.i - 1
        while previous >= 0 and verb.doc[previous].ent_type_ in {"DATE", "TIME"}:
            previous -= 1
        noun = verb.doc[previous] if previous >= 0 and verb.doc[previous].pos_ in {"NOUN", "PROPN"} else None
        if noun is None and verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            noun = verb.head
        if noun is not None and noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.lower_ != "with" and noun.head.head.pos_ == "VERB":
            # "she said at a news conference announcing ...": an occasion does not speak; who spoke there does
            return _speaker_of(noun.head.head, depth + 1)
        if noun is not None:
            return noun
    if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    if verb.dep_ == "conj" and not _is_cue_verb(verb.head):
        # "Milley estimated that 20,000 are there and said ...": the parser hung "said" on the
        # reported clause; the subject is the speaker of the cue whose content holds it.
        outer = next((a for a in verb.ancestors if _is_cue_verb(a)), None)
        if outer is not None:
            return _speaker_of(outer, depth + 1)
    if verb.dep_ == "xcomp" and any(a.lower_ == "to" for a in verb.lefts):
        # "forced Stumpf to admit", "urged Kim to resume talks": who is made to speak is the object
        controller = next((c for c in verb.head.children if c.dep_ in {"dobj", "dative"} and c.i < verb.i), None)
        if controller is not None and controller.pos_ in {"PROPN", "NOUN", "PRON"}:
            return controller
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _speaker_of(verb.head, depth + 1)
    return None


CUE_VERBS = CLAUSE_VERBS | ACT_VERBS | APPEAL_VERBS | NAMING_VERBS | TOPIC_VERBS | frozenset(PREPOSITION_CUES)


def _is_cue_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and lemma(token) in CUE_VERBS


def _clause(verb: Token) -> list[Token]:
    """The reported clause of a speech verb: its ccomp, less a further speech cue joined to it by "and".

    "Milley estimated that 20,000 are there and said ..." stops before "and said", as does "... and,
    pressed, the mother replied"; "said the videos were inconclusive and that the footage did not
    show ..." keeps its second clause (showing is not speaking).
    """
    tokens = []
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if any(c.i > verb.i for c in clauses):
        # "Writing for the panel that agreed X won, Vik noted that ...": what he noted follows the cue
        clauses = [c for c in clauses if c.i > verb.i]
    for clause in clauses:
        cut = {
            t.i
            for c in clause.subtree
            if c.i != clause.i and _is_cue_verb(c) and c.i > verb.i
            and (
                (c.dep_ == "conj" and lemma(c) in BARE_CUES)
                # "said the plan was sound, citing the audit": a second cue of the same speaker
                or (c.dep_ in {"advcl", "conj"} and c.tag_ == "VBG" and not any(s.dep_ in SUBJECT_DEPS for s in c.children))
            )
            for t in c.subtree
        }
        tokens += [t for t in clause.subtree if t.i not in cut and (clause.i < verb.i or t.i > verb.i)]
        if cut:
            tokens = [t for t in tokens if t.i < min(cut) and not (t.dep_ == "cc" and t.i == min(cut) - 1)]
        # "warned the levee could be breached": the clause's subject parsed as the cue's object
        # (not "told the audience that ...", where "that" opens the clause and the object is the listener)
        for thing in (c for c in verb.children if c.dep_ == "dobj"):
            if max(t.i for t in thing.subtree) + 1 == clause.left_edge.i and clause.left_edge.lower_ != "that":
                tokens += list(thing.subtree)
    if tokens:
        return tokens + _continued(verb, clauses, max(t.i for t in tokens))
    # "said after the meeting he would resign": a clause with its own subject and no conjunction of
    # its own ("if", "when") that the parser hung on the verb as an adverbial clause.
    for clause in (c for c in verb.rights if c.dep_ == "advcl"):
        if any(s.dep_ in SUBJECT_DEPS for s in clause.children) and not any(m.dep_ == "mark" for m in clause.children):
            return [t for t in clause.subtree if t.i > verb.i]
    # "experts who have warned Russia's withdrawal could be a ploy": parsed as an object and a loose
    # verb; when a finite verb or modal follows the object, the clause runs on to the sentence end.
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if objects:
        after = max(t.i for t in objects[0].subtree) + 1
        doc = verb.doc
        if after < len(doc) and (doc[after].tag_ == "MD" or doc[after].tag_ in {"VBZ", "VBP", "VBD"}):
            return list(doc[objects[0].left_edge.i : verb.sent.end])
    return []


def _continued(verb: Token, clauses: list[Token], last: int) -> list[Token]:
    """A second reported clause the parser joined to the cue rather than to the first one: "Ruiz says she
    hopes to win, but she knows that ..." goes on while the subject stays the reported clause's ("she" ...
    "she"); "Republicans said they were convinced and Democrats accused ..." stops at a new subject."""
    subjects = {s.lower_ for c in clauses for s in c.children if s.dep_ in SUBJECT_DEPS}
    more: list[Token] = []
    for conj in (c for c in verb.rights if c.dep_ == "conj" and c.i > last):
        own = [s for s in conj.children if s.dep_ in SUBJECT_DEPS]
        if not own or own[0].lower_ not in subjects or own[0].i < last:
            break
        more += [t for t in verb.doc[last + 1 : conj.left_edge.i] if t.dep_ in {"cc", "punct"} and t.head.i == verb.i]
        more += list(conj.subtree)
        last = max(t.i for t in conj.subtree)
    return more


OTHER_VERBS = {"call": {"off", "up", "in"}}
"""Particles that make a cue verb another verb: "called off the march", "called up reservists"."""


def _verb_cue(verb: Token) -> Attribution | None:
    if _is_passive(verb) or verb.dep_ in {"amod", "compound"}:
        return None
    if any(c.dep_ == "prt" and c.lower_ in OTHER_VERBS.get(lemma(verb), ()) for c in verb.children):
        return None
    word = lemma(verb)
    content, kind = None, "clause"
    stance = _stance(verb)
    if stance is not None:
        content, kind = stance[0], "act"
    if content is None and word in CLAUSE_VERBS:
        content = _to_semicolon(verb, _trim(_clause(verb)))
    if content is None and word in APPEAL_VERBS:
        content, kind = _appeal(verb), "appeal"
    if content is None and word in ACT_VERBS:
        content, kind = _act(verb), "act"
    if content is None and (word in TOPIC_VERBS or word in PREPOSITION_CUES):
        prepositions = (TOPIC_PREPOSITIONS if word in TOPIC_VERBS else set()) | PREPOSITION_CUES.get(word, set())
        topic = next(
            (
                c for c in verb.children
                if c.dep_ == "prep" and c.lower_ in prepositions
                and not any(o.ent_type_ in {"DATE", "TIME", "GPE", "LOC", "FAC"} for o in c.children if o.dep_ == "pobj")
            ),
            None,
        )
        if topic is not None:
            content, kind = _trim([t for c in topic.children if c.dep_ == "pobj" for t in c.subtree]), "act"
    if content is None and word in NAMING_VERBS and any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children):
        content, kind = _act(verb, need_object=False), "act"
    if content is None and word in CLAUSE_VERBS:
        # "claimed to have annexed", "promised to return": the infinitive is the claim.
        infinitives = [c for c in verb.children if c.dep_ == "xcomp" and (c.tag_ == "VBG" or any(a.lower_ == "to" for a in c.lefts))]
        if infinitives:
            content, kind = _trim([t for c in infinitives for t in c.subtree]), "clause"
    if content is None and word in BARE_CUES and word in CUE_VERBS:
        content = _around(verb)  # "continued" or "sang" beside a quote cue it, and report nothing of their own
    speaker = _speaker_of(verb)
    if speaker is None or (content is None and word not in BARE_CUES and not _introduces(verb)):
        return None
    if content is not None and content[0] >= verb.i:
        content = _without_writer_tail(verb.doc, content, relatives=content[0] == verb.i)
    cue_start, cue_end, venue = _cue_phrase(verb)
    if stance is not None:
        cue_end = max(cue_end, stance[1])
    return Attribution(verb.i, (cue_start, cue_end), speaker.i if speaker is not None else None, content, venue, kind)


STANCE_VERBS = lexicon("express voice raise register offer")
STANCE_NOUNS = lexicon(
    """
    concern concerns worry worries fear fears doubt doubts misgiving misgivings reservation reservations
    question questions support opposition frustration anger outrage dismay disappointment skepticism
    scepticism confidence optimism hope hopes praise criticism sympathy condolences regret alarm disdain
    """
)
"""Stances a speaker expresses about something: "expressed concern about the policy", "voiced support
for the plan", "raised questions over the deal". What they are about is the content."""

STANCE_PREPOSITIONS = frozenset({"about", "over", "for", "with", "at", "on", "toward", "towards", "regarding"})


def _stance(verb: Token) -> tuple[tuple[int, int] | None, int] | None:
    """(content, end of the cue) of "expressed deep concern about the policy" (the cue runs to "about"),
    or of "expressed concern that fraud could rise" (to "concern"); None for any other verb."""
    if lemma(verb) not in STANCE_VERBS:
        return None
    noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in STANCE_NOUNS), None)
    if noun is None:
        return None
    # the parser hangs "about the policy" on the noun or on the verb after it
    for child in [*noun.rights, *(c for c in verb.rights if c.i > noun.i)]:
        if child.dep_ == "prep" and child.lower_ in STANCE_PREPOSITIONS:
            objects = [t for c in child.children if c.dep_ in {"pobj", "pcomp"} for t in c.subtree]
            if objects:
                return _trim(objects), child.i + 1
        if child.dep_ in {"acl", "ccomp"} and any(m.lower_ == "that" and m.dep_ == "mark" for m in child.children):
            return _trim(list(child.subtree)), noun.i + 1
    return None


def _around(verb: Token) -> tuple[int, int] | None:
    """The sentence around a cue set off by commas: "The museum, Mr. Obama said, would make visitors ..."

    Also a cue that ends its sentence after a comma ("An acre of trees can convert 156 tons, Mr. Van
    Voorhis said."): the parser then often hangs the statement on the cue as something other than a
    complement. Quoted statements are left to the quote records by the caller.
    """
    doc, sentence = verb.doc, verb.sent
    group = [verb, *(t for c in verb.children if c.dep_ in SUBJECT_DEPS | {"aux", "neg", "advmod", "npadvmod"} for t in c.subtree)]
    left, right = min(t.i for t in group), max(t.i for t in group) + 1
    before = doc[left - 1] if left > sentence.start else None
    after = doc[right] if right < sentence.end else None
    if before is None or before.text != ",":
        return None
    if after is not None and after.text == ",":
        if right + 1 < sentence.end and doc[right + 1].is_quote:
            return None  # 'Asked about it, Vik said, "Not now."': the quote is what he said
        # "the stadium, which, Vik said, is full on game days": the clause the cue interrupts
        scope = verb.head.subtree if verb.dep_ == "parataxis" and verb.head.dep_ in {"relcl", "ccomp", "advcl"} else sentence
        outside = [t for t in scope if t.i < left - 1 or t.i > right]
    elif after is None or after.text in {".", "!", "?"}:
        outside = [t for t in sentence if t.i < left - 1]
    else:
        return None
    return _trim(outside) if len([t for t in outside if not t.is_punct]) >= 3 else None


def _appeal(verb: Token) -> tuple[int, int] | None:
    """ "urged Zelensky to declare", "calling on Ukraine to liberate", "calls for Ukraine to liberate"."""
    parts = [c for c in verb.children if c.dep_ in {"dobj", "xcomp"}]
    parts += [c for c in verb.children if c.dep_ in {"prep", "prt"} and c.lower_ in {"on", "for", "upon"} and any(c.children)]
    parts += [c for c in verb.children if c.dep_ == "advcl" and any(m.lower_ == "for" for m in c.children if m.dep_ == "mark")]
    if not any(p.dep_ in {"xcomp", "advcl", "prep"} for p in parts):
        return None
    tokens = [t for p in parts for t in p.subtree if t.lower_ not in {"on", "for", "upon"} or t.head.i != verb.i]
    return _trim(tokens)


def _act(verb: Token, need_object: bool = True) -> tuple[int, int] | None:
    """A speech act and what it is about: "thanked Biden for the systems", "echoed this sentiment and highlighted ...".

    The object, its complements and a joined second act; not where or when ("in tweets", "on Friday").
    """
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if need_object and (not objects or all(o.lower_ in NON_CONTENT for o in objects)):
        return None
    keep = [
        c for c in verb.rights
        if c.dep_ in {"dobj", "oprd", "dative", "xcomp", "ccomp"} or (c.dep_ == "prep" and c.lower_ in {"for", "as", "to", "of"})
        # "and called for ...": a second cue is an attribution of its own; "backed X and pointed to Y" goes on
        or (c.dep_ == "conj" and (not _is_cue_verb(c) or lemma(c) in PREPOSITION_CUES))
    ]
    if not keep:
        return None
    return _trim([verb, *(t for c in keep for t in c.subtree)])


CONCESSIVE_MARKS = frozenset({"although", "though", "while", "whereas"})


def _without_writer_tail(doc: Doc, content: tuple[int, int], relatives: bool = True) -> tuple[int, int]:
    """A content less what the writer adds at its end after a comma: a relative clause on the object of a
    speech act (`relatives`: "endorsed Trump, who says he is honored"), an apposition ("in partnership
    with NATO, the alliance that ..."), or a concession ("said paying no tax was smart, although he
    refused to ..."). The speaker's words stop before it. A reported clause keeps a relative clause at its
    end ("wrote that Trump had claimed a loss, which could have allowed him ...": PolNeAR dev +0.0007 over
    cutting it too), and one inside the content ("the bridge, which opened in 1990, would close") stays.
    """
    start, end = content
    for i in range(start + 1, end - 1):
        if doc[i].text != "," or _inside_marks(doc, start, i):
            continue
        after = doc[i + 1]
        relative = relatives and after.lower_ in {"who", "which", "whose", "whom"} and after.head.dep_ == "relcl"
        concession = after.lower_ in CONCESSIVE_MARKS and after.dep_ == "mark"
        if relative or concession:
            addition = after.head
        else:
            addition = next((t for t in doc[i + 1 : end] if t.dep_ == "appos" and t.left_edge.i == i + 1 and t.head.i < i), None)
        if addition is not None and max(t.i for t in addition.subtree) >= end - 1 - (doc[end - 1].is_punct):
            return content if i - start < 2 else (start, i)
    return content


def _inside_marks(doc: Doc, start: int, i: int) -> bool:
    """An odd number of quote marks between `start` and `i`: `i` sits inside a quotation."""
    return sum(t.is_quote for t in doc[start:i]) % 2 == 1


def _to_semicolon(verb: Token, content: tuple[int, int] | None) -> tuple[int, int] | None:
    """A reported clause after its cue ends at a semicolon outside quote marks: "said the timing was
    an accident; the committee learned of it on Friday" reports the first clause only."""
    if content is None or content[0] < verb.i:
        return content
    doc, marks = verb.doc, 0
    for i in range(content[0], content[1]):
        marks += doc[i].is_quote
        if doc[i].text == ";" and marks % 2 == 0:
            return _trim(list(doc[content[0] : i]))
    return content


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
    while start > 0 and doc[start - 1].dep_ == "aux" and doc[start - 1].lemma_ == "have" and doc[start - 1].head.i == verb.i:
        start -= 1
    end = verb.i + 1
    venue = None
    for child in verb.rights:
        reach = None  # where the cue would end if this child joins it
        if child.dep_ == "prt" or (
            child.dep_ == "prep"
            and ((child.lower_ in {"on", "for", "to"} and verb.lemma_ in {"call", "point"}) or child.lower_ in PREPOSITION_CUES.get(lemma(verb), ()))
        ):
            reach = child.i + 1
        elif verb.lemma_ == "tell" and child.dep_ in {"dobj", "dative"} and child.pos_ in {"PROPN", "NOUN"}:
            reach = child.i + 1
            if child.ent_type_ == "ORG" or (child.pos_ == "PROPN" and child.ent_type_ not in {"PERSON", "GPE", "NORP"}):
                # "told AFP", "told MPA": an outlet interviewed the speaker ("told Smith" or "told reporters" is no venue)
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
