"""Shared fixtures: the seed corpus, the shared labelled data, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


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
