"""Cold and warm wall time and peak memory of an ad-hoc briefing on 1,683 articles.

Builds a JSONL corpus of the FNC-1 training bodies (../shared/data/fnc1/
train_bodies.csv, one article per line) in a temporary folder, then runs
`compare topic "<query>" --format json` as a child process: first with an
empty cache (cold: parse, segment, embed everything), then again on the
unchanged corpus (warm: parsed articles and embeddings come from the cache).
Peak memory is the whole process tree's: the child and its pool workers are
sampled every 50 ms and their proportional set sizes (PSS, from
/proc/PID/smaps_rollup: shared pages split between the processes sharing
them) summed; the largest sum is reported. Linux only.

    .venv/bin/python bench/bench_scale.py [--query "..."] [--runs 2] [--limit N] [--ingest-only]

Targets (issue 6): cold < 60 s, warm < 5 s, peak < 1.5 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BODIES = ROOT.parent / "shared" / "data" / "fnc1" / "train_bodies.csv"
#: The installed console script's entry point, run by this interpreter.
COMPARE = [sys.executable, "-c", "from compare.cli import main; main()"]

def build_corpus(folder: Path, limit: int | None) -> int:
    """Write the bodies as one JSONL file; the number of articles written."""
    csv.field_size_limit(10**8)
    count = 0
    with BODIES.open(encoding="utf-8", newline="") as source, \
            (folder / "fnc1_bodies.jsonl").open("w", encoding="utf-8") as target:
        for row in csv.DictReader(source):
            record = {"id": f"body-{row['Body ID']}", "text": row["articleBody"]}
            target.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
            if limit and count >= limit:
                break
    return count


def timed_run(corpus: Path, query: str, output: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak MiB (process tree, PSS) of one `compare topic` child."""
    command = [*COMPARE, "topic", query, "--corpus", str(corpus),
               "--format", "json", "--output", str(output), "--quiet"]
    started = time.perf_counter()
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True) as child:
        peak_kib = 0
        while child.poll() is None:
            peak_kib = max(peak_kib, tree_pss_kib(child.pid))
            time.sleep(0.05)
        errors = child.stderr.read() if child.stderr else ""
    seconds = time.perf_counter() - started
    if child.returncode not in (0, 1):
        sys.exit(f"compare failed (exit {child.returncode}):\n{errors}")
    return seconds, peak_kib / 1024


def tree_pss_kib(root: int) -> int:
    """Summed PSS in KiB of `root` and all its descendants, right now."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        parents[int(stat.parent.name)] = int(fields[1])
    tree, frontier = {root}, [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree.update(children)
        frontier = children
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return total


def time_ingest(corpus: Path, cache: Path) -> tuple[float, float]:
    """Seconds for read_corpus with an empty cache, then with a full one."""
    os.environ["COMPARE_CACHE_DIR"] = str(cache)
    from compare.ingest import read_corpus

    seconds = []
    for _ in range(2):
        started = time.perf_counter()
        read_corpus(corpus)
        seconds.append(time.perf_counter() - started)
    return seconds[0], seconds[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query", default="Islamic State militants holding hostages")
    parser.add_argument("--runs", type=int, default=3, help="warm runs after the cold one")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N bodies")
    parser.add_argument("--ingest-only", action="store_true", help="time the ingest stage only")
    args = parser.parse_args()
    if not BODIES.is_file():
        sys.exit(f"{BODIES} not found (clone ../shared beside the repository)")

    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        articles = build_corpus(corpus, args.limit)
        env = dict(os.environ, COMPARE_CACHE_DIR=str(Path(scratch) / "cache"))
        ingest_cold, ingest_warm = time_ingest(corpus, Path(scratch) / "ingest-cache")
        print(f"ingest alone: cold {ingest_cold:.1f} s, warm {ingest_warm:.2f} s "
              f"({articles} articles)", flush=True)
        if args.ingest_only:
            return
        output = Path(scratch) / "briefing.json"
        cold = timed_run(corpus, args.query, output, env)
        warm = [timed_run(corpus, args.query, output, env) for _ in range(args.runs)]
        briefing = json.loads(output.read_text(encoding="utf-8"))

    covering = sum(1 for s in briefing["sources"] if s["covers_topic"])
    claims = sum(len(g["claims"]) for g in briefing["groups"])
    median_warm = statistics.median(seconds for seconds, _ in warm) if warm else float("nan")
    peak = max([cold[1], *(mib for _, mib in warm)])
    print(f"corpus: {articles} articles (FNC-1 train bodies, one JSONL), {os.cpu_count()} cores")
    print(f'query:  "{args.query}" -> {covering} covering sources, '
          f"{len(briefing['groups'])} groups, {claims} claims")
    print(f"cold:   {cold[0]:6.1f} s   peak {cold[1]:6.0f} MiB   (target < 60 s)")
    for number, (seconds, mib) in enumerate(warm, start=1):
        print(f"warm {number}: {seconds:6.1f} s   peak {mib:6.0f} MiB   (target < 5 s)")
    print(f"median warm {median_warm:.1f} s; peak memory (process tree, PSS) {peak:.0f} MiB "
          "(target < 1536 MiB)")


if __name__ == "__main__":
    main()
