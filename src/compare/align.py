"""Stage 3: find what each source says on a topic and group the claims that
make the same point across sources.

Topic relevance mixes two signals, as bench/eval_align.py chose:

- semantic: cosine of Universal Sentence Encoder embeddings (embedding.py),
  which sees paraphrases that share few words ("Islamic State militants
  behead American journalist" ~ "ISIS executes US reporter": 0.68);
- lexical: after folding spelling variants to one name (Kiev -> Kyiv,
  Zaporozhye -> Zaporizhzhia), rapidfuzz matching of the topic's terms.

Recall first (`_candidates`): a sentence is a claim when its passage
addresses the topic (the best relevance within PASSAGE_WINDOW sentences), or
every content sentence when such passages make up most of its document; on
one-story news, the sentences outlets agree or differ on are spread over
whole articles. (CLAIM_MIN_RELEVANCE, a sentence's own relevance, is kept for
measuring coverage by single sentences in bench/eval_align.py.)

Grouping (`group_claims`): candidate pairs are retrieved cheaply by the
hybrid similarity (cosine + overlap of words weighted by how rare they are in
the corpus at hand: two sources sharing "vassal" say more than two sharing
"Ukraine"), then judged by the trained matcher (compare.match); groups are
built from the pairs it links, so one group can hold claims from several
sources, and several from one source.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from ._lexicon import FUNCTION_WORDS
from .embedding import embed
from .matcher import latin_share, match
from .models import (
    Alignment,
    Claim,
    ClaimGroup,
    SegmentedDocument,
    Sentence,
    Topic,
    pair_key,
)
from .settings import (
    ADHOC_TERM_MIN_CHARS,
    ANSWERS_PER_SOURCE,
    DOCUMENT_FOCUS_SHARE,
    GROUP_MIN_SIMILARITY,
    GROUP_SEMANTIC_WEIGHT,
    GROUP_TITLE_MAX,
    MATCH_COMPONENT_MAX_PAIRS,
    MATCH_DIVERGENCE_LINK_MIN_PROBABILITY,
    MATCH_MAX_PAIRS,
    MATCH_MERGE_MIN_MEAN,
    MATCH_MIN_LATIN_SHARE,
    MATCH_MIN_PROBABILITY,
    MATCH_TOPIC_CONTEXT,
    MATCH_TOPIC_MAX_PAIRS,
    MIN_CLAIM_WORDS,
    PASSAGE_DECAY,
    PASSAGE_MIN_RELEVANCE,
    PASSAGE_WINDOW,
    RELEVANCE_COSINE_FLOOR,
    RELEVANCE_COSINE_SPAN,
    RELEVANCE_REFERENCE_QUERY_WORDS,
    RELEVANCE_RELATED_ANCHOR,
    RELEVANCE_SEMANTIC_WEIGHT,
    RELEVANCE_UNRELATED_ANCHOR,
    RETRIEVE_HYBRID_MAX,
    RETRIEVE_MAX_PER_CLAIM,
    RETRIEVE_PER_SOURCE,
    RETRIEVE_SAME_SOURCE,
    TERM_HITS_FOR_FULL_MATCH,
    TERM_MATCH_MIN,
    TITLE_MIN_WORDS,
)

Aliases = Mapping[str, Sequence[str]]
_HYPHENS = re.compile(r"[-\u2010\u2011\u2012\u2013]")
_WORD = re.compile(r"[^\W_]+")


def align(
    documents: Sequence[SegmentedDocument], topic: Topic, aliases: Aliases,
    *, progress: bool = False,
) -> Alignment:
    """The topic's claims per source, grouped across sources by the matcher.

    Recall first: every content sentence of a passage that addresses the topic
    is a claim (`_candidates`); groups come from claims the matcher pairs
    (`group_claims`), so nothing is capped before matching. `progress` shows a
    bar on stderr while a cold corpus is embedded or matched.
    """
    fold = alias_folder(aliases)
    sentences = [s for d in documents for s in d.sentences]
    texts = [fold(s.text) for s in sentences]
    vectors = embed(texts, progress=progress)
    relevance = _relevance(texts, vectors, topic, fold) if texts else np.zeros(0)
    claims = _candidates(documents, relevance)
    headlines = {d.document.meta.id: fold(d.document.meta.title or "") for d in documents}
    groups = group_claims(claims, fold, background=texts, context=matcher_context(topic),
                          headlines=headlines, progress=progress)
    return Alignment(
        topic=topic,
        sources=tuple(d.document.meta for d in documents),
        paths={d.document.meta.id: d.document.path for d in documents},
        covered=frozenset(c.sentence.source for c in claims),
        groups=groups,
        answers=_answers(claims, headlines, fold),
    )


def coverage(
    documents: Sequence[SegmentedDocument], topics: Iterable[Topic], aliases: Aliases,
    *, progress: bool = False,
) -> dict[str, frozenset[str]]:
    """For each topic id, the ids of the sources with at least one claim on it
    (the same passages `align` takes).

    The corpus is embedded once for all topics; `progress` shows a bar meanwhile.
    """
    sentences = [s for d in documents for s in d.sentences]
    fold = alias_folder(aliases)
    texts = [fold(s.text) for s in sentences]
    vectors = embed(texts, progress=progress)
    covered = {}
    for topic in topics:
        relevance = _relevance(texts, vectors, topic, fold) if texts else np.zeros(0)
        covered[topic.id] = frozenset(c.sentence.source
                                      for c in _candidates(documents, relevance))
    return covered


def matcher_context(topic: Topic) -> str | None:
    """What the matcher is told the claims are about: the topic's title (a
    phrase, like the story topics it was trained with) when MATCH_TOPIC_CONTEXT
    is set, else nothing."""
    return topic.title if MATCH_TOPIC_CONTEXT else None


def adhoc_topic(text: str) -> Topic:
    """A topic from free text ("prisoner exchange"): the text is the question,
    its content words are the terms ("with" or "says" would match nearly any
    sentence). Its id (and so its file name) is an ASCII slug of the text; a
    text with no ASCII letter or digit ("обмін полоненими") gets "adhoc-" and
    a short hash of the text, so two such briefings never overwrite each other."""
    words = tuple(w for w in re.findall(r"[\w'-]+", text)
                  if len(w) >= ADHOC_TERM_MIN_CHARS and w.lower() not in FUNCTION_WORDS)
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if not slug:
        slug = "adhoc-" + hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:8]
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
    *, context: str | None = None, headlines: Mapping[str, str] | None = None,
    progress: bool = False,
) -> tuple[ClaimGroup, ...]:
    """Groups of claims that make the same point, most sources first.

    1. Retrieval: each claim's nearest claims by the hybrid similarity (cheap:
       one embedding per sentence), RETRIEVE_PER_SOURCE in each other source and
       RETRIEVE_SAME_SOURCE in its own.
    2. The matcher (compare.match, told the `context`) scores those pairs;
       pairs at or above MATCH_MIN_PROBABILITY link claims.
    3. Each linked set is scored in full (every pair inside it, smallest sets
       first, within MATCH_COMPONENT_MAX_PAIRS a set and MATCH_TOPIC_MAX_PAIRS
       a topic) and split by average linkage at MATCH_MERGE_MIN_MEAN, so a
       chain a~b~c whose ends differ does not become one group. A claim
       nothing matches stays alone.
    4. Two groups join when claims of two sources in them score at least
       MATCH_DIVERGENCE_LINK_MIN_PROBABILITY and differ on a checkable slot
       (a figure, a time, a title, a quote): the matcher scores claims that
       differ lower, and a divergence is told only inside one group.

    `background` (the corpus's sentences, already alias-folded) sets how rare
    each shared word is for retrieval; `headlines` (source id -> folded title)
    keeps articles' headlines out of group titles.
    """
    if not claims:
        return ()
    texts = [fold(c.sentence.text) for c in claims]
    sources = [c.sentence.source for c in claims]
    scores = _PairScores(texts, context)
    scores.add(_retrieve(texts, sources, background), progress=progress)
    clusters = []
    links = scores.linked()
    budget = MATCH_TOPIC_MAX_PAIRS - len(scores.known)
    for component in sorted(_components(len(claims), links), key=len):
        if len(component) == 1:
            clusters.append(component)
            continue
        fresh = [pair for pair in _all_pairs(component)[:MATCH_COMPONENT_MAX_PAIRS]
                 if pair not in scores.known][:max(budget, 0)]
        budget -= len(fresh)
        scores.add(fresh, progress=progress)
        matrix = scores.matrix(component)
        clusters += [[component[i] for i in members]
                     for members in _average_linkage(matrix, MATCH_MERGE_MIN_MEAN)]
    if MATCH_DIVERGENCE_LINK_MIN_PROBABILITY is not None:
        clusters = _join_differing(clusters, claims, sources, scores)
    ordered = sorted(
        clusters,
        key=lambda members: (
            -len({sources[i] for i in members}),
            -max(claims[i].score for i in members),
            -float(np.mean([claims[i].score for i in members])),
            min((sources[i], claims[i].sentence.start) for i in members),
        ),
    )
    headline_texts = {_norm(h) for h in (headlines or {}).values() if h}
    groups = []
    for number, members in enumerate(ordered, start=1):
        members = sorted(members, key=lambda i: (sources[i], claims[i].sentence.start))
        groups.append(ClaimGroup(
            id=f"g{number}",
            title=_title([claims[i].sentence.text for i in members], scores.matrix(members),
                         headline_texts, [texts[i] for i in members]),
            claims=tuple(claims[i] for i in members),
            matches=scores.english_scores(members, [c.sentence.text for c in claims]),
        ))
    return tuple(groups)


def _join_differing(
    clusters: list[list[int]], claims: Sequence[Claim], sources: Sequence[str],
    scores: _PairScores,
) -> list[list[int]]:
    """Join two groups when a claim of one and a claim of another source in the
    other score at least MATCH_DIVERGENCE_LINK_MIN_PROBABILITY and differ on a
    checkable slot (`compare.diverge.slot_difference`: a person's title, a
    quote's words; a figure or a time only where `diverge.same_event` says the
    two tell one event, as assess will; a value a source also gives itself in
    another claim of the two groups is not disputed, as in assess): the matcher
    scores such pairs lower because they differ, and a divergence is only found
    inside one group. Each group joins at most once."""
    from .diverge import EVENT_SLOTS, PERSON_SLOTS, same_event, slot_difference

    cluster_of = {i: n for n, members in enumerate(clusters) for i in members}
    of_source: dict[tuple[int, str], list[int]] = {}  # (group, source) -> its claims
    for i, n in cluster_of.items():
        of_source.setdefault((n, sources[i]), []).append(i)

    def others(i: int, groups: tuple[int, int]) -> list[str]:
        """The texts of claim i's source's other claims in the two groups."""
        return [claims[k].sentence.text for n in groups
                for k in of_source.get((n, sources[i]), ()) if k != i]

    joined: set[int] = set()
    parent = list(range(len(clusters)))
    for (i, j), p in sorted(scores.known.items(), key=lambda kv: -kv[1]):
        a, b = cluster_of[i], cluster_of[j]
        if (p < MATCH_DIVERGENCE_LINK_MIN_PROBABILITY or a == b or sources[i] == sources[j]
                or a in joined or b in joined):
            continue
        english = scores.english(i, j)
        slots = EVENT_SLOTS + PERSON_SLOTS if same_event(p if english else None) else PERSON_SLOTS
        if slot_difference(claims[i].sentence.text, claims[j].sentence.text, slots=slots,
                           also_a=others(i, (a, b)), also_b=others(j, (a, b))):
            parent[b] = a
            joined |= {a, b}
    merged: dict[int, list[int]] = {}
    for n, members in enumerate(clusters):
        merged.setdefault(parent[n], []).extend(members)
    return list(merged.values())


class _PairScores:
    """Matcher probabilities of claim pairs (by index), scored on demand, once."""

    def __init__(self, texts: Sequence[str], context: str | None) -> None:
        self.texts = texts
        self.context = context
        self.known: dict[tuple[int, int], float] = {}
        self._latin: dict[int, float] = {}

    def _readable(self, i: int) -> bool:
        """Whether the English matcher can read claim i (computed once per claim)."""
        if i not in self._latin:
            self._latin[i] = latin_share(self.texts[i])
        return self._latin[i] >= MATCH_MIN_LATIN_SHARE

    def add(self, pairs: Iterable[tuple[int, int]], *, progress: bool = False) -> None:
        todo = list(dict.fromkeys((min(i, j), max(i, j)) for i, j in pairs
                                  if i != j and (min(i, j), max(i, j)) not in self.known))
        if not todo:
            return
        english = [p for p in todo if self._readable(p[0]) and self._readable(p[1])]
        readable = set(english)
        other = [p for p in todo if p not in readable]
        found = match([(self.texts[i], self.texts[j]) for i, j in english], self.context,
                      progress=progress)
        self.known.update(zip(english, (float(p) for p in found), strict=True))
        if other:
            # The English matcher cannot read these; the multilingual encoder's
            # hybrid similarity decides, its grouping threshold mapped onto ours.
            hybrid = similarities([(self.texts[i], self.texts[j]) for i, j in other])
            mapped = np.clip(hybrid * MATCH_MIN_PROBABILITY / GROUP_MIN_SIMILARITY, 0.0, 1.0)
            self.known.update(zip(other, (float(p) for p in mapped), strict=True))

    def english(self, i: int, j: int) -> bool:
        """Whether the pair was (or would be) scored by the English matcher."""
        return self._readable(i) and self._readable(j)

    def english_scores(self, members: Sequence[int],
                       sentences: Sequence[str]) -> dict[tuple[str, str], float]:
        """The English matcher's scores among `members`, keyed by `pair_key`
        of their `sentences` (the unfolded texts assess sees)."""
        return {pair_key(sentences[i], sentences[j]): p
                for a, i in enumerate(members) for j in members[a + 1:]
                if (p := self.known.get((min(i, j), max(i, j)))) is not None
                and self.english(i, j)}

    def linked(self) -> list[tuple[int, int]]:
        return [pair for pair, p in self.known.items() if p >= MATCH_MIN_PROBABILITY]

    def matrix(self, members: Sequence[int]) -> np.ndarray:
        """Scores among `members` (0 where a pair was never scored), 1 on the diagonal."""
        out = np.eye(len(members))
        for a, i in enumerate(members):
            for b in range(a + 1, len(members)):
                j = members[b]
                out[a, b] = out[b, a] = self.known.get((min(i, j), max(i, j)), 0.0)
        return out


def _retrieve(
    texts: Sequence[str], sources: Sequence[str], background: Sequence[str] | None,
) -> list[tuple[int, int]]:
    """Candidate pairs: each claim's nearest claims in every other source and in
    its own, by the hybrid similarity (cosine only beyond RETRIEVE_HYBRID_MAX
    claims), at most RETRIEVE_MAX_PER_CLAIM per claim (so the pairs grow with
    the claims, not with claims x sources), best first, at most MATCH_MAX_PAIRS."""
    n = len(texts)
    if n < 2:
        return []
    if n <= RETRIEVE_HYBRID_MAX:
        near = _similarity_matrix(texts, lambda text: text, background)
    else:
        vectors = np.asarray(embed(list(texts)), dtype=np.float32)
        near = vectors @ vectors.T  # float32 from the start: n x n is large here
    np.fill_diagonal(near, -np.inf)
    source_of = np.unique(np.asarray(sources), return_inverse=True)[1]
    found: dict[tuple[int, int], float] = {}
    for i in range(n):
        for j in _nearest_per_source(near[i], source_of, int(source_of[i])):
            pair = (min(i, j), max(i, j))
            found[pair] = max(found.get(pair, -np.inf), float(near[i, j]))
    return sorted(found, key=lambda pair: -found[pair])[:MATCH_MAX_PAIRS]


def _nearest_per_source(row: np.ndarray, source_of: np.ndarray, own: int) -> list[int]:
    """The RETRIEVE_MAX_PER_CLAIM most similar items of `row` when each other
    source gives at most RETRIEVE_PER_SOURCE and `own` source RETRIEVE_SAME_SOURCE:
    the best of every source's top few, found by one scan in falling order
    (a scan of the best few hundred, else of the whole row), not a sort per source."""
    counts: dict[int, int] = {}
    chosen: list[int] = []
    width = min(len(row), 256)
    while True:
        top = np.argpartition(-row, width - 1)[:width] if width < len(row) else np.arange(len(row))
        top = top[np.lexsort((-top, -row[top]))]  # falling similarity, ties: larger index first
        counts.clear()
        chosen = []
        for j in top:
            if not np.isfinite(row[j]):
                break
            source = int(source_of[j])
            if counts.get(source, 0) < (RETRIEVE_SAME_SOURCE if source == own
                                        else RETRIEVE_PER_SOURCE):
                counts[source] = counts.get(source, 0) + 1
                chosen.append(int(j))
                if len(chosen) == RETRIEVE_MAX_PER_CLAIM:
                    return chosen
        if width >= len(row):
            return chosen
        width = len(row)


def _components(n: int, links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components (union-find) of n items under `links`, in index order."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        parent[root(i)] = root(j)
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(root(i), []).append(i)
    return sorted(members.values())


def _all_pairs(members: Sequence[int]) -> list[tuple[int, int]]:
    return [(a, b) for x, a in enumerate(members) for b in members[x + 1:]]


def _candidates(documents: Sequence[SegmentedDocument], relevance: np.ndarray) -> list[Claim]:
    """Every content sentence of the passages that address the topic, in reading order.

    A sentence is judged with its neighbours: its passage relevance is the
    best relevance within PASSAGE_WINDOW sentences, discounted by
    PASSAGE_DECAY per sentence of distance (a sentence that says "this" about
    the previous one belongs to its passage). It is a claim when that reaches
    PASSAGE_MIN_RELEVANCE and it has MIN_CLAIM_WORDS words; when such passages
    make up DOCUMENT_FOCUS_SHARE of a document, the document is about the topic
    and all of its content sentences are claims.
    """
    claims = []
    at = 0
    for document in documents:
        sentences = document.sentences
        own = relevance[at:at + len(sentences)]
        at += len(sentences)
        if not len(sentences):
            continue
        passage = _passage_relevance(own)
        addressed = passage >= PASSAGE_MIN_RELEVANCE
        whole = addressed.mean() >= DOCUMENT_FOCUS_SHARE
        headline = _norm(document.document.meta.title or "").rstrip(".")
        for sentence, score, keep in zip(sentences, own, addressed, strict=True):
            if not (whole or keep) or _word_count(sentence.text) < MIN_CLAIM_WORDS:
                continue
            if headline and _norm(sentence.text).rstrip(".") == headline:
                continue  # the article's headline: its title, not a claim of its text
            claims.append(Claim(sentence, float(score)))
    return claims


def _word_count(text: str) -> int:
    """Words as a reader counts them ("didn't" is one)."""
    return len(re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text))


def _passage_relevance(relevance: np.ndarray) -> np.ndarray:
    """Per sentence, the best relevance within PASSAGE_WINDOW sentences, discounted
    by PASSAGE_DECAY per sentence of distance."""
    n = len(relevance)
    best = relevance.astype(float).copy()
    for distance in range(1, PASSAGE_WINDOW + 1):
        if distance >= n:
            break
        weight = PASSAGE_DECAY ** distance
        best[distance:] = np.maximum(best[distance:], weight * relevance[:-distance])
        best[:-distance] = np.maximum(best[:-distance], weight * relevance[distance:])
    return best


def _answers(
    claims: Sequence[Claim], headlines: Mapping[str, str], fold,
) -> dict[str, tuple[Claim, ...]]:
    """Per source, the claims that answer the topic's question most directly: of
    its 2 x ANSWERS_PER_SOURCE most relevant claims (never its headline), the
    ANSWERS_PER_SOURCE most relevant that read on their own (`_stands_alone`),
    then the others, in reading order."""
    headline_texts = {_norm(h) for h in headlines.values() if h}
    by_source: dict[str, list[Claim]] = {}
    for claim in claims:
        if _norm(fold(claim.sentence.text)) not in headline_texts:
            by_source.setdefault(claim.sentence.source, []).append(claim)
    answers = {}
    for source, found in by_source.items():
        best = sorted(found, key=lambda c: -c.score)[:2 * ANSWERS_PER_SOURCE]
        best.sort(key=lambda c: not _stands_alone(c.sentence.text))  # stable: by relevance
        answers[source] = tuple(sorted(best[:ANSWERS_PER_SOURCE], key=lambda c: c.sentence.start))
    return answers


def _title(
    texts: Sequence[str], matrix: np.ndarray, headlines: set[str],
    folded: Sequence[str] | None = None,
) -> str:
    """The point a group makes, as a short self-contained statement.

    The most central member (highest mean matcher score to the others) among
    those of at most GROUP_TITLE_MAX characters and TITLE_MIN_WORDS words or
    more that are not an article's headline; when every member is longer, the
    most central member's leading clause that fits (cut at a clause boundary,
    never mid-clause with "…"); failing that, the shortest such member whole.
    Members that stand alone (`_stands_alone`) come first. The title is
    written as the source wrote it; `folded` (the alias-folded
    texts) is what is compared with the folded `headlines`.
    """
    folded = folded or texts
    centrality = matrix.sum(axis=1)
    order = sorted(range(len(texts)), key=lambda i: (-centrality[i], len(texts[i])))
    usable = [i for i in order if _norm(folded[i]) not in headlines] or order
    # a statement, not a fragment that leans on its paragraph ("But it didn't.")
    usable = [i for i in usable if _word_count(texts[i]) >= TITLE_MIN_WORDS] or usable
    # ... that stands on its own: not "It suggests that he ...", "That is, Kyiv
    # may ...", "But given ...", nor a quote closed in a sentence it lacks
    usable = [i for i in usable if _stands_alone(texts[i])] or usable
    for i in usable:
        if len(texts[i]) <= GROUP_TITLE_MAX:
            return _tidy(texts[i])
    for i in usable:
        clause = _leading_clause(texts[i], GROUP_TITLE_MAX)
        if clause:
            return clause
    return _tidy(min((texts[i] for i in usable), key=len))


_CLAUSE_BREAK = re.compile(
    r"(?:[;:]|,\s(?:but|while|which|although|though|as|and|who)\b|\s[—–-]\s)")
#: A sentence that leans on the one before: it opens with a pronoun that
#: refers back ("It suggests", "This is", "He said") or a connective ("But",
#: "That is,", "Plus,", "More importantly,", "If not,", "On the one hand,",
#: "At the same time,", "Of course,"), or is somebody's
#: words in the first person ("I think that ..."). "It is/It's/It looks ..."
#: with nothing before it to refer to ("It's highly likely that ...") stands
#: alone.
_LEANS_BACK = re.compile(
    r"^\W*(?:(?:this|that|these|those|he|she|they|his|her|its|their|such|so|but|and|or|"
    r"yet|plus|still|rather|thus|hence|also|instead|meanwhile|moreover|however|otherwise|"
    r"then|that\s+is|in\s+other\s+words|more\s+importantly|in\s+turn|i|we|you|"
    r"on\s+the\s+(?:one|other)\s+hand|in\s+particular|at\s+the\s+same\s+time|"
    r"in\s+addition|for\s+(?:example|instance)|in\s+fact|indeed|after\s+all|of\s+course|"
    r"besides|likewise|similarly|nevertheless|nonetheless|therefore|consequently|"
    r"if\s+(?:not|so|he|she|they|it|this|that))\b"
    r"|it\b(?!(?:'|’)s\b|\s+(?:is|was|seems|seemed|appears|appeared|looks|looked|remains)\b))",
    re.IGNORECASE)


#: A subhead, not a statement: "How this changes what we know about ...",
#: "Why the deal matters" (a question would end with "?").
_SUBHEAD = re.compile(r"^\W*(?:how|why)\b(?!.*\?\W*$)", re.IGNORECASE)


def _stands_alone(text: str) -> bool:
    """Whether a sentence reads as a statement on its own: it does not lean
    on the sentence before (_LEANS_BACK), is not a subhead (_SUBHEAD) or a
    fragment that opens in lower case ('"was promised damaging information
    ..." with the lawyer'), and leaves no quote or bracket open."""
    return not (_LEANS_BACK.match(text) or _SUBHEAD.match(text)
                or re.match(r"^\W*[a-z]", text)) and _balanced(text)


def _leading_clause(text: str, limit: int) -> str:
    """The longest leading part of `text` ending at a clause boundary that fits
    `limit` and has at least TITLE_MIN_WORDS words, ended with a full stop; "" if none.

    A boundary that may open an insertion the sentence goes on after counts
    only where it closes the sentence's last part: a dash that no other dash
    follows (and an even number precede: "Ted Cruz – a Harvard-trained lawyer
    who has argued cases before the Supreme Court – promised ..." is cut at
    neither), ", which", ", who" and ", and" with no comma or dash after them
    ("Obama has shown that after one round of executive action, and after
    saying he's done everything he can, he's willing ..." is not cut there)."""
    best = ""
    for m in _CLAUSE_BREAK.finditer(text):
        part = text[:m.start()].strip().rstrip(",;:")
        if len(part) > limit:
            break
        if (len(part.split()) >= TITLE_MIN_WORDS and _balanced(part)
                and _closes_the_sentence(text, m)):
            best = part
    return _tidy(best) if best else ""


_DASH = re.compile(r"\s[—–-]\s|^[—–-]\s")


def _closes_the_sentence(text: str, boundary: re.Match) -> bool:
    """Whether what follows `boundary` runs to the end of the sentence rather
    than being an insertion the sentence resumes after (see _leading_clause)."""
    marker = boundary.group().strip(", ").lower()
    rest = text[boundary.end():]
    if _DASH.fullmatch(boundary.group()):
        return not _DASH.search(rest) and len(_DASH.findall(text[:boundary.start()])) % 2 == 0
    if marker in ("which", "who", "and"):
        return not re.search(r",\s|\s[—–-]\s", rest)
    return True


def _balanced(text: str) -> bool:
    """No quotation or bracket left open."""
    return (text.count("(") == text.count(")") and text.count("“") == text.count("”")
            and text.count('"') % 2 == 0)


def _tidy(text: str) -> str:
    """One line, with a full stop when it has no end punctuation (in place of
    a colon or comma that ends it: "..., however:" -> "..., however."), and
    without the one quote mark of a quote this sentence only opens or only
    closes ('"They want everything ...' -> 'They want everything ...')."""
    text = re.sub(r"\s+", " ", text).strip().rstrip(",;:").rstrip()
    if not _balanced(text):
        if text[:1] in "“\"":
            trimmed = text[1:].lstrip()
        elif text[-1:] in "”\"":
            trimmed = text[:-1].rstrip()
        else:
            trimmed = text
        text = trimmed if _balanced(trimmed) else text
    return text if not text or text[-1] in ".!?\"”’)" else text + "."


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


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
