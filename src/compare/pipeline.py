"""The orchestrator: corpus folder in, `Briefing` out.

Stages, each in its own module and each taking only the previous stage's
dataclasses (see models.py):

1. ingest  - read files, strip boilerplate, take metadata   (ingest.py)
2. segment - paragraphs and sentences with true offsets     (segment.py)
3. align   - the topic's claims per source, grouped         (align.py)
4. assess  - claim flags and group relations, with reasons  (assess.py)
5. render  - HTML/PDF/Markdown/JSON from the Briefing        (render.py, pdf.py)

This module runs 1-4 and builds the Briefing; rendering is left to the caller
(the CLI, or a notebook that only wants the data).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from rapidfuzz import process

from . import __version__
from .align import adhoc_topic, align, coverage
from .assess import assess_alignment
from .errors import CompareError, UnknownTopicError
from .ingest import TOPIC_ID, read_corpus
from .models import (
    FLAG_UNSUPPORTED,
    Alignment,
    AssessedClaim,
    AssessedGroup,
    Briefing,
    BriefingSource,
    Corpus,
    SegmentedDocument,
    Topic,
)
from .segment import segment_all
from .settings import (
    DISPLAY_SINGLE_SOURCE_GROUPS,
    TOPIC_ID_MAX_CHARS,
    TOPIC_SUGGESTION_MIN_SCORE,
)

Timings = MutableMapping[str, float]



def load_corpus(path: str | Path, *, progress: bool = False) -> Corpus:
    """1. ingest: read a corpus folder (articles, sources.toml, topics.toml)."""
    return read_corpus(path, progress=progress)


def resolve_topic(corpus: Corpus, topic: str | Topic, *, adhoc: bool = False) -> Topic:
    """Turn a codebook id or free text into a Topic.

    Free text (anything with a space, or any text when `adhoc` is set) becomes
    an ad-hoc topic. A single slug that is not in the codebook is most likely
    a typo, so it is refused with the nearest ids rather than searched for.
    """
    if isinstance(topic, Topic):
        return topic
    text = topic.strip()
    if not text:  # would brief on nothing and name the report adhoc.pdf
        raise CompareError('the topic is empty; give a codebook id (`compare topics` lists '
                           'them) or free text in quotes: compare topic "prisoner exchange"')
    found = None if adhoc else corpus.topic(text)
    if found:
        return found
    if adhoc or not TOPIC_ID.match(text):
        return _bounded_id(adhoc_topic(text))
    raise UnknownTopicError(text, suggest_topics(corpus, text), _codebook_name(corpus))


def _bounded_id(topic: Topic) -> Topic:
    """The topic with an id short enough to name a report file: a long ad-hoc
    topic's slug is cut at its last hyphen within TOPIC_ID_MAX_CHARS, here,
    before any work, rather than failing at the end with "File name too long"."""
    if len(topic.id) <= TOPIC_ID_MAX_CHARS:
        return topic
    cut = topic.id[:TOPIC_ID_MAX_CHARS + 1]
    cut = cut[:cut.rfind("-")] if "-" in cut else cut[:TOPIC_ID_MAX_CHARS]
    return replace(topic, id=cut.strip("-") or "adhoc")


def suggest_topics(corpus: Corpus, text: str, limit: int = 3) -> list[str]:
    """Codebook ids closest to `text`, best first."""
    ids = [t.id for t in corpus.topics]
    matches = process.extract(text, ids, limit=limit, score_cutoff=TOPIC_SUGGESTION_MIN_SCORE)
    return [match for match, _score, _index in matches]


def segment_corpus(corpus: Corpus) -> tuple[SegmentedDocument, ...]:
    """2. segment every document of the corpus (offsets cached on disk)."""
    return segment_all(corpus.documents)


def topic_coverage(corpus: Corpus, *, progress: bool = False) -> dict[str, frozenset[str]]:
    """For each codebook topic, the ids of the sources that address it."""
    return coverage(segment_corpus(corpus), corpus.topics, corpus.aliases, progress=progress)


def brief(
    corpus: Corpus,
    topic: str | Topic,
    *,
    adhoc: bool = False,
    timings: Timings | None = None,
    progress: bool = False,
) -> Briefing:
    """Run segment, align and assess for one topic and build the Briefing.

    `timings`, if given, receives the seconds spent in each stage (used by
    bench/bench_stages.py); `progress` shows a bar on stderr (a terminal only)
    while a large, new corpus is embedded.
    """
    timings = {} if timings is None else timings
    resolved = resolve_topic(corpus, topic, adhoc=adhoc)
    with _timed(timings, "segment"):
        documents = segment_corpus(corpus)
    return _brief_segmented(corpus, documents, resolved, timings, progress)


def brief_all(corpus: Corpus, *, progress: bool = False) -> tuple[Briefing, ...]:
    """`brief` for every codebook topic, segmenting the corpus once."""
    documents = segment_corpus(corpus)
    return tuple(_brief_segmented(corpus, documents, topic, {}, progress)
                 for topic in corpus.topics)


def _brief_segmented(
    corpus: Corpus, documents: tuple[SegmentedDocument, ...], topic: Topic, timings: Timings,
    progress: bool,
) -> Briefing:
    """3-4 (align, assess) on segmented documents, and the Briefing."""
    with _timed(timings, "align"):
        alignment = align(documents, topic, corpus.aliases, progress=progress)
    with _timed(timings, "assess"):
        groups = assess_alignment(alignment, documents)
    assessed = {c.claim.sentence: c for g in groups for c in g.claims}
    answers = {source: tuple(assessed[c.sentence] for c in claims if c.sentence in assessed)
               for source, claims in alignment.answers.items()}
    shown, more = _displayed(groups, answers)
    return Briefing(
        topic=topic,
        sources=_briefing_sources(alignment, documents),
        groups=shown,
        more_groups=more,
        corpus=corpus.root,
        generated=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        version=__version__,
        positions=_sentence_positions(documents, groups),  # every group, shown or not
        answers=answers,
    )


def _displayed(
    groups: tuple[AssessedGroup, ...], answers: dict[str, tuple[AssessedClaim, ...]],
) -> tuple[tuple[AssessedGroup, ...], tuple[AssessedGroup, ...]]:
    """(groups a read briefing shows, those it leaves out).

    Alignment is recall first, so a topic can have a hundred single-source
    groups. After matching, the briefing shows every group more than one
    source makes and at most DISPLAY_SINGLE_SOURCE_GROUPS single-source ones:
    those holding a source's answer first, then those holding an unsupported
    claim, then the most relevant. The JSON output lists every group.
    """
    answer_claims = {c for claims in answers.values() for c in claims}

    def priority(group: AssessedGroup) -> tuple:
        return (not any(c in answer_claims for c in group.claims),
                not any(FLAG_UNSUPPORTED in c.assessment.flags for c in group.claims),
                -max(c.claim.score for c in group.claims))

    single = [g for g in groups if g.relation == "single-source"]
    keep = {g.id for g in sorted(single, key=priority)[:DISPLAY_SINGLE_SOURCE_GROUPS]}
    shown = tuple(g for g in groups if g.relation != "single-source" or g.id in keep)
    shown_ids = {g.id for g in shown}
    return shown, tuple(g for g in groups if g.id not in shown_ids)


def _briefing_sources(
    alignment: Alignment, documents: tuple[SegmentedDocument, ...]
) -> tuple[BriefingSource, ...]:
    origin = {d.document.meta.id: d.document.text_origin for d in documents}
    return tuple(
        BriefingSource(
            id=meta.id, path=alignment.paths[meta.id], title=meta.title, outlet=meta.outlet,
            author=meta.author, published=meta.published, genre=meta.genre, url=meta.url,
            language=meta.language, covers_topic=meta.id in alignment.covered,
            text_origin=origin.get(meta.id, "file"), accessed=meta.accessed,
        )
        for meta in alignment.sources
    )


def _sentence_positions(
    documents: tuple[SegmentedDocument, ...], groups: tuple[AssessedGroup, ...]
) -> dict[tuple[str, int], int]:
    """Each claim's sentence position in its paragraph (from 1), for citations."""
    wanted = {(c.claim.sentence.source, c.claim.sentence.start) for g in groups for c in g.claims}
    return {(s.source, s.start): number
            for d in documents for p in d.paragraphs
            for number, s in enumerate(p.sentences, start=1) if (s.source, s.start) in wanted}


def _codebook_name(corpus: Corpus) -> str:
    return str(Path(corpus.root) / "topics.toml")


@contextmanager
def _timed(timings: Timings, stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started
