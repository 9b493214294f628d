"""FNC-1 training split from ../shared/data/fnc1, cut into fit and held-out parts by body.

Shared by bench/train_relate.py (fits on the fit part only) and
bench/eval_align.py (reports on the held-out part): the cut is
`compare.relate.is_held_out_body`, so no held-out body is ever seen in fitting.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
FNC = SHARED / "fnc1"


@dataclass(frozen=True)
class Pair:
    headline: str
    body_id: str
    stance: str


def load_bodies(folder: Path = FNC) -> dict[str, str]:
    """Body id -> article text."""
    with open(folder / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        return {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}


def load_pairs(folder: Path = FNC) -> list[Pair]:
    """Every (headline, body id, stance) row of train_stances.csv."""
    with open(folder / "train_stances.csv", encoding="utf-8", newline="") as handle:
        return [Pair(r["Headline"], r["Body ID"], r["Stance"]) for r in csv.DictReader(handle)]


def split(pairs: list[Pair]) -> tuple[list[Pair], list[Pair]]:
    """(fit part, held-out part), cut by body id."""
    from compare.relate import is_held_out_body

    fit = [p for p in pairs if not is_held_out_body(p.body_id)]
    held_out = [p for p in pairs if is_held_out_body(p.body_id)]
    return fit, held_out


def score_module():
    """The official FNC-1 scorer (score.py) from the shared data."""
    sys.path.insert(0, str(FNC))
    import score  # lives beside the data, not in this project

    return score


def components(links: Iterable[tuple[str, str]]) -> Callable[[str], str]:
    """Connected components of linked pairs (align's union-find): a function
    naming each node's component (a node in no link is its own)."""
    from compare.align import _components

    links = list(links)
    nodes = list(dict.fromkeys(node for pair in links for node in pair))
    index = {node: i for i, node in enumerate(nodes)}
    name: dict[str, str] = {}
    for members in _components(len(nodes), [(index[a], index[b]) for a, b in links]):
        for i in members:
            name[nodes[i]] = nodes[members[0]]
    return lambda node: name.get(node, node)


def headline_stories(pairs: list[Pair]) -> tuple[tuple[list[str], list[str]], ...]:
    """Related headlines and their stories, cut into (fit, held-out) parts by story.

    FNC-1 headlines related (agree, disagree or discuss) to a common body talk
    about the same claim, in different outlets' words and stances: exactly
    what one claim group should hold. Stories are the connected components of
    the headline-body graph. Each part is (headlines, story id per headline).

    The cut is by story, not by body: one headline is paired with many bodies,
    so cutting by body leaves 1,083 of the 1,141 "held-out" headlines in the
    fit part too. A story is held out when its lowest body id is
    (compare.relate.is_held_out_body), so no held-out headline is ever fitted on.
    """
    from compare.relate import is_held_out_body

    related = [p for p in pairs if p.stance != "unrelated"]
    root, lowest_body = _stories(related)
    parts: tuple[tuple[list[str], list[str]], ...] = (([], []), ([], []))
    for headline in sorted({p.headline for p in related}):
        story = root("H:" + headline)
        headlines, stories = parts[is_held_out_body(lowest_body[story])]
        headlines.append(headline)
        stories.append(story)
    return parts


def _stories(related: list[Pair]) -> tuple[Callable[[str], str], dict[str, int]]:
    """The story of each node ("H:" + headline, "B:" + body id) of the related
    pairs' graph, and each story's lowest body id."""
    root = components(("H:" + p.headline, "B:" + p.body_id) for p in related)
    lowest: dict[str, int] = {}
    for p in related:
        story = root("B:" + p.body_id)
        lowest[story] = min(lowest.get(story, int(p.body_id)), int(p.body_id))
    return root, lowest


def pair_stories(pairs: list[Pair], all_pairs: list[Pair]) -> list[str]:
    """The story of each pair's headline (the story of its body for a headline
    related to no body), from the related pairs of `all_pairs`: the groups of a
    cross-validation cut by story."""
    root, _ = _stories([p for p in all_pairs if p.stance != "unrelated"])
    stories = []
    for p in pairs:
        story = root("H:" + p.headline)
        stories.append(story if story != "H:" + p.headline else root("B:" + p.body_id))
    return stories


def held_out_story_pairs(pairs: list[Pair]) -> list[Pair]:
    """Every pair (related or not) whose headline belongs to a held-out story
    (headline_stories): headlines never seen when anything was fitted."""
    held_out = set(headline_stories(pairs)[1][0])
    return [p for p in pairs if p.headline in held_out]


def story_cut(pairs: list[Pair]) -> tuple[list[Pair], list[Pair], list[Pair]]:
    """(train, dev, held-out) by story, for fitting on headline text.

    held-out: every pair whose headline is in a held-out story
    (held_out_story_pairs: the story's lowest body id is a multiple of 5);
    dev: the pairs whose headline's story has its lowest body id at 1 modulo
    5; train: the rest. A pair of the other two parts whose body belongs to a
    held-out story is dropped, so no held-out headline or body is fitted on.
    """
    root, lowest = _stories([p for p in pairs if p.stance != "unrelated"])

    def part(story: str, body_id: str) -> int:
        """A story's lowest body id modulo 5 (a body in no related pair: its own)."""
        return lowest.get(story, int(body_id)) % 5

    held_out = held_out_story_pairs(pairs)
    kept = set(map(id, held_out))
    train, dev = [], []
    for p in pairs:
        body_story = root("B:" + p.body_id)
        if id(p) in kept or part(body_story, p.body_id) == 0:
            continue
        headline_story = root("H:" + p.headline)
        if headline_story == "H:" + p.headline:  # a headline with no related body
            headline_story = body_story
        (dev if part(headline_story, p.body_id) == 1 else train).append(p)
    return train, dev, held_out
