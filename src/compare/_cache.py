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
import os
import tempfile
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from . import __version__

#: Bump when ingest's output for the same bytes changes (boilerplate rules,
#: metadata inference), so old entries are not reused.
PARSER_REVISION = "ingest-4"
_DISABLED = {"off", "0", "no", "false", "none"}


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
