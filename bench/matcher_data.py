"""Labelled "same point?" pairs for training and measuring the claim matcher.

Three sources, each cut by topic or story, never by row:

- ArgKP (KPA-2021) train / dev: argument vs key point, label match / no match,
  the debate topic as context. The official test split is not used.
- Perspectrum train / dev claims: two perspectives of one claim are the same
  point when they sit in one `pids` cluster; perspectives of the same claim in
  other clusters are hard negatives (shared words, other point). The claim is
  the context.
- news_claims: the first NEWS_TRAIN stories train, the next ones (up to
  NEWS_FIT_STORIES) are dev for choosing, and the last 8 are held out from all
  fitting (news_claims/README.md). Agreements and same-story divergences are
  "same point" (grouping needs a divergence inside one group), different_points
  are hard negatives, and claims of two different agreements of one story,
  from two outlets, are other-point negatives. The story's topic phrase is the
  context.

Each pair is (a, b, context, label). news_claims labels mark a clause inside a
sentence; the briefing matches whole sentences, so `news_pairs` can give the
labelled clause, the whole sentence around it, or both.

Only the standard library here: the training script (torch) and the
measurement script (onnxruntime) both import it.
"""

from __future__ import annotations

import csv
import json
import random
import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

#: news_claims stories in file order: 0..NEWS_TRAIN-1 train, NEWS_TRAIN..NEWS_FIT_STORIES-1
#: dev (choosing epochs and thresholds), the last 8 held out (never fitted or tuned on).
NEWS_TRAIN = 24
NEWS_FIT_STORIES = 32
#: Other-point negatives drawn per story (claims of two different agreements).
NEWS_OTHER_POINT_PER_STORY = 40


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    context: str
    label: int
    kind: str  # which data and relation, for per-kind figures


def available() -> bool:
    return (DATA / "argkp" / "labels_train.csv").exists()


# --- ArgKP ------------------------------------------------------------------------

def argkp_frames(split: str) -> tuple[dict, dict, list[tuple[str, str, int]]]:
    """(arguments by id, key points by id, labelled (arg_id, kp_id, label)) of a split."""
    folder = DATA / "argkp"
    with open(folder / f"arguments_{split}.csv", encoding="utf-8") as f:
        arguments = {r["arg_id"]: r for r in csv.DictReader(f)}
    with open(folder / f"key_points_{split}.csv", encoding="utf-8") as f:
        key_points = {r["key_point_id"]: r for r in csv.DictReader(f)}
    with open(folder / f"labels_{split}.csv", encoding="utf-8") as f:
        labels = [(r["arg_id"], r["key_point_id"], int(r["label"])) for r in csv.DictReader(f)]
    return arguments, key_points, labels


def argkp_pairs(split: str) -> list[Pair]:
    arguments, key_points, labels = argkp_frames(split)
    return [Pair(arguments[a]["argument"], key_points[k]["key_point"], arguments[a]["topic"],
                 label, "argkp") for a, k, label in labels]


def argkp_candidates(split: str) -> tuple[list[tuple[str, str]], list[Pair]]:
    """Every (arg_id, kp_id) of the same topic and stance, as the official
    scorer expects predictions for, with the pair texts."""
    arguments, key_points, _ = argkp_frames(split)
    ids, pairs = [], []
    for arg_id, arg in arguments.items():
        for kp_id, kp in key_points.items():
            if kp["topic"] == arg["topic"] and kp["stance"] == arg["stance"]:
                ids.append((arg_id, kp_id))
                pairs.append(Pair(arg["argument"], kp["key_point"], arg["topic"], -1, "argkp"))
    return ids, pairs


# --- Perspectrum ------------------------------------------------------------------

def perspectrum_pairs(split: str, negatives_per_positive: float = 2.0,
                      seed: int = 0) -> list[Pair]:
    """Same-cluster perspective pairs (1) and other-cluster pairs of the same claim (0).

    For dev every negative is kept, so AUC and AP see the full set."""
    folder = DATA / "perspectrum"
    claims = _json(folder / "claims_train_dev.json")
    pool = {p["pId"]: p["text"] for p in _json(folder / "perspective_pool_train_dev.json")}
    splits = _json(folder / "split_train_dev.json")
    rng = random.Random(seed)
    out: list[Pair] = []
    for claim in claims:
        if splits.get(str(claim["cId"])) != split:
            continue
        clusters = [[pool[p] for p in c["pids"] if p in pool] for c in claim["perspectives"]]
        clusters = [c for c in clusters if c]
        positives = [(a, b) for c in clusters for a, b in combinations(c, 2)]
        negatives = [(a, b) for c1, c2 in combinations(clusters, 2) for a in c1 for b in c2]
        if split == "train":
            rng.shuffle(negatives)
            negatives = negatives[:max(2, int(len(positives) * negatives_per_positive))]
        out += [Pair(a, b, claim["text"], 1, "perspectrum") for a, b in positives]
        out += [Pair(a, b, claim["text"], 0, "perspectrum") for a, b in negatives]
    return out


# --- news_claims ------------------------------------------------------------------

def news_stories() -> list[tuple[dict, dict]]:
    """(story, gold labels) for all 40 stories, in file order."""
    folder = DATA / "news_claims"
    lines = (folder / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    stories = [json.loads(line) for line in lines if line.strip()]
    return [(s, _json(folder / "gold" / f"{s['group_id']}.json")) for s in stories]


def _json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def news_split(part: str) -> list[tuple[dict, dict]]:
    """'train', 'dev', 'fit' (train + dev) or 'held-out' (the last 8)."""
    stories = news_stories()
    held = len(stories) - 8
    return {"train": stories[:NEWS_TRAIN], "dev": stories[NEWS_TRAIN:NEWS_FIT_STORIES],
            "fit": stories[:NEWS_FIT_STORIES], "held-out": stories[held:]}[part]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def sentence_of(article_text: str, clause: str) -> str:
    """The whole sentence of `article_text` around the labelled `clause`
    (white space collapsed); the clause itself when it cannot be found."""
    flat = re.sub(r"\s+", " ", article_text)
    want = re.sub(r"\s+", " ", clause).strip()
    at = flat.find(want)
    if at < 0:
        return want
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(flat)]
    start = max(s for s in starts if s <= at)
    ends = [m.start() + 1 for m in _SENTENCE_END.finditer(flat)] + [len(flat)]
    end = min(e for e in ends if e >= at + len(want))
    return flat[start:end].strip()


def _adder(out: list[Pair], articles: dict[str, str], topic: str, text: str):
    """A function that appends a labelled pair of claims in the chosen text form(s)."""

    def forms(claim):
        clause = claim["text"]
        sentence = sentence_of(articles.get(claim["article"], ""), clause)
        return {"clause": [clause], "sentence": [sentence], "both": [clause, sentence]}[text]

    def add(c1, c2, label, kind):
        for x, y in zip(forms(c1), forms(c2), strict=True):
            out.append(Pair(x, y, topic, label, kind))

    return add


def news_pairs(part: str, text: str = "clause", seed: int = 0) -> list[Pair]:
    """Labelled pairs of the stories of `part`.

    `text`: 'clause' (the labelled words), 'sentence' (the whole sentence, as
    the briefing sees it) or 'both' (each pair twice).
    """
    rng = random.Random(seed)
    out: list[Pair] = []
    for story, gold in news_split(part):
        articles = {a["ID"]: a["text"] for a in story["articles"]}
        add = _adder(out, articles, gold.get("topic", ""), text)

        for ag in gold.get("agreements", []):
            kind = "news-agree-para" if ag.get("paraphrase") else "news-agree"
            for c1, c2 in combinations(ag["claims"], 2):
                if c1["article"] != c2["article"]:
                    add(c1, c2, 1, kind)
        for d in gold.get("divergences", []):
            c1, c2 = d["claims"][:2]
            add(c1, c2, 1, f"news-div-{d['kind']}")
        for n in gold.get("different_points", []):
            c1, c2 = n["claims"][:2]
            add(c1, c2, 0, "news-different")
        groups = [ag["claims"] for ag in gold.get("agreements", [])]
        others = [(c1, c2) for g1, g2 in combinations(groups, 2)
                  for c1 in g1 for c2 in g2 if c1["article"] != c2["article"]]
        rng.shuffle(others)
        for c1, c2 in others[:NEWS_OTHER_POINT_PER_STORY]:
            add(c1, c2, 0, "news-other")
    return out
