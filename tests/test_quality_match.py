"""Quality gates for the shipped claim matcher, on data it was never fitted on.

Each floor is the figure bench/eval_matcher.py measured for the shipped model
(README, "The claim matcher") minus a small margin for onnxruntime builds and
thread counts, never a target: a drop below one means a change made the
matcher worse. ArgKP and Perspectrum are their dev splits (the model trained
on their train splits); news_claims are the 8 held-out stories.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

#: Measured for the shipped int8 model (MODEL_CARD.md, README): ArgKP dev mAP
#: strict 0.545 / relaxed 0.810 (the issue asks 0.80 strict: not reached),
#: Perspectrum dev AUC 0.901 (asked 0.93), news_claims held-out AUC of
#: agreement pairs vs different_points 0.810 as labelled clauses (asked 0.90).
#: Floors sit 0.02-0.03 below, for onnxruntime builds and thread counts.
ARGKP_STRICT_FLOOR = 0.52
ARGKP_RELAXED_FLOOR = 0.78
PERSPECTRUM_AUC_FLOOR = 0.88
NEWS_HELD_OUT_AUC_FLOOR = 0.78


@pytest.fixture(scope="module")
def matcher_eval(shared_data):
    pytest.importorskip("pandas", reason="the KPA-2021 scorer needs pandas (dev extra)")
    import eval_matcher

    return eval_matcher


@pytest.mark.slow
def test_argkp_dev_map_with_the_official_scorer(matcher_eval) -> None:
    figures = matcher_eval.argkp()
    assert figures["argkp_map_strict"] >= ARGKP_STRICT_FLOOR
    assert figures["argkp_map_relaxed"] >= ARGKP_RELAXED_FLOOR


@pytest.mark.slow
def test_perspectrum_dev_equivalent_perspectives_rank_first(matcher_eval) -> None:
    assert matcher_eval.perspectrum()["perspectrum_auc"] >= PERSPECTRUM_AUC_FLOOR


@pytest.mark.slow
def test_news_held_out_agreements_rank_above_hard_negatives(matcher_eval) -> None:
    figures = matcher_eval.news("held-out")
    assert figures["news_clause_auc"] >= NEWS_HELD_OUT_AUC_FLOOR
