"""compare.match: the trained claim matcher (onnxruntime, shipped weights)."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest

import compare
from compare import match

SRC = Path(__file__).resolve().parents[1] / "src" / "compare"
MATCHER = files("compare") / "data" / "matcher"

PAIRS = [
    ("Ukrainian troops crossed into Russia's Kursk region in August.",
     "In August, Ukraine's army pushed across the border into Kursk."),
    ("The Kremlin called the incursion a provocation.",
     "Oil prices rose on Tuesday after the OPEC meeting."),
]


def test_match_gives_one_probability_per_pair_in_order() -> None:
    scores = match(PAIRS, "Ukraine's Kursk incursion")
    assert scores.shape == (2,)
    assert scores.dtype == np.float32
    assert np.all((scores >= 0.0) & (scores <= 1.0))


def test_match_is_symmetric_and_one_for_identical_text() -> None:
    forward = match(PAIRS)
    backward = match([(b, a) for a, b in PAIRS])
    assert np.array_equal(forward, backward)
    assert match([(PAIRS[0][0], PAIRS[0][0])])[0] == 1.0
    assert match([]).shape == (0,)


def test_match_tells_a_paraphrase_from_an_unrelated_sentence() -> None:
    paraphrase, unrelated = match(PAIRS, "Ukraine's Kursk incursion")
    assert paraphrase > 0.5 > unrelated


def test_scores_are_cached_by_pair_context_and_model(tmp_path: Path, monkeypatch) -> None:
    import compare.matcher as module

    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path))
    first = match(PAIRS, "a context")
    assert (tmp_path / "matches.sqlite3").exists()

    def refuse(*_args, **_kwargs):
        raise AssertionError("a cached pair reached the model")

    monkeypatch.setattr(module, "_score", refuse)
    assert np.array_equal(match(PAIRS, "a context"), first)
    with pytest.raises(AssertionError):
        match(PAIRS, "another context")  # the context is part of the key


def test_many_new_pairs_are_scored_in_a_pool_with_the_same_scores(monkeypatch) -> None:
    """From MODEL_PARALLEL_MIN_ITEMS new pairs (or flagger sentences) on,
    single-threaded models in a process pool score them, each alone: the
    scores are exactly those of this process (seed sentences paired across
    two articles)."""
    import compare.matcher as module
    from compare.ingest import read_document
    from compare.segment import segment

    monkeypatch.setenv("COMPARE_CACHE_DIR", "off")
    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    one, two = (segment(read_document(path)).sentences[:6] for path in seeds[:2])
    pairs = [(a.text, b.text) for a in one for b in two]
    monkeypatch.setattr(module, "MODEL_PARALLEL_MIN_ITEMS", 10**9)
    alone = match(pairs)
    monkeypatch.setattr(module, "MODEL_PARALLEL_MIN_ITEMS", 8)
    monkeypatch.setattr(module, "_CHUNK", 4)
    started = []
    real = module.ordered_map

    def watched(function, items, *, min_items, chunksize=1):
        started.append(len(items) >= min_items)
        return real(function, items, min_items=min_items, chunksize=chunksize)

    monkeypatch.setattr(module, "ordered_map", watched)
    pooled = match(pairs)
    assert started == [True] and len(pairs) == 36
    assert np.array_equal(alone, pooled)
    # the learned flagger's sentences likewise
    sentences = [s.text for s in one + two]
    pooled_flags = module.unsupported(sentences)
    assert started == [True, True]
    monkeypatch.setattr(module, "MODEL_PARALLEL_MIN_ITEMS", 10**9)
    assert np.array_equal(module.unsupported(sentences), pooled_flags)


def test_only_the_match_module_imports_the_runtime() -> None:
    importers = sorted(p.name for p in SRC.glob("*.py")
                       if re.search(r"^\s*(?:import|from)\s+onnxruntime", p.read_text(), re.M))
    assert importers == ["matcher.py"]
    for p in SRC.glob("*.py"):
        assert not re.search(r"^\s*(?:import|from)\s+(?:torch|transformers)\b", p.read_text(),
                             re.M), p.name


def test_a_briefing_never_imports_torch(seeds_dir: Path) -> None:
    code = ("import sys, compare; c = compare.load_corpus(sys.argv[1]); "
            "compare.brief(c, 'kursk-leverage'); "
            "assert 'torch' not in sys.modules and 'transformers' not in sys.modules; "
            "assert 'onnxruntime' in sys.modules")
    env = {**os.environ, "COMPARE_CACHE_DIR": "off"}  # cached scores would skip the model
    done = subprocess.run([sys.executable, "-c", code, str(seeds_dir)], capture_output=True,
                          text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_model_card_names_the_shipped_file_by_its_sha256() -> None:
    card = (MATCHER / "MODEL_CARD.md").read_text("utf-8")
    digest = hashlib.sha256((MATCHER / "matcher.onnx").read_bytes()).hexdigest()
    assert digest in card
    assert "bench/train_matcher.py" in card  # the command that retrains it
    for licence in ("CDLA-Sharing-1.0", "CC BY-SA 4.0", "Apache-2.0"):
        assert licence in card


def test_match_is_in_the_public_api() -> None:
    assert "match" in compare.__all__
    assert compare.match is match and callable(match)


def test_non_latin_text_is_measured_by_its_script() -> None:
    from compare.matcher import latin_share

    assert latin_share("Russia must win") == 1.0
    assert latin_share("Россия должна победить") == 0.0
    assert 0.4 < latin_share("Putin said: «Россия должна»") < 0.6
