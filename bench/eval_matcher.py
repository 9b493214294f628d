"""How the shipped claim matcher (compare.match) does, beside published references.

    .venv/bin/python bench/eval_matcher.py                 # every section
    .venv/bin/python bench/eval_matcher.py --section news  # one of: argkp perspectrum news speed

- argkp: ArgKP (KPA-2021) dev, track 1 metric by the official scorer
  (../shared/data/argkp/track_1_kp_matching.py): mAP strict / relaxed. The
  debate topic is the context.
- perspectrum: Perspectrum dev claims: ROC AUC and average precision of
  "equivalent" (one pids cluster) vs other perspectives of the same claim,
  the claim as context. Every positive and PERSPECTRUM_NEGATIVES negatives
  drawn with a fixed seed (AUC does not depend on the sampling; AP does, so
  the ratio is printed).
- news: news_claims held-out stories (the last 8, never fitted): AUC of
  agreement pairs vs `different_points`, as labelled clauses and as the whole
  sentences the briefing sees; the story's topic phrase as context.
- speed: pairs per second on distinct news sentence pairs (cold, no cache),
  model load time, and the size the matcher adds to an install.

Run with COMPARE_CACHE_DIR=off for speed figures (the cache would answer).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import sys
import tempfile
import time
from importlib.metadata import files as package_files
from pathlib import Path

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import match
from matcher_data import (
    DATA,
    Pair,
    argkp_candidates,
    news_pairs,
    perspectrum_pairs,
)

PERSPECTRUM_NEGATIVES = 4000
SEED = 0


def score_by_context(pairs: list[Pair]) -> np.ndarray:
    """compare.match over pairs with several contexts (one call per context)."""
    out = np.zeros(len(pairs), dtype=np.float32)
    contexts: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        contexts.setdefault(p.context, []).append(i)
    for context, ix in contexts.items():
        out[ix] = match([(pairs[i].a, pairs[i].b) for i in ix], context)
    return out


def argkp() -> dict[str, float]:
    ids, pairs = argkp_candidates("dev")
    scores = score_by_context(pairs)
    sys.path.insert(0, str(DATA / "argkp"))
    import track_1_kp_matching as kpa

    predictions: dict[str, dict[str, float]] = {}
    for (arg_id, kp_id), s in zip(ids, scores, strict=True):
        predictions.setdefault(arg_id, {})[kp_id] = float(s)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "predictions.json"
        path.write_text(json.dumps(predictions))
        with contextlib.redirect_stdout(io.StringIO()):
            arg_df, kp_df, labels_df = kpa.load_kpm_data(str(DATA / "argkp"), subset="dev")
            merged = kpa.get_predictions(str(path), labels_df, arg_df, kp_df)
            strict = kpa.calc_mean_average_precision(merged, "label_strict")
            relaxed = kpa.calc_mean_average_precision(merged, "label_relaxed")
    return {"argkp_map_strict": float(strict), "argkp_map_relaxed": float(relaxed)}


def perspectrum() -> dict[str, float]:
    pairs = perspectrum_pairs("dev")
    positives = [p for p in pairs if p.label == 1]
    negatives = [p for p in pairs if p.label == 0]
    random.Random(SEED).shuffle(negatives)
    sample = positives + negatives[:PERSPECTRUM_NEGATIVES]
    scores = score_by_context(sample)
    labels = [p.label for p in sample]
    return {"perspectrum_auc": float(roc_auc_score(labels, scores)),
            "perspectrum_ap": float(average_precision_score(labels, scores)),
            "perspectrum_positive_share": len(positives) / len(sample)}


def news(part: str = "held-out") -> dict[str, float]:
    """AUCs without the topic (as align scores: settings.MATCH_TOPIC_CONTEXT) and with it."""
    out = {}
    for form in ("clause", "sentence"):
        pairs = [p for p in news_pairs(part, text=form)
                 if p.kind.startswith("news-agree") or p.kind == "news-different"]
        labels = [p.label for p in pairs]
        para = [i for i, p in enumerate(pairs) if p.kind != "news-agree"]
        for suffix, scores in (("", match([(p.a, p.b) for p in pairs])),
                               ("_with_topic", score_by_context(pairs))):
            out[f"news_{form}_auc{suffix}"] = float(roc_auc_score(labels, scores))
            out[f"news_{form}_auc_paraphrase{suffix}"] = float(
                roc_auc_score([labels[i] for i in para], scores[para]))
    return out


def speed() -> dict[str, float]:
    import compare.matcher as module

    started = time.perf_counter()
    module._runtime(module._MODEL_DIR, "matcher.onnx")
    load = time.perf_counter() - started
    pairs = list(dict.fromkeys((p.a, p.b) for p in news_pairs("dev", text="sentence")))
    os.environ["COMPARE_CACHE_DIR"] = "off"
    started = time.perf_counter()
    match(pairs, "a story")
    rate = len(pairs) / (time.perf_counter() - started)
    size = sum(f.locate().stat().st_size for name in ("onnxruntime", "tokenizers")
               for f in (package_files(name) or []) if f.locate().exists())
    model = sum(f.stat().st_size for f in (Path(module.__file__).parent / "data" / "matcher")
                .iterdir())
    return {"pairs_per_second": rate, "pairs_timed": len(pairs), "load_seconds": load,
            "runtime_packages_mb": size / 2**20, "model_files_mb": model / 2**20}


SECTIONS = {"argkp": argkp, "perspectrum": perspectrum, "news": news, "speed": speed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", choices=sorted(SECTIONS), action="append")
    args = parser.parse_args(argv)
    figures = {}
    for name in args.section or list(SECTIONS):
        figures |= SECTIONS[name]()
        print(json.dumps({k: round(v, 4) for k, v in figures.items()}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
