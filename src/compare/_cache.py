"""An on-disk cache of parsed articles, so a second run skips parsing.

Entries are keyed by the file's content hash and the tool's version (plus a
parser revision bumped whenever parsing changes), so an edited file or a new
release never sees a stale entry. Writes are atomic (temp file + rename): a
crash or a parallel run can leave no half-written entry. The cache lives in
$COMPARE_CACHE_DIR, else $XDG_CACHE_HOME/compare, else ~/.cache/compare;
COMPARE_CACHE_DIR=off disables it. It is an optimisation only: any problem
reading or writing it silently falls back to parsing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from . import __version__

#: Bump when ingest's output for the same bytes changes (boilerplate rules,
#: metadata inference), so old entries are not reused.
PARSER_REVISION = "ingest-22"
_DISABLED = {"off", "0", "no", "false", "none"}
_log = logging.getLogger("compare")


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is switched off."""
    configured = os.environ.get("COMPARE_CACHE_DIR")
    if configured is not None and configured.strip().lower() in _DISABLED:
        return None
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "compare"


def key(raw: bytes, *parts: str) -> str:
    """A cache key for these bytes read as `parts` (e.g. the file's path)."""
    digest = hashlib.sha256(raw)
    for part in (__version__, PARSER_REVISION, *parts):
        digest.update(b"\0" + part.encode("utf-8", "surrogateescape"))  # undecodable file names
    return digest.hexdigest()


@cache
def installed_version(package: str) -> str:
    """A dependency's version for cache keys ("unknown" when it has no
    metadata, e.g. vendored): a new release of a parser or model then misses."""
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def entry_path(namespace: str, entry_key: str, suffix: str = ".json") -> Path | None:
    """Where an entry lives (sharded by the key's first two characters)."""
    root = cache_dir()
    return None if root is None else root / namespace / entry_key[:2] / f"{entry_key}{suffix}"


def load(entry_key: str, namespace: str = "ingest") -> Any | None:
    """The JSON value stored under `entry_key`, or None on a miss."""
    path = entry_path(namespace, entry_key)
    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(entry_key: str, value: Any, namespace: str = "ingest") -> None:
    """Store a JSON value atomically; failures are ignored (it is only a cache)."""
    path = entry_path(namespace, entry_key)
    if path is not None:
        write_atomically(path, json.dumps(value, ensure_ascii=False).encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> bool:
    """Write `data` to `path` via a temp file and rename; False if it failed."""
    try:
        replace_atomically(path, data)
    except OSError:
        return False
    return True


def replace_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temp file beside `path`, then rename it over `path`.

    The file gets the mode a plain `open()` would give it (0666 less the
    umask): mkstemp's 0600 would lock other users out of a shared corpus or
    report. An OSError names `path`, never the temporary file, so the user
    sees which output could not be written.
    """
    temp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".tmp")
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
        os.chmod(temp_name, 0o666 & ~_umask())
        os.replace(temp_name, path)
    except BaseException as error:
        if temp_name is not None:
            Path(temp_name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OSError(error.errno, error.strerror or str(error), str(path)) from None
        raise


def _umask() -> int:
    """The process's umask, read from /proc where Linux shows it: `os.umask`
    can only read it by setting it, and for that moment a file another thread
    creates (a parallel download, a test's concurrent adds) gets mode 0666."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
        return int(next(line.split()[1] for line in status.splitlines()
                        if line.startswith("Umask:")), 8)
    except (OSError, StopIteration, IndexError, ValueError):
        current = os.umask(0)  # no /proc (macOS, old kernels): set it back at once
        os.umask(current)
        return current


class SqliteStore:
    """A key -> value table in one SQLite file of the cache folder (embedding
    vectors, matcher scores): subclasses name the file, the value
    column's type and how a value is written and read back.

    One connection per cache folder and process, opened on first use. WAL
    mode, so another compare run reading is never blocked by this one
    writing; each `put` is one transaction, so a crash leaves no half-written
    row. A damaged database (not SQLite, or corrupt pages) is deleted and
    started again with a warning naming it; a locked one, an unwritable folder
    or a row that does not decode only cost speed (the value is computed again).
    """

    FILE = "store.sqlite3"
    WHAT = "cache"
    TABLE = "store"
    COLUMN = "value"
    SQL_TYPE = "BLOB"

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self._path = path

    @classmethod
    def open(cls):
        """The store, or None when caching is off or the folder cannot be written."""
        folder = cache_dir()
        return None if folder is None else cls.in_folder(folder)

    @classmethod
    @lru_cache(maxsize=16)
    def in_folder(cls, folder: Path):
        path = folder / cls.FILE
        try:
            folder.mkdir(parents=True, exist_ok=True)
            try:
                return cls(cls._connect(path), path)
            except sqlite3.DatabaseError as error:
                if not _damaged(error):
                    raise
                cls._start_again(path, error)
                return cls(cls._connect(path), path)
        except (OSError, sqlite3.Error):
            return None

    @staticmethod
    def encode(value: Any) -> Any:
        return value

    @staticmethod
    def decode(value: Any) -> Any | None:
        """The stored value as callers want it, or None when it is not valid."""
        return value

    def get(self, keys: Iterable[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        ordered = list(keys)
        for i in range(0, len(ordered), 500):
            chunk = ordered[i:i + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._db.execute(
                    f"SELECT key, {self.COLUMN} FROM {self.TABLE} WHERE key IN ({marks})",
                    chunk).fetchall()
            except sqlite3.Error as error:
                self._recover(error)
                return found  # a locked or damaged cache only costs speed
            for k, raw in rows:
                value = self.decode(raw)
                if value is not None:
                    found[k] = value
        return found

    def put(self, values: Mapping[str, Any]) -> None:
        try:
            with self._db:
                self._db.executemany(f"INSERT OR REPLACE INTO {self.TABLE} VALUES (?, ?)",
                                     ((k, self.encode(v)) for k, v in values.items()))
        except sqlite3.Error as error:
            self._recover(error)  # a cache that cannot be written only costs speed next time

    @classmethod
    def _connect(cls, path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(cls._create())
        db.execute(f"SELECT key, {cls.COLUMN} FROM {cls.TABLE} LIMIT 1").fetchall()
        return db

    @classmethod
    def _create(cls) -> str:
        return (f"CREATE TABLE IF NOT EXISTS {cls.TABLE} "
                f"(key TEXT PRIMARY KEY, {cls.COLUMN} {cls.SQL_TYPE})")

    def _recover(self, error: sqlite3.Error) -> None:
        """After an error in use: start a new database if this one is damaged."""
        if _damaged(error):
            self._db.close()
            self._start_again(self._path, error)
            try:
                self._db = self._connect(self._path)
            except sqlite3.Error:
                self._db = sqlite3.connect(":memory:")  # this run only; still no crash
                self._db.execute(self._create())

    @classmethod
    def _start_again(cls, path: Path, error: sqlite3.Error) -> None:
        """Delete a damaged database (it holds only values that can be recomputed)."""
        _log.warning("Warning: %s: the %s is damaged (%s); deleted it and started a new one",
                     path, cls.WHAT, error)
        for leftover in (path, path.with_name(path.name + "-wal"),
                         path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)


def _damaged(error: sqlite3.Error) -> bool:
    """A file that is not SQLite or has corrupt pages (not a lock or a full disk)."""
    return getattr(error, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT")
