"""Measure the divergence decision on labelled pairs of claims that make the
same point (../shared/data/news_claims); prints figures, asserts nothing.

Grouping is left out on purpose: each labelled pair is handed to
`compare.assess._divergence_point` as a group of two claims from two voices,
the way a group the matcher formed would be, so what is measured is only the
decision "do these two voices differ on a checkable point, and which".

- positives: every labelled `divergences` pair, counted per `kind` (number,
  date, name, actor, quote, characterisation, contradiction): recall;
- negatives: every pair of claims from two different outlets in a labelled
  `agreements` entry (same point, no divergence): the share called a
  divergence is the false-positive rate, and precision is
  true hits / (true hits + agreement pairs called divergent), i.e. on a pool
  of one labelled divergence per labelled agreement pair as they occur in
  the stories.

Each claim is its WHOLE sentence in its article (the labels are clauses
inside one sentence; syntok's sentences, as `compare.segment` cuts them), as
a briefing shows it. An agreement pair whose two sentences are also the two
sentences of a labelled divergence is left out of the negatives (the outlets
agree on one clause and differ on another: see the data's README).

Stories 0-31 of stories.jsonl are the FIT part (rules and thresholds were
read and set on them); 32-39 are HELD OUT and were never looked at while
writing the rules: their figures are the honest ones.

Usage:
    .venv/bin/python bench/eval_divergence.py               # both parts, per kind
    .venv/bin/python bench/eval_divergence.py --show fit    # print every fit decision
    .venv/bin/python bench/eval_divergence.py --finder negation  # one finder's hits only
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "news_claims"
#: The first FIT_STORIES stories are the fit part, the rest (8) held out.
FIT_STORIES = 32
KINDS = ("number", "date", "name", "actor", "quote", "characterisation", "contradiction")


@dataclass(frozen=True)
class Pair:
    """Two whole sentences from two outlets, as a group of two would hold them."""

    story: int
    kind: str  # a divergence kind, or "agreement"
    point: str
    source_a: str
    text_a: str
    source_b: str
    text_b: str
    published_a: str | None
    published_b: str | None


def norm(text: str) -> str:
    """Case, quotes and white space folded, for finding a label in a sentence."""
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("\u201c", '"'), ("\u201d", '"'), ("\u2019", "'"), ("\u2018", "'")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


def _sentences(text: str) -> list[str]:
    from compare.segment import normalise_space, paragraph_spans, sentence_spans

    return [normalise_space(text[s:e]) for start, end in paragraph_spans(text)
            for s, e in sentence_spans(text, start, end)]


class Story:
    """One story's articles, sentences and labels."""

    def __init__(self, index: int, line: dict) -> None:
        self.index = index
        self.articles = {a["ID"]: a for a in line["articles"]}
        self.sentences = {i: _sentences(a["text"]) for i, a in self.articles.items()}
        self.gold = json.loads((DATA / "gold" / f"{line['group_id']}.json")
                               .read_text(encoding="utf-8"))
        self.missed = 0

    def sentence(self, claim: dict) -> str:
        """The whole sentence the labelled clause sits in, or the two
        sentences it spans where syntok cut inside it (a quote's closing
        mark); the clause itself when neither holds it (counted in `missed`)."""
        label = norm(claim["text"])
        sentences = self.sentences[claim["article"]]
        for sentence in sentences:
            if label in norm(sentence):
                return sentence
        for first, second in itertools.pairwise(sentences):  # cut at a quote's end
            if label in norm(f"{first} {second}"):
                return f"{first} {second}"
        self.missed += 1
        return claim["text"]

    def pair(self, kind: str, point: str, a: dict, b: dict) -> Pair:
        meta_a, meta_b = self.articles[a["article"]], self.articles[b["article"]]
        return Pair(self.index, kind, point, a["article"], self.sentence(a), b["article"],
                    self.sentence(b), meta_a.get("date"), meta_b.get("date"))

    def pairs(self) -> list[Pair]:
        found = [self.pair(d["kind"], d["point"], *d["claims"][:2])
                 for d in self.gold.get("divergences", [])
                 if d["claims"][0]["article"] != d["claims"][1]["article"]]
        diverging = {frozenset((p.text_a, p.text_b)) for p in found}
        for agreement in self.gold.get("agreements", []):
            claims = agreement["claims"]
            for i, a in enumerate(claims):
                for b in claims[i + 1:]:
                    if a["article"] == b["article"]:
                        continue
                    pair = self.pair("agreement", agreement["point"], a, b)
                    if frozenset((pair.text_a, pair.text_b)) not in diverging:
                        found.append(pair)
        return found


def load_pairs() -> tuple[list[Pair], int]:
    """Every labelled pair of every story, and how many labels were not
    found inside one sentence."""
    lines = [json.loads(line) for line in (DATA / "stories.jsonl").open(encoding="utf-8")]
    pairs, missed = [], 0
    for index, line in enumerate(lines):
        story = Story(index, line)
        pairs.extend(story.pairs())
        missed += story.missed
    return pairs, missed


def decide(pair: Pair) -> str | None:
    """The rationale `_divergence_point` gives this pair, or None (agreement)."""
    from compare.assess import _divergence_point
    from compare.models import AssessedClaim, Assessment, Claim, Sentence, SourceMeta

    claims = [AssessedClaim(Claim(Sentence(source, 1, 0, len(text), text), 1.0), Assessment((), ()))
              for source, text in ((pair.source_a, pair.text_a), (pair.source_b, pair.text_b))]
    metas = {pair.source_a: SourceMeta(pair.source_a, published=pair.published_a),
             pair.source_b: SourceMeta(pair.source_b, published=pair.published_b)}
    voice_of = {pair.source_a: 0, pair.source_b: 1}
    point = _divergence_point(claims, voice_of, metas)
    return point[0] if point else None


def score(pairs: list[Pair], finder: str | None = None) -> dict[str, float]:
    """Per-kind recall ("number", ..., "number+date", "all"), "fp_rate" (the
    share of agreement pairs called divergent), "precision" (true hits over
    all hits) and the counts behind them ("caught", "divergences", "false",
    "agreements"); with `finder`, only rationales starting with that word."""
    hits: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    by_finder: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for pair in pairs:
        found = decide(pair)
        if finder and found and not found.lower().startswith(finder.lower()):
            found = None
        hits[pair.kind][0] += found is not None
        hits[pair.kind][1] += 1
        if found:
            by_finder[found.split(":")[0].split(" {")[0]][pair.kind == "agreement"] += 1
    figures: dict[str, float] = {}
    for kind in KINDS:
        got, of = hits[kind]
        figures[kind] = got / of if of else float("nan")
        figures[f"{kind}_n"] = of
    for name, kinds in (("number+date", ("number", "date")), ("all", KINDS)):
        got, of = (sum(hits[k][i] for k in kinds) for i in (0, 1))
        figures[name] = got / of if of else float("nan")
        figures[f"{name}_caught"], figures[f"{name}_n"] = got, of
    caught, false, agree = figures["all_caught"], hits["agreement"][0], hits["agreement"][1]
    figures.update(false=false, agreements=agree, fp_rate=false / agree if agree else 0.0,
                   precision=caught / (caught + false) if caught + false else 0.0)
    figures["by_finder"] = dict(by_finder)  # type: ignore[assignment]
    figures["hits"] = dict(hits)  # type: ignore[assignment]
    return figures


def report(pairs: list[Pair], title: str, finder: str | None) -> None:
    """Print one part's figures as Markdown tables."""
    figures = score(pairs, finder)
    hits = figures["hits"]
    print(f"\n{title}")
    print("| kind | caught | recall |")
    print("|---|---|---|")
    for kind in KINDS:
        got, of = hits.get(kind, [0, 0])  # type: ignore[union-attr]
        print(f"| {kind} | {got} of {of} | " + (f"{100 * got / of:.0f} % |" if of else "- |"))
    for name in ("number+date", "all"):
        got, of = int(figures[f"{name}_caught"]), int(figures[f"{name}_n"])
        print(f"| {name} | {got} of {of} | " + (f"{100 * got / of:.0f} % |" if of else "- |"))
    print("| finder (first words of the rationale) | hits on divergences | on agreements |")
    print("|---|---|---|")
    for name, (true, false_) in sorted(figures["by_finder"].items()):  # type: ignore[union-attr]
        print(f"| {name} | {true} | {false_} |")
    print(f"agreement pairs called divergent: {int(figures['false'])} of "
          f"{int(figures['agreements'])} ({100 * figures['fp_rate']:.1f} %); "
          f"precision {100 * figures['precision']:.0f} %")


def parts() -> tuple[list[Pair], list[Pair], int]:
    """The fit pairs, the held-out pairs, and how many labels were not
    found inside one sentence."""
    pairs, missed = load_pairs()
    return ([p for p in pairs if p.story < FIT_STORIES],
            [p for p in pairs if p.story >= FIT_STORIES], missed)


def show(pairs: list[Pair]) -> None:
    """Every decision of the part, to be read against the labels."""
    for pair in pairs:
        found = decide(pair)
        positive = pair.kind != "agreement"
        if found is None and not positive:
            continue
        mark = ("HIT " if found else "miss") if positive else "FALSE"
        print(f"[{mark}] story {pair.story} {pair.kind}: {pair.point}")
        print(f"    a: {pair.text_a}\n    b: {pair.text_b}")
        if found:
            print(f"    -> {found.format(a='a', b='b')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=("fit", "held-out"), help="print each decision")
    parser.add_argument("--finder", help="count only rationales starting with this word")
    args = parser.parse_args(argv)
    fit, held, missed = parts()
    print(f"news_claims: {len(fit) + len(held)} pairs; {missed} labels not inside one sentence "
          "(compared as labelled)")
    if args.show:
        show(fit if args.show == "fit" else held)
        return 0
    report(fit, f"FIT stories 0-{FIT_STORIES - 1}", args.finder)
    report(held, f"HELD-OUT stories {FIT_STORIES}-39", args.finder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
