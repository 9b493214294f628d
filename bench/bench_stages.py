"""Time `compare topic kursk-leverage` stage by stage and print the figures.

Runs the library pipeline in-process (the same calls the CLI makes) several
times and prints, per stage, the first (cold: model load, empty caches) run
and the median of the warm runs, with each stage's share of the warm total.

    .venv/bin/python bench/bench_stages.py [--topic kursk-leverage] [--corpus seeds] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

STAGES = ("ingest", "segment", "align", "assess", "render")


def run_once(corpus_dir: Path, topic: str, out_dir: Path) -> dict[str, float]:
    """One full run; seconds per stage."""
    from compare.pipeline import brief, load_corpus
    from compare.render import write_reports

    timings: dict[str, float] = {}
    started = time.perf_counter()
    corpus = load_corpus(corpus_dir)
    timings["ingest"] = time.perf_counter() - started
    briefing = brief(corpus, topic, timings=timings)
    started = time.perf_counter()
    write_reports(briefing, ["pdf"], out_dir / f"{topic}.pdf")
    timings["render"] = time.perf_counter() - started
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", default="kursk-leverage")
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parents[1] / "seeds")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        # A private cache directory makes the first run truly cold.
        os.environ["COMPARE_CACHE_DIR"] = str(Path(scratch) / "cache")
        runs = [run_once(args.corpus, args.topic, Path(scratch)) for _ in range(args.runs)]

    cold, warm = runs[0], runs[1:] or runs
    medians = {stage: statistics.median(r[stage] for r in warm) for stage in STAGES}
    total = sum(medians.values())
    print(f"compare topic {args.topic} on {args.corpus} ({args.runs} runs, PDF output)")
    print(f"{'stage':<8} {'cold s':>8} {'warm median s':>14} {'share':>6}")
    for stage in STAGES:
        print(f"{stage:<8} {cold[stage]:>8.3f} {medians[stage]:>14.3f} "
              f"{medians[stage] / total:>6.1%}")
    print(f"{'total':<8} {sum(cold[s] for s in STAGES):>8.3f} {total:>14.3f} {1:>6.0%}")


if __name__ == "__main__":
    main()
