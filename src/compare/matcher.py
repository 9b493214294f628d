"""The claim matcher (do two sentences make the same point?) and the learned
part of the "unsupported" flag (is this sentence the writer's own assessment?):
the only module that imports onnxruntime.

The model is our own fine-tune of all-MiniLM-L6-v2 as a cross-encoder (both
texts and the topic read together), trained by bench/train_matcher.py on ArgKP,
Perspectrum and news_claims training stories, exported to int8 ONNX and shipped
inside the package with its tokenizer and model card (data/matcher/). It runs
on onnxruntime and the `tokenizers` package: no torch, no download. It is
loaded once per process, on first use; from settings.MODEL_PARALLEL_MIN_ITEMS
new pairs on, each of a pool of workers loads its own single-threaded copy
(one thread per model scores more pairs a second on small matrices).

Scores are symmetric by construction (the pair is put in one canonical order
before scoring, and the model was trained on both orders) and cached on disk
by pair, context and the model file's hash (SQLite in the cache folder of
_cache.py), so a second run over the same corpus never runs the model.

The model reads English: its vocabulary is English word pieces, so Cyrillic
or other non-Latin text reaches it as rare pieces and it cannot tell such
claims apart (see the README). `latin_share` lets a caller route those pairs
to the multilingual sentence encoder instead, as align does.

`unsupported` runs the second model (data/flagger/, bench/train_flagger.py): a
MiniLM-L6 sentence classifier fine-tuned on CoNLL-2010 weasel sentences and
news_claims `unsupported` claims; assess consults it only for a sentence no
rule sources, flags or excuses. Its scores are cached the same way.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib.resources import files

import numpy as np

from ._cache import SqliteStore
from ._parallel import ordered_map, usable_cores
from ._progress import with_progress
from .settings import MODEL_PARALLEL_MIN_ITEMS

#: Pairs per model call: one. The int8 model quantises its activations with a
#: scale taken from the whole batch, so in a batch a pair's score depended on
#: its neighbours (by up to 0.23 between batches of 32 and of 1 on news pairs),
#: and a briefing on what happened to be cached. One pair a call makes every
#: score a function of the pair alone, at about the same speed on 2 cores
#: (191 pairs/s against 149 for batches of 32 and 203 for 8).
_BATCH = 1
#: Pairs per task of the scoring pool (a task still scores _BATCH at a time).
_CHUNK = 64
#: Wordpiece tokens per pair; training used the same limit.
MAX_TOKENS = 128
_MODEL_DIR = "data/matcher"
_FLAGGER_DIR = "data/flagger"


def match(
    pairs: Iterable[tuple[str, str]], context: str | None = None, *, progress: bool = False,
) -> np.ndarray:
    """For each (text, text) pair, the probability in [0, 1] that the two make
    the same point, optionally judged in the light of `context` (a topic or
    question). Identical texts score 1.0; the order within a pair does not
    matter.

    `progress` shows a bar on stderr (a terminal only) while new pairs are scored.
    """
    ordered = [_canonical(a, b) for a, b in pairs]
    if not ordered:
        return np.zeros(0, dtype=np.float32)
    context = (context or "").strip()
    version = model_version()
    keys = [_key(version, context, a, b) for a, b in ordered]
    store = _Scores.open()
    found = store.get(set(keys)) if store else {}
    todo = {}
    for k, (a, b) in zip(keys, ordered, strict=True):
        if k in found:
            continue
        if a.strip() == b.strip():
            found[k] = 1.0
        else:
            todo[k] = (a, b)
    if todo:
        waiting = sorted(todo, key=lambda k: len(todo[k][0]) + len(todo[k][1]))
        batches = _chunks(waiting)
        show = progress and len(waiting) > 320
        scored = _in_pool(_score_chunk, [([todo[k] for k in batch], context)
                                         for batch in batches])
        for batch, scores in zip(batches, with_progress(scored, len(waiting), "Matching claims",
                                                        show=show, size=len), strict=True):
            fresh = dict(zip(batch, (float(s) for s in scores), strict=True))
            found.update(fresh)
            if store:
                store.put(fresh)
    return np.array([found[k] for k in keys], dtype=np.float32)


def unsupported(texts: Iterable[str]) -> np.ndarray:
    """For each sentence, the learned probability in [0, 1] that it is an
    assertion standing on no source (the writer's own assessment, a weasel
    claim), as the flagger model reads the sentence alone; assess decides
    whether a source or evidence is there, and flags from
    settings.ASSESS_MODEL_MIN_PROBABILITY. One sentence per model call, like
    `match`, so a score never depends on its neighbours; many new sentences
    are scored in a pool, as `match` does."""
    texts = list(texts)
    if not texts:
        return np.zeros(0, dtype=np.float32)
    version = flagger_version()
    keys = [_key(version, "unsupported", text, "") for text in texts]
    store = _Scores.open()
    found = store.get(set(keys)) if store else {}
    todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
    if todo:
        waiting = list(todo)
        chunks = _chunks(waiting)
        scored = _in_pool(_flag_chunk, [[todo[k] for k in chunk] for chunk in chunks])
        for chunk, scores in zip(chunks, scored, strict=True):
            fresh = dict(zip(chunk, scores, strict=True))
            found.update(fresh)
            if store:
                store.put(fresh)
    return np.array([found[k] for k in keys], dtype=np.float32)


def _chunks(keys: list) -> list[list]:
    """`keys` in tasks of _CHUNK for the scoring pool."""
    return [keys[i:i + _CHUNK] for i in range(0, len(keys), _CHUNK)]


def _in_pool(worker, jobs: list):
    """`worker` over `jobs` (one per chunk), in order: from
    MODEL_PARALLEL_MIN_ITEMS items on, in a pool of single-threaded models
    (each item is still scored alone, so a score never depends on its chunk)."""
    return ordered_map(worker, jobs, min_items=-(-MODEL_PARALLEL_MIN_ITEMS // _CHUNK))


def _feed(encodings) -> dict[str, np.ndarray]:
    """The model inputs of tokenized texts or pairs (one row each)."""
    return {
        "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
    }


def _flag_chunk(texts: Sequence[str]) -> list[float]:
    """The flagger's probability for each sentence, one per model call, with a
    single-threaded model in a pool worker and all cores in this process."""
    session, tokenizer = _runtime(_FLAGGER_DIR, "flagger.onnx", _worker_threads())
    return [float(session.run(["probability"], _feed([tokenizer.encode(text)]))[0][0])
            for text in texts]


def latin_share(text: str) -> float:
    """Share of the letters of `text` that are Latin script (1.0 when it has none)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    return sum(c < "\u0250" for c in letters) / len(letters)


def model_card() -> dict:
    """What the shipped model was trained on and how it measured (training.json)."""
    return json.loads((files("compare") / _MODEL_DIR / "training.json").read_text("utf-8"))


def model_version() -> str:
    """The first 16 hex digits of the shipped matcher file's sha256: new weights, new scores."""
    return _file_digest(_MODEL_DIR, "matcher.onnx")


def flagger_version() -> str:
    """The same for the flagger model (data/flagger/flagger.onnx)."""
    return _file_digest(_FLAGGER_DIR, "flagger.onnx")


@lru_cache(maxsize=4)
def _file_digest(folder: str, name: str) -> str:
    digest = hashlib.sha256()
    with (files("compare") / folder / name).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def _canonical(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _first_segment(a: str, context: str) -> str:
    """The training input format (bench/train_matcher.py: first_segment)."""
    return f"{context} [SEP] {a}" if context else a


def _score_chunk(job: tuple[Sequence[tuple[str, str]], str]) -> list[float]:
    """Scores of a chunk of pairs, each pair in its own model call, with a
    single-threaded model in a pool worker and all cores in this process."""
    pairs, context = job
    return [float(p) for i in range(0, len(pairs), _BATCH)
            for p in _score(pairs[i:i + _BATCH], context, _worker_threads())]


def _worker_threads() -> int | None:
    """One thread in a pool worker (processes, not threads, use the cores),
    every usable core (None) in the main process."""
    return 1 if multiprocessing.parent_process() is not None else None


def _score(pairs: Sequence[tuple[str, str]], context: str,
           threads: int | None = None) -> np.ndarray:
    session, tokenizer = _runtime(_MODEL_DIR, "matcher.onnx", threads)
    encodings = tokenizer.encode_batch([(_first_segment(a, context), b) for a, b in pairs])
    return session.run(["probability"], _feed(encodings))[0].astype(np.float32)


@lru_cache(maxsize=4)
def _runtime(model_dir: str, model_file: str, threads: int | None = None):
    """The ONNX session and tokenizer of one shipped model, loaded once per
    process, on `threads` threads (default: every usable core)."""
    import onnxruntime
    from tokenizers import Tokenizer

    folder = files("compare") / model_dir
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads or usable_cores()
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(
        (folder / model_file).read_bytes(), options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_str((folder / "tokenizer.json").read_text("utf-8"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return session, tokenizer


def _key(version: str, context: str, a: str, b: str) -> str:
    return hashlib.blake2b(f"{version}\0{context}\0{a}\0{b}".encode(), digest_size=16).hexdigest()


class _Scores(SqliteStore):
    """Pair scores (matches.sqlite3): key -> probability in [0, 1]."""

    FILE = "matches.sqlite3"
    WHAT = "matcher score cache"
    TABLE = "scores"
    COLUMN = "p"
    SQL_TYPE = "REAL"

    @staticmethod
    def decode(value) -> float | None:
        return float(value) if isinstance(value, float) and 0.0 <= value <= 1.0 else None
