"""Measure `compare.assess` on labelled data; prints figures, asserts nothing.

1. CoNLL-2010 Wikipedia weasel sentences (../shared/data/weasel/train.csv):
   precision, recall and F1 of "flagged unsupported or hedged" against the
   `uncertain` label. The file is split deterministically by a hash of each
   sentence (see `weasel_split`): one fifth is HELD OUT and was never looked at
   while writing the lexicons; the rest is the TUNING part. Reference: the
   best CoNLL-2010 shared-task system reached F1 ≈ 60 on the uncertain class.
2. ../shared/data/seeds_dev_gold.json: every listed unsupported assertion must
   be flagged unsupported (and is reported sentence by sentence).

Usage:
    .venv/bin/python bench/eval_assess.py              # held-out figures
    .venv/bin/python bench/eval_assess.py --part tune  # the tuning part
    .venv/bin/python bench/eval_assess.py --errors 20  # show misclassified tuning sentences
    .venv/bin/python bench/eval_assess.py --speed      # sentences per second on FNC-1 bodies
    .venv/bin/python bench/eval_assess.py --divergence # date / who-did-what hits, printed
    .venv/bin/python bench/eval_assess.py --negation   # negation point on FNC-1 agree/disagree
    .venv/bin/python bench/eval_assess.py --news held-out   # news_claims unsupported/attributed
    .venv/bin/python bench/eval_assess.py --news fit --errors 1   # ... and fit-part errors
    .venv/bin/python bench/eval_assess.py --read 40 [--seed 1]    # flags to read (held out)

5. --news: the news_claims `unsupported` and `attributed` labels, each claim
   assessed in its whole sentence in its article (with the context `audit`
   gives it), independent of alignment: unsupported precision and recall
   against the labels, attributed claims flagged unsupported, and the share
   of claims of labelled agreements (reported, shared facts) flagged. The
   last 8 stories are held out from all fitting and threshold setting; errors
   are printed for the fit part only.

3. --divergence: how often the date and who-did-what divergence points fire
   on sentence pairs from two different articles about one story (token-set
   similarity >= 50, like the claims of one group): FNC-1 stories (bodies
   related to a common headline; a story is held out when the id of the body
   that roots it is, see `compare.relate.is_held_out_body`) and the AllSides
   stories. Every hit is printed to be read: few hits, most of them true, is
   the aim, since a false divergence misleads a student.
4. --negation: the negation divergence point on FNC-1 pairs labelled agree or
   disagree (headline against the body sentence closest to it by token-set
   similarity), per part: how often it fires on each label, and the share of
   its hits that are `disagree` (against the base rate).
"""

from __future__ import annotations

import argparse
import collections
import csv
import dataclasses
import hashlib
import itertools
import json
import random
import re
import sys
import time
from pathlib import Path

from compare.assess import assess
from compare.models import FLAG_HEDGED, FLAG_UNSUPPORTED
from fnc_data import components

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT / "seeds"

#: One sentence in HELD_OUT_MODULUS goes to the held-out part.
HELD_OUT_MODULUS = 5

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
        "``": "“", "''": "”"}


def weasel_split(text: str) -> str:
    """'held-out' or 'tune', fixed by the sentence's SHA-1 (stable across runs)."""
    digest = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)
    return "held-out" if digest % HELD_OUT_MODULUS == 0 else "tune"


def detokenise(text: str) -> str:
    """Undo the PTB tokenisation of the CoNLL file (-LRB-, `` '', spaced commas)."""
    for token, plain in _PTB.items():
        text = text.replace(token, plain)
    text = re.sub(r"\s+([,.;:!?)\]}”]|'s\b|n't\b)", r"\1", text)
    return re.sub(r"([(\[{“])\s+", r"\1", text)


def load_weasel(part: str) -> list[tuple[str, bool]]:
    """(sentence, is_uncertain) pairs of one part of the weasel file."""
    path = SHARED_DATA / "weasel" / "train.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(detokenise(r["text"]), r["label"] == "uncertain")
            for r in rows if weasel_split(r["text"]) == part]


def predicts_uncertain(sentence: str, flags: tuple[str, ...] = (FLAG_UNSUPPORTED, FLAG_HEDGED)
                       ) -> bool:
    """True when `assess` gives the sentence any of `flags`."""
    return any(flag in flags for flag in assess(sentence).flags)


def prf(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float]:
    """Precision, recall, F1 (x100) of (predicted, gold) pairs."""
    tp = sum(p and g for p, g in pairs)
    fp = sum(p and not g for p, g in pairs)
    fn = sum(g and not p for p, g in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return 100 * precision, 100 * recall, 100 * f1


def weasel_scores(part: str) -> tuple[int, tuple[float, float, float]]:
    """(sentences, (P, R, F1)) of unsupported-or-hedged vs uncertain on a part."""
    data = load_weasel(part)
    return len(data), prf([(predicts_uncertain(text), gold) for text, gold in data])


def seed_sentences() -> dict[str, list[str]]:
    """The seed articles' sentences (quotes and spaces normalised), by file."""
    from compare.ingest import read_document
    from compare.segment import segment

    return {path.name: [normalise(s.text) for s in segment(read_document(path)).sentences]
            for path in sorted(SEEDS.glob("*.txt"))}


def normalise(text: str) -> str:
    """Straight quotes and single spaces, for matching gold needles."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def gold_unsupported() -> list[tuple[str, str]]:
    """(needle, sentence containing it) for each gold unsupported assertion."""
    gold = json.loads((SHARED_DATA / "seeds_dev_gold.json").read_text(encoding="utf-8"))
    sentences = [s for found in seed_sentences().values() for s in found]
    pairs = []
    for topic in gold["topics"].values():
        for needle in topic["unsupported"]:
            hits = [s for s in sentences if normalise(needle) in s]
            pairs.append((needle, hits[0] if hits else ""))
    return pairs


def show_errors(count: int) -> None:
    """Print misclassified sentences of the TUNING part (never the held-out one)."""
    data = load_weasel("tune")
    random.Random(0).shuffle(data)
    misses = [(t, g) for t, g in data if predicts_uncertain(t) != g][:count]
    for text, gold in misses:
        kind = "MISSED" if gold else "FALSE "
        print(f"{kind} {text[:160]}  {assess(text).reasons}")


def print_speed(bodies: int = 300) -> None:
    """Time `assess` on the sentences of the first FNC-1 news bodies."""
    path = SHARED_DATA / "fnc1" / "train_bodies.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(itertools.islice(csv.DictReader(handle), bodies))
    sentences = [s for row in rows for s in re.split(r"(?<=[.!?])\s+", row["articleBody"])
                 if len(s) > 20]
    started = time.perf_counter()
    for sentence in sentences:
        assess(sentence)
    elapsed = time.perf_counter() - started
    print(f"assess: {len(sentences)} FNC-1 sentences in {elapsed:.2f} s "
          f"({len(sentences) / elapsed:.0f} sentences/s)")


def fnc_stories() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(body id -> text, story root id -> its body ids): bodies related to a
    common headline (any stance but unrelated) are one story."""
    folder = SHARED_DATA / "fnc1"
    with open(folder / "train_stances.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(folder / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle)}
    by_headline: dict[str, set[str]] = collections.defaultdict(set)
    for row in rows:
        if row["Stance"] != "unrelated":
            by_headline[row["Headline"]].add(row["Body ID"])
    root = components((body, sorted(members)[0])
                      for members in by_headline.values() for body in sorted(members)[1:])
    stories: dict[str, list[str]] = collections.defaultdict(list)
    for body in sorted({b for members in by_headline.values() for b in members}):
        stories[root(body)].append(body)
    return bodies, dict(stories)


def _similar_cross_pairs(sentences: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(text, text) pairs from different articles with token-set similarity >= 50."""
    import numpy as np
    from rapidfuzz import fuzz, process

    texts = [text for _, text in sentences]
    matrix = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=4)
    rows, columns = np.nonzero(np.triu(matrix, 1) >= 50)
    return [(texts[i], texts[j]) for i, j in zip(rows, columns, strict=True)
            if sentences[i][0] != sentences[j][0] and texts[i] != texts[j]]


def divergence_hits(pairs: list[tuple[str, str]], label: str) -> collections.Counter:
    """Count (and print) the pairs each new divergence point fires on."""
    from compare.assess import _actor_difference, _date_difference

    counts: collections.Counter = collections.Counter(pairs=len(pairs))
    for text_a, text_b in dict.fromkeys(pairs):
        for finder in (_date_difference, _actor_difference):
            found = finder(text_a, text_b)
            if found:
                counts[finder.__name__.strip("_")] += 1
                print(f"{label}: {found.format(a='A', b='B')}\n   A: {text_a[:200]}"
                      f"\n   B: {text_b[:200]}")
    return counts


def print_divergence() -> None:
    """Date and who-did-what hits on FNC-1 (fit, held-out) and AllSides story pairs."""
    from compare.models import Document, SourceMeta
    from compare.relate import is_held_out_body
    from compare.segment import segment

    bodies, stories = fnc_stories()
    for part in ("fit", "held-out"):
        pairs = []
        for key, members in stories.items():
            if (part == "held-out") == is_held_out_body(key):
                pairs += _similar_cross_pairs(
                    [(b, s.strip()) for b in members for line in bodies[b].split("\n")
                     for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", line) if len(s.strip()) > 25])
        print(f"FNC-1 {part}: {dict(divergence_hits(pairs, f'FNC-1 {part}'))}")
    pairs = []
    for line in (SHARED_DATA / "allsides_dev" / "stories.jsonl").read_text("utf-8").splitlines():
        articles = json.loads(line)["articles"]
        pairs += _similar_cross_pairs(
            [(a["source"], s.text) for a in articles
             for s in segment(Document(SourceMeta(a["source"]), a["source"], a["text"])).sentences])
    print(f"AllSides: {dict(divergence_hits(pairs, 'AllSides'))}")


def print_negation() -> None:
    """Fire rates of the negation point on FNC-1 agree vs disagree pairs, per part."""
    from rapidfuzz import fuzz, process

    from compare.assess import _negation_difference
    from compare.relate import is_held_out_body

    folder = SHARED_DATA / "fnc1"
    with open(folder / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle)}
    with open(folder / "train_stances.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["Stance"] in ("agree", "disagree")]
    for part in ("fit", "held-out"):
        pairs, fired = collections.Counter(), collections.Counter()
        for row in rows:
            if is_held_out_body(row["Body ID"]) != (part == "held-out"):
                continue
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", bodies[row["Body ID"]])
                         if len(s) > 25] or [bodies[row["Body ID"]]]
            closest = process.extractOne(row["Headline"], sentences,
                                         scorer=fuzz.token_set_ratio)[0]
            pairs[row["Stance"]] += 1
            fired[row["Stance"]] += _negation_difference(row["Headline"], closest) is not None
        hits = fired["agree"] + fired["disagree"]
        print(f"negation, FNC-1 {part}: fires on {fired['agree']}/{pairs['agree']} agree "
              f"({100 * fired['agree'] / pairs['agree']:.1f} %) and {fired['disagree']}/"
              f"{pairs['disagree']} disagree ({100 * fired['disagree'] / pairs['disagree']:.1f} "
              f"%); hits that are disagree {100 * fired['disagree'] / max(1, hits):.1f} % "
              f"(base rate {100 * pairs['disagree'] / sum(pairs.values()):.1f} %)")



# -- news_claims: unsupported / attributed labels, claim by claim ---------------

#: The last NEWS_HELD_OUT_STORIES stories of stories.jsonl are held out from all
#: fitting and threshold setting (news_claims/README.md); cut by story, never by row.
NEWS_HELD_OUT_STORIES = 8


def news_stories(part: str) -> list[dict]:
    """The news_claims stories of one part: "fit" (the first 32) or "held-out" (the last 8)."""
    path = SHARED_DATA / "news_claims" / "stories.jsonl"
    stories = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    cut = len(stories) - NEWS_HELD_OUT_STORIES
    return stories[:cut] if part == "fit" else stories[cut:]


def _fold(text: str) -> str:
    """Quotes straightened, spaces collapsed, lower case: how labelled text is found."""
    return normalise(text).lower()


@dataclasses.dataclass(frozen=True)
class LabelledClaim:
    """A labelled claim, the sentence of our segmentation that holds it, and its context."""

    story: str
    article: str
    label: str  # "unsupported" | "attributed" | "agreement"
    text: str
    sentence: str  # "" when no sentence of ours holds the whole claim
    context: str
    after: str
    why: str


def news_labelled(part: str, labels: tuple[str, ...] = ("unsupported", "attributed")
                  ) -> list[LabelledClaim]:
    """Every `unsupported` and `attributed` claim of a part, in the sentence
    our segmenter cuts around it (ingest's boilerplate rules applied), with the
    context `compare.assess.audit` gives that sentence."""
    from compare._boilerplate import boilerplate_spans
    from compare.assess import audit_contexts
    from compare.models import Document, SourceMeta
    from compare.segment import segment

    found = []
    for story in news_stories(part):
        gold_path = SHARED_DATA / "news_claims" / "gold" / f"{story['group_id']}.json"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        articles = {a["ID"]: a for a in story["articles"]}
        audited: dict[str, list[tuple[str, str, str]]] = {}
        listed = {label: gold.get(label, []) for label in labels}
        if "agreement" in labels:  # the claims of labelled agreements: shared, reported facts
            listed["agreement"] = [c for a in gold.get("agreements", []) for c in a["claims"]]
        for label, claims in listed.items():
            for claim in claims:
                article = claim["article"]
                if article not in audited:
                    text = articles[article]["text"]
                    document = Document(SourceMeta(article), article, text,
                                        tuple(boilerplate_spans(text)))
                    audited[article] = [(s.text, before, after) for s, before, after in
                                        audit_contexts(segment(document))]
                needle = _fold(claim["text"])
                hits = [h for h in audited[article] if needle in _fold(h[0])]
                sentence, context, after = hits[0] if hits else ("", "", "")
                found.append(LabelledClaim(story["group_id"], article, label, claim["text"],
                                           sentence, context, after,
                                           claim.get("why") or claim.get("speaker", "")))
    return found


def news_flags(claims: list[LabelledClaim]) -> list[bool]:
    """Whether `assess` flags each labelled claim's sentence unsupported (a
    claim our segmentation cut apart counts as not flagged)."""
    return [bool(c.sentence) and FLAG_UNSUPPORTED in _assess_claim(c).flags
            for c in claims]


def _assess_claim(claim: LabelledClaim):
    return assess(claim.sentence, claim.context or None, claim.after or None)


def news_scores(part: str) -> dict[str, float]:
    """Unsupported precision / recall against the labels and the share of
    attributed claims flagged unsupported, on the labelled sentences of a part."""
    claims = news_labelled(part)
    flagged = news_flags(claims)
    tp = sum(f for c, f in zip(claims, flagged, strict=True) if c.label == "unsupported")
    fp = sum(f for c, f in zip(claims, flagged, strict=True) if c.label == "attributed")
    unsupported = sum(c.label == "unsupported" for c in claims)
    attributed = len(claims) - unsupported
    labelled = {(c.article, c.sentence) for c in claims if c.label == "unsupported"}
    agreed = [c for c in news_labelled(part, ("agreement",))
              if c.sentence and (c.article, c.sentence) not in labelled]
    return {
        "unsupported": unsupported, "attributed": attributed,
        "precision": 100 * tp / (tp + fp) if tp + fp else 0.0,
        "recall": 100 * tp / unsupported if unsupported else 0.0,
        "attributed_flagged": 100 * fp / attributed if attributed else 0.0,
        "unsegmented": sum(not c.sentence for c in claims),
        "agreement_flagged": 100 * sum(news_flags(agreed)) / len(agreed) if agreed else 0.0,
    }


def print_news(part: str, errors: bool) -> None:
    """The news_claims figures of a part; with `errors`, every wrong call (fit part only)."""
    scores = news_scores(part)
    print(f"news_claims {part} ({scores['unsupported']} unsupported, {scores['attributed']} "
          f"attributed labelled claims): unsupported P {scores['precision']:.1f}  "
          f"R {scores['recall']:.1f}; attributed flagged unsupported "
          f"{scores['attributed_flagged']:.1f} %; claims not inside one sentence "
          f"{scores['unsegmented']}; agreement claims (reported facts) flagged "
          f"{scores['agreement_flagged']:.1f} %")
    if errors and part == "fit":
        claims = news_labelled(part)
        for claim, flagged in zip(claims, news_flags(claims), strict=True):
            if flagged != (claim.label == "unsupported"):
                result = _assess_claim(claim) if claim.sentence else None
                print(f"{'MISSED' if not flagged else 'FALSE '} [{claim.why}] "
                      f"{claim.sentence or claim.text!r}\n   {result}")


def print_flag_sample(count: int, seed: int, part: str = "held-out") -> None:
    """`count` random "unsupported" flags among every content sentence of the
    articles of a part's stories (held-out by default) (audited as a briefing assesses them), each
    with its reason and the text before it, to be read against the article:
    precision by reading counts what the labels do not cover."""
    from compare._boilerplate import boilerplate_spans
    from compare.assess import audit
    from compare.models import Document, SourceMeta
    from compare.segment import segment

    flags = []
    for story in news_stories(part):
        for article in story["articles"]:
            text = article["text"]
            document = Document(SourceMeta(article["ID"]), article["ID"], text,
                                tuple(boilerplate_spans(text)))
            for sentence, result in audit(segment(document)):
                if FLAG_UNSUPPORTED in result.flags:
                    flags.append((story["group_id"], article["ID"], sentence.text,
                                  result.reasons[result.flags.index(FLAG_UNSUPPORTED)]))
    print(f"{len(flags)} unsupported flags on the {part} articles; {count} of them "
          f"(seed {seed}):")
    for number, (story, article, sentence, reason) in enumerate(
            random.Random(seed).sample(flags, min(count, len(flags))), start=1):
        print(f"{number:2}. [{story} / {article}] {sentence}\n    -> {reason}")


def main(argv: list[str] | None = None) -> int:
    """Print the weasel figures for a part and the seeds gold check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("held-out", "tune"), default="held-out")
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--divergence", action="store_true")
    parser.add_argument("--negation", action="store_true")
    parser.add_argument("--news", choices=("held-out", "fit"),
                        help="news_claims unsupported / attributed figures of a part")
    parser.add_argument("--read", type=int, default=0, metavar="N",
                        help="print N random unsupported flags of the held-out articles "
                             "(--news fit: of the fit ones), to be read against them")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not SHARED_DATA.is_dir():
        print(f"shared data not found at {SHARED_DATA}", file=sys.stderr)
        return 1
    if args.errors and not args.news:
        show_errors(args.errors)
        return 0
    if args.read:
        print_flag_sample(args.read, args.seed, args.news or "held-out")
        return 0
    if args.speed:
        print_speed()
        return 0
    if args.divergence:
        print_divergence()
        return 0
    if args.negation:
        print_negation()
        return 0
    if args.news:
        print_news(args.news, errors=bool(args.errors))
        return 0
    count, (precision, recall, f1) = weasel_scores(args.part)
    print(f"weasel {args.part} ({count} sentences): unsupported-or-hedged vs uncertain "
          f"P {precision:.1f}  R {recall:.1f}  F1 {f1:.1f}   (CoNLL-2010 best F1 ≈ 60)")
    flagged = 0
    for needle, sentence in gold_unsupported():
        ok = bool(sentence) and FLAG_UNSUPPORTED in assess(sentence).flags
        flagged += ok
        print(f"  seeds gold unsupported {'ok  ' if ok else 'MISS'} {needle!r}")
    print(f"seeds gold: {flagged}/{len(gold_unsupported())} unsupported assertions flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
