"""Shared fixtures: the seed corpus, the shared labelled data, loaded once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session", autouse=True)
def fresh_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One empty cache folder for the whole run, so tests never read entries
    (parsed articles, sentence offsets, vectors) left by an older version of
    the code in ~/.cache/compare. Tests may still point COMPARE_CACHE_DIR
    elsewhere with monkeypatch."""
    folder = tmp_path_factory.mktemp("compare-cache")
    before = os.environ.get("COMPARE_CACHE_DIR")
    os.environ["COMPARE_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["COMPARE_CACHE_DIR"]
    else:
        os.environ["COMPARE_CACHE_DIR"] = before


@pytest.fixture
def place_under_raw_name():
    """A function that copies (or moves) a file to `folder` under a name of raw
    bytes (b"\\xff.txt", not UTF-8) and returns that name as Python sees it;
    the test is skipped where the file system refuses such names."""
    import shutil

    def place(source: Path, folder: Path, raw_name: bytes, *, move: bool = False) -> str:
        name = os.fsdecode(bytes(folder) + b"/" + raw_name)
        try:
            (shutil.move if move else shutil.copy)(source, name)
        except (OSError, UnicodeEncodeError):
            pytest.skip("this file system refuses names that are not UTF-8")
        return name

    return place


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed articles with their sidecars."""
    return SEEDS


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip: its licences keep it out of this repository."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA} (clone beside ../shared to run)")
    return SHARED_DATA
