"""Stage 3: find a topic's claims in each source and group them across sources.

Two signals, mixed as the measurements in bench/eval_align.py chose:

- semantic: cosine of Universal Sentence Encoder embeddings (embedding.py),
  which sees paraphrases that share few words ("Islamic State militants
  behead American journalist" ~ "ISIS executes US reporter": 0.68), though
  not one idea put in other images ("a strong trump card" ~ "force the
  Kremlin to make concessions": 0.13);
- lexical: after folding spelling variants to one name (Kiev -> Kyiv,
  Zaporozhye -> Zaporizhzhia), rapidfuzz matching of the topic's terms for
  relevance, and for claim-to-claim similarity the overlap of words weighted by
  how rare they are in the corpus at hand: two sources sharing "vassal" or
  "asylum" say more than two sharing "Ukraine" in a corpus about Ukraine.

A sentence is a claim on the topic when its relevance clears
CLAIM_MIN_RELEVANCE; claims are then clustered (average linkage) so that one
group can hold claims from several sources, and several from one source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from ._lexicon import FUNCTION_WORDS
from .embedding import embed
from .models import Alignment, Claim, ClaimGroup, SegmentedDocument, Sentence, Topic
from .settings import (
    ADHOC_TERM_MIN_CHARS,
    CLAIM_MIN_RELEVANCE,
    GROUP_MIN_SIMILARITY,
    GROUP_SEMANTIC_WEIGHT,
    GROUP_TITLE_MAX,
    MAX_CLAIMS_PER_SOURCE,
    MAX_CLAIMS_TOTAL,
    RELEVANCE_COSINE_FLOOR,
    RELEVANCE_COSINE_SPAN,
    RELEVANCE_REFERENCE_QUERY_WORDS,
    RELEVANCE_RELATED_ANCHOR,
    RELEVANCE_SEMANTIC_WEIGHT,
    RELEVANCE_UNRELATED_ANCHOR,
    TERM_HITS_FOR_FULL_MATCH,
    TERM_MATCH_MIN,
)

Aliases = Mapping[str, Sequence[str]]
_HYPHENS = re.compile(r"[-\u2010\u2011\u2012\u2013]")
_WORD = re.compile(r"[^\W_]+")


def align(
    documents: Sequence[SegmentedDocument], topic: Topic, aliases: Aliases,
    *, progress: bool = False,
) -> Alignment:
    """The topic's claims per source, grouped across sources.

    `progress` shows a bar on stderr while a cold corpus is embedded.
    """
    fold = alias_folder(aliases)
    sentences = [s for d in documents for s in d.sentences]
    texts = [fold(s.text) for s in sentences]
    relevance = (_relevance(texts, embed(texts, progress=progress), topic, fold)
                 if texts else np.zeros(0))
    claims = _select_claims(sentences, relevance)
    groups = group_claims(claims, fold, background=texts)
    return Alignment(
        topic=topic,
        sources=tuple(d.document.meta for d in documents),
        paths={d.document.meta.id: d.document.path for d in documents},
        covered=frozenset(c.sentence.source for c in claims),
        groups=groups,
    )


def coverage(
    documents: Sequence[SegmentedDocument], topics: Iterable[Topic], aliases: Aliases,
    *, progress: bool = False,
) -> dict[str, frozenset[str]]:
    """For each topic id, the ids of the sources with at least one claim on it.

    The corpus is embedded once for all topics; `progress` shows a bar meanwhile.
    """
    sentences = [s for d in documents for s in d.sentences]
    fold = alias_folder(aliases)
    texts = [fold(s.text) for s in sentences]
    vectors = embed(texts, progress=progress)
    covered = {}
    for topic in topics:
        relevance = _relevance(texts, vectors, topic, fold) if texts else np.zeros(0)
        covered[topic.id] = frozenset(
            s.source for s, r in zip(sentences, relevance, strict=True)
            if r >= CLAIM_MIN_RELEVANCE
        )
    return covered


def adhoc_topic(text: str) -> Topic:
    """A topic from free text ("prisoner exchange"): the text is the question,
    its content words are the terms ("with" or "says" would match nearly any
    sentence)."""
    words = tuple(w for w in re.findall(r"[\w'-]+", text)
                  if len(w) >= ADHOC_TERM_MIN_CHARS and w.lower() not in FUNCTION_WORDS)
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "adhoc"
    return Topic(id=slug, title=text, question=text, terms=(text, *words), adhoc=True)


def topic_relevance(
    sentences: Sequence[Sentence], topic: Topic, aliases: Aliases, *, progress: bool = False,
) -> np.ndarray:
    """How much each sentence is about the topic, in [0, 1]."""
    if not sentences:
        return np.zeros(0)
    fold = alias_folder(aliases)
    texts = [fold(s.text) for s in sentences]
    return _relevance(texts, embed(texts, progress=progress), topic, fold)


def _relevance(texts: Sequence[str], vectors: np.ndarray, topic: Topic, fold) -> np.ndarray:
    """topic_relevance of alias-folded texts whose embeddings are at hand."""
    query = embed([fold(f"{topic.title}. {topic.question}")])[0]
    cosine = _on_reference_scale(vectors @ query, len(topic.question.split()))
    semantic = np.clip((cosine - RELEVANCE_COSINE_FLOOR) / RELEVANCE_COSINE_SPAN, 0.0, 1.0)
    lexical = _term_hits([_plain(text) for text in texts], [_plain(fold(t)) for t in topic.terms])
    mixed = RELEVANCE_SEMANTIC_WEIGHT * semantic + (1 - RELEVANCE_SEMANTIC_WEIGHT) * lexical
    return np.clip(mixed, 0.0, 1.0)


def similarity(
    a: str, b: str, aliases: Aliases | None = None, background: Sequence[str] | None = None,
) -> float:
    """Hybrid claim similarity in [0, 1]: symmetric, 1.0 for identical text.

    Pass the corpus's sentences as `background` to weigh shared words as
    grouping does (see `similarities`).
    """
    return float(similarities([(a, b)], aliases, background)[0])


def similarities(
    pairs: Iterable[tuple[str, str]], aliases: Aliases | None = None,
    background: Sequence[str] | None = None,
) -> np.ndarray:
    """`similarity` for many pairs, embedding every distinct text in one batch.

    `background` is the corpus whose word frequencies weigh shared words (a
    word found in every sentence counts for little); by default, the texts of
    the pairs themselves. Memory grows with the number of distinct texts, not
    with its square.
    """
    fold = alias_folder(aliases or {})
    folded = [(fold(a), fold(b)) for a, b in pairs]
    texts = list(dict.fromkeys(t for pair in folded for t in pair))
    vector_of = dict(zip(texts, embed(texts), strict=True))
    words_of = dict(zip(texts, _rare_word_weights(
        texts, [fold(t) for t in background] if background else texts), strict=True))
    scores = []
    for a, b in folded:
        if a.strip() == b.strip():
            scores.append(1.0)
            continue
        semantic = float(np.clip(vector_of[a] @ vector_of[b], 0.0, 1.0))
        shared = words_of[a].keys() & words_of[b].keys()
        lexical = sum(words_of[a][w] * words_of[b][w] for w in shared)
        scores.append(GROUP_SEMANTIC_WEIGHT * semantic + (1 - GROUP_SEMANTIC_WEIGHT) * lexical)
    return np.clip(np.array(scores, dtype=float), 0.0, 1.0)


def group_claims(
    claims: Sequence[Claim], fold=lambda text: text, background: Sequence[str] | None = None,
) -> tuple[ClaimGroup, ...]:
    """Average-linkage clusters of claims, most sources first.

    `background` (the corpus's sentences, already alias-folded) sets how rare
    each shared word is; by default the claims themselves.
    """
    if not claims:
        return ()
    matrix = _similarity_matrix([c.sentence.text for c in claims], fold, background)
    clusters = _average_linkage(matrix, GROUP_MIN_SIMILARITY)
    ordered = sorted(
        clusters,
        key=lambda members: (
            -len({claims[i].sentence.source for i in members}),
            -float(np.mean([claims[i].score for i in members])),
        ),
    )
    groups = []
    for number, members in enumerate(ordered, start=1):
        members = sorted(members, key=lambda i: (claims[i].sentence.source,
                                                 claims[i].sentence.start))
        central = max(members, key=lambda i: matrix[i, members].sum() + claims[i].score)
        groups.append(ClaimGroup(
            id=f"g{number}",
            title=_shorten(claims[central].sentence.text, GROUP_TITLE_MAX),
            claims=tuple(claims[i] for i in members),
        ))
    return tuple(groups)


def alias_folder(aliases: Aliases):
    """A function that rewrites every spelling variant to its canonical name."""
    variants = {v.lower(): canonical for canonical, vs in aliases.items() for v in vs}
    if not variants:
        return lambda text: text
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    return lambda text: pattern.sub(lambda m: variants[m.group(0).lower()], text)


def _select_claims(sentences: Sequence[Sentence], relevance: np.ndarray) -> list[Claim]:
    """Each source's best claims (up to MAX_CLAIMS_PER_SOURCE), at most MAX_CLAIMS_TOTAL.

    When a large corpus has more, sources take turns by rank (every source's
    best claim first, then every source's second...), so breadth across
    sources wins over depth in a few.
    """
    by_source: dict[str, list[Claim]] = {}
    for sentence, score in zip(sentences, relevance, strict=True):
        if score >= CLAIM_MIN_RELEVANCE:
            by_source.setdefault(sentence.source, []).append(Claim(sentence, float(score)))
    ranked = [sorted(found, key=lambda c: -c.score)[:MAX_CLAIMS_PER_SOURCE]
              for found in by_source.values()]
    turns = sorted(
        ((rank, -claim.score, claim) for found in ranked for rank, claim in enumerate(found)),
        key=lambda turn: turn[:2],
    )
    kept = {id(claim) for _, _, claim in turns[:MAX_CLAIMS_TOTAL]}
    return [c for found in ranked for c in sorted(found, key=lambda c: c.sentence.start)
            if id(c) in kept]


def _term_hits(texts: Sequence[str], terms: Sequence[str]) -> np.ndarray:
    """Per text: 1.0 when TERM_HITS_FOR_FULL_MATCH topic terms occur (fuzzily), a
    share of that for fewer."""
    if not terms:
        return np.zeros(len(texts))
    scores = process.cdist(terms, texts, scorer=fuzz.partial_ratio, workers=-1,
                           score_cutoff=TERM_MATCH_MIN)
    hits = (scores >= TERM_MATCH_MIN).sum(axis=0)
    return np.minimum(1.0, hits / TERM_HITS_FOR_FULL_MATCH)


def _on_reference_scale(cosine: np.ndarray, query_words: int) -> np.ndarray:
    """Cosines of a short query, mapped onto the scale of a headline-length one.

    A two-word query ("death toll") meets its best sentence at a much lower
    cosine than a full headline does, and unrelated sentences drop less: on
    FNC-1 (fit part) the median best cosine of a related body falls from 0.54
    to 0.35, the 90th percentile of unrelated ones from 0.31 to 0.23. Both
    anchors follow a + b ln(words); matching them to the reference length
    (where RELEVANCE_COSINE_FLOOR and CLAIM_MIN_RELEVANCE were checked) makes
    one relevance scale serve every query. Longer queries are left as they are.
    """
    words = min(max(query_words, 1), RELEVANCE_REFERENCE_QUERY_WORDS)
    low, high = _cosine_anchors(words)
    low_ref, high_ref = _cosine_anchors(RELEVANCE_REFERENCE_QUERY_WORDS)
    return low_ref + (cosine - low) * (high_ref - low_ref) / (high - low)


def _cosine_anchors(words: float) -> tuple[float, float]:
    """(unrelated 90th percentile, related median) best cosine for a query this long."""
    (low_a, low_b), (high_a, high_b) = RELEVANCE_UNRELATED_ANCHOR, RELEVANCE_RELATED_ANCHOR
    return low_a + low_b * np.log(words), high_a + high_b * np.log(words)


def _plain(text: str) -> str:
    """Lower case with hyphens as spaces, so "prisoner-of-war" matches "prisoner of war"."""
    return _HYPHENS.sub(" ", text.lower())


def _similarity_matrix(
    texts: Sequence[str], fold, background: Sequence[str] | None = None,
) -> np.ndarray:
    """Claim-to-claim similarity of every pair of `texts`; 1.0 for the same text.

    `background` holds already folded texts; by default the folded `texts`.
    """
    folded = [fold(t) for t in texts]
    vectors = embed(folded)
    semantic = np.clip(vectors @ vectors.T, 0.0, 1.0)
    lexical = _rare_word_overlap(folded, background or folded)
    matrix = GROUP_SEMANTIC_WEIGHT * semantic + (1 - GROUP_SEMANTIC_WEIGHT) * lexical
    stripped = np.array([t.strip() for t in folded], dtype=object)
    matrix[stripped[:, None] == stripped[None, :]] = 1.0
    return np.clip((matrix + matrix.T) / 2, 0.0, 1.0)


def _rare_word_overlap(texts: Sequence[str], background: Sequence[str]) -> np.ndarray:
    """Cosine of every pair of the texts' word sets, words weighted by rarity
    (_rare_word_weights) in `background`."""
    weighted = _rare_word_weights(texts, background)
    vocabulary = {w: i for i, w in enumerate(dict.fromkeys(w for ws in weighted for w in ws))}
    matrix = np.zeros((len(texts), len(vocabulary)))
    for row, found in enumerate(weighted):
        for word, weight in found.items():
            matrix[row, vocabulary[word]] = weight
    return matrix @ matrix.T


def _rare_word_weights(texts: Sequence[str], background: Sequence[str]) -> list[dict[str, float]]:
    """Per text, its words with weights of unit norm: the smoothed inverse sentence
    frequency in `background`, ln((n + 1) / (df + 1)) + 1, so a word in every
    sentence still counts a little and an unseen one counts most."""
    words = [_words(text) for text in texts]
    wanted = {w for found in words for w in found}
    frequency = Counter(w for text in background for w in _words(text) if w in wanted)
    weighted = []
    for found in words:
        raw = {w: np.log((len(background) + 1) / (frequency[w] + 1)) + 1 for w in found}
        norm = np.sqrt(sum(v * v for v in raw.values())) or 1.0
        weighted.append({w: float(v / norm) for w, v in raw.items()})
    return weighted


def _words(text: str) -> set[str]:
    """The text's words of 3+ letters (or any number), lower case, a plural -s dropped."""
    return {_singular(w) for w in _WORD.findall(text.lower()) if len(w) >= 3 or w.isdigit()}


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _average_linkage(matrix: np.ndarray, threshold: float) -> list[list[int]]:
    """Agglomerative clusters whose mean pairwise similarity stays >= threshold.

    Lance-Williams updates keep cluster-to-cluster means in one matrix, so each
    merge costs O(n^2) numpy work rather than recomputing every pair.
    """
    n = len(matrix)
    between = matrix.astype(float).copy()
    np.fill_diagonal(between, -np.inf)
    sizes = np.ones(n)
    members: list[list[int] | None] = [[i] for i in range(n)]
    for _ in range(n - 1):
        a, b = np.unravel_index(int(np.argmax(between)), between.shape)
        if between[a, b] < threshold:
            break
        merged = (sizes[a] * between[a] + sizes[b] * between[b]) / (sizes[a] + sizes[b])
        between[a, :] = merged
        between[:, a] = merged
        between[a, a] = -np.inf
        between[b, :] = -np.inf
        between[:, b] = -np.inf
        sizes[a] += sizes[b]
        members[a] = members[a] + members[b]
        members[b] = None
    return [m for m in members if m is not None]


def _shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary so that, with its ellipsis, it fits `limit`."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
