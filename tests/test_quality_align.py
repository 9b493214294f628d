"""Quality gates for alignment and compare.relate, on shared labelled data.

Floors are measured values (bench/eval_align.py and the samples below) minus a
small margin, never guesses; a drop below one means a change made alignment
worse. The FNC-1 sample is drawn from the held-out stories only
(bench/fnc_data.py story_cut), which bench/train_relate.py never reads.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from compare.align import (
    _average_linkage,
    _similarity_matrix,
    adhoc_topic,
    alias_folder,
    similarities,
    topic_relevance,
)
from compare.ingest import read_corpus
from compare.models import Document, SourceMeta
from compare.relate import LABELS, relate_many
from compare.segment import segment
from compare.settings import GROUP_MIN_SIMILARITY

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from fnc_data import (  # the bench's FNC-1 cuts
    headline_stories,
    load_bodies,
    load_pairs,
    split,
    story_cut,
)

#: Spearman on a fixed random sample (seed 0) of 600 STS-B dev pairs, so a
#: cold cache embeds 1,200 sentences, not 3,000: measured 0.814 (all 1,500
#: pairs: 0.827 by bench/eval_align.py; USE alone 0.829 on dev, the published
#: 74.9 is on the test split).
STS_SAMPLE_PAIRS = 600
STS_SPEARMAN_FLOOR = 0.80
#: A fixed random sample (seed 0) of 60 bodies of the held-out FNC-1 stories
#: (bench/fnc_data.py story_cut: no headline or body of them was fitted on),
#: with all their held-out pairs: 985 pairs. Measured on it with the stance
#: network of 2026-12-03: related/unrelated accuracy 0.945, FNC score 0.747
#: (the sample holds more related pairs than the whole part, whose score is
#: 0.823), F1 agree 0.380, discuss 0.760, unrelated 0.942, disagree 0.085 (34
#: gold pairs: too few to pin; see FNC_DISAGREE_F1_FLOOR). With the logistic
#: stance layer before: 0.754, agree 0.352, discuss 0.775, disagree 0.0.
FNC_SAMPLE_BODIES = 60
FNC_SAMPLE_SEED = 0
FNC_RELATED_ACCURACY_FLOOR = 0.93
FNC_SCORE_FLOOR = 0.73
FNC_F1_FLOORS = {"agree": 0.35, "discuss": 0.74, "unrelated": 0.92}
#: Disagree F1 on every pair of the held-out stories (16,005 pairs, 238 gold
#: disagree): measured 0.195 (0.041 with the logistic stance layer before);
#: at 238 pairs its noise is about 0.03.
FNC_DISAGREE_F1_FLOOR = 0.15
#: seeds_dev_gold cogroup pairs: none of the 4 is grouped yet (bench/eval_align.py),
#: but their similarity ranks at percentiles 97.0, 79.1, 98.4 and 72.0 (mean
#: 86.6; 84.4 before rare-word overlap) among all cross-source sentence pairs
#: of the seeds; pinned below that.
SEED_COGROUP_MEAN_PERCENTILE_FLOOR = 84.0
#: AllSides dev (10 stories x 3 outlets in one corpus, each story's first
#: headline as an ad-hoc topic): measured 10/10 stories with a group spanning
#: two or more of their own outlets, and 68.2 % of 713 multi-source groups made
#: of one story's outlets only (bench/eval_grouping.py --section allsides,
#: 2026-12-03; an earlier session measured 69.2 % of 673);
#: 59.8 % of 763 without the per-topic matcher pair budget, which this corpus
#: reaches. Recall-first alignment grouped by the matcher forms 8x as many
#: multi-source groups as the capped hybrid clusters did (62 of 89, 69.7 %).
ALLSIDES_STORIES_SPANNED_FLOOR = 9
ALLSIDES_SINGLE_STORY_SHARE_FLOOR = 0.67
#: FNC-1 headlines of the held-out stories (434 headlines, 45 stories; the cut
#: is by story so that no headline was fitted on) clustered with
#: GROUP_MIN_SIMILARITY against their stories: measured pairwise F1 0.816
#: (precision 0.930, recall 0.727).
FNC_HEADLINE_PAIRWISE_F1_FLOOR = 0.79
#: A fixed random sample (seed 0) of 60 held-out FNC-1 headlines (367 pairs),
#: each cut to its first two content words as an ad-hoc topic; "a body covers
#: it" against "the pair is related": measured F1 0.662, 0.518 before short
#: queries were mapped onto the headline cosine scale (150 headlines in
#: bench/eval_align.py --section short: 0.747, was 0.657).
SHORT_QUERY_HEADLINES = 60
SHORT_QUERY_F1_FLOOR = 0.64


@pytest.fixture(scope="module")
def fnc_sample(shared_data):
    """A fixed random sample of the held-out stories' pairs: every pair of
    FNC_SAMPLE_BODIES bodies drawn from those of the held-out stories."""
    held_out = story_cut(load_pairs(shared_data / "fnc1"))[2]
    bodies = load_bodies(shared_data / "fnc1")
    candidates = sorted({p.body_id for p in held_out if p.stance != "unrelated"}, key=int)
    rng = np.random.default_rng(FNC_SAMPLE_SEED)
    chosen = set(rng.choice(candidates, FNC_SAMPLE_BODIES, replace=False).tolist())
    rows = [p for p in held_out if p.body_id in chosen]
    relations = relate_many((p.headline, bodies[p.body_id]) for p in rows)
    return [p.stance for p in rows], [rel.label for rel in relations]


def test_sts_spearman_of_the_claim_similarity(shared_data) -> None:
    """The hybrid claim similarity ranks STS-B dev pairs like the human scores do."""
    from scipy.stats import spearmanr

    rows = [line.rstrip("\n").split("\t") for line in
            (shared_data / "stsb" / "sts-dev.csv").read_text(encoding="utf-8").splitlines()]
    chosen = np.random.default_rng(0).choice(len(rows), STS_SAMPLE_PAIRS, replace=False)
    rows = [rows[i] for i in sorted(chosen)]
    gold = [float(r[4]) for r in rows]
    ours = similarities((r[5], r[6]) for r in rows)
    assert spearmanr(ours, gold).statistic >= STS_SPEARMAN_FLOOR


def test_fnc_related_accuracy_on_held_out_stories(fnc_sample) -> None:
    """compare.relate tells related from unrelated headline/body pairs of unseen stories."""
    gold, predicted = fnc_sample
    accuracy = np.mean([(g == "unrelated") == (p == "unrelated")
                        for g, p in zip(gold, predicted, strict=True)])
    assert accuracy >= FNC_RELATED_ACCURACY_FLOOR


def test_fnc_score_and_per_class_f1_on_held_out_stories(fnc_sample) -> None:
    """The FNC-1 weighted score and each class's F1 stay at their measured levels."""
    gold, predicted = fnc_sample
    weights = [(0.25 if g == p else 0) + (0.5 if g == p != "unrelated" else 0)
               + (0.25 if g != "unrelated" and p != "unrelated" else 0)
               for g, p in zip(gold, predicted, strict=True)]
    best = [1.0 if g != "unrelated" else 0.25 for g in gold]
    assert sum(weights) / sum(best) >= FNC_SCORE_FLOOR
    for label, floor in FNC_F1_FLOORS.items():
        assert label in LABELS
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        f1 = 2 * tp / max(1, predicted.count(label) + gold.count(label))
        assert f1 >= floor, label


@pytest.mark.slow
def test_fnc_disagree_on_all_held_out_stories(shared_data) -> None:
    """compare.relate finds disagreeing texts of unseen stories, not only agree
    and discuss (its stance network's disagree bias, chosen by cross-validation
    on the fit stories)."""
    held_out = story_cut(load_pairs(shared_data / "fnc1"))[2]
    bodies = load_bodies(shared_data / "fnc1")
    predicted = [r.label for r in relate_many((p.headline, bodies[p.body_id]) for p in held_out)]
    gold = [p.stance for p in held_out]
    tp = sum(g == p == "disagree" for g, p in zip(gold, predicted, strict=True))
    f1 = 2 * tp / (predicted.count("disagree") + gold.count("disagree"))
    assert f1 >= FNC_DISAGREE_F1_FLOOR


def test_seed_gold_pairs_rank_high_among_cross_source_pairs(shared_data, seeds_dir) -> None:
    """The claim similarity ranks seeds_dev_gold cogroup pairs above most cross-source pairs."""
    gold = json.loads((shared_data / "seeds_dev_gold.json").read_text(encoding="utf-8"))
    corpus = read_corpus(seeds_dir)
    sentences = [s for d in corpus.documents for s in segment(d).sentences]
    matrix = _similarity_matrix([s.text for s in sentences], alias_folder(corpus.aliases))
    sources = np.array([s.source for s in sentences])
    cross = matrix[sources[:, None] != sources[None, :]]
    percentiles = []
    for expected in gold["topics"].values():
        for pair in expected["cogroup"]:
            a, b = (_index_of(sentences, pair[key]) for key in ("a", "b"))
            percentiles.append(100 * float((cross < matrix[a, b]).mean()))
    assert len(percentiles) == 4
    assert np.mean(percentiles) >= SEED_COGROUP_MEAN_PERCENTILE_FLOOR


def _index_of(sentences, needle: str) -> int:
    def normal(text: str) -> str:
        return " ".join(text.replace("\u2019", "'").split())

    return next(i for i, s in enumerate(sentences) if normal(needle) in normal(s.text))


def test_allsides_stories_group_their_own_outlets(shared_data) -> None:
    """Mixed AllSides stories: each story's outlets share a group; groups rarely mix stories."""
    from eval_grouping import allsides

    figures = allsides()
    assert figures["allsides_stories_spanned"] >= ALLSIDES_STORIES_SPANNED_FLOOR
    assert figures["allsides_single_story_share"] >= ALLSIDES_SINGLE_STORY_SHARE_FLOOR


def test_fnc_headlines_cluster_by_story(shared_data) -> None:
    """FNC-1 headlines of one held-out story (related to a common body) share a group."""
    (fitted, _), (headlines, stories) = headline_stories(load_pairs(shared_data / "fnc1"))
    assert not set(fitted) & set(headlines)  # truly held out: no headline was fitted on
    story = np.array(stories)
    label = np.empty(len(headlines), dtype=int)
    matrix = _similarity_matrix(headlines, lambda text: text)
    for number, members in enumerate(_average_linkage(matrix, GROUP_MIN_SIMILARITY)):
        label[members] = number
    upper = np.triu_indices(len(headlines), 1)
    same = (story[:, None] == story[None, :])[upper]
    together = (label[:, None] == label[None, :])[upper]
    precision = (together & same).sum() / together.sum()
    recall = (together & same).sum() / same.sum()
    assert 2 * precision * recall / (precision + recall) >= FNC_HEADLINE_PAIRWISE_F1_FLOOR


def test_short_adhoc_queries_find_the_bodies_that_cover_them(shared_data) -> None:
    """Two-word ad-hoc topics ("Apple watch") still find the held-out FNC-1
    bodies related to the headline they were cut from."""
    from compare.settings import CLAIM_MIN_RELEVANCE
    from eval_align import short_query

    pairs = split(load_pairs(shared_data / "fnc1"))[1]
    headlines = sorted({p.headline for p in pairs})
    chosen = set(np.random.default_rng(0).choice(headlines, SHORT_QUERY_HEADLINES,
                                                 replace=False).tolist())
    pairs = [p for p in pairs if p.headline in chosen]
    bodies = load_bodies(shared_data / "fnc1")
    sentences = {b: segment(Document(SourceMeta(b), b, bodies[b])).sentences
                 for b in {p.body_id for p in pairs}}
    covered = np.array([
        topic_relevance(sentences[p.body_id], adhoc_topic(short_query(p.headline, 2)), {})
        .max(initial=0.0) >= CLAIM_MIN_RELEVANCE for p in pairs])
    related = np.array([p.stance != "unrelated" for p in pairs])
    tp = (covered & related).sum()
    assert 2 * tp / (covered.sum() + related.sum()) >= SHORT_QUERY_F1_FLOOR


#: news_claims held-out stories (the last 8, never fitted or tuned on), each
#: story's topic phrase as an ad-hoc topic, measured by bench/eval_news.py
#: --part held-out with news_check.py's definitions: labelled claims selected
#: 94 % (357/379), agreements in one group 36 % (52/144), hard negatives kept
#: apart 86 % (42/49). The issue asks 90 / 80 / 90 %: only selection is met.
NEWS_SELECTED_FLOOR = 0.90
NEWS_AGREEMENTS_GROUPED_FLOOR = 0.32
NEWS_APART_FLOOR = 0.80


@pytest.mark.slow
def test_news_held_out_briefings_select_group_and_keep_apart(shared_data) -> None:
    """Recall first and groups from the matcher, on stories the project never fitted."""
    from eval_news import evaluate

    totals = evaluate("held-out")["totals"]

    def share(key: str) -> float:
        return totals[key][0] / totals[key][1]

    assert share("selected") >= NEWS_SELECTED_FLOOR
    assert share("agree") >= NEWS_AGREEMENTS_GROUPED_FLOOR
    assert share("apart") >= NEWS_APART_FLOOR
