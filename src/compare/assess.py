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

Groups are agreement, divergence (naming the point: negation, figures,
opposite evaluation) or single-source, counting independent voices only:
the same author or outlet, or a republished copy, is one voice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from . import _lexicon as lex
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
)
from .settings import (
    ASSESS_APPROXIMATOR_WINDOW,
    ASSESS_COPY_MIN_RATIO,
    ASSESS_MIN_QUOTE_WORDS,
    ASSESS_SPEAKER_GAP_CHARS,
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
    rf"(?:\s*,[^,;]{{0,{ASSESS_SPEAKER_GAP_CHARS}}},)?\s+{_AUX}"
    rf"(?P<verb>{lex.REPORTING_VERBS})\b(?!\s+(?:by|as)\b)",
)
_VERB_BEFORE_SPEAKER = re.compile(
    rf"[,”\"]\s*(?:and\s+)?(?:also\s+)?(?P<verb>{lex.REPORTING_VERBS}|"
    rf"{lex.INVERTED_ONLY_VERBS})\s+(?P<who>{_NAME}|{_ROLE})",
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;:!?“”\"]{2,80})", re.IGNORECASE)
_QUOTE = re.compile(r"[“\"]([^”\"]+)[”\"]")
_OPEN_QUOTE_CONTINUES = re.compile(r"^\s*[“\"]")
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


@dataclass(frozen=True)
class _Attribution:
    """Who is speaking, how identifiable they are, and the words that show it."""

    speaker: str
    kind: str  # "named" | "anonymous" | "vague"
    evidence: str
    from_context: bool = False


# -- claims ------------------------------------------------------------------


def assess(sentence: str, context: str | None = None) -> Assessment:
    """Flags and reasons for one sentence.

    `context` is the text just before the sentence (its paragraph so far, or
    the previous sentence): a quote continued from it, or "he said" after a
    name given there, is attributed to the speaker named in the context.
    """
    text = _straight_quotes(sentence)
    attribution = find_attribution(text)
    if attribution is None and context:
        attribution = _attribution_from_context(text, _straight_quotes(context))
    flags: list[str] = []
    reasons: list[str] = []
    for flag, reason in (
        _attributed(attribution),
        _unsupported(text, attribution),
        _hedged(text),
        _opinion(text),
    ):
        if reason:
            flags.append(flag)
            reasons.append(reason)
    return Assessment(
        tuple(flags), tuple(reasons),
        attribution.speaker if attribution else None,
        attribution.kind if attribution else None,  # type: ignore[arg-type]
    )


def find_attribution(text: str) -> _Attribution | None:
    """The sentence's own attribution: "according to X", a speaker with a
    reporting verb, or a vague source ("some experts say"); None if none."""
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
        return named
    if vague:
        return _Attribution(vague.group(0), "vague", vague.group(0))
    return None


def _named_speaker(text: str) -> _Attribution | None:
    """A named or role-described speaker next to a reporting verb."""
    for pattern in (_VERB_BEFORE_SPEAKER, _SPEAKER_BEFORE_VERB):
        for match in pattern.finditer(text):
            who = _trim_name(match.group("who"))
            if not who:
                continue
            if re.fullmatch(rf"(?:{lex.SPEAKER_NOUNS})", who, re.IGNORECASE):
                continue  # "Experts say": nobody in particular, left to the weasel rules
            return _Attribution(who, "named", match.group(0).strip(" ,”\""))
    return None


def _trim_name(who: str) -> str:
    """Drop leading function words ("However Putin" -> "Putin"); '' if nothing is left."""
    words = who.split()
    while words and words[0].lower() in lex.NOT_A_NAME and words[0].lower() not in (
        "the", "this", "that", "he", "she", "they"
    ):
        words = words[1:]
    if words:
        words[-1] = words[-1].rstrip(".,;:")
    if not words or not words[-1]:
        return ""
    if len(words) == 1 and words[0].lower() in lex.NOT_A_NAME and not _PRONOUN.match(words[0]):
        return ""
    return " ".join(words)


def _is_source(who: str) -> bool:
    """Whether the X of "according to X" is a source ("the head of state",
    "Reuters", "unconfirmed reports"), not a standard ("according to plan")."""
    return bool(
        re.search(r"\b[A-Z]", who)
        or re.match(_ROLE, who, re.IGNORECASE)
        or re.search(rf"\b(?:{lex.SPEAKER_NOUNS}|information|data|estimates|figures)\b", who,
                     re.IGNORECASE)
        or lex.WEASEL.match("according to " + who)
    )


def _source_kind(who: str) -> str:
    """Classify the X of "according to X"."""
    if re.match(r"(?:as\s+yet\s+)?unconfirmed|unverified", who, re.IGNORECASE) or \
            lex.WEASEL.match("according to " + who):
        return "vague"
    if lex.ANONYMOUS_SOURCE.search(who):
        return "anonymous"
    return "named"


def _attribution_from_context(text: str, context: str) -> _Attribution | None:
    """A quote, or "he/she said", whose speaker is named in the context."""
    quoted = _long_quote(text) or _OPEN_QUOTE_CONTINUES.match(text) or _inside_quote(context)
    pronoun_speaker = re.search(rf"\b(?:he|she|they)\s+{_AUX}(?:{lex.REPORTING_VERBS})\b", text,
                                re.IGNORECASE)
    if not (quoted or pronoun_speaker):
        return None
    earlier = _last_named_speaker(context)
    if earlier is None:
        return None
    return _Attribution(earlier.speaker, "named", earlier.evidence, from_context=True)


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


def _inside_quote(context: str) -> bool:
    """Whether the context leaves a quotation open (an odd number of quote
    marks), so the sentence continues somebody's quoted words."""
    return context.count('"') % 2 == 1


def _long_quote(text: str) -> str | None:
    """A direct quote of at least ASSESS_MIN_QUOTE_WORDS words (not a scare-quoted term)."""
    for match in _QUOTE.finditer(text):
        if len(match.group(1).split()) >= ASSESS_MIN_QUOTE_WORDS:
            return match.group(1)
    return None


def _attributed(attribution: _Attribution | None) -> tuple[str, str | None]:
    if attribution is None or attribution.kind == "vague":
        return FLAG_ATTRIBUTED, None
    if attribution.kind == "anonymous":
        return FLAG_ATTRIBUTED, (
            f"attributed to an anonymous source ('{attribution.evidence}'): "
            "who said it cannot be checked"
        )
    if attribution.from_context:
        return FLAG_ATTRIBUTED, (
            f"attributed to {attribution.speaker}: continues what the text just before "
            f"introduces with \"{attribution.evidence}\""
        )
    if _PRONOUN.match(attribution.speaker):
        return FLAG_ATTRIBUTED, (
            f"attributed ('{attribution.evidence}'); the pronoun refers to someone named "
            "earlier in the article"
        )
    return FLAG_ATTRIBUTED, f"attributed to {attribution.speaker} ('{attribution.evidence}')"


def _unsupported(text: str, attribution: _Attribution | None) -> tuple[str, str | None]:
    """Why the sentence stands on nothing checkable, or None."""
    if attribution is not None and attribution.kind != "vague":
        return FLAG_UNSUPPORTED, None
    if text.rstrip().endswith("?"):
        return FLAG_UNSUPPORTED, None  # a question asserts nothing
    if attribution is not None:
        return FLAG_UNSUPPORTED, (
            f"vague attribution: '{attribution.evidence}' names no source a reader can check"
        )
    booster = lex.BOOSTER.search(text)
    if booster and lex.FUTURE.search(text):
        return FLAG_UNSUPPORTED, (
            f"prediction stated as certain ('{booster.group(0)}') with no source or evidence"
        )
    estimate = _unsourced_estimate(text)
    if estimate:
        return FLAG_UNSUPPORTED, f"unsourced figure: '{estimate}' is given without a source"
    return FLAG_UNSUPPORTED, None


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
    hedge = lex.HEDGE.search(text)
    if not hedge:
        return FLAG_HEDGED, None
    return FLAG_HEDGED, f"'{hedge.group(0)}' marks it as uncertain, not established fact"


def _opinion(text: str) -> tuple[str, str | None]:
    opinion = lex.OPINION.search(text)
    if not opinion:
        return FLAG_OPINION, None
    cue = opinion.group(0)
    if re.match(r"in\s+my|i\s", cue, re.IGNORECASE):
        return FLAG_OPINION, f"'{cue}' marks a personal view, not a checked fact"
    if re.match(r"must|should|ought|needs?|it\s+is|we\s|let", cue, re.IGNORECASE):
        return FLAG_OPINION, f"recommendation: '{cue}' says what should be, not what is"
    return FLAG_OPINION, f"'{cue}' is the writer's judgement, not a checkable fact"


def _straight_quotes(text: str) -> str:
    """Curly double quotes become straight ones; apostrophes stay."""
    return text.replace("“", '"').replace("”", '"').replace("„", '"')


def audit(document: SegmentedDocument) -> tuple[tuple[Sentence, Assessment], ...]:
    """Every content sentence of a document with its assessment, in reading
    order. A sentence's context is the previous paragraph and its own
    paragraph's text before it (quotes often run on across paragraphs, with
    the speaker named in the first)."""
    audited = []
    previous = ""
    for paragraph in document.paragraphs:
        if paragraph.boilerplate or not paragraph.sentences:
            continue
        for index, sentence in enumerate(paragraph.sentences):
            before = " ".join(s.text for s in paragraph.sentences[:index])
            context = f"{previous} {before}".strip()
            audited.append((sentence, assess(sentence.text, context or None)))
        previous = " ".join(s.text for s in paragraph.sentences)
    return tuple(audited)


# -- groups ------------------------------------------------------------------


def assess_alignment(alignment: Alignment) -> tuple[AssessedGroup, ...]:
    """Assess every claim and label every group of the alignment.

    A claim's context is the text of the claims that precede it in the same
    paragraph of the same source (all the assess stage has of the document).
    """
    metas = {meta.id: meta for meta in alignment.sources}
    contexts = _claim_contexts(c for g in alignment.groups for c in g.claims)
    return tuple(_assess_group(group, metas, contexts) for group in alignment.groups)


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
    group: ClaimGroup, metas: dict[str, SourceMeta], contexts: dict[tuple[str, int], str]
) -> AssessedGroup:
    claims = tuple(
        AssessedClaim(c, assess(c.sentence.text,
                                contexts.get((c.sentence.source, c.sentence.start)) or None))
        for c in group.claims
    )
    voices = independent_voices(group.claims, metas)
    relation, rationale = _relation(claims, voices, metas)
    return AssessedGroup(group.id, group.title, relation, rationale, claims)


def independent_voices(
    claims: Sequence[Claim], metas: dict[str, SourceMeta]
) -> list[tuple[list[str], str]]:
    """Group the claims' sources into independent voices.

    Returns (source ids, why they are one voice) per voice. Two sources are
    one voice when they share an author or an outlet (case-insensitive), or
    when one republishes the other (a claim of one is a near-identical copy of
    a claim of the other, rapidfuzz ratio >= ASSESS_COPY_MIN_RATIO).
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
            reason = _same_voice_reason(a, b, claims, metas)
            if reason and root(a) != root(b):
                parent[root(b)] = root(a)
                why[root(a)] = "; ".join(filter(None, (why.get(root(a)), reason)))
    voices: dict[str, list[str]] = {}
    for source in sources:
        voices.setdefault(root(source), []).append(source)
    return [(members, why.get(key, "")) for key, members in voices.items()]


def _same_voice_reason(
    a: str, b: str, claims: Sequence[Claim], metas: dict[str, SourceMeta]
) -> str:
    meta_a, meta_b = metas.get(a, SourceMeta(a)), metas.get(b, SourceMeta(b))
    for field in ("author", "outlet"):
        value_a, value_b = getattr(meta_a, field), getattr(meta_b, field)
        if value_a and value_b and value_a.strip().lower() == value_b.strip().lower():
            return f"{a} and {b} share the {field} {value_a}"
    texts_a = [c.sentence.text for c in claims if c.sentence.source == a]
    texts_b = [c.sentence.text for c in claims if c.sentence.source == b]
    if any(fuzz.ratio(x, y) >= ASSESS_COPY_MIN_RATIO for x in texts_a for y in texts_b):
        return f"{b} repeats {a} almost word for word (a republished copy)"
    return ""


def _relation(
    claims: Sequence[AssessedClaim],
    voices: list[tuple[list[str], str]],
    metas: dict[str, SourceMeta],
) -> tuple[str, str]:
    """The group's relation and a rationale that says why."""
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
        return "single-source", f"Only {only} makes this claim; no other source corroborates it."
    voice_of = {source: index for index, (members, _) in enumerate(voices) for source in members}
    point = _divergence_point(claims, voice_of)
    if point:
        sources = sorted({s for s in point[1]})
        return "divergence", (
            f"{point[0]}.{_dates_note(sources, metas)}{note}"
        )
    names = "; ".join(" + ".join(members) for members, _ in voices)
    certainty = _certainty_note(claims)
    return "agreement", (
        f"{len(voices)} independent voices ({names}) make the same point with no "
        f"contradiction found in negation, figures or evaluations.{certainty}{note}"
    )


def _divergence_point(
    claims: Sequence[AssessedClaim], voice_of: dict[str, int]
) -> tuple[str, tuple[str, str]] | None:
    """The first checkable point on which two independent voices differ."""
    for a, b in _cross_voice_pairs(claims, voice_of):
        text_a, text_b = a.claim.sentence.text, b.claim.sentence.text
        src_a, src_b = a.claim.sentence.source, b.claim.sentence.source
        for finder in (_figure_difference, _negation_difference, _evaluation_difference):
            found = finder(text_a, text_b)
            if found:
                return found.format(a=src_a, b=src_b), (src_a, src_b)
    return None


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
    """One claim negates what the other asserts ("will" vs "will not")."""
    neg_a, neg_b = lex.NEGATION.search(text_a), lex.NEGATION.search(text_b)
    if bool(neg_a) == bool(neg_b):
        return None
    negated = neg_a or neg_b
    assert negated is not None
    side = "{a}" if neg_a else "{b}"
    other = "{b}" if neg_a else "{a}"
    shared = sorted(_content_words(text_a) & _content_words(text_b))[:4]
    about = f" about {', '.join(shared)}" if shared else ""
    return (f"Negation: {side} says '{_around(negated)}' where {other} asserts it "
            f"without negation{about}")


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
        if unit.lower() in _STOP or re.fullmatch(r"(?:19|20)\d\d", digits):
            continue
        figures.setdefault(unit.lower(), set()).add(digits)
    return figures


def _evaluation_difference(text_a: str, text_b: str) -> str | None:
    """One claim uses a word whose opposite the other uses ("success" / "failure")."""
    words_a, words_b = set(_WORD.findall(text_a.lower())), set(_WORD.findall(text_b.lower()))
    for left, right in lex.ANTONYMS:
        for x, y in ((left, right), (right, left)):
            if _has(words_a, x) and _has(words_b, y) and not _has(words_a, y) \
                    and not _has(words_b, x):
                return f"Opposite evaluations: {{a}} says '{x}', {{b}} says '{y}'"
    return None


def _has(words: set[str], stem: str) -> bool:
    return any(w == stem or (w.startswith(stem) and len(w) - len(stem) <= 3) for w in words)


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
