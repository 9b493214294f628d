"""Measure alignment and relation quality and speed; print the figures.

Sections (each skips when ../shared/data is absent):

1. STS-B dev: Spearman x100 of each similarity against gold, and how well each
   tells a paraphrase (gold >= 4) from a different claim on the same topic
   (1 <= gold <= 2.5: STS's "not equivalent, but on the same topic / share
   some details"): ROC AUC, 0.5 = chance.
2. FNC-1 held-out bodies (id % 5 == 0, never used to fit): compare.relate's
   related/unrelated accuracy, FNC score (official score.py), per-class F1;
   and a rapidfuzz-only related/unrelated rule for comparison.
3. Grouping: seeds_dev_gold cogroup pairs, and AllSides stories (all 30
   articles in one corpus, each story's first headline as an ad-hoc topic: are
   multi-source groups made of one story's outlets, and does each story get a
   group spanning two or more of its outlets); FNC-1 headlines clustered
   against their stories (headlines related to a common body), on fit and
   held-out stories (fnc_data.headline_stories: cut by story, not by body).
4. Coverage: FNC-1 headlines as ad-hoc topics; does a body "cover" the topic
   (a sentence clears CLAIM_MIN_RELEVANCE) exactly when the pair is related?
5. Speed: embedding sentences/s (cold cache), relate pairs/s, aligning the
   1,683 FNC-1 bodies for an ad-hoc topic (warm; --cold adds a cold run).
6. Short queries (on demand): FNC-1 headlines cut to their first 1, 2, 3, 4
   or 6 content words as ad-hoc topics; per length, the anchors that
   RELEVANCE_*_ANCHOR are fitted to (fit part: 90th percentile of the best
   cosine over unrelated bodies, median over related ones) and the coverage
   P / R / F1 at CLAIM_MIN_RELEVANCE on both parts, and on headlines of
   held-out stories ("stories": headlines never seen in fitting; the body
   cut shares most headlines with the fit part).
7. Clauses (a rejected alternative, on demand): does scoring sentence pairs by
   their best-matching clauses (long opinion sentences share one clause, e.g.
   "offer political asylum in China to Putin") separate sentences of one
   AllSides story told by two outlets from sentences of different stories
   better than whole-sentence cosine? Compared at an equal false-match rate.

    .venv/bin/python bench/eval_align.py [--section sts,fnc,coverage,groups,speed] [--cold]
    .venv/bin/python bench/eval_align.py --section short,clauses   # on demand
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from fnc_data import (
    FNC,
    SHARED,
    headline_stories,
    held_out_story_pairs,
    load_bodies,
    load_pairs,
    score_module,
    split,
    story_cut,
)

ROOT = Path(__file__).resolve().parents[1]


def spearman(a, b) -> float:
    """Spearman's rho (ranks with ties averaged)."""
    from scipy.stats import spearmanr

    return float(spearmanr(a, b).statistic)


def auc(scores, positive) -> float:
    """ROC AUC by the rank-sum formula."""
    from scipy.stats import rankdata

    scores, positive = np.asarray(scores), np.asarray(positive, dtype=bool)
    ranks = rankdata(scores)
    n_pos, n_neg = positive.sum(), (~positive).sum()
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def sts_section() -> None:
    from compare.align import _rare_word_overlap, similarities
    from compare.embedding import embed

    rows = []
    with open(SHARED / "stsb" / "sts-dev.csv", encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            rows.append((float(parts[4]), parts[5], parts[6]))
    gold = np.array([r[0] for r in rows])
    a = embed([r[1] for r in rows])
    b = embed([r[2] for r in rows])
    measures = {
        "USE cosine": (a * b).sum(axis=1),
        "rapidfuzz token_set_ratio": [fuzz.token_set_ratio(x, y) for _, x, y in rows],
        "rapidfuzz token_sort_ratio": [fuzz.token_sort_ratio(x, y) for _, x, y in rows],
        "rapidfuzz ratio": [fuzz.ratio(x, y) for _, x, y in rows],
        "rapidfuzz partial_ratio": [fuzz.partial_ratio(x, y) for _, x, y in rows],
        "compare similarity (hybrid)": similarities((x, y) for _, x, y in rows),
    }
    texts = list(dict.fromkeys(t for _, x, y in rows for t in (x, y)))
    position = {t: i for i, t in enumerate(texts)}
    overlap = _rare_word_overlap(texts, texts)
    measures["rare-word overlap (DF: all STS sentences)"] = [
        overlap[position[x], position[y]] for _, x, y in rows]
    for lexical in ("token_set", "rare-word"):
        values = np.array(measures["rapidfuzz token_set_ratio"]) / 100 if lexical == "token_set" \
            else np.array(measures["rare-word overlap (DF: all STS sentences)"])
        for weight in (1.0, 0.9, 0.7, 0.5, 0.4):
            mix = weight * np.clip((a * b).sum(axis=1), 0, 1) + (1 - weight) * values
            measures[f"mix {weight:.1f} cosine + {1 - weight:.1f} {lexical}"] = mix
    clear = (gold >= 4) | ((gold >= 1) & (gold <= 2.5))
    print(f"\n== STS-B dev ({len(rows)} pairs; paraphrase vs different: "
          f"{(gold >= 4).sum()} vs {(clear & (gold < 4)).sum()} same-topic) ==")
    print(f"{'measure':<40} {'Spearman x100':>14} {'AUC para/diff':>14}")
    for name, values in measures.items():
        values = np.asarray(values, dtype=float)
        print(f"{name:<40} {100 * spearman(values, gold):>14.1f} "
              f"{auc(values[clear], gold[clear] >= 4):>14.3f}")


def fnc_section() -> None:
    from compare.relate import LABELS, relate_many

    bodies = load_bodies()
    train, dev, held_out = story_cut(load_pairs())
    started = time.perf_counter()
    relations = relate_many((p.headline, bodies[p.body_id]) for p in held_out)
    seconds = time.perf_counter() - started
    gold = [p.stance for p in held_out]
    predicted = [r.label for r in relations]
    print(f"\n== FNC-1 held-out stories: {len({p.headline for p in held_out})} headlines, "
          f"{len(held_out)} pairs (train and dev stories: {len(train) + len(dev)} pairs; "
          "fnc_data.story_cut) ==")
    related_accuracy = np.mean([(g == "unrelated") == (p == "unrelated")
                                for g, p in zip(gold, predicted, strict=True)])
    print(f"related/unrelated accuracy: {100 * related_accuracy:.2f} %")
    score = score_module()
    fnc = score.report_score(gold, predicted)
    print(f"FNC score: {fnc:.2f} %  (references on the official test: baseline 75.20, "
          "best 82.02)")
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        precision = tp / max(1, predicted.count(label))
        recall = tp / max(1, gold.count(label))
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        print(f"  {label:<10} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  "
              f"(gold {gold.count(label)})")
    print(f"relate pairs/s (warm embedding cache, incl. sentence split): "
          f"{len(held_out) / seconds:.0f}")
    _fuzz_baseline(train + dev, held_out, bodies)


def _fuzz_baseline(fit, held_out, bodies) -> None:
    """rapidfuzz alone: token_set_ratio(headline, body) with the best cut on the fit part."""
    def values(pairs):
        return np.array([fuzz.token_set_ratio(p.headline, bodies[p.body_id]) for p in pairs])

    fit_values, fit_related = values(fit), np.array([p.stance != "unrelated" for p in fit])
    cut = max(range(0, 101), key=lambda c: np.mean((fit_values >= c) == fit_related))
    held_values = values(held_out)
    related = np.array([p.stance != "unrelated" for p in held_out])
    print(f"rapidfuzz-only rule (token_set_ratio >= {cut}, cut chosen on the fit part): "
          f"related/unrelated accuracy {100 * np.mean((held_values >= cut) == related):.2f} %, "
          f"AUC {auc(held_values, related):.3f}; majority class "
          f"{100 * max(related.mean(), 1 - related.mean()):.2f} %")


def _headline_sample(part: list, count: int) -> list:
    """The pairs of `count` headlines of a part, drawn the same way in every section."""
    import random

    headlines = sorted({p.headline for p in part})
    random.Random(0).shuffle(headlines)
    chosen = set(headlines[:count])
    return [p for p in part if p.headline in chosen]


def coverage_section(headlines_per_part: int = 150) -> None:
    """Does a source cover an ad-hoc topic? FNC-1 headlines as topics, their bodies as sources.

    A body covers the headline's topic when one of its sentences clears
    CLAIM_MIN_RELEVANCE; gold: the pair is related (agree/disagree/discuss).
    """

    from compare.align import adhoc_topic, topic_relevance
    from compare.models import Document, SourceMeta
    from compare.segment import segment
    from compare.settings import CLAIM_MIN_RELEVANCE

    bodies = load_bodies()
    print(f"\n== ad-hoc topic coverage: {headlines_per_part} FNC-1 headlines as topics ==")
    for name, part in zip(("fit", "held-out"), split(load_pairs()), strict=True):
        sentences, best, related = {}, [], []
        for pair in _headline_sample(part, headlines_per_part):
            if pair.body_id not in sentences:
                document = Document(SourceMeta(pair.body_id), pair.body_id, bodies[pair.body_id])
                sentences[pair.body_id] = segment(document).sentences
            relevance = topic_relevance(sentences[pair.body_id], adhoc_topic(pair.headline), {})
            best.append(relevance.max() if len(relevance) else 0.0)
            related.append(pair.stance != "unrelated")
        best, related = np.array(best), np.array(related)
        for threshold in sorted({0.4, 0.45, CLAIM_MIN_RELEVANCE, 0.55, 0.6}):
            covered = best >= threshold
            tp = (covered & related).sum()
            precision, recall = tp / max(1, covered.sum()), tp / related.sum()
            mark = "  <- CLAIM_MIN_RELEVANCE" if threshold == CLAIM_MIN_RELEVANCE else ""
            print(f"  {name:<8} {len(best)} pairs, threshold {threshold:.2f}: P {precision:.3f} "
                  f"R {recall:.3f} F1 {2 * precision * recall / (precision + recall):.3f}{mark}")


_SHORT_QUERY_STOPWORDS = ("a an the and or of to in on at by for with from as is are was were "
                          "be been it its this that says said after over about into new")
_STOPWORDS = frozenset(_SHORT_QUERY_STOPWORDS.split())


def short_query(headline: str, words: int) -> str:
    """The headline's first `words` content words: a stand-in for a short ad-hoc query."""
    content = [w for w in re.findall(r"[A-Za-z][\w'-]*", headline) if w.lower() not in _STOPWORDS]
    return " ".join(content[:words])


def short_section(headlines_per_part: int = 150) -> None:
    """Coverage with short ad-hoc queries, and the cosine anchors they are mapped by."""

    from compare.align import adhoc_topic, topic_relevance
    from compare.embedding import embed
    from compare.models import Document, SourceMeta
    from compare.segment import segment
    from compare.settings import CLAIM_MIN_RELEVANCE

    bodies = load_bodies()
    print(f"\n== short ad-hoc queries: {headlines_per_part} FNC-1 headlines per part, cut ==")
    every = load_pairs()
    parts = (*split(every), held_out_story_pairs(every))
    for name, part in zip(("fit", "held-out", "stories"), parts, strict=True):
        pairs = _headline_sample(part, headlines_per_part)
        sentences = {b: segment(Document(SourceMeta(b), b, bodies[b])).sentences
                     for b in {p.body_id for p in pairs}}
        vectors = {b: embed([s.text for s in found]) for b, found in sentences.items()}
        related = np.array([p.stance != "unrelated" for p in pairs])
        for words in (1, 2, 3, 4, 6, None):
            queries = [short_query(p.headline, words) if words else p.headline for p in pairs]
            query_vectors = dict(zip(queries, embed([f"{q}. {q}" for q in queries]), strict=True))
            cosine = np.array([float((vectors[p.body_id] @ query_vectors[q]).max(initial=0.0))
                               for p, q in zip(pairs, queries, strict=True)])
            best = np.array([float(topic_relevance(sentences[p.body_id], adhoc_topic(q), {})
                                   .max(initial=0.0)) for p, q in zip(pairs, queries, strict=True)])
            covered = best >= CLAIM_MIN_RELEVANCE
            tp = (covered & related).sum()
            precision, recall = tp / max(1, covered.sum()), tp / related.sum()
            length = np.mean([len(q.split()) for q in queries])
            print(f"  {name:<8} {words or 'whole'!s:>5} words (mean {length:4.1f}): anchors "
                  f"{np.percentile(cosine[~related], 90):.3f} / {np.median(cosine[related]):.3f};"
                  f" coverage P {precision:.3f} R {recall:.3f} "
                  f"F1 {2 * precision * recall / max(1e-9, precision + recall):.3f}")


def groups_section() -> None:
    from compare.ingest import read_corpus
    from compare.segment import segment

    _seed_gold(read_corpus(ROOT / "seeds"), segment)
    _allsides()
    _fnc_headlines()


def _fnc_headlines() -> None:
    """Average-linkage clusters of FNC-1 headlines vs their stories, pairwise P/R/F1."""
    from compare.align import _average_linkage, _similarity_matrix
    from compare.settings import GROUP_MIN_SIMILARITY

    print("\n== FNC-1 headlines clustered by story (pairwise precision / recall / F1) ==")
    for name, (headlines, story) in zip(("fit", "held-out"), headline_stories(load_pairs()),
                                        strict=True):
        matrix = _similarity_matrix(headlines, lambda text: text)
        upper = np.triu_indices(len(headlines), 1)
        same = (np.array(story)[:, None] == np.array(story)[None, :])[upper]
        for threshold in sorted({0.29, 0.31, 0.33, 0.35, 0.37, GROUP_MIN_SIMILARITY}):
            label = np.empty(len(headlines), dtype=int)
            for number, members in enumerate(_average_linkage(matrix, threshold)):
                label[members] = number
            together = (label[:, None] == label[None, :])[upper]
            tp = (together & same).sum()
            precision, recall = tp / max(1, together.sum()), tp / same.sum()
            mark = "  <- GROUP_MIN_SIMILARITY" if threshold == GROUP_MIN_SIMILARITY else ""
            print(f"  {name:<8} {len(headlines)} headlines, {len(set(story))} stories, "
                  f"threshold {threshold:.2f}: P {precision:.3f} R {recall:.3f} "
                  f"F1 {2 * precision * recall / (precision + recall):.3f}{mark}")


def _seed_gold(corpus, segment) -> None:
    from compare.align import align

    gold = json.loads((SHARED / "seeds_dev_gold.json").read_text())
    documents = [segment(d) for d in corpus.documents]
    print("\n== seeds_dev_gold cogroup pairs ==")
    found = total = 0
    for topic_id, expected in gold["topics"].items():
        alignment = align(documents, corpus.topic(topic_id), corpus.aliases)
        group_of = {(c.sentence.source, c.sentence.start): g.id
                    for g in alignment.groups for c in g.claims}
        for pair in expected["cogroup"]:
            total += 1
            a, b = (_group_of(documents, group_of, pair[k]) for k in ("a", "b"))
            ok = a == b and a not in (None, "no claim")
            found += ok
            print(f"  {topic_id}: {pair['a'][:40]!r} / {pair['b'][:40]!r}: "
                  f"{'grouped' if ok else f'NOT grouped ({a} / {b})'}")
    print(f"grouped {found}/{total}")


def _normal(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u201c", '"').replace(
        "\u201d", '"').split())


def _group_of(documents, group_of, needle):
    for document in documents:
        for s in document.sentences:
            if _normal(needle) in _normal(s.text):
                return group_of.get((s.source, s.start), "no claim")
    return None


def _allsides() -> None:
    from compare.align import adhoc_topic, align
    from eval_grouping import allsides_corpus

    stories, story_of, documents = allsides_corpus()
    print(f"\n== AllSides: {len(stories)} stories x 3 outlets, all {len(documents)} "
          "articles in one corpus, ad-hoc topic = each story's first headline ==")
    pure = mixed = spanned = 0
    for story in stories:
        alignment = align(documents, adhoc_topic(story["articles"][0]["title"]), {})
        multi = [g for g in alignment.groups if len(g.sources) >= 2]
        stories_in = [Counter(story_of[s] for s in g.sources) for g in multi]
        pure += sum(len(c) == 1 for c in stories_in)
        mixed += sum(len(c) > 1 for c in stories_in)
        own = [c[story["group_id"]] for c in stories_in if len(c) == 1]
        spanned += bool(own and max(own) >= 2)
        print(f"  {story['topic'][:30]:<30} groups {len(alignment.groups):>3}, multi-source "
              f"{len(multi):>3}, of one story {sum(len(c) == 1 for c in stories_in):>3}, "
              f"story's own outlets grouped: {max(own) if own else 0}")
    print(f"multi-source groups made of one story: {pure}/{pure + mixed} "
          f"({100 * pure / max(1, pure + mixed):.1f} %); stories with a group spanning "
          f">= 2 of their outlets: {spanned}/{len(stories)}")


def speed_section(cold: bool) -> None:
    from compare.align import adhoc_topic, align
    from compare.embedding import embed
    from compare.models import Document, SourceMeta
    from compare.segment import segment

    bodies = load_bodies(FNC)
    print("\n== speed (2 cores) ==")
    sample = [s.text for b in list(bodies.values())[:40]
              for s in segment(Document(SourceMeta("x"), "x", b)).sentences]
    with tempfile.TemporaryDirectory() as empty:
        os.environ["COMPARE_CACHE_DIR"] = empty
        embed(["warm up the model"])
        started = time.perf_counter()
        embed(sample)
        print(f"embedding, cold cache: {len(sample) / (time.perf_counter() - started):.0f} "
              f"sentences/s ({len(sample)} FNC-1 sentences)")
        started = time.perf_counter()
        embed(sample)
        print(f"embedding, warm cache: {len(sample) / (time.perf_counter() - started):.0f} "
              "sentences/s")
        del os.environ["COMPARE_CACHE_DIR"]
    started = time.perf_counter()
    documents = [segment(Document(SourceMeta(f"fnc-{i}"), f"fnc/{i}", text))
                 for i, text in bodies.items()]
    segmenting = time.perf_counter() - started
    runs = ["cold", "warm"] if cold else ["warm"]
    with tempfile.TemporaryDirectory() as empty:
        if cold:  # the warm run then reads what the cold run cached
            os.environ["COMPARE_CACHE_DIR"] = empty
        for run in runs:
            started = time.perf_counter()
            alignment = align(documents, adhoc_topic("death toll"), {})
            seconds = time.perf_counter() - started
            count = sum(len(d.sentences) for d in documents)
            print(f"align {len(documents)} FNC-1 bodies ({count} sentences) for ad-hoc "
                  f"'death toll', {run} cache: {seconds:.1f} s (+ segment {segmenting:.1f} s, "
                  f"one process); {len(alignment.covered)} sources covered, "
                  f"{len(alignment.groups)} groups")
        os.environ.pop("COMPARE_CACHE_DIR", None)


_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:\u2014\u2013]|\s-\s|\b(?:because|but|who|which|if)\b)\s*")


def mix_section(false_rates: tuple[float, ...] = (0.0008, 0.005)) -> None:
    """Which lexical signal, at which weight, beside the cosine: on FNC-1 headlines
    (AUC of "same story" over all headline pairs, fit and held-out parts) and on
    AllSides sentences (same-story cross-outlet pairs matched at an equal rate
    of different-story pairs matched). The weight is chosen on the FNC-1 fit part."""
    from compare.align import _rare_word_overlap
    from compare.embedding import embed

    def signals(texts: list[str]) -> dict[str, np.ndarray]:
        vectors = embed(texts)
        return {
            "cosine": np.clip(vectors @ vectors.T, 0, 1),
            "token_set": process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=-1,
                                       dtype=np.float64) / 100,
            "rare-word": _rare_word_overlap(texts, texts),
        }

    mixes = [(lexical, weight) for lexical in ("token_set", "rare-word")
             for weight in (1.0, 0.9, 0.7, 0.6, 0.5, 0.4, 0.3)]

    def mixed(found: dict[str, np.ndarray], lexical: str, weight: float) -> np.ndarray:
        return weight * found["cosine"] + (1 - weight) * found[lexical]

    print("\n== mix: cosine weight w, rest token_set_ratio or rare-word overlap ==")
    for name, (headlines, story) in zip(("FNC-1 fit", "FNC-1 held-out"),
                                        headline_stories(load_pairs()), strict=True):
        found, upper = signals(headlines), np.triu_indices(len(headlines), 1)
        same = (np.array(story)[:, None] == np.array(story)[None, :])[upper]
        print(f"  {name} headlines, AUC same story: " + "  ".join(
            f"{lexical} w={weight}: {auc(mixed(found, lexical, weight)[upper], same):.4f}"
            for lexical, weight in mixes))
    texts, story, source = _allsides_sentences()
    found, upper = signals(texts), np.triu_indices(len(texts), 1)
    other = (story[:, None] != story[None, :])[upper]
    same = ((story[:, None] == story[None, :]) & (source[:, None] != source[None, :]))[upper]
    for rate in false_rates:
        cells = []
        for lexical, weight in mixes:
            scores = mixed(found, lexical, weight)[upper]
            threshold = np.quantile(scores[other], 1 - rate)
            cells.append(f"{lexical} w={weight}: {100 * (scores[same] > threshold).mean():.2f} %")
        print(f"  AllSides same-story pairs matched at {100 * rate:.2f} % false: "
              + "  ".join(cells))


def _allsides_sentences() -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every AllSides sentence, with its story and its story+outlet."""
    from compare.models import Document, SourceMeta
    from compare.segment import segment

    texts, story, source = [], [], []
    for line in (SHARED / "allsides_dev" / "stories.jsonl").read_text().splitlines():
        record = json.loads(line)
        for article in record["articles"]:
            for sentence in segment(Document(SourceMeta("x"), "x", article["text"])).sentences:
                texts.append(sentence.text)
                story.append(record["group_id"])
                source.append(record["group_id"] + article["source"])
    return texts, np.array(story), np.array(source)


def clauses_section(false_rate: float = 0.0008) -> None:
    from compare.embedding import embed

    texts, story, source = _allsides_sentences()
    vectors = embed(texts)
    whole = vectors @ vectors.T
    best_clause = _best_clause_cosines(texts)
    upper = np.triu_indices(len(texts), 1)
    other_story = (story[:, None] != story[None, :])[upper]
    same_story = ((story[:, None] == story[None, :]) & (source[:, None] != source[None, :]))[upper]
    print(f"\n== clauses: {len(texts)} AllSides sentences; share of same-story cross-outlet "
          f"pairs matched when {100 * false_rate:.2f} % of different-story pairs are ==")
    for name, matrix in [("whole sentence", whole), ("best clause", best_clause),
                         ("max(whole, clause - 0.1)", np.maximum(whole, best_clause - 0.1)),
                         ("0.5 whole + 0.5 clause", (whole + best_clause) / 2)]:
        scores = matrix[upper]
        threshold = np.quantile(scores[other_story], 1 - false_rate)
        print(f"  {name:<26} threshold {threshold:.3f}: "
              f"{100 * (scores[same_story] > threshold).mean():.2f} %")


def _best_clause_cosines(texts: list[str]) -> np.ndarray:
    from compare.embedding import embed

    pieces = [[c for c in _CLAUSE_BREAK.split(t) if len(c.split()) >= 3] or [t] for t in texts]
    owner = np.repeat(np.arange(len(texts)), [len(p) for p in pieces])
    vectors = embed([c for p in pieces for c in p])
    by_row = np.full((len(texts), len(owner)), -1.0)
    np.maximum.at(by_row, owner, vectors @ vectors.T)
    best = np.full((len(texts), len(texts)), -1.0)
    np.maximum.at(best.T, owner, by_row.T)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", default="sts,fnc,coverage,groups,speed")
    parser.add_argument("--cold", action="store_true", help="also time a cold-cache FNC align")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"shared data not found at {SHARED}")
    sections = {"sts": sts_section, "fnc": fnc_section, "coverage": coverage_section,
                "groups": groups_section, "speed": lambda: speed_section(args.cold),
                "short": short_section, "mix": mix_section, "clauses": clauses_section}
    asked = args.section.split(",")
    unknown = [name for name in asked if name not in sections]
    if unknown:
        raise SystemExit(f"unknown section {', '.join(unknown)}; choose from "
                         f"{', '.join(sections)}")
    for name in sections:
        if name in asked:
            sections[name]()

if __name__ == "__main__":
    main()
