"""Stage 4: flag each claim and label each group, always with a reason.

Claims (one sentence each) are marked by transparent rules whose reason
quotes the words that triggered them, so a student can check each flag in
the sentence itself (lexicons in `_lexicon.py`):

- attributed: a named speaker or outlet with a reporting verb, a quote with
  its speaker (in the sentence or the context before it), "according to X";
  the speaker is recorded and whether it is named or anonymous;
- unsupported: an assertion that stands on nothing a reader can check: vague
  attribution and weasel words ("reports suggest", "many facts indicate",
  "it is believed"), an unsourced estimate ("at least $200 billion"),
  certainty about the future ("will almost certainly"), or a point presented
  as beyond doubt ("undoubtedly"); a named or anonymous attribution lifts it;
- hedged: the sentence itself states uncertainty (may, could, likely ...);
- opinion: a recommendation or obligation ("the West must ...") or an
  evaluation ("one of the finest").

Groups are agreement, divergence (naming the point on which two voices
differ: figures with what they count, dates and times of one event, titles and
party labels, the wording of a quote, who did what; see diverge.py) or
single-source, counting independent voices only: the same author or outlet,
or a copy republished from another document of the corpus, is one voice.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from . import _cache, diverge
from . import _lexicon as lex
from ._parallel import ordered_map
from .models import (
    FLAG_ATTRIBUTED,
    FLAG_HEDGED,
    FLAG_OPINION,
    FLAG_UNSUPPORTED,
    Alignment,
    AssessedClaim,
    AssessedGroup,
    Assessment,
    Claim,
    ClaimGroup,
    SegmentedDocument,
    Sentence,
    SourceMeta,
    pair_key,
)
from .segment import ends_with_title
from .settings import (
    ASSESS_ACTION_MIN_SHARED_WORDS,
    ASSESS_ACTION_TARGET_WORDS,
    ASSESS_AFTER_CHARS,
    ASSESS_AGENT_VARIANT_RATIO,
    ASSESS_APPROXIMATOR_WINDOW,
    ASSESS_COPY_MIN_RATIO,
    ASSESS_DATE_EVENT_WINDOW,
    ASSESS_DATE_MIN_SHARED_WORDS,
    ASSESS_LEAD_IN_CHARS,
    ASSESS_MIN_QUOTE_WORDS,
    ASSESS_MODEL_MIN_PROBABILITY,
    ASSESS_NEGATION_SCOPE_WORDS,
    ASSESS_PARALLEL_MIN_CLAIMS,
    ASSESS_SPEAKER_GAP_CHARS,
    DIVERGE_COPY_MIN_SHARE,
    DIVERGENCE_SAME_EVENT_MIN_MATCH,
    MATCH_MIN_LATIN_SHARE,
)

_NAME = r"(?:[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|the|de|von|van|al|bin)){0,5})"
_ROLE = (
    r"(?:the|this|that)\s+(?:[\w-]+\s+){0,3}?(?:expert|publication|newspaper|president|"
    r"minister|head\s+of\s+(?:state|the\s+\w+(?:\s+\w+)?)|author|analyst|official|"
    r"spokes(?:man|woman|person)|leader|chancellor|secretary|ambassador|general|commander|"
    r"report|study|survey|ministry|agency|outlet|paper|magazine|professor|researcher|"
    r"governor|mayor|chief|envoy|diplomat|king|prime\s+minister|kremlin|pentagon)"
)
_AUX = r"(?:(?:has|have|had|also|repeatedly|recently|publicly|once|already|then|later|"
_AUX += r"earlier|further|separately|openly|explicitly|previously|reportedly)\s+)*"
_SPEAKER_BEFORE_VERB = re.compile(
    rf"(?P<who>{_NAME}|{_ROLE}|\b(?:he|she|they)\b)"
    rf"(?:\s*,[^,;]{{0,{ASSESS_SPEAKER_GAP_CHARS}}},|\s*\([^()]{{0,{ASSESS_SPEAKER_GAP_CHARS}}}\)"
    # an aside between press dashes: "Barbara Blaine -- president of SNAP -- says",
    # or the dash that closes the aside the name stands in: "others -- such as
    # Barbara Blaine, president of SNAP -- say" (not a passive aside: "Jong Un --
    # said to be a common name --", "a lightsaber -- said to be a still")
    rf"|\s*(?:--|[—–])(?:(?!--)[^—–;]){{0,{ASSESS_SPEAKER_GAP_CHARS}}}(?:--|[—–])"
    rf"|(?:\s*,[^,;—–]{{0,{ASSESS_SPEAKER_GAP_CHARS}}}?)?\s*(?:--|[—–])(?!\s+\w+\s+to\b))?"
    rf"\s+{_AUX}(?P<verb>{lex.REPORTING_VERBS})\b(?!\s+(?:by|as)\b)",
)
_VERB_BEFORE_SPEAKER = re.compile(
    rf"[,”\"]\s*(?:and\s+)?(?:also\s+)?(?P<verb>{lex.REPORTING_VERBS}|"
    rf"{lex.INVERTED_ONLY_VERBS})\s+(?P<who>{_NAME}|{_ROLE})",
)
_ACCORDING_TO = re.compile(
    r"\baccording\s+to\s+(?P<who>(?:(?<![A-Za-z])(?:[A-Z]\.){2,}|[^,.;:!?“”\"]){2,80})",
    re.IGNORECASE)
_DETERMINER = r"(?i:an?|the|one|two|three|several|this|that|its|his|her|their)"
_PHRASE_WORDS = r"(?:[\w.'’&-]+\s+){0,4}?"
#: "a senior administration official said", "one of the aides told CNN",
#: "a person familiar with her plans": a speaker with no name.
_UNNAMED_SPEAKER = re.compile(
    rf"(?P<who>\b{_DETERMINER}\s+(?:of\s+(?:the|its|his|her|their)\s+)?{_PHRASE_WORDS}"
    rf"(?:{lex.UNNAMED_SPEAKER_NOUNS})\b(?:\s+(?:familiar|close|briefed)\s+(?:with|to|on)"
    rf"\s+[^,;.]{{1,60}}?)?)(?:\s+(?:from|in|at|for|of)\s+[^,;.]{{1,40}}?)?"
    # "Two Republican members of the committee who often criticize the president agreed"
    rf"(?:\s+(?:who|that)\s+[^,;.]{{1,60}}?)?"
    rf"\s+{_AUX}(?P<verb>{lex.REPORTING_VERBS})\b(?!\s+(?:by|as)\b)"
    rf"|[,\"]\s*(?:and\s+)?(?P<verb2>{lex.REPORTING_VERBS}|{lex.INVERTED_ONLY_VERBS})\s+"
    rf"(?P<who2>{_DETERMINER}\s+(?:of\s+the\s+)?{_PHRASE_WORDS}(?:{lex.UNNAMED_SPEAKER_NOUNS})\b)"
    # "Officials said", "the company also said", "U.S. officials told reporters"
    rf"|(?P<who4>(?:^|(?<=[,;:\"]\s)|(?<=\b(?:and|but)\s))(?:[A-Za-z][\w.-]*\s+){{0,2}}"
    rf"(?i:{lex.INSTITUTIONAL_SPEAKERS}))\s+{_AUX}(?P<verb4>{lex.REPORTING_VERBS})\b"
    rf"(?!\s+(?:by|as)\b)"
    # '..., said prosecutors', '", officials said'
    rf"|[,\"]\s*(?P<verb5>said|says|told|added|wrote)\s+(?P<who5>(?:[A-Z][\w.-]*\s+){{0,2}}"
    rf"(?i:{lex.INSTITUTIONAL_SPEAKERS}))\b"
    # "White House insiders say", "Senate leadership aides from both parties tell CNN"
    rf"|(?P<who3>(?<![\w'’])[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){{0,3}}\s+(?:[a-z-]+\s+){{0,2}}?"
    rf"(?:{lex.UNNAMED_SPEAKER_NOUNS}))(?:\s+(?:from|in|at|for)\s+[^,;.]{{1,40}}?)?"
    # "Democratic lawmakers, including New Jersey Sen. Cory Booker, have argued"
    rf"(?:\s*,\s*(?:including|such\s+as|led\s+by|among\s+them)\s[^,;]{{1,80}},)?"
    rf"\s+{_AUX}(?P<verb3>{lex.REPORTING_VERBS})\b(?!\s+(?:by|as)\b)",
)
#: The sentence's subject reports, after what it did: "She raised the topic
#: unprompted, saying she knew it would likely arise", "Obama defended the
#: deal, arguing that ...": what follows the participle is the speaker's.
_SUBJECT_THEN_SAYING = re.compile(
    rf"^\W*(?:[A-Z][\w'’-]*\s+){{0,3}}?(?P<who>{_NAME}|{_ROLE}|\b(?:[Hh]e|[Ss]he|[Tt]hey)\b)"
    rf"\s+[^,;:“”\"]{{1,100}},\s+(?:while\s+)?(?P<verb>saying|adding\s+that|arguing|warning|"
    rf"noting|insisting|claiming|explaining|predicting|telling\s+\w+)\b",
)
# ("adding to pressure", "suggesting that demand is weakening": a writer's
# inference from a fact, not somebody's words, so neither counts.)
#: "CREW's request reads", "McDonnell's lawyers wrote", "the 27-page filing
#: begins", "a statement by Pelosi said": a named body or its document
#: ("the team began to play", "the unit reported to him" say nothing).
_DOCUMENT_SPEAKER = re.compile(
    rf"(?P<who>(?:\b{_DETERMINER}\s+|(?<![\w'’])[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){{0,4}}['’]s?\s+)"
    rf"{_PHRASE_WORDS}(?:{lex.DOCUMENT_NOUNS})\b(?:\s+(?:from|of|by|for)\s+[^,;]{{1,80}}?)?)"
    rf"(?:\s*,[^,;]{{0,{ASSESS_SPEAKER_GAP_CHARS}}},)?"
    rf"\s+{_AUX}(?P<verb>{lex.DOCUMENT_VERBS}|{lex.REPORTING_VERBS})\b(?!\s+to\b)"
    rf"|[,\"]\s*(?P<verb2>said|says|reads|states|added|adds)\s+(?P<who2>(?:{_DETERMINER}|"
    rf"[A-Z][\w.&-]*['’]s)\s+{_PHRASE_WORDS}(?:{lex.DOCUMENT_NOUNS})\b(?:\s+(?:from|of|by)"
    rf"\s+[^,.;]{{1,60}})?)",
)
#: Evidence with its origin: "A recent Pew Research Center poll found",
#: "according to U.N. estimates", "the Washington Post's exit polls found",
#: "The Cook Political Report ... rates".
_EVIDENCE = re.compile(
    rf"(?P<ev>\b(?i:according\s+to|citing|based\s+on|in|from)\s+(?i:an?\s+|the\s+|its\s+|their\s+)?"
    rf"(?:[\w.'’&/-]+\s+){{0,5}}?(?i:{lex.EVIDENCE_NOUNS})\b"
    rf"(?:\s+(?:by|from|of|with)\s+(?:the\s+)?[A-Z][^,.;]{{0,50}})?"
    rf"|(?:\b(?i:an?|the)\s+)?(?:[\w.'’&/-]+\s+){{0,5}}?(?i:{lex.EVIDENCE_NOUNS})\b"
    rf"(?:\s+(?:by|from|of|with)\s+(?:the\s+)?[A-Z][^,.;]{{0,50}}?)?(?:,[^,;]{{0,60}},)?\s+"
    rf"(?:\w+ly\s+)?"
    rf"(?:{lex.EVIDENCE_VERBS})\b)",
)
#: Every _EVIDENCE match holds one of these nouns: a cheap test first.
_EVIDENCE_NOUN = re.compile(rf"(?i:{lex.EVIDENCE_NOUNS})\b")
#: A tweet's credit, "— Donald J. Trump (@realDonaldTrump) April 25, 2016":
#: the words before it are the tweeter's.
_TWEET_CREDIT = re.compile(r"[—–]\s*(?P<who>[A-Z][^()\n]{0,60}?)\s*\(@\s?\w+\)")
_CAPITALISED = re.compile(r"(?<!^)\b(?:[A-Z][\w.'’&-]*[a-z][\w.'’&-]*|[A-Z]\.?(?:[A-Z]\.?)+)")
_QUOTE = re.compile(r"[“\"]([^”\"]+)[”\"]")
_OPEN_QUOTE_CONTINUES = re.compile(r"^\s*[“\"]")


def _writers_opinion(text: str) -> re.Match | None:
    """The first recommendation or judgement (lex.OPINION) outside quotation
    marks: in 'if they exhibit a "reckless disregard"' the judgement is the
    bill's or a speaker's words, not the writer's."""
    blank = _QUOTE.sub(lambda m: m.group(0)[0] + " " * len(m.group(1)) + m.group(0)[-1], text)
    return lex.OPINION.search(blank)
#: A paragraph that ends by handing over to somebody's words, "Obama said:",
#: "Romney said of the man he seeks to replace:", "From his September 10,
#: 2014 speech at the White House:", "More from Fox News:", "per the
#: Associated Press:", "along with a transcript:": the next paragraph is that
#: source's text, often printed without quote marks. The reporting verb,
#: speech noun or "from X" / "per X" comes at most six words before the
#: colon (so "boasted to supporters that he'll flip ... into the red
#: column:" does not hand over), and a list ("Here are four things ...:")
#: hands over to nobody.
_LEAD_TAIL = r"(?:\s+[^\s.!?:]+){0,6}\s*:\s*$"
_LEAD_IN = (  # tried in this order: "Speaking from the White House, he said:" is his
    re.compile(rf"\b(?:{lex.REPORTING_VERBS})\b{_LEAD_TAIL}"),
    re.compile(rf"\b(?i:{lex.SPEECH_NOUNS})\b{_LEAD_TAIL}"),
    re.compile(r"\b(?i:from|per)\s+(?:the\s+)?(?P<source>[A-Z][\w.&'’-]*"
               rf"(?:\s+[A-Z][\w.&'’-]*)*){_LEAD_TAIL}"),
)
_PRONOUN = re.compile(r"^(?:he|she|they)$", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z'-]+")
_NUMBER_WITH_UNIT = re.compile(
    r"(\d[\d,.]*)\s*(%|percent|billion|million|square\s+\w+|[a-z]+)", re.IGNORECASE
)
_STOP_WORDS = (
    "the a an and or of to in on at for by with from that this is are was were be been it its "
    "as has have had will would can could may might not no he she they his her their which who "
    "what there than then but also more most so if into about over after before"
)
_STOP = frozenset(_STOP_WORDS.split())
#: Where a clause ends, for what a date or a negation belongs to.
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”]")
_CLAUSE_END = re.compile(r"[,;:.!?()\"“”]|\b(?:but|while|whereas|although)\b")
_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday"])
_MONTH_NUMBERS = {name: number for number, names in enumerate(lex.MONTH_NAMES, start=1)
                  for name in names}


@dataclass(frozen=True)
class _Attribution:
    """Who is speaking, how identifiable they are, and the words that show it."""

    speaker: str
    kind: str  # "named" | "anonymous" | "vague"
    evidence: str
    from_context: bool = False
    from_after: bool = False


# -- claims ------------------------------------------------------------------


def assess(sentence: str, context: str | None = None, after: str | None = None, *,
           learned: bool = True) -> Assessment:
    """Flags and reasons for one sentence, on two axes kept apart.

    *Sourcing*: who stands behind it (a named, anonymous or vague source, or
    none) and whether it cites evidence with its origin (a poll, study, data
    set or document). *Certainty*: asserted as fact, hedged, a prediction,
    or an opinion or recommendation. "Unsupported" is a checkable assertion
    or prediction with no sourcing, however hedged.

    `context` is the text just before the sentence (its paragraph so far, or
    the previous sentence): a quote continued from it, or "he said" after a
    name given there, is attributed to the speaker named in the context.
    `after` is the text just after it: a quote the sentence opens is
    attributed to the speaker named where the quote closes ('... ," Rubio
    tweeted.'). `learned=False` leaves out the learned part of "unsupported"
    (the rules alone, as bench/train_flagger.py trains beside them).
    """
    result, open_ = _assess(sentence, context, after, None)
    if open_ and learned:
        from .matcher import unsupported

        result, _ = _assess(sentence, context, after, float(unsupported([sentence])[0]))
    return result


def _assess(sentence: str, context: str | None, after: str | None,
            probability: float | None) -> tuple[Assessment, bool]:
    """`assess` with the learned probability given (None: the rules alone), and
    whether the sentence is one the rules leave to the learned part (no
    source, evidence or rule flag; not a question or somebody's quote)."""
    text = _straight_quotes(sentence)
    attribution = find_attribution(text)
    # A quote names its speaker where it closes, if anywhere: look there
    # first, then at the speaker named before it.
    if (attribution is None or attribution.kind == "vague") and after:
        attribution = _attribution_from_after(text, _straight_quotes(after)) or attribution
    if (attribution is None or attribution.kind == "vague") and context:
        attribution = _attribution_from_context(text, _straight_quotes(context)) or attribution
    evidence = find_evidence(text)
    certainty, cue = certainty_of(text)
    flags: list[str] = []
    reasons: list[str] = []
    unsupported = _unsupported(text, attribution, evidence, certainty, cue,
                               _is_quotation(text, context))
    open_ = unsupported is None
    if unsupported is None:
        unsupported = FLAG_UNSUPPORTED, _learned_reason(probability)
    for flag, reason in (
        _attributed(attribution, evidence),
        unsupported,
        _hedged(text),
        _opinion(text, attribution),
    ):
        if reason:
            flags.append(flag)
            reasons.append(reason)
    return Assessment(
        tuple(flags), tuple(reasons),
        attribution.speaker if attribution else None,
        attribution.kind if attribution else None,  # type: ignore[arg-type]
        sourcing=attribution.kind if attribution else "none",  # type: ignore[arg-type]
        evidence=evidence,
        certainty=certainty,  # type: ignore[arg-type]
    ), open_


def find_attribution(text: str) -> _Attribution | None:
    """The sentence's own attribution: "according to X", a speaker with a
    reporting verb (named, "a senior official", "CREW's request reads"), or a
    vague source ("some experts say"); None if none."""
    tweet = _TWEET_CREDIT.search(text)
    if tweet:
        return _Attribution(tweet.group("who").strip(), "named", tweet.group(0).strip())
    according = _ACCORDING_TO.search(text)
    if according and _is_source(according.group("who")):
        who = according.group("who").strip(" (")
        return _Attribution(who, _source_kind(who), according.group(0).strip(" ("))
    vague = lex.WEASEL.search(text)
    anonymous = lex.ANONYMOUS_SOURCE.search(text)
    if anonymous and re.search(rf"\b(?:{lex.REPORTING_VERBS})\b", text):
        return _Attribution(anonymous.group(0), "anonymous", anonymous.group(0))
    named = _named_speaker(text)
    if named:
        return _unless_a_share(text, named)
    unnamed = _UNNAMED_SPEAKER.search(text)
    if unnamed:
        who = next(g for g in unnamed.group("who", "who2", "who3", "who4", "who5") if g).strip()
        who = _trim_name(who) or who
        return _unless_a_share(text, _Attribution(who, "anonymous",
                                                  unnamed.group(0).strip(' ,"')))
    document = _DOCUMENT_SPEAKER.search(text)
    if document and not _OBJECT_OF_RELATIVE.search(text[:document.start()]) and not \
            re.search(r"\b(?:unverified|unconfirmed)\b", document.group(0), re.IGNORECASE):
        who = (document.group("who") or document.group("who2")).strip()
        return _Attribution(who, "named", document.group(0).strip(' ,"'))
    if vague:
        # ", and experts predict" starts a clause: quote "experts predict"
        evidence = re.sub(r"^(?:and|but)\s+", "", vague.group(0).strip(" ,;:"))
        return _named_leader(text, vague.start() + vague.group(0).find(evidence), evidence) \
            or _Attribution(evidence, "vague", evidence)
    return None


def _named_leader(text: str, at: int, evidence: str) -> _Attribution | None:
    """"Jones and other analysts said": Jones is named, the others are not,
    so the sentence is attributed to Jones; None when no named person comes
    before "and other ..." at `at` ("Democrats and other critics said")."""
    leader = _NAMED_AND.search(text[:at])
    if not leader or not evidence.lower().startswith("other") or \
            _GROUP_NAME.fullmatch(leader.group("who")):
        return None
    return _Attribution(leader.group("who"), "named", (leader.group(0) + evidence).strip())


#: A named person before "and other analysts said": "Jones and", "Sen. Rand Paul and".
_NAMED_AND = re.compile(
    r"(?P<who>(?:(?:Sen|Rep|Gov|Dr|Mr|Mrs|Ms|Gen)\.\s+)?(?:[A-Z][\w'’-]+\s+){0,2}"
    r"[A-Z][\w'’-]+)\s+and\s+$")
#: Capitalised groups, which name nobody: "Democrats and other critics said".
_GROUP_NAME = re.compile(
    r"(?:[A-Z][\w'’-]+\s+)*(?:Democrats|Republicans|Conservatives|Liberals|Progressives|"
    r"Americans|Europeans|Officials|Experts|Critics|Analysts|Others|Many|Some|And|But)")


#: A share of a group before a speaker: "some Senate Republicans have expressed",
#: "Some liberal lawmakers have voiced": nobody a reader can check.
_SHARE_OF = re.compile(rf"\b(?:a\s+)?(?:{lex.SHARE_WORDS})\s+$", re.IGNORECASE)
_SHARE_WORD = re.compile(rf"^(?:a\s+)?(?:{lex.SHARE_WORDS})\s+\S", re.IGNORECASE)


def _unless_a_share(text: str, found: _Attribution) -> _Attribution:
    """`found`, or a vague attribution when its speaker is a share of a group."""
    at = text.find(found.evidence)
    if (_SHARE_WORD.match(found.speaker) or _SHARE_WORD.match(found.evidence)
            or (at > 0 and _SHARE_OF.search(text[:at]))):
        share = _SHARE_OF.search(text[:at]) if at > 0 else None
        words = (share.group(0) if share else "") + found.evidence
        leader = _named_leader(text, at - len(share.group(0)) if share else at, words.strip())
        if leader:
            return leader
        return _Attribution(words.strip(), "vague", words.strip(), found.from_context,
                            found.from_after)
    return found


#: Evidence whose origin a possessive points back to: "according to its
#: study", "citing their report".
_CITED_BY_PRONOUN = re.compile(
    r"(?:according\s+to|citing|based\s+on)\s+(?:its|their|his|her)\s", re.IGNORECASE)


def find_evidence(text: str) -> str | None:
    """Evidence cited with its origin ("A recent Pew Research Center poll
    found", "according to U.N. estimates"): the words that cite it, or None.
    Evidence with no origin ("Polls suggest") is no evidence a reader can find;
    "according to its study" names its origin just before, as "he said" does."""
    if not _EVIDENCE_NOUN.search(text):
        return None
    for match in _EVIDENCE.finditer(text):
        words = match.group("ev").strip()
        if _CAPITALISED.search(words) or (match.start("ev") > 0 and _CAPITALISED.search(
                text[max(0, match.start("ev") - 40):match.start("ev")].split(",")[-1])) \
                or _CITED_BY_PRONOUN.match(words):
            return words
    return None


#: "as his predecessor might have said", "as Joe Biden might say": a figure of
#: speech, not a hedge or a look ahead.
_AS_X_MIGHT_SAY = re.compile(
    r"\bas\s+(?:[\w.'’-]+\s+){1,5}(?:might|would|could|may)\s+(?:have\s+)?"
    r"(?:say|said|put\s+it|call\s+it|called\s+it)\b", re.IGNORECASE)

#: Words before a modal, in its clause, that make it part of something the
#: sentence does not assert; each part names what it excuses, and `_asserted`
#: excuses a modal when any part matches the clause before it.
_NOT_ASSERTED_BEFORE: dict[str, re.Pattern] = {
    # a purpose: "so the money could be used", "in order that", "were changed so"
    "purpose": re.compile(
        r"\b(?:so\s+that|in\s+order\s+(?:that|for)|(?:were|was|is|are|be|been)\s+"
        r"(?:made|done|changed|designed|written|set\s+up|built)\s+(?:\w+\s+){0,3}so)\b",
        re.IGNORECASE),
    # an indirect question: "trying to understand what level ... will prove",
    # joined by "and" to a second one: "... and how long that protection will last"
    "indirect question": re.compile(
        r"\b(?:understand|understanding|know|knowing|determine|determining|decide|deciding|"
        r"ask|asking|asked|wonder|wondering|learn|learning|figure\s+out|assess|assessing|"
        r"explain|explaining|explained|"
        r"study|studying|examine|examining|explore|exploring|investigate|investigating)\s+"
        r"(?:what|how|whether|if|when|which|who|why)\b(?:[^,;:.!?]*?\b(?:and|or)\s+"
        r"(?:what|how|whether|if|when|which|who|why)\b)?", re.IGNORECASE),
    # what somebody has not said: "Officials have not said when or how the second
    # health care worker may have had contact with Duncan"
    "not said": re.compile(
        r"\b(?:not|n['’]t|never|declined\s+to|refused\s+to)\s+(?:yet\s+)?(?:say|said|"
        r"disclose|disclosed|reveal|revealed|specify|specified|confirm|confirmed|explain|"
        r"explained)\s+(?:what|how|whether|if|when|which|who|why)\b", re.IGNORECASE),
    # somebody's thought that the sentence reports: "amid worries that violence could
    # flare up", "Democratic concerns that Kavanaugh may have misled ... have fizzled"
    "reported thought": re.compile(
        r"\b(?:concerns?|fears?|worries|worry|suggestions?|possibility|prospect|"
        r"expectations?|warnings?|allegations?|doubts?|notion|belief)\s+(?:that|of|whether)\b"
        r"[^,;:.!?]*$", re.IGNORECASE),
    # ... also without "that": "tamp down speculation she may challenge", "talk that",
    # "hopes the talks could resume"
    "reported talk": re.compile(
        r"\b(?:speculation|talk|rumou?rs?|hopes?)\s+(?:that\s+|about\s+|of\s+)?[^,;:.!?]*$",
        re.IGNORECASE),
    # ... or in what somebody says: "at one point warning his harsh rhetoric could
    # lead the U.S. into war", "..., saying the race was going to go for a while"
    # (", suggesting that" and ", adding" after a fact stay the writer's inference)
    "reported speech": re.compile(
        r"\b(?:warning|saying|arguing|claiming|insisting|predicting|declaring|warned|argued|"
        r"claimed|predicted|insisted|declared|said|says|told|"
        # a hint is somebody's too: "with several senators hinting they may not vote"
        r"hinting|hinted|signall?ing|signall?ed)\s+(?:that\s+)?[^,;:.!?]*$",
        re.IGNORECASE),
    # ... or a worry without "that", when its subject follows: "a further sign of the
    # concern the unrest could spin out of control", "amid fears the virus could
    # spread" ("Fears could grow" is the writer's: nothing stands between)
    "reported worry": re.compile(
        r"\b(?:concerns?|fears?|worries)\s+(?=(?:the|a|an|his|her|its|their|this|that|"
        r"these|those)\b|[A-Z])[^,;:.!?]+$"),
    # ... or what somebody hopes, fears or speculates, told with a verb and the
    # thing's own subject: "The Foley family had hoped keeping silent could aid his
    # release" has no subject word to tell it, but "he hoped he could videotape the
    # man", "speculating that it may be" (FNC-1 fit bodies) do; "Fears could grow"
    # and "later than hoped due to challenges that were likely ..." stay
    "reported hope or fear": re.compile(
        r"\b(?:hop(?:e|es|ed|ing)|worr(?:y|ies|ied|ying)|fear(?:s|ed|ing)?|"
        r"speculat(?:e|es|ed|ing)|concerned)\s+(?:(?:that|whether|about\s+(?:how|what|whether))\s+"
        r"|(?=(?i:he|she|they|it|we|I|you|the|a|an|his|her|its|their|this|these|those)\s|"
        r"[A-Z]))(?:[\w'’-]+\s+)+$"),
    # what somebody wants or seeks: "He also wanted a tax code so simple most returns
    # could be filed on a postcard", "seeking a deal that would end the strike"
    "aim": re.compile(
        r"\b(?:wants?|wanted|wanting|seeks?|sought|seeking)\s+[^,;:.!?]*$", re.IGNORECASE),
    # the options somebody has, told with their own subject: "measures the
    # president could take on his own", "steps that the governor can take"
    # ("steps that could help" has no subject of its own: the writer's)
    "options": re.compile(
        r"\b(?:measures|steps|actions|options|moves|tools|choices)\s+(?:that\s+|which\s+)?"
        r"(?:(?i:he|she|they|we|you|I|it)|(?i:the|a|an|his|her|its|their)\s+(?:[\w'’-]+\s+)"
        r"{0,2}?[\w'’-]+|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+$"),
    # evidence denied, not a hedge: "There is no evidence to suggest that ...",
    # "nothing to suggest"
    "evidence denied": re.compile(
        r"\b(?:no|little|scant|nothing)(?:\s+(?:real|hard|credible|evidence|sign|signs|"
        r"indication|proof|reason))?\s+to\s+$", re.IGNORECASE),
    # a time clause: "was temporarily appointed to the seat in April before a special
    # election could take place"
    "time clause": re.compile(r"\b(?:before|until)\s+(?:[\w'’-]+\s+){1,5}$", re.IGNORECASE),
    # a condition, which the sentence does not assert: "with certain death awaiting
    # their daughter unless they could get medical treatment", "if the bill could pass
    # the House" (FNC-1 fit bodies); its consequence after a comma ("If ..., it will
    # represent ...") stays the writer's forecast
    "condition": re.compile(r"\b(?:if|unless)\s+(?:[\w'’-]+\s+){1,6}$", re.IGNORECASE),
    # a possibility inside a relative clause with its own subject: "the window in
    # which they could get sick", "a dress she could wear to the inauguration"
    "relative clause": re.compile(
        r"\b(?:in|by|with|through|for|on|under)\s+which\s+(?:he|she|they|it|we|you|I)\s+$"
        r"|\b(?:a|an|the|any|every)\s+(?:[\w'’-]+\s+){1,5}?(?:he|she|they|we|you)\s+$",
        re.IGNORECASE),
    # a generic possibility in a relative clause: "anything that might burn",
    # "those they think might be guilty", "anyone who could help"
    # ("many of those may ultimately be discarded": "those" is the subject there)
    "generic relative": re.compile(
        r"\b(?:whatever|whoever)\s+$"
        r"|\b(?:anything|everything|anyone|anybody|someone|those)\s+"
        r"(?:that|who|which|they|he|she|we|you)\s+(?:\w+\s+)?$", re.IGNORECASE),
}


def _not_asserted_because(text: str, start: int) -> str | None:
    """The name of the `_NOT_ASSERTED_BEFORE` part that excuses the modal at
    `start` (the clause before it, cut at ; : ( ) and dashes), or None."""
    before = re.split(r"[;:()]|\s[-–—]\s", text[:start])[-1]
    return next((name for name, part in _NOT_ASSERTED_BEFORE.items() if part.search(before)),
                None)


def _asserted(text: str, start: int) -> bool:
    """Whether the modal at `start` is asserted by the sentence, not inside a
    purpose clause or an indirect question that precedes it in its clause
    (or, for "how long ... will last", joined to such a question by "and")."""
    return _not_asserted_because(text, start) is None


#: Talk that the sentence reports as a thing, not a hedge of its own claim:
#: "After weeks of public debate and speculation about ..., the arguments take
#: place", "He used his half-hour to denounce rumors that leaks ..."
_TALK_NOUN = re.compile(r"(?i:speculation|rumou?rs?)")
_TALK_AS_OBJECT = re.compile(
    r"\b(?:of|about|after|amid|despite|over|to|denounce[sd]?|deny|denies|denied|dismiss(?:es|ed)?|"
    r"downplay(?:s|ed)?|"
    r"reject(?:s|ed)?|quash(?:es|ed)?|debunk(?:s|ed)?|fuel(?:s|ed|led)?|spark(?:s|ed)?|"
    r"prompt(?:s|ed)?)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


def _reported_talk(text: str, hedge: re.Match) -> bool:
    """Whether the hedge is a noun of talk ("speculation", "rumors") that the
    sentence reports as the object of a preposition or of a dismissal."""
    return bool(_TALK_NOUN.fullmatch(hedge.group(0))
                and _TALK_AS_OBJECT.search(text[:hedge.start()]))


#: A possibility about the past that picks out whom the sentence speaks of:
#: "More than 70 people who may have had contact with Duncan are being
#: monitored" asserts the monitoring. After a comma ("Smith, who may have
#: known") the aside is the writer's guess; so is a cleft ("it is he who may
#: have"); "the ghost who supposedly haunts" doubts the haunting and stays.
_GROUP_WHO = re.compile(r"^(?!.*\b(?:it\s+(?:is|was)|it['’]s)\s).*\b[A-Za-z][\w'’-]*\s+who\s+$",
                        re.IGNORECASE)


def _picks_out_a_group(text: str, hedge: re.Match) -> bool:
    return bool(re.fullmatch(r"(?:may|might|could)\s+have", hedge.group(0), re.IGNORECASE)
                and _GROUP_WHO.match(text[:hedge.start()]))


def _asserted_hedge(text: str) -> re.Match | None:
    """The hedge the sentence asserts (not one inside somebody's words or
    question, nor "as X might say", nor talk it reports, "amid speculation"):
    the first epistemic hedge ("probably"), else the first scope hedge
    ("largely", lex.SCOPE_HEDGE), else None."""
    text = _AS_X_MIGHT_SAY.sub(lambda m: " " * len(m.group(0)), text)
    hedges = [m for m in lex.HEDGE.finditer(text)
              if _asserted(text, m.start()) and not _reported_talk(text, m)
              and not _picks_out_a_group(text, m)]
    return next((m for m in hedges if not lex.SCOPE_HEDGE.fullmatch(m.group(0))),
                hedges[0] if hedges else None)


def certainty_of(text: str) -> tuple[str, str | None]:
    """How sure the sentence is, with the words that show it: "prediction"
    (a modal or future about an outcome), "hedged", "opinion" (a
    recommendation or judgement) or "fact" (cue None). A modal or hedge in a
    purpose clause, an indirect question or somebody's reported thought
    ("amid worries that violence could flare up"), or in "as X might say",
    counts nothing."""
    text = _AS_X_MIGHT_SAY.sub(lambda m: " " * len(m.group(0)), text)
    prediction = next((m for m in lex.PREDICTION.finditer(text) if _asserted(text, m.start())),
                      None)
    if prediction:
        if prediction.group("then"):  # "if they don't place ..., ... will evaporate"
            return "prediction", f"if …, {prediction.group('then')}"
        return "prediction", prediction.group(0)
    hedge = _asserted_hedge(text)
    if hedge:
        return "hedged", hedge.group(0)
    opinion = _writers_opinion(text)
    if opinion:
        return "opinion", opinion.group(0)
    return "fact", None


def _named_speaker(text: str) -> _Attribution | None:
    """A named or role-described speaker next to a reporting verb."""
    for pattern in (_VERB_BEFORE_SPEAKER, _SPEAKER_BEFORE_VERB, _SUBJECT_THEN_SAYING):
        for match in pattern.finditer(text):
            who = _trim_name(match.group("who"))
            if not who:
                continue
            if re.fullmatch(rf"(?:{lex.SPEAKER_NOUNS})", who, re.IGNORECASE):
                continue  # "Experts say": nobody in particular, left to the weasel rules
            if who.lower() in _WEEKDAYS or who in _MONTH_NUMBERS:
                continue  # "on Monday reported": a date, not a speaker
            if _PLACE_OF_UNNAMED.search(text[:match.start("who")]):
                continue  # "A federal judge in Texas said": the judge speaks, unnamed
            if _OBJECT_OF_RELATIVE.search(text[:match.start("who")]):
                continue  # "members who often criticize the president agreed": not him
            return _Attribution(who, "named", match.group(0).strip(" ,”\""))
    return None


#: The object of a relative clause, whose verb is not the speaker's: "Two
#: Republican members of the committee who often criticize *the president* agreed".
_OBJECT_OF_RELATIVE = re.compile(r"\b(?:who|that|which)\s+(?:[a-z]+\s+){1,3}$")
#: A place or body after an unnamed speaker ("a federal judge in *Texas* said",
#: "an official from *Kyiv* told"): it does not speak itself.
_PLACE_OF_UNNAMED = re.compile(
    rf"\b(?:{lex.UNNAMED_SPEAKER_NOUNS})\s+(?:in|from|at|for|of)\s+(?:the\s+)?$", re.IGNORECASE)


_ACRONYM = re.compile(r"[A-Z]{2,}")


def _trim_name(who: str) -> str:
    """Drop leading function words ("However Putin" -> "Putin"); '' if nothing is left."""
    words = re.sub(r"^(?:that|this)\s+(?=the\b)", "", who).split()
    while words and words[0].lower() in lex.NOT_A_NAME and words[0].lower() not in (
        "the", "this", "that", "he", "she", "they"
    ) and not _ACRONYM.fullmatch(words[0]):  # "the WHO warned": not the pronoun "who"
        words = words[1:]
    if words and not re.fullmatch(r"(?:[A-Z]\.){2,}", words[-1]):  # "U.S." keeps its dot
        words[-1] = words[-1].rstrip(".,;:")
    if not words or not words[-1]:
        return ""
    if (len(words) == 1 and words[0].lower() in lex.NOT_A_NAME and not _PRONOUN.match(words[0])
            and not _ACRONYM.fullmatch(words[0])):
        return ""
    return " ".join(words)


def _is_source(who: str) -> bool:
    """Whether the X of "according to X" is a source ("the head of state",
    "Reuters", "unconfirmed reports"), not a standard ("according to plan")."""
    return bool(
        re.search(r"\b[A-Z]", who)
        or re.match(_ROLE, who, re.IGNORECASE)
        or re.search(rf"\b(?:{lex.SPEAKER_NOUNS}|{lex.UNNAMED_SPEAKER_NOUNS}|information|data|"
                     r"estimates|figures)\b", who, re.IGNORECASE)
        or lex.WEASEL.match("according to " + who)
        # a text named before: "according to the brief", "according to court documents"
        or _A_TEXT.match(who)
    )


#: A text somebody wrote, as "the X" (`lex.TEXT_NOUNS`): what "according to
#: the brief" and "It details how ..." after "The indictment put ..." point to.
_A_TEXT = re.compile(
    rf"(?:(?:the|its|his|her|their|this|that)\s+{_PHRASE_WORDS}(?:{lex.TEXT_NOUNS})"
    r"|court\s+(?:documents|papers|records|filings))\b", re.IGNORECASE)
#: A sentence that goes on reporting the text the sentence before names:
#: "The indictment put Mrs. McDonnell firmly at the center of the case." /
#: "It details how ...".
_IT_GOES_ON = re.compile(rf"^\W*It\s+(?:also\s+)?(?:{lex.DOCUMENT_VERBS})\b")
#: A paraphrase of the quote just before: "In other words, ...".
_PARAPHRASE = re.compile(r"^\W*(?:In\s+other\s+words|Put\s+(?:simply|another\s+way)|"
                         r"That\s+is\s+to\s+say)\b", re.IGNORECASE)


def _source_kind(who: str) -> str:
    """Classify the X of "according to X"."""
    if re.match(r"(?:as\s+yet\s+)?unconfirmed|unverified", who, re.IGNORECASE) or \
            lex.WEASEL.match("according to " + who):
        return "vague"
    if lex.ANONYMOUS_SOURCE.search(who) or (
            not re.search(r"\b[A-Z]", who)
            and re.search(rf"\b(?:{lex.UNNAMED_SPEAKER_NOUNS})\b", who, re.IGNORECASE)):
        return "anonymous"
    return "named"


def _attribution_from_context(text: str, context: str) -> _Attribution | None:
    """A quote, or "he/she said", whose speaker is named in the context, or a
    sentence of the paragraph that the paragraph before hands over to
    somebody's words (`_handed_over`)."""
    handed = _handed_over(context)
    if handed:
        return handed
    last = _sentence_before(context)
    if _IT_GOES_ON.match(text):
        document = _A_TEXT.match(re.sub(r"^\W+", "", last))
        if document:
            who = re.sub(r"^(?:The|This|That|Its|His|Her|Their)\b",
                         lambda m: m.group(0).lower(), document.group(0))
            return _Attribution(who, "named", f"{last[:60].rstrip()} ...", from_context=True)
    quoted = _long_quote(text) or _OPEN_QUOTE_CONTINUES.match(text) or _inside_quote(context) \
        or (_PARAPHRASE.match(text) and '"' in last)
    pronoun_speaker = re.search(rf"\b(?:he|she|they)\s+{_AUX}(?:{lex.REPORTING_VERBS})\b", text,
                                re.IGNORECASE)
    if not (quoted or pronoun_speaker):
        return None
    earlier = _last_named_speaker(context)
    if earlier is None:
        return None
    return _Attribution(earlier.speaker, "named", earlier.evidence, from_context=True)


def _handed_over(context: str) -> _Attribution | None:
    """The source a previous paragraph hands over to with its last words
    (`_LEAD_IN`): the context is "previous paragraph\\n text before", as
    `audit_contexts` gives it; without a paragraph break nothing is handed
    over. The speaker is the one named in the lead-in, else the "from" /
    "per" source, else the lead-in's own words stand for it."""
    if "\n" not in context:
        return None
    previous = context.rsplit("\n", 1)[0].rstrip()
    if not previous.endswith(":"):
        return None  # every lead-in ends on its colon: most paragraphs stop here
    lead = _last_sentence(previous)
    found = next((m for m in (p.search(lead) for p in _LEAD_IN) if m), None)
    if not found:
        return None
    named = _last_named_speaker(lead)
    if named is None and not found.groupdict().get("source") and \
            re.search(r"\b(?:he|she|they|his|her|their)\b", lead, re.IGNORECASE):
        named = _last_named_speaker(previous)  # "From his speech ...:", "he said:"
    who = named.speaker if named else found.groupdict().get("source") or \
        "the source introduced just before"
    return _Attribution(who, "named", lead[-ASSESS_LEAD_IN_CHARS:].strip(), from_context=True)


def _sentence_before(context: str) -> str:
    """The sentence just before, in the context `audit_contexts` gives: the
    last of its own paragraph's text, else of the paragraph before."""
    return _last_sentence(context.rsplit("\n", 1)[-1] or context)


def _last_sentence(text: str) -> str:
    """The last sentence of a paragraph (by full stops followed by a capital,
    not a title's: "The indictment put Mrs. McDonnell ..." is one sentence)."""
    start = 0
    for match in re.finditer(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[A-Z“\"])", text):
        if not ends_with_title(text[:match.start()]):
            start = match.end()
    return text[start:]


def _attribution_from_after(text: str, after: str) -> _Attribution | None:
    """A quote the sentence opens and leaves open, whose speaker is named
    where it closes ('"...strong voice. ... us," Rubio tweeted.'), or a
    tweet whose credit line follows on the same line ("... Sad! — Donald J.
    Trump (@realDonaldTrump)")."""
    line = after.split("\n")[0]
    tweet = _TWEET_CREDIT.search(line)
    if tweet:  # a line that ends in a tweet's credit is the tweet
        return _Attribution(tweet.group("who").strip(), "named", tweet.group(0).strip(),
                            True, True)
    if text.count('"') % 2 == 0:
        return None
    closing = after.find('"')
    if closing < 0:
        return None
    tail = _first_sentence(after[closing:])
    found = _named_speaker(tail) or _UNNAMED_SPEAKER.search(tail)
    if isinstance(found, re.Match):
        who = next(g for g in found.group("who", "who2", "who3", "who4", "who5") if g).strip()
        return _Attribution(who, "anonymous", found.group(0).strip(' ,"'), True, True)
    if found is None or _PRONOUN.match(found.speaker):
        return None
    return _Attribution(found.speaker, found.kind, found.evidence, True, True)


def _first_sentence(text: str) -> str:
    """Text up to its first sentence end that is not a title ("said Dr. Amesh
    Adalja" runs on past "Dr.")."""
    for match in re.finditer(r"[.!?](?=\s)", text):
        if not ends_with_title(text[:match.end()]):
            return text[:match.end()]
    return text


def _last_named_speaker(context: str) -> _Attribution | None:
    """The speaker named last in the context (the one a continuation refers to)."""
    found: list[tuple[int, _Attribution]] = []
    for pattern in (_VERB_BEFORE_SPEAKER, _SPEAKER_BEFORE_VERB):
        for match in pattern.finditer(context):
            who = _trim_name(match.group("who"))
            if who and not _PRONOUN.match(who) and \
                    not re.fullmatch(rf"(?:{lex.SPEAKER_NOUNS})", who, re.IGNORECASE):
                found.append((match.start(), _Attribution(who, "named",
                                                          match.group(0).strip(" ,”\""))))
    for match in _ACCORDING_TO.finditer(context):
        who = match.group("who")
        if _is_source(who) and _source_kind(who) == "named":
            found.append((match.start(), _Attribution(who.strip(" ("), "named",
                                                      match.group(0).strip(" ("))))
    return max(found, key=lambda item: item[0])[1] if found else None


#: Hedge cues that state an open question rather than hedge an assertion:
#: "the judiciary has split on whether ...", "It's unclear how many ...".
_STATES_UNCERTAINTY = re.compile(
    r"whether|unclear|uncertain|doubtful|questionable|the\s+possibility|"
    r"it\s+is\s+(?:not\s+)?clear", re.IGNORECASE)


def _is_quotation(text: str, context: str | None) -> bool:
    """Whether the sentence is somebody's quoted words: it opens with a quote
    mark, continues a quote the context leaves open, or is mostly a quote."""
    plain = _straight_quotes(text)
    if _OPEN_QUOTE_CONTINUES.match(plain) or (context and _inside_quote(
            _straight_quotes(context))):
        return True
    quoted = sum(len(m.group(1)) for m in _QUOTE.finditer(plain))
    return quoted >= 0.5 * len(plain)


def _inside_quote(context: str) -> bool:
    """Whether the context leaves a quotation open (an odd number of quote
    marks), so the sentence continues somebody's quoted words. The count
    starts at the sentence's own paragraph when that holds a quote mark: a
    quote run on from the paragraph before is left open there and opened
    again here (press style), so the two paragraphs' marks together are even.
    A paragraph that ends on a closing mark closes its quote, whatever its
    count: one run on into it from further back was left open there."""
    own = context.rsplit("\n", 1)[-1]
    if '"' in own:
        return own.count('"') % 2 == 1
    if own.strip() == "" and context.rstrip().endswith('"'):
        return False
    return context.count('"') % 2 == 1


def _long_quote(text: str) -> str | None:
    """A direct quote of at least ASSESS_MIN_QUOTE_WORDS words (not a scare-quoted term)."""
    for match in _QUOTE.finditer(text):
        if len(match.group(1).split()) >= ASSESS_MIN_QUOTE_WORDS:
            return match.group(1)
    return None


def _attributed(attribution: _Attribution | None, evidence: str | None
                ) -> tuple[str, str | None]:
    if attribution is None or attribution.kind == "vague":
        if evidence:
            return FLAG_ATTRIBUTED, f"cites evidence with its origin ('{evidence}')"
        return FLAG_ATTRIBUTED, None
    if attribution.kind == "anonymous":
        return FLAG_ATTRIBUTED, (
            f"attributed to an anonymous source ('{attribution.evidence}'): "
            "who said it cannot be checked"
        )
    if attribution.from_context:
        return FLAG_ATTRIBUTED, (
            f"attributed to {attribution.speaker}: continues what the text just "
            f"{'after' if attribution.from_after else 'before'} introduces with "
            f"\"{attribution.evidence}\""
        )
    if _PRONOUN.match(attribution.speaker):
        return FLAG_ATTRIBUTED, (
            f"attributed ('{attribution.evidence}'); the pronoun refers to someone named "
            "earlier in the article"
        )
    return FLAG_ATTRIBUTED, f"attributed to {attribution.speaker} ('{attribution.evidence}')"


#: A plan, bill or order stated by its own terms: "The proposal would restore
#: about $63 billion in funding ...", "The legislation would also empower
#: attorneys general ...": what the text provides, not the writer's forecast,
#: and its figures are the plan's (news_claims fit stories). Only with a verb of
#: what a text provides: "The law could face challenges" is a forecast. A
#: filing's terms in the present are its own too: "The 43-page indictment also
#: seeks the forfeiture of more than $140,000", "The bill includes ...".
_PLAN_VERBS = (
    r"restore|require|allow|give|provide|raise|cut|create|empower|expand|let|set|cost|"
    r"increase|reduce|ban|bar|end|extend|offer|fund|pay|add|eliminate|establish|lower|limit|"
    r"apply|cover|direct|grant|impose|prohibit|protect|replace|repeal|double|triple|make\s+it|"
    r"put|send|spend|take\s+effect"
)
_PLAN_TERMS = re.compile(
    r"^\W*(?:(?:the|his|her|their|its|this|that|a|an|[A-Z][\w.'’-]*['’]s?)\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:bill|plan|proposal|measure|legislation|directive|order|law|"
    r"budget|amendment|resolution|provision|program|programme|package|rule|guidance|"
    r"indictment|lawsuit|complaint|settlement|contract|treaty)s?\b"
    rf"[^,;.]{{0,60}}?\s+(?:(?:would|will)\s+(?:also\s+)?(?:{_PLAN_VERBS})\b"
    r"|(?:also\s+)?(?:includes|contains|seeks|calls\s+for|proposes|allocates|earmarks|"
    r"sets\s+aside|requires|provides|allows|bans|caps|limits|raises|cuts|creates|grants|"
    r"imposes|funds|extends|establishes|offers)\b)",
    re.IGNORECASE,
)


#: A pointer to another article ("Vox's Anna North has more on decoding the vague
#: language Kavanaugh could use"), when it ends a paragraph instead of standing
#: on a line of its own (where ingest removes it as furniture), or to a list
#: that follows.
_POINTER = re.compile(r"^[^.]{0,80}\bhas\s+more\s+on\b"
                      # ... or one that announces a list: "Here are a few key takeaways ...:"
                      r"|^\W*here\s+(?:are|is|['’]s)\b.*:\s*$", re.IGNORECASE)


def _unsupported(text: str, attribution: _Attribution | None, evidence: str | None,
                 certainty: str, cue: str | None, quoted: bool = False
                 ) -> tuple[str, str | None] | None:
    """Why the sentence stands on nothing checkable, or None: a vague source,
    or no source and no evidence for a prediction, a hedged assertion, a
    certain-sounding claim or an estimate (a hedge says how sure the writer
    is, not on what the claim stands). None when no rule decides: the learned
    part judges the sentence."""
    if (attribution is not None and attribution.kind != "vague") or evidence:
        return FLAG_UNSUPPORTED, None
    if text.rstrip().endswith("?"):
        return FLAG_UNSUPPORTED, None  # a question asserts nothing
    if quoted:
        return FLAG_UNSUPPORTED, None  # somebody's quoted words, not the writer's assertion
    if _POINTER.match(text):
        return FLAG_UNSUPPORTED, None  # a pointer to another article asserts nothing
    if _PLAN_TERMS.match(text):
        return FLAG_UNSUPPORTED, None  # the plan's own terms, checkable in the plan
    if attribution is not None:
        return FLAG_UNSUPPORTED, (
            f"vague attribution: '{attribution.evidence}' names no source a reader can check"
        )
    booster = lex.BOOSTER.search(text)
    if booster and (lex.FUTURE.search(text) or certainty == "prediction"):
        return FLAG_UNSUPPORTED, (
            f"prediction stated with confidence ('{booster.group(0)}') but no source or "
            "evidence: who expects it, on what grounds?"
        )
    if certainty == "prediction":
        if cue and lex.HEDGE.search(cue):  # "might force": the hedged flag quotes the hedge
            return FLAG_UNSUPPORTED, (
                "hedged prediction with no source or evidence: who expects it, on what grounds?"
            )
        return FLAG_UNSUPPORTED, (
            f"prediction with no source or evidence ('{cue}'): who expects it, on what grounds?"
        )
    if certainty == "hedged" and _STATES_UNCERTAINTY.fullmatch(cue or ""):
        return FLAG_UNSUPPORTED, None  # "It's unclear how many ...": an open question
    if certainty == "hedged" and not lex.SCOPE_HEDGE.fullmatch(cue or ""):
        # a scope hedge ("voted largely along party lines") limits a report of
        # events rather than doubts it: the rules below and the learned part judge
        return FLAG_UNSUPPORTED, (  # the hedge itself is quoted by the hedged flag
            "hedged assertion with no source or evidence: a hedge says how sure the writer "
            "is, not on what the claim stands"
        )
    estimate = _unsourced_estimate(text)
    if estimate:
        return FLAG_UNSUPPORTED, f"unsourced figure: '{estimate}' is given without a source"
    judgement = _writers_opinion(text)
    if certainty == "opinion" and judgement and not re.match(
            r"must|should|ought|needs?|it\s+is|we\s|let|in\s+my|i\s", judgement.group(0),
            re.IGNORECASE):
        return FLAG_UNSUPPORTED, (
            f"judgement stated as fact with no source ('{judgement.group(0)}')"
        )
    return None


def _learned_reason(probability: float | None) -> str | None:
    """The learned part's reason, for a sentence the rules left to it, or None."""
    if probability is None or probability < ASSESS_MODEL_MIN_PROBABILITY:
        return None
    return (
        "the writer's own assessment, stated with no source or evidence in the sentence "
        "or the text around it (the learned flag, trained on labelled news and Wikipedia "
        f"claims; p = {probability:.2f})"
    )


def _unsourced_estimate(text: str) -> str | None:
    """A figure (money, percentage, large count) given as an estimate or bound."""
    for figure in lex.FIGURE.finditer(text):
        before = text[max(0, figure.start() - ASSESS_APPROXIMATOR_WINDOW):figure.start()]
        approximators = list(lex.APPROXIMATOR.finditer(before))
        approximator = approximators[-1] if approximators else None
        if approximator or lex.APPROXIMATOR.match(figure.group(0)):
            start = figure.start() - len(before) + approximator.start() if approximator \
                else figure.start()
            return text[start:figure.end()].strip()
    return None


def _hedged(text: str) -> tuple[str, str | None]:
    hedge = _asserted_hedge(text)
    if not hedge:
        return FLAG_HEDGED, None
    if lex.SCOPE_HEDGE.fullmatch(hedge.group(0)):
        return FLAG_HEDGED, (f"'{hedge.group(0)}' limits it to a tendency or a part, "
                             "not the whole")
    return FLAG_HEDGED, f"'{hedge.group(0)}' marks it as uncertain, not established fact"


def _opinion(text: str, attribution: _Attribution | None = None) -> tuple[str, str | None]:
    """The writer's recommendation or judgement. A recommendation that states
    a reported aim ("his objectives are clear — Russia must win") or that an
    attributed speaker makes is theirs, not the writer's: no flag."""
    opinion = _writers_opinion(text)
    if not opinion:
        return FLAG_OPINION, None
    cue = opinion.group(0)
    recommendation = re.match(r"must|should|ought|needs?|it\s+is|we\s|let", cue, re.IGNORECASE)
    if recommendation and (lex.REPORTED_AIM.search(text[:opinion.start()]) or (
            attribution is not None and attribution.kind != "vague")):
        return FLAG_OPINION, None
    if re.match(r"in\s+my|i\s", cue, re.IGNORECASE):
        return FLAG_OPINION, f"'{cue}' marks a personal view, not a checked fact"
    if recommendation:
        return FLAG_OPINION, f"recommendation: '{cue}' says what should be, not what is"
    return FLAG_OPINION, f"'{cue}' is the writer's judgement, not a checkable fact"


def _straight_quotes(text: str) -> str:
    """Curly double quotes become straight ones; apostrophes stay."""
    return text.replace("“", '"').replace("”", '"').replace("„", '"')


def audit(document: SegmentedDocument) -> tuple[tuple[Sentence, Assessment], ...]:
    """Every content sentence of a document with its assessment, in reading
    order, each assessed in the context `audit_contexts` gives it."""
    contexts = audit_contexts(document)
    found = _assess_batch([(sentence.text, before, after) for sentence, before, after in contexts])
    return tuple((sentence, result) for (sentence, _, _), result in zip(contexts, found,
                                                                         strict=True))


def audit_contexts(document: SegmentedDocument) -> tuple[tuple[Sentence, str, str], ...]:
    """Every content sentence of a document with the text before and after
    it, in reading order. Before: the previous paragraph, a line break, and
    its own paragraph's text before it (quotes often run on across
    paragraphs, with the speaker named in the first; a paragraph can end by
    handing over to somebody's words). After: the rest of its paragraph and the
    next paragraph (a quote opened here may close, with its speaker, there)."""
    paragraphs = [p for p in document.paragraphs if not p.boilerplate and p.sentences]
    texts = [[s.text for s in p.sentences] for p in paragraphs]
    found = []
    for number, paragraph in enumerate(paragraphs):
        previous = " ".join(texts[number - 1]) if number else ""
        following = " ".join(texts[number + 1]) if number + 1 < len(texts) else ""
        for index, sentence in enumerate(paragraph.sentences):
            before = " ".join(texts[number][:index])
            after = " ".join(texts[number][index + 1:])
            raw = document.document.text[sentence.end:sentence.end + ASSESS_AFTER_CHARS]
            tail = raw.split("\n")[0]  # the rest of its line, furniture included (tweet credits)
            found.append((sentence, f"{previous}\n{before}" if previous else before,
                          f"{tail}\n{after} {following}".strip(" ")))
    return tuple(found)


# -- groups ------------------------------------------------------------------


def assess_alignment(
    alignment: Alignment, documents: Sequence[SegmentedDocument] | None = None
) -> tuple[AssessedGroup, ...]:
    """Assess every claim and label every group of the alignment.

    With the segmented `documents`, each claim is assessed in the context
    `audit_contexts` gives it in its article (the paragraph before, the text
    after: a speaker named there, a quote closed there, a tweet's credit).
    Without them a claim's context is the text of the claims that precede it
    in the same paragraph of the same source (all the alignment holds).
    """
    metas = {meta.id: meta for meta in alignment.sources}
    claims = [c for g in alignment.groups for c in g.claims]
    contexts = {key: (before, "") for key, before in _claim_contexts(claims).items()}
    texts = None
    if documents is not None:
        wanted = {c.sentence.source for c in claims}
        for document in documents:
            if document.document.meta.id in wanted:
                contexts.update({(s.source, s.start): (before, after)
                                 for s, before, after in audit_contexts(document)})
        # republication is judged from whole documents, never one shared sentence
        texts = {d.document.meta.id: d.document.text for d in documents}
    items = [(c.sentence.text, *contexts.get((c.sentence.source, c.sentence.start), ("", "")))
             for c in claims]
    found = dict(zip(((c.sentence.source, c.sentence.start) for c in claims),
                     _assess_items(items), strict=True))
    return tuple(_assess_group(group, metas, found, texts) for group in alignment.groups)


def _assess_items(items: list[tuple[str, str, str]]) -> list[Assessment]:
    """`assess` of each (sentence, before, after): from the cache when this very
    list was assessed by this very code before (a second run of a topic), else
    in a process pool from ASSESS_PARALLEL_MIN_CLAIMS items on."""
    entry = _cache.key(json.dumps(items, ensure_ascii=False).encode("utf-8"), "assess",
                       _assess_revision())
    cached = _cache.load(entry, namespace="assess")
    if isinstance(cached, list) and len(cached) == len(items):
        try:
            return [Assessment(**{k: tuple(v) if isinstance(v, list) else v
                                  for k, v in row.items()}) for row in cached]
        except TypeError:
            pass  # an entry of another shape: assess again
    found = _assess_batch(items)
    _cache.store(entry, [asdict(a) for a in found], namespace="assess")
    return found


def _assess_batch(items: Sequence[tuple[str, str, str]]) -> list[Assessment]:
    """`assess` of each (sentence, before, after): the rules in a process pool
    from ASSESS_PARALLEL_MIN_CLAIMS items on, then the learned part for the
    sentences the rules leave to it (`matcher.unsupported`: this process's
    model, or a pool of single-threaded ones for many new sentences)."""
    from .matcher import unsupported

    ruled = list(ordered_map(_assess_item, items, min_items=ASSESS_PARALLEL_MIN_CLAIMS,
                             chunksize=64))
    found = [result for result, _ in ruled]
    waiting = [i for i, (_, open_) in enumerate(ruled) if open_]
    probabilities = unsupported([items[i][0] for i in waiting])
    for i, probability in zip(waiting, probabilities, strict=True):
        if probability >= ASSESS_MODEL_MIN_PROBABILITY:
            text, before, after = items[i]
            found[i] = _assess(text, before or None, after or None, float(probability))[0]
    return found


def _assess_revision() -> str:
    """A digest of everything a claim's assessment depends on: this module, the
    lexicons, the settings and the learned model as files, and the settings as
    this process has them (a notebook or a benchmark may change one), so a
    change to any of them never meets an assessment cached before it."""
    values = repr(sorted((name, value) for name, value in globals().items()
                         if name.isupper() and isinstance(value, (str, int, float, tuple))))
    return hashlib.sha256(f"{_assess_files_digest()}\0{values}".encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _assess_files_digest() -> str:
    digest = hashlib.sha256()
    package = resources.files("compare")
    for name in ("assess.py", "_lexicon.py", "settings.py"):
        try:
            digest.update((package / name).read_bytes())
        except (FileNotFoundError, OSError):
            digest.update(name.encode())
    from .matcher import flagger_version  # the learned part's file, by its sha256

    digest.update(flagger_version().encode())
    return digest.hexdigest()


def _assess_item(item: tuple[str, str, str]) -> tuple[Assessment, bool]:
    """The rules' assessment of one (sentence, text before, text after), and
    whether the learned part is to judge it, for a worker process."""
    text, before, after = item
    return _assess(text, before or None, after or None, None)


def _claim_contexts(claims: Iterable[Claim]) -> dict[tuple[str, int], str]:
    """(source, start) -> text of earlier claims in the same paragraph."""
    by_paragraph: dict[tuple[str, int], list[Claim]] = {}
    for claim in claims:
        key = (claim.sentence.source, claim.sentence.paragraph)
        by_paragraph.setdefault(key, []).append(claim)
    contexts = {}
    for paragraph_claims in by_paragraph.values():
        ordered = sorted({c.sentence.start: c for c in paragraph_claims}.values(),
                         key=lambda c: c.sentence.start)
        for index, claim in enumerate(ordered):
            before = " ".join(c.sentence.text for c in ordered[:index])
            contexts[(claim.sentence.source, claim.sentence.start)] = before
    return contexts


def _assess_group(
    group: ClaimGroup, metas: dict[str, SourceMeta],
    assessments: dict[tuple[str, int], Assessment], texts: Mapping[str, str] | None = None,
) -> AssessedGroup:
    claims = [AssessedClaim(claim, assessments[claim.sentence.source, claim.sentence.start])
              for claim in group.claims]
    voices = independent_voices(group.claims, metas, texts)
    relation, rationale = _relation(claims, voices, metas, group.matches)
    return AssessedGroup(group.id, group.title, relation, rationale, tuple(claims))


def independent_voices(
    claims: Sequence[Claim], metas: dict[str, SourceMeta],
    documents: Mapping[str, str] | None = None,
) -> list[tuple[list[str], str]]:
    """Group the claims' sources into independent voices.

    Returns (source ids, why they are one voice) per voice. Two sources are
    one voice when they share an author or an outlet (case-insensitive), or
    when one republishes the other. `documents` (source id -> the whole
    text) decides republication from the whole documents: at least
    DIVERGE_COPY_MIN_SHARE of the shorter one's word n-grams are in the
    other. Without them it falls back on the claims: a claim of one that is
    a near-identical copy of a claim of the other (rapidfuzz ratio >=
    ASSESS_COPY_MIN_RATIO), unless that claim is mostly a quote (three
    outlets quoting one tweet are three voices).
    """
    sources = list(dict.fromkeys(c.sentence.source for c in claims))
    parent = {s: s for s in sources}
    why: dict[str, str] = {}

    def root(source: str) -> str:
        while parent[source] != source:
            source = parent[source]
        return source

    for i, a in enumerate(sources):
        for b in sources[i + 1:]:
            reason = _same_voice_reason(a, b, claims, metas, documents)
            if reason and root(a) != root(b):
                parent[root(b)] = root(a)
                why[root(a)] = "; ".join(filter(None, (why.get(root(a)), reason)))
    voices: dict[str, list[str]] = {}
    for source in sources:
        voices.setdefault(root(source), []).append(source)
    return [(members, why.get(key, "")) for key, members in voices.items()]


def _same_voice_reason(
    a: str, b: str, claims: Sequence[Claim], metas: dict[str, SourceMeta],
    documents: Mapping[str, str] | None = None,
) -> str:
    meta_a, meta_b = metas.get(a, SourceMeta(a)), metas.get(b, SourceMeta(b))
    for field in ("author", "outlet"):
        value_a, value_b = getattr(meta_a, field), getattr(meta_b, field)
        if value_a and value_b and value_a.strip().lower() == value_b.strip().lower():
            return f"{a} and {b} share the {field} {value_a}"
    if documents is not None and a in documents and b in documents:
        share = diverge.shared_text_share(documents[a], documents[b])
        if share >= DIVERGE_COPY_MIN_SHARE:
            return (f"{b} and {a} are one text republished ({share:.0%} of the shorter one's "
                    "word sequences are in the other)")
        return ""
    texts_a = [c.sentence.text for c in claims if c.sentence.source == a]
    texts_b = [c.sentence.text for c in claims if c.sentence.source == b]
    if any(fuzz.ratio(x, y) >= ASSESS_COPY_MIN_RATIO and not diverge.mostly_quoted(x)
           for x in texts_a for y in texts_b):
        return f"{b} repeats {a} almost word for word (a republished copy)"
    return ""


def _relation(
    claims: Sequence[AssessedClaim],
    voices: list[tuple[list[str], str]],
    metas: dict[str, SourceMeta],
    matches: Mapping[tuple[str, str], float] | None = None,
) -> tuple[str, str]:
    """The group's relation and a rationale that says why (`matches`: the
    matcher's scores align gave pairs of these claims, `ClaimGroup.matches`)."""
    one_voice_notes = [
        f"{' and '.join(members)} count as one voice ({why})" for members, why in voices if why
    ]
    note = (" " + "; ".join(one_voice_notes) + ".") if one_voice_notes else ""
    if len(voices) < 2:
        members = voices[0][0] if voices else []
        if len(members) > 1:
            return "single-source", (
                f"Only one voice makes this claim: {' and '.join(members)} are not "
                f"independent corroboration.{note}"
            )
        only = members[0] if members else "one source"
        return "single-source", (
            f"Only {only} was found making this claim; no other source was matched to it "
            "(one making the same point in quite other words can be missed)."
        )
    voice_of = {source: index for index, (members, _) in enumerate(voices) for source in members}
    point = _divergence_point(claims, voice_of, metas, matches)
    if point:
        sources = sorted({s for s in point[1]})
        return "divergence", (
            f"{point[0]}.{_dates_note(sources, metas)}{note}"
        )
    names = "; ".join(" + ".join(members) for members, _ in voices)
    certainty = _certainty_note(claims)
    return "agreement", (
        f"{len(voices)} independent voices ({names}) were grouped as making the same point "
        f"(by the trained claim matcher), with no difference found in figures, dates, times, "
        f"titles, quotes or who did what. Read the quotes "
        f"before citing this as corroboration: grouping can join claims that only share a "
        f"subject.{certainty}{note}"
    )


def _divergence_point(
    claims: Sequence[AssessedClaim], voice_of: dict[str, int],
    metas: dict[str, SourceMeta] | None = None,
    matches: Mapping[tuple[str, str], float] | None = None,
) -> tuple[str, tuple[str, str]] | None:
    """The first checkable point on which two independent voices differ:
    a slot of `compare.diverge` (figures, times of day and relative times,
    titles and party labels, the wording of a quote), then calendar dates,
    then who did what.

    `metas` gives the sources' publication dates: a figure that differs
    between reports of different days is then told as one that may have
    changed, and "last week" is read from each article's own date. Negation
    and opposite evaluation words are not used: on labelled pairs that make
    the same point (bench/eval_divergence.py) 11 of 88 negation hits were
    labelled divergences on the fit stories and 0 of 17 on the held-out
    ones; evaluation words 0 of 2 and 0 of 1.
    """
    metas = metas or {}
    texts_of: dict[str, list[str]] = {}
    for c in claims:
        texts_of.setdefault(c.claim.sentence.source, []).append(c.claim.sentence.text)
    for a, b in _cross_voice_pairs(claims, voice_of):
        text_a, text_b = a.claim.sentence.text, b.claim.sentence.text
        src_a, src_b = a.claim.sentence.source, b.claim.sentence.source
        dates = (metas[src_a].published if src_a in metas else None,
                 metas[src_b].published if src_b in metas else None)
        # what a source tells itself in another claim of the group it does not dispute
        also = ([t for t in texts_of[src_a] if t != text_a],
                [t for t in texts_of[src_b] if t != text_b])
        found = (diverge.slot_difference(text_a, text_b, *dates, slots=diverge.EVENT_SLOTS,
                                         also_a=also[0], also_b=also[1])
                 or _date_difference(text_a, text_b) or _actor_difference(text_a, text_b))
        if found and not _same_event(text_a, text_b, matches or {}):
            found = None
        found = found or diverge.slot_difference(text_a, text_b, *dates,
                                                 slots=diverge.PERSON_SLOTS,
                                                 also_a=also[0], also_b=also[1])
        if found:
            return found.format(a=src_a, b=src_b), (src_a, src_b)
    return None


def _same_event(text_a: str, text_b: str, matches: Mapping[tuple[str, str], float]) -> bool:
    """Whether the two claims tell one event or quantity (`diverge.same_event`
    of the matcher's score): a group holds several claims of a source, and
    two of them of different sources can tell different events or quantities
    ("more than 1,300 delegates ... up for grabs" / the party's rule on "the
    3,979 pledged delegates"). The score is the one align gave the pair
    (`matches`); the matcher is asked, without a topic, only for a pair align
    did not score. Always true when the gate is off, or when either text is
    one the English matcher cannot read (align judges such pairs by the
    multilingual encoder)."""
    from .matcher import latin_share, match

    known = matches.get(pair_key(text_a, text_b))
    if known is None and DIVERGENCE_SAME_EVENT_MIN_MATCH is not None and min(
            latin_share(text_a), latin_share(text_b)) >= MATCH_MIN_LATIN_SHARE:
        known = float(match([(text_a, text_b)])[0])
    return diverge.same_event(known)


def _cross_voice_pairs(
    claims: Sequence[AssessedClaim], voice_of: dict[str, int]
) -> list[tuple[AssessedClaim, AssessedClaim]]:
    """Claim pairs from different voices, the most lexically similar first
    (they are the likeliest to be about the very same point)."""
    pairs = [
        (a, b) for i, a in enumerate(claims) for b in claims[i + 1:]
        if voice_of[a.claim.sentence.source] != voice_of[b.claim.sentence.source]
    ]
    return sorted(pairs, key=lambda p: -fuzz.token_set_ratio(p[0].claim.sentence.text,
                                                             p[1].claim.sentence.text))


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _negation_difference(text_a: str, text_b: str) -> str | None:
    """One claim negates what the other asserts ("will" vs "will not").

    A negation counts only when what it negates, one of the next
    ASSESS_NEGATION_SCOPE_WORDS content words ("not *escalate*", "never
    *responded*"), is asserted by the other claim outside any negation of its
    own: a "not" elsewhere in a long sentence is not a contradiction.
    """
    for negating, asserting, side, other in ((text_a, text_b, "{a}", "{b}"),
                                             (text_b, text_a, "{b}", "{a}")):
        asserted = _stems(_content_words(asserting)) - _negated_stems(asserting)
        for match in lex.NEGATION.finditer(negating):
            point = [w for w in _scope(negating, match) if _stem(w) in asserted]
            if point:
                return (f"Negation: {side} says '{_around(match)}' where {other} asserts "
                        f"'{point[0]}' without negation")
    return None


def _scope(text: str, negation: re.Match) -> list[str]:
    """The words a negation governs: the next few content words of its clause,
    names left out ("will not force *Ukraine*": what is denied is the forcing)."""
    clause = _CLAUSE_END.split(text[negation.end():])[0]
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", clause)
             if w.islower() and w not in _STOP]
    return words[:ASSESS_NEGATION_SCOPE_WORDS]


def _negated_stems(text: str) -> set[str]:
    return {_stem(w) for match in lex.NEGATION.finditer(text) for w in _scope(text, match)}


def _stems(words: Iterable[str]) -> set[str]:
    return {_stem(w) for w in words}


def _stem(word: str) -> str:
    """A crude stem, the first five letters: "escalate", "escalation" -> "escal"."""
    return word[:5]


def _figure_difference(text_a: str, text_b: str) -> str | None:
    """The two claims give different numbers for the same unit."""
    figures_a = _figures(text_a)
    figures_b = _figures(text_b)
    for unit in sorted(set(figures_a) & set(figures_b)):
        if not figures_a[unit] & figures_b[unit]:
            return (f"Figures differ: {{a}} gives {', '.join(sorted(figures_a[unit]))} {unit}, "
                    f"{{b}} gives {', '.join(sorted(figures_b[unit]))} {unit}")
    return None


def _figures(text: str) -> dict[str, set[str]]:
    figures: dict[str, set[str]] = {}
    for number, unit in _NUMBER_WITH_UNIT.findall(text):
        digits = re.sub(r"[,\s]", "", number).rstrip(".")
        if unit.lower() in _STOP or re.fullmatch(r"(?:19|20)\d\d", digits) \
                or unit.capitalize() in _MONTH_NUMBERS:  # a date, not a figure
            continue
        figures.setdefault(unit.lower(), set()).add(digits)
    return figures


@dataclass(frozen=True)
class _Date:
    """A calendar date as written, with the parts it gives (None: not given)."""

    text: str
    year: int | None
    month: int | None
    day: int | None
    event: frozenset[str]
    head: str

    def fits(self, other: _Date) -> bool:
        """Whether both can name the same day ("June 2016" fits "June 9, 2016")."""
        pairs = ((self.year, other.year), (self.month, other.month), (self.day, other.day))
        return all(x is None or y is None or x == y for x, y in pairs)


@lru_cache(maxsize=4096)
def _dates(text: str) -> tuple[_Date, ...]:
    """The calendar dates written in a sentence."""
    found = []
    for match in lex.DATE.finditer(text):
        parts = {k[0]: v for k, v in match.groupdict().items() if v}
        month = _MONTH_NUMBERS[parts["m"]] if "m" in parts else None
        before = _clause_words(_CLAUSE_BREAK.split(text[:match.start()])[-1])
        after = _clause_words(_CLAUSE_BREAK.split(text[match.end():])[0])
        found.append(_Date(
            match.group(0), int(parts["y"]) if "y" in parts else None, month,
            int(parts["d"]) if "d" in parts else None,
            frozenset(before[-ASSESS_DATE_EVENT_WINDOW:] + after[:ASSESS_DATE_EVENT_WINDOW]),
            before[-1] if before else "",
        ))
    return tuple(found)


def _clause_words(clause: str) -> list[str]:
    """The clause's content words in order, dates left out."""
    return [w for w in _WORD.findall(lex.DATE.sub(" ", clause).lower()) if w not in _STOP]


def _date_difference(text_a: str, text_b: str) -> str | None:
    """The claims date one event differently: a date of each that cannot name
    the same day, while neither fits any date of the other claim ("from 1974
    to 2001" does not contradict "in 2001"), told of the same event: the same
    word just before both ("left Apple in 1985" / "left Apple in early
    1987"), at least ASSESS_DATE_MIN_SHARED_WORDS shared words around them,
    and no claim naming someone the other never names (Foley's abduction and
    Sotloff's are two events)."""
    dates_a, dates_b = _dates(text_a), _dates(text_b)
    for a in dates_a:
        for b in dates_b:
            if a.fits(b) or any(a.fits(x) for x in dates_b) or any(b.fits(x) for x in dates_a):
                continue
            if a.head and a.head == b.head and not _name_each_lacks(text_a, text_b) and \
                    len(a.event & b.event) >= ASSESS_DATE_MIN_SHARED_WORDS:
                return f"Dates differ: {{a}} gives '{a.text}', {{b}} gives '{b.text}'"
    return None


def _name_each_lacks(text_a: str, text_b: str) -> bool:
    """Whether each claim names someone or something the other never does:
    then they likely tell two events (Foley's abduction and Sotloff's)."""
    names_a, names_b = _names(text_a), _names(text_b)
    return bool(names_a - names_b) and bool(names_b - names_a)


def _names(text: str) -> set[str]:
    """Capitalised words past the first, months and weekdays aside, cut to
    their first five letters so "Mexico" and "Mexicans" are one name."""
    words = re.findall(r"(?:^|(?<=[\s(“\"']))([A-Z][\w’'-]+)", text)
    return {w.lower()[:5].rstrip("’'s") for w in words
            if w not in _MONTH_NUMBERS and f"{w}." not in _MONTH_NUMBERS
            and w.lower() not in lex.NOT_A_NAME and w.lower() not in _WEEKDAYS}


@dataclass(frozen=True)
class _Action:
    """Somebody doing something to something: "Russia struck the bridge"."""

    agent: str
    verb: str
    target: frozenset[str]
    head: str  # the first content word of the target: what was acted on
    words: str  # the clause as written, for the reason


_ACTOR = rf"(?P<agent>(?:the\s+)?{_NAME}(?:\s+(?:{lex.AGENT_NOUNS}))?)"
_VERB = rf"(?P<verb>[a-z]{{3,}}ed|{lex.IRREGULAR_PAST})"
_ACTIVE = re.compile(
    rf"{_ACTOR}\s+(?:(?:has|have|had|also|reportedly|allegedly|then|later|first|"
    rf"again|apparently)\s+)*{_VERB}\b(?!\s+by\b)(?P<target>[^,.;:!?\"“”]*)"
)
_PASSIVE = re.compile(
    rf"(?P<target>[^,.;:!?\"“”]*?)\b(?:was|were|has\s+been|have\s+been|had\s+been|is|are|"
    rf"being)\s+(?:\w+ly\s+)?{_VERB}\s+by\s+{_ACTOR}"
)
#: "Police", "the authorities": a kind of actor, not one a reader can tell apart.
_GROUP_NOUN = re.compile(rf"(?:the\s+)?(?:{lex.SPEAKER_NOUNS}|{lex.AGENT_NOUNS})", re.IGNORECASE)
_PREPOSITIONS = frozenset([
    "in", "of", "from", "at", "on", "with", "for", "by", "to", "into", "near", "over", "under",
    "about", "against", "between", "across", "among", "through",
])
#: Titles, cut like the keys of `_names` (five letters).
_TITLES = frozenset(t[:5] for t in [
    "mr", "mrs", "ms", "dr", "president", "secretary", "speaker", "minister", "prime",
    "chancellor", "general", "senator", "rep", "sen", "gov", "governor", "king", "queen",
    "prince", "house",
])


@lru_cache(maxsize=4096)
def _actions(text: str) -> tuple[_Action, ...]:
    """Who does what in a sentence, active ("X struck Y") or passive ("Y was
    struck by X"); the target is the content words the verb acts on. Cached:
    a group compares each claim with every other voice's claims."""
    found = []
    for pattern, window in ((_ACTIVE, slice(0, ASSESS_ACTION_TARGET_WORDS)),
                            (_PASSIVE, slice(-ASSESS_ACTION_TARGET_WORDS, None))):
        for match in pattern.finditer(text):
            verb = match.group("verb").lower()
            agent = _trim_name(match.group("agent"))
            if verb in lex.NOT_PAST or verb in lex.NOT_AN_ACTION \
                    or re.fullmatch(lex.REPORTING_VERBS, verb) or not _is_agent(agent, match):
                continue
            words = [w for w in _clause_words(match.group("target")) if w not in _WEEKDAYS]
            target = words[window]
            if target:
                clause = " ".join(match.group(0).split()[:ASSESS_ACTION_TARGET_WORDS + 4])
                found.append(_Action(agent, verb, frozenset(target), target[0], clause))
    return tuple(found)


def _is_agent(agent: str, match: re.Match) -> bool:
    """Whether the words before the verb can be who acted: a name, not a
    pronoun ("I've", "He"), an adverb ("Newly released"), a kind of actor
    ("Police", "Authorities") or the object of a preposition ("militants in
    Iraq released")."""
    first = agent.split()[0].lower() if agent else ""
    if not agent or _PRONOUN.match(agent) or re.match(r"I\b|I[’']", agent) or \
            first.endswith("ly") or first in lex.INDEFINITE_PRONOUNS or \
            _GROUP_NOUN.fullmatch(agent):
        return False
    before = match.string[:match.start("agent")].split()[-1:]
    return not (before and before[0].lower() in _PREPOSITIONS)


def _mentions(agent: str, text: str) -> bool:
    """Whether the text names the agent, or (one capitalised word, a common
    noun at the start of a sentence: "Police") uses its word in lower case."""
    keys = _agent_keys(agent)
    return bool(keys & _names(text)) or (
        len(agent.split()) == 1 and re.search(rf"\b{re.escape(agent.lower())}\b", text) is not None
    )


def _same_agent(a: str, b: str, keys_a: set[str], keys_b: set[str]) -> bool:
    """Name variants: a shared name, a near spelling (Mashnuq / Machnouk), or
    an acronym (ISIS / Islamic State)."""
    if keys_a & keys_b or fuzz.ratio(a.lower(), b.lower()) >= ASSESS_AGENT_VARIANT_RATIO:
        return True
    acronyms = [{_initials(n)} | set(re.findall(r"\b[A-Z]{2,}\b", n.replace(".", "")))
                for n in (a, b)]
    return any(len(x) >= 2 and len(y) >= 2 and (x.startswith(y) or y.startswith(x))
               for x in acronyms[0] for y in acronyms[1])


def _initials(name: str) -> str:
    """"Islamic State" -> "IS"; leading "the" left out."""
    return "".join(w[0] for w in name.split() if w[0].isupper() and w.lower() != "the")


def _agent_keys(agent: str) -> set[str]:
    """The agent's names without titles ("President Trump" -> trump)."""
    return {k for k in _names(agent) if k not in _TITLES}


def _actor_difference(text_a: str, text_b: str) -> str | None:
    """The claims give the same action to different agents: the same verb,
    each target's first word in the other's target and at least
    ASSESS_ACTION_MIN_SHARED_WORDS words in common; agents that are not
    variants of one name, and neither claim names the other's agent at all
    (so "Police" and "British police", or ISIS and Islamic State, agree)."""
    for x in _actions(text_a):
        for y in _actions(text_b):
            keys_x, keys_y = _agent_keys(x.agent), _agent_keys(y.agent)
            if x.verb != y.verb or not keys_x or not keys_y or _mentions(x.agent, text_b) \
                    or _mentions(y.agent, text_a) or _same_agent(x.agent, y.agent, keys_x, keys_y):
                continue
            if x.head in y.target and y.head in x.target and \
                    len(x.target & y.target) >= ASSESS_ACTION_MIN_SHARED_WORDS:
                found = (f"Who did what: {{a}} says '{x.words}' ({x.agent}), "
                         f"{{b}} says '{y.words}' ({y.agent})")
                return found.replace("{", "{{").replace("}", "}}") \
                    .replace("{{a}}", "{a}").replace("{{b}}", "{b}")
    return None


def _evaluation_difference(text_a: str, text_b: str) -> str | None:
    """One claim uses a word whose opposite the other uses ("success" / "failure")."""
    has_a, has_b = _antonym_stems(text_a), _antonym_stems(text_b)
    for left, right in lex.ANTONYMS:
        for x, y in ((left, right), (right, left)):
            if x in has_a and y in has_b and y not in has_a and x not in has_b:
                return f"Opposite evaluations: {{a}} says '{x}', {{b}} says '{y}'"
    return None


_ANTONYM_STEMS = frozenset(stem for pair in lex.ANTONYMS for stem in pair)


@lru_cache(maxsize=4096)
def _antonym_stems(text: str) -> frozenset[str]:
    """The ANTONYMS stems a text uses: a word equal to a stem or the stem plus
    up to three letters ("fail", "failed", "failure")."""
    return frozenset(word[:n] for word in _WORD.findall(text.lower())
                     for n in range(max(1, len(word) - 3), len(word) + 1)) & _ANTONYM_STEMS


def _around(match: re.Match) -> str:
    """The negation cue with up to three words either side."""
    text = match.string
    left = text[:match.start()].split()[-3:]
    right = text[match.end():].split()[:3]
    return " ".join([*left, match.group(0), *right])


def _certainty_note(claims: Sequence[AssessedClaim]) -> str:
    hedged = sorted({c.claim.sentence.source for c in claims if FLAG_HEDGED in c.assessment.flags})
    certain = sorted({c.claim.sentence.source for c in claims} - set(hedged))
    if hedged and certain:
        return f" {_and_list(hedged)} hedge where {_and_list(certain)} state it as fact."
    return ""


def _and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _dates_note(sources: Sequence[str], metas: dict[str, SourceMeta]) -> str:
    dated = {s: metas[s].published for s in sources if s in metas and metas[s].published}
    if len(set(dated.values())) < 2:
        return ""
    listed = ", ".join(f"{s} {d}" for s, d in sorted(dated.items(), key=lambda kv: str(kv[1])))
    return f" Published {listed}: events may have moved on between them."
