"""How a text relates to a claim: agree, disagree, discuss or unrelated (FNC-1 labels).

Two small models, fitted by bench/train_relate.py on the FNC-1
training split (its held-out stories never seen: bench/fnc_data.py story_cut,
built on `is_held_out_body`), and shipped as plain numbers in data/relate_model.json so
inference needs numpy only:

1. related vs unrelated, from how close the claim comes to the text
   (embedding cosines with the text's best sentences and with the whole text)
   and how many of the claim's words the text contains;
2. among related texts, agree / disagree / discuss, from the same features
   plus refuting words ("hoax", "denied", "false") and reporting hedges
   ("reportedly", "claims") near the claim, in the claim and in the text:
   a small neural network (one hidden layer of ReLU units) whose disagree
   logit carries a bias chosen by cross-validation by story, since disagree
   is rare (3 % of FNC-1 pairs) and a plain fit almost never says it
   (data/relate_model.md is its model card).

The evidence is the text's sentences closest to the claim, with offsets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

from ._lexicon import FUNCTION_WORDS
from .embedding import embed
from .errors import CompareError
from .models import Evidence, Relation
from .segment import normalise_space, paragraph_spans, sentence_spans
from .settings import (
    RELATE_EVIDENCE_SENTENCES,
    RELATE_TOP_SENTENCES,
    RELATE_UNRELATED_MIN_PROBABILITY,
)

LABELS = ("agree", "disagree", "discuss", "unrelated")
STANCES = ("agree", "disagree", "discuss")


def _vocabulary(words: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(words.split())


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
#: Words that deny or debunk (FNC-1 baseline's refuting list, plus inflections).
REFUTING = _vocabulary(
    "fake fraud frauds hoax hoaxes false falsely deny denies denied denial not despite nope "
    "doubt doubts bogus debunk debunks debunked debunking pranks prank retract retracts "
    "retracted untrue rumor rumors rumour rumours myth misleading never no"
)
#: Words a report uses when it relays a claim without vouching for it.
HEDGING = _vocabulary(
    "reportedly allegedly alleged claims claimed claim purportedly apparently rumored "
    "rumoured unconfirmed unverified may might could possibly appears seems according "
    "suggests suggested report reports"
)
FEATURES = (
    "cos_max", "cos_top", "cos_text", "cos_lead", "word_overlap", "fuzz_best",
    "claim_refuting", "claim_hedging", "text_refuting", "text_hedging",
    "top_refuting", "top_hedging",
)


@dataclass(frozen=True)
class _Text:
    """A text cut into sentences, with each sentence's offsets into the text."""

    text: str
    spans: tuple[tuple[int, int], ...]
    sentences: tuple[str, ...]


def relate(claim: str, text: str) -> Relation:
    """How `text` relates to `claim`: label, confidence and deciding sentences."""
    return relate_many([(claim, text)])[0]


def relate_many(pairs: Iterable[tuple[str, str]], progress: bool = False) -> list[Relation]:
    """`relate` for many pairs, embedding every distinct sentence once."""
    pairs = list(pairs)
    texts = {text: _split(text) for text in dict.fromkeys(t for _, t in pairs)}
    claims = list(dict.fromkeys(c for c, _ in pairs))
    sentences = list(dict.fromkeys(s for t in texts.values() for s in t.sentences))
    vectors = embed(claims + sentences, progress=progress)
    vector_of = dict(zip(claims + sentences, vectors, strict=True))
    model = _model()
    relations = []
    for claim, text in pairs:
        cut = texts[text]
        sentence_vectors = np.array([vector_of[s] for s in cut.sentences])
        features, closeness = relation_features(claim, vector_of[claim], cut.sentences,
                                                sentence_vectors)
        relations.append(_decide(model, features, closeness, cut))
    return relations


def relation_features(
    claim: str, claim_vector: np.ndarray, sentences: Sequence[str], sentence_vectors: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The feature vector (order: FEATURES) and each sentence's cosine to the claim.

    Shared by inference and by bench/train_relate.py, so both see the same numbers.
    """
    if not sentences:
        return np.zeros(len(FEATURES)), np.zeros(0)
    cosine = sentence_vectors @ claim_vector
    order = np.argsort(-cosine)
    top = order[:RELATE_TOP_SENTENCES]
    centroid = sentence_vectors.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    claim_words = _content_words(claim)
    text_words = set().union(*(_words(s) for s in sentences))
    top_words = set().union(*(_words(sentences[i]) for i in top))
    claim_all = _words(claim)
    features = np.array([
        float(cosine[order[0]]),
        float(cosine[top].mean()),
        float(centroid @ claim_vector),
        float(cosine[0]),
        len(claim_words & text_words) / max(1, len(claim_words)),
        fuzz.token_set_ratio(claim, sentences[order[0]]) / 100,
        float(bool(claim_all & REFUTING)),
        float(bool(claim_all & HEDGING)),
        _share_with(sentences, REFUTING),
        _share_with(sentences, HEDGING),
        len(top_words & REFUTING) / len(top),
        len(top_words & HEDGING) / len(top),
    ])
    return features, cosine


def is_held_out_body(body_id: str | int) -> bool:
    """FNC-1 bodies whose id is a multiple of 5 mark the held-out part: a story
    whose lowest body id is one is held out (bench/fnc_data.py story_cut), and
    none of its headlines or bodies is used to fit or tune."""
    return int(body_id) % 5 == 0


def predict_proba(features: np.ndarray) -> np.ndarray:
    """Probabilities over LABELS for rows of features (shape (n, len(FEATURES)))."""
    model = _model()
    features = np.atleast_2d(features)
    related = _softmax(model["related"], features)[:, 1]
    stance = _softmax(model["stance"], features)
    return np.column_stack([stance * related[:, None], 1 - related])


def _decide(model: dict, features: np.ndarray, closeness: np.ndarray, cut: _Text) -> Relation:
    if not cut.sentences:  # nothing to relate: an empty or whitespace-only text
        return Relation(label="unrelated", score=1.0)
    probabilities = predict_proba(features)[0]
    if probabilities[3] >= RELATE_UNRELATED_MIN_PROBABILITY:
        best = 3
    else:
        best = int(np.argmax(probabilities[:3]))
    order = np.argsort(-closeness)[:RELATE_EVIDENCE_SENTENCES] if len(closeness) else []
    evidence = tuple(
        Evidence(cut.text[cut.spans[i][0]:cut.spans[i][1]], cut.spans[i][0], cut.spans[i][1],
                 float(np.clip(closeness[i], 0.0, 1.0)))
        for i in sorted(order)
    )
    score = float(probabilities[3]) if best == 3 else float(1 - probabilities[3])
    if best != 3:
        score *= float(probabilities[best] / probabilities[:3].sum())
    return Relation(label=LABELS[best], score=float(np.clip(score, 0.0, 1.0)), evidence=evidence)


def _split(text: str) -> _Text:
    spans = tuple(
        (s, e) for ps, pe in paragraph_spans(text) for s, e in sentence_spans(text, ps, pe)
    )
    if not spans and text.strip():
        start = len(text) - len(text.lstrip())
        spans = ((start, len(text.rstrip())),)
    return _Text(text, spans, tuple(normalise_space(text[s:e]) for s, e in spans))


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _content_words(text: str) -> set[str]:
    return {w for w in _words(text) if w not in FUNCTION_WORDS and len(w) > 2}


def _share_with(sentences: Sequence[str], vocabulary: frozenset[str]) -> float:
    return sum(1 for s in sentences if _words(s) & vocabulary) / len(sentences)


def _softmax(layer: dict, features: np.ndarray) -> np.ndarray:
    """Class probabilities of a logistic regression or, where the layer lists
    `hidden` weights, of a ReLU network; `bias` (if any) is added to the output
    logits (a prior shift for a rare class)."""
    scaled = (features - layer["mean"]) / layer["scale"]
    for weights, offsets in layer.get("hidden", ()):
        scaled = np.maximum(scaled @ weights + offsets, 0.0)
    logits = scaled @ layer["coef"].T + layer["intercept"]
    if logits.shape[1] == 1:  # a binary model stores one row: P(class 1)
        logits = np.column_stack([np.zeros(len(logits)), logits[:, 0]])
    if "bias" in layer:
        logits = logits + layer["bias"]
    logits -= logits.max(axis=1, keepdims=True)
    odds = np.exp(logits)
    return odds / odds.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def _model() -> dict:
    """The fitted coefficients (data/relate_model.json), as numpy arrays."""
    raw = json.loads(resources.files("compare").joinpath("data/relate_model.json").read_text())
    if tuple(raw["features"]) != FEATURES:
        raise RuntimeError("data/relate_model.json is stale: run bench/train_relate.py")
    return {name: layer_arrays(raw[name]) for name in ("related", "stance")}


def layer_arrays(values: dict) -> dict:
    """One layer of data/relate_model.json as numpy arrays, for `_softmax`."""
    out = {key: np.asarray(value, dtype=float) for key, value in values.items()
           if key != "hidden"}
    out["hidden"] = [(np.asarray(w, dtype=float), np.asarray(b, dtype=float))
                     for w, b in values.get("hidden", ())]
    return out


def read_pairs(path: str | Path) -> list[tuple[object, str, str]]:
    """(id, claim, text) from a JSONL file of {"id", "claim", "text"} lines.

    A line that is not such an object raises CompareError naming the file and line.
    """
    pairs = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise CompareError(f"{path}:{number}: not JSON ({error.msg}); write one "
                                   '{"id", "claim", "text"} object per line') from None
            if not (isinstance(record, dict) and isinstance(record.get("claim"), str)
                    and isinstance(record.get("text"), str) and "id" in record):
                raise CompareError(f"{path}:{number}: expected an object with \"id\" and "
                                   'string "claim" and "text"; fix or remove that line')
            pairs.append((record["id"], record["claim"], record["text"]))
    return pairs
