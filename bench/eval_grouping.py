"""Grouping beyond news_claims: the seeds' hand-made pairs, mixed AllSides stories, time.

    .venv/bin/python bench/eval_grouping.py [--section gold,allsides,time]

- gold: seeds_dev_gold.json cogroup pairs (putin-exit, escalation-risk): is
  each pair's sentences in one group of that topic's briefing?
- allsides: the 10 AllSides dev stories (30 articles) in one corpus, each
  story's first headline as an ad-hoc topic: stories whose own outlets share a
  group, and the share of multi-source groups whose sources all tell that one
  story (a group mixing stories is a wrong match).
- time: seconds per topic on the seeds (all 7 codebook topics) and per
  3-article news_claims story, cold (empty cache) and warm, in this process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare
from compare.align import adhoc_topic, align
from compare.models import Document, SourceMeta
from compare.segment import segment
from matcher_data import DATA, news_split

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _normal(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def gold() -> dict:
    expected = json.loads((DATA / "seeds_dev_gold.json").read_text(encoding="utf-8"))
    corpus = compare.load_corpus(SEEDS)
    found, total, rows = 0, 0, []
    for topic, spec in expected["topics"].items():
        groups = compare.brief(corpus, topic).groups
        for pair in spec["cogroup"]:
            where = [{g.id for g in groups for c in g.claims
                      if _normal(pair[k]) in _normal(c.claim.sentence.text)} for k in ("a", "b")]
            together = bool(where[0] & where[1])
            found += together
            total += 1
            rows.append(f"{topic}: {pair['a'][:40]!r} ~ {pair['b'][:40]!r}: "
                        f"{'grouped' if together else 'apart' if all(where) else 'not selected'}")
    return {"gold_pairs_grouped": f"{found} of {total}", "gold_rows": rows}


def allsides_corpus() -> tuple[list[dict], dict[str, str], list]:
    """The 10 AllSides dev stories as one corpus: (stories, story id by source
    id, segmented documents)."""
    lines = (DATA / "allsides_dev" / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    stories = [json.loads(line) for line in lines if line.strip()]
    story_of, documents = {}, []
    for story in stories:
        for article in story["articles"]:
            meta = SourceMeta(f"{story['group_id']}/{article['source']}", outlet=article["source"])
            story_of[meta.id] = story["group_id"]
            documents.append(segment(Document(meta, meta.id, article["text"])))
    return stories, story_of, documents


def allsides() -> dict:
    stories, story_of, documents = allsides_corpus()
    spanned, single_story, multi_source = 0, 0, 0
    for story in stories:
        alignment = align(documents, adhoc_topic(story["articles"][0]["title"]), {})
        multi = [g for g in alignment.groups if len(g.sources) >= 2]
        multi_source += len(multi)
        single_story += sum(len({story_of[s] for s in g.sources}) == 1 for g in multi)
        spanned += any({story_of[s] for s in g.sources} == {story["group_id"]} for g in multi)
    return {"allsides_stories_spanned": spanned, "allsides_stories": len(stories),
            "allsides_single_story_share": round(single_story / max(1, multi_source), 3),
            "allsides_multi_source_groups": multi_source}


def timing() -> dict:
    out = {}
    for label in ("cold", "warm"):
        if label == "cold":
            os.environ["COMPARE_CACHE_DIR"] = tempfile.mkdtemp()
        corpus = compare.load_corpus(SEEDS)
        seconds = []
        for topic in corpus.topics:
            started = time.perf_counter()
            compare.brief(corpus, topic.id)
            seconds.append(time.perf_counter() - started)
        out[f"seeds_topic_seconds_{label}_median"] = round(statistics.median(seconds), 2)
    root = Path(tempfile.mkdtemp())
    from eval_news import write_corpus

    story, spec = news_split("held-out")[0]
    for label in ("cold", "warm"):
        corpus = compare.load_corpus(write_corpus(story, root / label))
        started = time.perf_counter()
        compare.brief(corpus, spec["topic"], adhoc=True)
        out[f"news_story_seconds_{label}"] = round(time.perf_counter() - started, 2)
    return out


SECTIONS = {"gold": gold, "allsides": allsides, "time": timing}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", default=",".join(SECTIONS))
    args = parser.parse_args(argv)
    for name in args.section.split(","):
        figures = SECTIONS[name]()
        for row in figures.pop("gold_rows", []):
            print("  " + row)
        print(json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
