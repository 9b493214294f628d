"""The briefing on labelled news stories (news_claims), in-process and per part.

The same definitions as ../shared/tools/news_check.py (which runs the CLI on the
stories; that script is how the project is judged), computed from
`compare.brief` directly so that many stories and settings can be compared in
one process:

    .venv/bin/python bench/eval_news.py --part dev        # stories 24-31 (choosing)
    .venv/bin/python bench/eval_news.py --part held-out   # the last 8: report, never tune
    .venv/bin/python bench/eval_news.py --part fit --divergences   # print them, to read

Parts are those of bench/matcher_data.py: train (0-23), dev (24-31), fit
(0-31), held-out (32-39).
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare
from matcher_data import news_split

MEASURES = ("selected", "agree", "para", "apart", "div", "num", "real", "unsup", "attr")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("\u201c", '"'), ("\u201d", '"'), ("\u2019", "'"), ("\u2018", "'")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


def write_corpus(story: dict, root: Path) -> Path:
    """The corpus folder news_check.py writes: one .txt per article and sources.toml."""
    folder = root / story["group_id"]
    folder.mkdir(parents=True)
    entries = []
    for a in story["articles"]:
        (folder / f"{a['ID']}.txt").write_text(a["text"], encoding="utf-8")
        outlet = a["source"].split(" - ")[0].split(" (")[0]
        entry = (f'[[source]]\nfile = "{a["ID"]}.txt"\nid = "{a["ID"]}"\n'
                 f'title = {json.dumps(a["title"])}\noutlet = {json.dumps(outlet)}\n')
        entry += f'published = "{a["date"]}"\n' if a.get("date") else ""
        entries.append(entry)
    (folder / "sources.toml").write_text("\n".join(entries), encoding="utf-8")
    return folder


def count(brief: dict, gold: dict, totals: dict[str, list[int]]) -> None:
    """Add one story's hits to `totals` (news_check.py's definitions)."""
    claims = [(g, c) for g in brief.get("groups", []) for c in g.get("claims", [])]

    def spots(c):
        n = norm(c["text"])
        return [(g, bc) for g, bc in claims
                if bc["source"] == c["article"] and n in norm(bc.get("text", ""))]

    def together(cs, relation=None):
        found = [spots(c) for c in cs]
        for f in found:
            totals["selected"][0] += bool(f)
            totals["selected"][1] += 1
        ids = [{g["id"] for g, _ in f if relation is None or g.get("relation") == relation}
               for f in found]
        return all(ids) and bool(set.intersection(*ids))

    for ag in gold.get("agreements", []):
        ok = together(ag["claims"])
        totals["agree"][0] += ok
        totals["agree"][1] += 1
        if ag.get("paraphrase"):
            totals["para"][0] += ok
            totals["para"][1] += 1
    for d in gold.get("divergences", []):
        ok = together(d["claims"], "divergence")
        totals["div"][0] += ok
        totals["div"][1] += 1
        if d["kind"] in ("number", "date"):
            totals["num"][0] += ok
            totals["num"][1] += 1
    for n in gold.get("different_points", []):
        found = [spots(c) for c in n["claims"]]
        if all(found):
            totals["apart"][0] += not set.intersection(*[{g["id"] for g, _ in f} for f in found])
            totals["apart"][1] += 1
    for c in gold.get("unsupported", []):
        for _, bc in spots(c):
            totals["unsup"][0] += "unsupported" in bc.get("flags", [])
            totals["unsup"][1] += 1
    for c in gold.get("attributed", []):
        for _, bc in spots(c):
            totals["attr"][0] += "unsupported" not in bc.get("flags", [])
            totals["attr"][1] += 1
    pairs = [d["claims"] for d in gold.get("divergences", [])]
    for g in brief.get("groups", []):
        if g.get("relation") == "divergence":
            texts = {(c["source"], norm(c["text"])) for c in g["claims"]}
            real = any(all(any(s == c["article"] and norm(c["text"]) in x for s, x in texts)
                           for c in p) for p in pairs)
            totals["real"][0] += real
            totals["real"][1] += 1


def show_divergences(story: dict, brief: dict, gold: dict) -> None:
    """Print each divergence group of a briefing (rationale, claims, and
    whether news_check counts it as holding a labelled divergence), for a
    reader to judge against the articles."""
    for g in brief.get("groups", []):
        if g.get("relation") != "divergence":
            continue
        one = {"totals": {k: [0, 0] for k in MEASURES}}
        count({"groups": [g]}, {"divergences": gold.get("divergences", [])}, one["totals"])
        labelled = "labelled" if one["totals"]["real"][0] else "not labelled"
        print(f"## {story['group_id']} {g['id']} ({labelled}) | {g['rationale']}")
        for c in g["claims"]:
            print(f"   - {c['source']}: {c['text']}")


def evaluate(part: str, only: set[str] | None = None, verbose: bool = False,
             divergences: bool = False) -> dict:
    totals = {k: [0, 0] for k in MEASURES}
    seconds, groups, multi = [], 0, 0
    root = Path(tempfile.mkdtemp())
    for story, gold in news_split(part):
        if only and story["group_id"] not in only:
            continue
        corpus = compare.load_corpus(write_corpus(story, root))
        started = time.perf_counter()
        brief = compare.brief(corpus, gold["topic"], adhoc=True).to_dict()
        seconds.append(time.perf_counter() - started)
        groups += len(brief["groups"])
        multi += sum(len({c["source"] for c in g["claims"]}) > 1 for g in brief["groups"])
        before = {k: list(v) for k, v in totals.items()}
        count(brief, gold, totals)
        if divergences:
            show_divergences(story, brief, gold)
        if verbose:
            print(story["group_id"], {k: (totals[k][0] - before[k][0], totals[k][1] - before[k][1])
                                      for k in ("selected", "agree", "apart")}, flush=True)
    return {"totals": totals, "stories": len(seconds), "groups": groups,
            "multi_source_groups": multi,
            "median_seconds": sorted(seconds)[len(seconds) // 2] if seconds else 0.0}


def report(result: dict) -> str:
    t = result["totals"]

    def pct(k):
        return f"{100 * t[k][0] / t[k][1]:.0f}% ({t[k][0]}/{t[k][1]})" if t[k][1] else "n/a"

    return (f"{result['stories']} stories: selected {pct('selected')} | agreements {pct('agree')},"
            f" in other words {pct('para')} | apart {pct('apart')} | divergences {pct('div')},"
            f" numbers/dates {pct('num')} | div. real {pct('real')} | unsupported {pct('unsup')},"
            f" attributed not flagged {pct('attr')} | groups {result['groups']}"
            f" ({result['multi_source_groups']} multi-source) | median"
            f" {result['median_seconds']:.2f} s per story")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="dev", choices=("train", "dev", "fit", "held-out"))
    parser.add_argument("--only", default="", help="comma-separated group ids")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--divergences", action="store_true",
                        help="print every divergence group with its claims, to be read")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override an align, assess or diverge setting for this run, e.g. "
                             "MATCH_MIN_PROBABILITY=0.6 (repeatable; values are tried in turn "
                             "when given as NAME=V1,V2,...)")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    import compare.align as align_module

    assess_module = importlib.import_module("compare.assess")
    runs = [{}]
    for item in args.set:
        name, values = item.split("=", 1)
        runs = [run | {name: float(v)} for run in runs for v in values.split(",")]
    modules = [align_module, assess_module, importlib.import_module("compare.diverge")]
    for run in runs:
        for name, value in run.items():
            holders = [module for module in modules if hasattr(module, name)]
            if not holders:
                parser.error(f"--set {name}: no such setting in align, assess or diverge")
            for module in holders:  # each module that imported the setting by name
                setattr(module, name, int(value) if float(value).is_integer() and
                        isinstance(getattr(module, name), int) else value)
        label = " ".join(f"{k}={v}" for k, v in run.items())
        result = evaluate(args.part, only, args.verbose, args.divergences)
        print(f"{label + ': ' if label else ''}{report(result)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
