"""Stage 4: flag each claim and label each group, always with a reason.

Claims (one sentence each) are marked by transparent rules a student can
check in the sentence itself:

- attributed: a named speaker or outlet with a speech verb, a direct quote,
  "according to X" (the speaker is recorded, and whether it is named,
  anonymous or vague);
- unsupported: an assertion with no attribution that leans on weasel words
  ("reports suggest", "many facts indicate"), an unsourced figure, or
  certainty about the future ("will almost certainly");
- hedged: may / might / could / likely ... (uncertainty stated, not fact);
- opinion: a recommendation or obligation ("the West must ...").

Groups are agreement, divergence (with the point: negation, numbers,
opposite evaluation) or single-source, counting independent voices only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .models import (
    FLAG_ATTRIBUTED,
    FLAG_HEDGED,
    FLAG_OPINION,
    FLAG_UNSUPPORTED,
    Alignment,
    AssessedClaim,
    AssessedGroup,
    Assessment,
    ClaimGroup,
    SourceMeta,
)

_SPEECH_VERBS = (
    r"said|says|say|stated|states|told|tells|wrote|writes|noted|notes|argued|argues|"
    r"emphasi[sz]ed|emphasi[sz]es|stressed|concluded|concludes|summari[sz]ed|added|"
    r"claimed|claims|warned|warns|announced|reported|reports|insisted|insists|"
    r"spoke|explained|believes|thinks|calls|called|labelled|labeled|described"
)
_NAME = r"(?:[A-Z][\w’'.-]+(?:\s+(?:[A-Z][\w’'.-]+|of|the|de|von)){0,5})"
_NAMED_SPEAKER = re.compile(rf"\b(?P<who>{_NAME})\s*(?:,[^,]{{0,120}},\s*)?(?:{_SPEECH_VERBS})\b")
_SPEAKER_AFTER = re.compile(rf"\b(?:{_SPEECH_VERBS})\s+(?P<who>{_NAME})")
_ACCORDING_TO = re.compile(r"\baccording to (?P<who>[^,.;:]{2,80})", re.IGNORECASE)
_QUOTE = re.compile(r"[“\"][^”\"]{12,}[”\"]")
_ANONYMOUS = re.compile(
    r"\b(an? (senior |unnamed |anonymous )?(official|source|diplomat|insider)s?|"
    r"sources (close to|familiar with)|people familiar with)\b", re.IGNORECASE)
_VAGUE = re.compile(
    r"\b(reports suggest|it is (widely )?(believed|said|thought|known)|"
    r"many (facts|observers|experts|analysts|people) (indicate|say|believe|agree)|"
    r"(serious |some |many )?experts (know|say|believe|agree)|as is well known|"
    r"some (say|argue|believe)|critics (say|argue)|it is clear that|"
    r"various information|unconfirmed|observers (say|note)|it appears that|"
    r"judging by many)\b", re.IGNORECASE)
_HEDGES = re.compile(
    r"\b(may|might|could|likely|unlikely|possibly|perhaps|probably|apparently|"
    r"seems?|appears?|suggests?|potentially|it cannot be ruled out|"
    r"not rule out|improbable)\b", re.IGNORECASE)
_CERTAIN_FUTURE = re.compile(
    r"\b(will (almost )?certainly|will undoubtedly|will inevitably|inevitably|"
    r"will never|is bound to|will surely|there is no doubt|undoubtedly)\b", re.IGNORECASE)
_OPINION = re.compile(
    r"\b(must|should|ought to|needs? to|it is (crucial|essential|important|time) (to|that))\b",
    re.IGNORECASE)
_FIGURE = re.compile(
    r"(\$\s?\d[\d,.]*\s*(billion|million|trillion)?|\b\d[\d,.]*\s*(%|percent|per cent|"
    r"billion|million|square kilomet\w+|km|troops|soldiers|casualties)\b|"
    r"\b(hundreds|thousands|tens of thousands) of\b)", re.IGNORECASE)
_NEGATION = re.compile(r"\b(not|no|never|neither|nor|cannot|can’t|can't|won’t|won't|"
                       r"didn’t|didn't|unlikely|improbable|failed|refused)\b", re.IGNORECASE)
_NOT_SPEAKERS = {"The", "This", "That", "It", "He", "She", "They", "We", "But", "And", "In",
                 "However", "Moreover", "If", "Now", "So", "Yet", "Once"}


def assess(sentence: str, context: str | None = None) -> Assessment:
    """Flags and reasons for one sentence; `context` (its paragraph, or the
    sentence before) lets an attribution given just before count."""
    flags: list[str] = []
    reasons: list[str] = []
    speaker, attribution = _attribution(sentence)
    vague = _VAGUE.search(sentence)
    if attribution is None and context and context != sentence:
        context_speaker, context_kind = _attribution(context)
        if context_kind == "named" and _QUOTE.search(sentence):
            speaker, attribution = context_speaker, "named"
    if attribution in ("named", "anonymous"):
        flags.append(FLAG_ATTRIBUTED)
        kind = "a named source" if attribution == "named" else "an anonymous source"
        reasons.append(f"attributed to {kind}: {speaker}")
    hedge = _HEDGES.search(sentence)
    if hedge and not vague:
        flags.append(FLAG_HEDGED)
        reasons.append(f"hedged: '{hedge.group(0)}' marks it as uncertain, not as fact")
    opinion = _OPINION.search(sentence)
    if opinion:
        flags.append(FLAG_OPINION)
        reasons.append(f"opinion or recommendation: '{opinion.group(0)}'")
    if attribution not in ("named", "anonymous"):
        problem = _unsupported_reason(sentence, vague)
        if problem:
            flags.append(FLAG_UNSUPPORTED)
            reasons.append(problem)
            attribution = "vague" if vague else attribution
    return Assessment(tuple(flags), tuple(reasons), speaker, attribution)


def assess_alignment(alignment: Alignment) -> tuple[AssessedGroup, ...]:
    """Assess every claim and label every group of the alignment."""
    metas = {meta.id: meta for meta in alignment.sources}
    return tuple(_assess_group(group, metas) for group in alignment.groups)


def _assess_group(group: ClaimGroup, metas: dict[str, SourceMeta]) -> AssessedGroup:
    claims = tuple(AssessedClaim(c, assess(c.sentence.text)) for c in group.claims)
    voices = independent_voices([metas[s] for s in group.sources])
    relation, rationale = _relation(claims, voices, metas)
    return AssessedGroup(group.id, group.title, relation, rationale, claims)


def independent_voices(metas: Sequence[SourceMeta]) -> list[list[SourceMeta]]:
    """Sources merged into voices: the same author or outlet is one voice."""
    voices: list[list[SourceMeta]] = []
    for meta in metas:
        for voice in voices:
            if any(_same_voice(meta, other) for other in voice):
                voice.append(meta)
                break
        else:
            voices.append([meta])
    return voices


def _same_voice(a: SourceMeta, b: SourceMeta) -> bool:
    same_author = bool(a.author and b.author and a.author.lower() == b.author.lower())
    same_outlet = bool(a.outlet and b.outlet and a.outlet.lower() == b.outlet.lower())
    return same_author or same_outlet


def _relation(
    claims: Sequence[AssessedClaim], voices: list[list[SourceMeta]], metas: dict[str, SourceMeta]
) -> tuple[str, str]:
    names = [", ".join(_label(m) for m in voice) for voice in voices]
    if len(voices) < 2:
        shared = " (one voice: same author or outlet, not independent corroboration)" \
            if len(voices[0]) > 1 else ""
        return "single-source", f"Only {names[0]} makes this claim{shared}."
    point = _divergence_point(claims, metas)
    merged = [v for v in voices if len(v) > 1]
    note = "".join(
        f" {' and '.join(_label(m) for m in v)} count as one voice (same author or outlet)."
        for v in merged
    )
    if point:
        return "divergence", f"{len(voices)} independent sources differ: {point}.{note}"
    return "agreement", (
        f"{len(voices)} independent sources ({'; '.join(names)}) make compatible claims.{note}"
    )


def _divergence_point(claims: Sequence[AssessedClaim], metas: dict[str, SourceMeta]) -> str:
    by_source: dict[str, list[AssessedClaim]] = {}
    for claim in claims:
        by_source.setdefault(claim.claim.sentence.source, []).append(claim)
    negated = {s for s, cs in by_source.items()
               if all(_NEGATION.search(c.claim.sentence.text) for c in cs)}
    if negated and len(negated) < len(by_source):
        asserting = ", ".join(sorted(set(by_source) - negated))
        sides = f"{', '.join(sorted(negated))} negate what {asserting} assert"
        return sides + _dates_note(by_source, metas)
    figures = {s: {m.group(0).strip() for c in cs for m in _FIGURE.finditer(c.claim.sentence.text)}
               for s, cs in by_source.items()}
    with_figures = {s: f for s, f in figures.items() if f}
    if len(with_figures) >= 2 and not set.intersection(*with_figures.values()):
        listed = "; ".join(f"{s}: {', '.join(sorted(f))}" for s, f in sorted(with_figures.items()))
        return f"their figures differ ({listed})" + _dates_note(by_source, metas)
    return ""


def _dates_note(by_source: dict, metas: dict[str, SourceMeta]) -> str:
    dates = {s: metas[s].published for s in by_source if metas[s].published}
    if len(set(dates.values())) < 2:
        return ""
    listed = ", ".join(f"{s} {d}" for s, d in sorted(dates.items(), key=lambda kv: kv[1]))
    return f" (published {listed}: events may have moved on between them)"


def _label(meta: SourceMeta) -> str:
    return meta.outlet or meta.author or meta.id


def _attribution(sentence: str) -> tuple[str | None, str | None]:
    according = _ACCORDING_TO.search(sentence)
    if according:
        who = according.group("who").strip()
        if _VAGUE.search(who) or who.lower().startswith(("various", "some", "many", "reports")):
            return who, "vague"
        return who, "anonymous" if _ANONYMOUS.search(who) else "named"
    if _ANONYMOUS.search(sentence) and re.search(rf"\b({_SPEECH_VERBS})\b", sentence):
        return _ANONYMOUS.search(sentence).group(0), "anonymous"
    for pattern in (_NAMED_SPEAKER, _SPEAKER_AFTER):
        for match in pattern.finditer(sentence):
            who = match.group("who").strip()
            if who.split()[0] not in _NOT_SPEAKERS:
                return who, "named"
    return None, None


def _unsupported_reason(sentence: str, vague: re.Match | None) -> str | None:
    if vague:
        return f"vague attribution: '{vague.group(0)}' names no checkable source"
    certain = _CERTAIN_FUTURE.search(sentence)
    if certain:
        return f"prediction stated as certain ('{certain.group(0)}') with no evidence given"
    figure = _FIGURE.search(sentence)
    if figure:
        return f"unsourced figure: '{figure.group(0).strip()}' with no source given"
    return None
