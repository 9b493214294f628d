"""The plain, frozen dataclasses that flow between the pipeline's stages.

Data flows one way: ingest -> segment -> align -> assess -> render. Each stage
takes the previous stage's dataclasses and returns its own, so no stage needs
to import (or reach back into) an earlier one. Every claim keeps its
provenance: source id, paragraph number and the character span in the
document's original text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

Genre = Literal["opinion", "analysis", "news", "blog"]
GroupRelation = Literal["agreement", "divergence", "single-source"]
RelationLabel = Literal["agree", "disagree", "discuss", "unrelated"]

#: Claim flags. Every flag a claim carries has a matching human-readable reason.
FLAG_ATTRIBUTED = "attributed"
FLAG_UNSUPPORTED = "unsupported"
FLAG_HEDGED = "hedged"
FLAG_OPINION = "opinion"


# 1. ingest ---------------------------------------------------------------


@dataclass(frozen=True)
class SourceMeta:
    """What is known about one article: from the sidecar, else from the text.

    `published` is an ISO date (``2024-08-26``) or month (``2024-08``) or None.
    `inferred` names the fields that were guessed from the document rather
    than read from the sidecar, so `compare sources` can say so.
    """

    id: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    genre: str | None = None
    url: str | None = None
    language: str | None = None
    #: when the article was read at its URL (ISO date), for a citation's
    #: "accessed" (BibTeX urldate); only what the corpus declares, never a guess
    accessed: str | None = None
    inferred: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) into a document's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One article as read from disk.

    `text` is the decoded original (for .txt/.md the file's exact text, for
    HTML/PDF the extracted text, see `text_origin`); every offset downstream
    indexes this string. `boilerplate` lists the ranges that are not content
    (subscription pitches, comment widgets, bylines, disclaimers): they stay in
    `text` so offsets remain true, but never become claims.
    """

    meta: SourceMeta
    path: str
    text: str
    boilerplate: tuple[Span, ...] = ()
    text_origin: Literal["file", "extracted"] = "file"
    content_hash: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    """A codebook entry (or an ad-hoc free-text topic).

    `terms` are indicative words and phrases; `aliases` maps a canonical name
    to its spelling variants (Kyiv: Kiev) so lexical matching sees through them.
    """

    id: str
    title: str
    question: str
    terms: tuple[str, ...] = ()
    adhoc: bool = False


@dataclass(frozen=True)
class Corpus:
    """Everything a briefing needs from disk: documents, codebook, aliases."""

    root: str
    documents: tuple[Document, ...]
    topics: tuple[Topic, ...] = ()
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def topic(self, topic_id: str) -> Topic | None:
        """The codebook topic with this id, or None."""
        return next((t for t in self.topics if t.id == topic_id), None)


# 2. segment --------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """One sentence with its provenance. `document.text[start:end]` is the
    sentence as written; `text` is it with white space collapsed and any page
    furniture inside it left out (The Hill's inline link text: "President
    Trump Donald John TrumpGOP senators balk at ... MORE’s tax returns" is
    "President Trump’s tax returns"), see `segment.sentence_text`."""

    source: str
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A block of text; `index` counts the document's paragraphs from 1,
    boilerplate included (a byline is a line a reader sees), so a citation
    matches what a reader counts; Markdown front matter is metadata, no paragraph."""

    source: str
    index: int
    start: int
    end: int
    sentences: tuple[Sentence, ...]
    boilerplate: bool = False


@dataclass(frozen=True)
class SegmentedDocument:
    """A document cut into paragraphs and sentences."""

    document: Document
    paragraphs: tuple[Paragraph, ...]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """The content sentences in reading order (boilerplate left out)."""
        return tuple(s for p in self.paragraphs if not p.boilerplate for s in p.sentences)


# 3. align ----------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """A sentence that addresses the topic; `score` is its topic relevance in [0, 1]."""

    sentence: Sentence
    score: float


def pair_key(text_a: str, text_b: str) -> tuple[str, str]:
    """The key of a pair of sentence texts in `ClaimGroup.matches`: either order."""
    return (text_a, text_b) if text_a <= text_b else (text_b, text_a)


@dataclass(frozen=True)
class ClaimGroup:
    """Claims from one or more sources that talk about the same thing."""

    id: str
    title: str
    claims: tuple[Claim, ...]
    #: The claim matcher's probabilities for pairs of these claims that align
    #: scored with the English matcher, keyed by the two sentence texts in
    #: sorted order (`pair_key`); assess reads them instead of asking again.
    matches: Mapping[tuple[str, str], float] = field(
        default_factory=dict, compare=False, repr=False)

    @property
    def sources(self) -> tuple[str, ...]:
        """Distinct source ids in first-appearance order."""
        return tuple(dict.fromkeys(c.sentence.source for c in self.claims))


@dataclass(frozen=True)
class Alignment:
    """The align stage's result for one topic over one corpus."""

    topic: Topic
    sources: tuple[SourceMeta, ...]
    paths: dict[str, str]
    covered: frozenset[str]
    groups: tuple[ClaimGroup, ...]
    #: Per source id, the claims that answer the topic's question most directly.
    answers: dict[str, tuple[Claim, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Evidence:
    """A sentence of a text that decided a relation, with its offsets."""

    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Relation:
    """How a text relates to a claim (FNC-1 labels)."""

    label: RelationLabel
    score: float
    evidence: tuple[Evidence, ...] = ()


# 4. assess ---------------------------------------------------------------


@dataclass(frozen=True)
class Assessment:
    """Flags on one sentence, each explained by the reason at the same index
    of `reasons` (a flag never comes without a reason)."""

    flags: tuple[str, ...]
    reasons: tuple[str, ...]
    speaker: str | None = None
    attribution: Literal["named", "anonymous", "vague"] | None = None
    #: The two axes of ICD 203, kept apart: who stands behind the sentence
    #: ("none": nobody) and the evidence it cites with its origin, if any;
    #: and how sure it is.
    sourcing: Literal["named", "anonymous", "vague", "none"] = "none"
    evidence: str | None = None
    certainty: Literal["fact", "hedged", "prediction", "opinion"] = "fact"


@dataclass(frozen=True)
class AssessedClaim:
    claim: Claim
    assessment: Assessment


@dataclass(frozen=True)
class AssessedGroup:
    id: str
    title: str
    relation: GroupRelation
    rationale: str
    claims: tuple[AssessedClaim, ...]


# 5. render (the briefing model every format renders) ----------------------


@dataclass(frozen=True)
class BriefingSource:
    id: str
    path: str
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    genre: str | None
    url: str | None
    language: str | None
    covers_topic: bool
    #: "file" when offsets index the file's own text (.txt, .md), "extracted"
    #: when they index the text compare extracted (HTML, PDF, JSONL): see it
    #: with `compare sources --text ID`.
    text_origin: str = "file"
    #: the day the article was read at its URL, as the corpus declares it
    accessed: str | None = None


@dataclass(frozen=True)
class Briefing:
    """The one model that every output format renders."""

    topic: Topic
    sources: tuple[BriefingSource, ...]
    groups: tuple[AssessedGroup, ...]
    corpus: str
    generated: str
    version: str
    #: (source id, sentence start) -> the sentence's position in its paragraph,
    #: counted from 1, so a citation reads ¶2, s.14 in a long paragraph.
    positions: dict[tuple[str, int], int] = field(default_factory=dict, compare=False)
    #: Per source id, its claims that answer the topic's question most directly
    #: (align's answers, assessed), so a reader starts with how each source answers.
    answers: dict[str, tuple[AssessedClaim, ...]] = field(default_factory=dict)
    #: Single-source groups the read formats leave out (pipeline: at most
    #: DISPLAY_SINGLE_SOURCE_GROUPS are shown); the JSON lists them with the rest.
    more_groups: tuple[AssessedGroup, ...] = ()

    @property
    def all_groups(self) -> tuple[AssessedGroup, ...]:
        """Every group, shown or not, in id order (g1, g2, ...)."""
        return tuple(sorted(self.groups + self.more_groups, key=lambda g: int(g.id[1:])
                            if g.id[1:].isdigit() else 0))

    @property
    def unsupported(self) -> tuple[AssessedClaim, ...]:
        """Every claim of the shown groups flagged unsupported, in group order."""
        return tuple(
            c for g in self.groups for c in g.claims if FLAG_UNSUPPORTED in c.assessment.flags
        )

    def to_dict(self) -> dict:
        """The stable JSON contract (see README, 'JSON output')."""
        group_of = {_place(c): g.id for g in self.all_groups for c in g.claims}
        return {
            "topic": {"id": self.topic.id, "title": self.topic.title,
                      "question": self.topic.question},
            "sources": [asdict(s) for s in self.sources],
            "groups": [
                {"id": g.id, "title": g.title, "relation": g.relation,
                 "rationale": g.rationale,
                 "claims": [_claim_dict(c, self.positions) for c in g.claims]}
                for g in self.all_groups
            ],
            "answers": {source: [_claim_dict(c, self.positions) | {"group": group_of.get(_place(c))}
                                 for c in claims]
                        for source, claims in self.answers.items()},
            "unsupported": [_claim_dict(c, self.positions) for g in self.all_groups
                            for c in g.claims if FLAG_UNSUPPORTED in c.assessment.flags],
            "generated": self.generated,
            "corpus": self.corpus,
            "version": self.version,
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The briefing as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_records(self) -> list[dict]:
        """One flat row per claim, for a table: `pandas.DataFrame(b.to_records())`,
        or csv.DictWriter. Flags and reasons are joined with '; '."""
        outlets = {s.id: s.outlet for s in self.sources}
        rows = []
        for group in self.groups:
            for claim in group.claims:
                row = _claim_dict(claim, self.positions)
                rows.append({
                    "topic": self.topic.id, "group": group.id, "relation": group.relation,
                    "group_title": group.title, "source": row["source"],
                    "outlet": outlets.get(row["source"]), "paragraph": row["paragraph"],
                    "sentence": row["sentence"], "start": row["start"], "end": row["end"],
                    "text": row["text"], "score": row["score"],
                    "flags": "; ".join(row["flags"]), "reasons": "; ".join(row["reasons"]),
                    "speaker": row["speaker"],
                })
        return rows

    def save(self, path: str | Path, format: str | None = None) -> list[Path]:
        """Write the briefing to `path` (the format from its extension unless
        `format` is given), with the .bib and .csl.json beside a PDF or HTML;
        the paths written. Same rules as `compare topic -o`."""
        from .render import output_formats, write_reports  # render is the later stage

        formats = output_formats((format,) if format else (), path)
        return write_reports(self, formats, path)

    def to_pdf(self, path: str | Path) -> list[Path]:
        """Write the PDF briefing to `path` (and its bibliography beside it)."""
        return self.save(path, "pdf")

    def _repr_html_(self) -> str:
        """A compact view for Jupyter: the question, coverage, and one row per
        group with its relation, sources and flags (escaped: article text is data)."""
        from html import escape

        covering = sum(s.covers_topic for s in self.sources)
        rows = "".join(
            f"<tr><td><code>{escape(g.id)}</code></td><td>{escape(g.relation)}</td>"
            f"<td>{escape(', '.join(dict.fromkeys(c.claim.sentence.source for c in g.claims)))}"
            f"</td><td>{escape(g.title)}</td><td>{escape(_flag_summary(g))}</td></tr>"
            for g in self.groups)
        table = ("<table><thead><tr><th>group</th><th>relation</th><th>sources</th>"
                 f"<th>title</th><th>flags</th></tr></thead><tbody>{rows}</tbody></table>"
                 if self.groups else "<p>No source addresses this topic.</p>")
        return (f"<div class='compare-briefing'><h3>{escape(self.topic.title)}</h3>"
                f"<p><em>{escape(self.topic.question)}</em></p>"
                f"<p>{covering} of {len(self.sources)} sources on the topic; "
                f"{len(self.groups)} claim group{'' if len(self.groups) == 1 else 's'}; "
                f"{len(self.unsupported)} unsupported.</p>{table}</div>")


def _flag_summary(group: AssessedGroup) -> str:
    """'unsupported 2, hedged 1' over a group's claims."""
    counts: dict[str, int] = {}
    for claim in group.claims:
        for flag in claim.assessment.flags:
            counts[flag] = counts.get(flag, 0) + 1
    return ", ".join(f"{flag} {n}" for flag, n in counts.items())


def _place(claim: AssessedClaim) -> tuple[str, int, int]:
    """Where a claim's sentence is: one sentence is one claim of a briefing."""
    s = claim.claim.sentence
    return s.source, s.start, s.end


def _claim_dict(claim: AssessedClaim, positions: dict[tuple[str, int], int]) -> dict:
    s = claim.claim.sentence
    a = claim.assessment
    return {
        "source": s.source, "text": s.text, "paragraph": s.paragraph,
        "sentence": positions.get((s.source, s.start)), "start": s.start, "end": s.end,
        "score": round(claim.claim.score, 3),
        "flags": list(a.flags), "reasons": list(a.reasons),
        "speaker": a.speaker, "attribution": a.attribution,
    }
