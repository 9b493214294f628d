"""Fit compare.relate's two logistic regressions on the FNC-1 fit part.

Writes src/compare/data/relate_model.json (means, scales, coefficients:
inference is numpy only). Fitted on the train and dev stories of
`fnc_data.story_cut`: no headline or body of a held-out story is read here;
choices (class weighting, regularisation) are made by 5-fold
cross-validation grouped by body inside that part, on the FNC score.

    .venv/bin/python bench/train_relate.py        # needs scikit-learn (dev extra)
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from compare.embedding import embed
from compare.relate import FEATURES, LABELS, STANCES, _split, relation_features
from fnc_data import load_bodies, load_pairs, score_module, story_cut

OUT = Path(__file__).resolve().parents[1] / "src" / "compare" / "data" / "relate_model.json"


def pair_features(pairs, bodies) -> np.ndarray:
    """One FEATURES row per pair, computed exactly as compare.relate does."""
    cuts = {b: _split(bodies[b]) for b in {p.body_id for p in pairs}}
    sentences = list(dict.fromkeys(s for c in cuts.values() for s in c.sentences))
    heads = list(dict.fromkeys(p.headline for p in pairs))
    vectors = dict(zip(heads + sentences, embed(heads + sentences), strict=True))
    body_vectors = {b: np.array([vectors[s] for s in c.sentences]) for b, c in cuts.items()}
    return np.array([
        relation_features(p.headline, vectors[p.headline], cuts[p.body_id].sentences,
                          body_vectors[p.body_id])[0]
        for p in pairs
    ])


def fit_layer(x: np.ndarray, y: np.ndarray, c: float, class_weight) -> tuple[dict, object]:
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    model = LogisticRegression(C=c, class_weight=class_weight, max_iter=2000)
    model.fit((x - mean) / scale, y)
    layer = {"mean": mean.tolist(), "scale": scale.tolist(), "coef": model.coef_.tolist(),
             "intercept": model.intercept_.tolist()}
    return layer, model


def predict(layers: dict, x: np.ndarray) -> list[str]:
    def proba(layer, rows):
        z = (rows - np.array(layer["mean"])) / np.array(layer["scale"])
        logits = z @ np.array(layer["coef"]).T + np.array(layer["intercept"])
        if logits.shape[1] == 1:
            logits = np.column_stack([np.zeros(len(logits)), logits[:, 0]])
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    related = proba(layers["related"], x)[:, 1]
    stance = proba(layers["stance"], x).argmax(axis=1)
    return [LABELS[3] if r < 0.5 else STANCES[s] for r, s in zip(related, stance, strict=True)]


def fit(x, labels, c, class_weight) -> dict:
    related = np.array([label != "unrelated" for label in labels], dtype=int)
    layers = {"related": fit_layer(x, related, c, None)[0]}
    mask = related == 1
    layers["stance"] = fit_layer(x[mask], np.array(labels)[mask], c, class_weight)[0]
    return layers


def main() -> None:
    bodies = load_bodies()
    train, dev, _ = story_cut(load_pairs())
    fit_pairs = train + dev
    x = pair_features(fit_pairs, bodies)
    labels = [p.stance for p in fit_pairs]
    groups = [p.body_id for p in fit_pairs]
    score = score_module()
    best = None
    for class_weight in (None, "balanced"):
        for c in (0.1, 1.0, 10.0):
            predicted, gold = [], []
            for train, test in GroupKFold(n_splits=5).split(x, labels, groups):
                layers = fit(x[train], [labels[i] for i in train], c, class_weight)
                predicted += predict(layers, x[test])
                gold += [labels[i] for i in test]
            got, _ = score.score_submission(gold, predicted)
            top, _ = score.score_submission(gold, gold)
            print(f"class_weight={class_weight} C={c}: CV FNC score {100 * got / top:.2f} %")
            if best is None or got > best[0]:
                best = (got, class_weight, c)
    _, class_weight, c = best
    layers = fit(x, labels, c, class_weight)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "about": "compare.relate logistic regressions; rebuild: bench/train_relate.py",
        "trained_on": f"FNC-1 train, the train and dev stories of bench/fnc_data.py "
                      f"story_cut ({len(fit_pairs)} pairs)",
        "chosen": {"class_weight": class_weight, "C": c},
        "features": list(FEATURES), **layers}, indent=1))
    print(f"wrote {OUT} (class_weight={class_weight}, C={c})")


if __name__ == "__main__":
    main()
