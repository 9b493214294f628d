"""settings.py holds every threshold, and only thresholds something uses."""

from __future__ import annotations

import ast
from pathlib import Path

from compare import ingest, settings

ROOT = Path(__file__).resolve().parents[1]


def _constants(module_path: Path) -> dict[str, object]:
    """Module-level UPPER_CASE names assigned a number in the file."""
    found = {}
    for node in ast.parse(module_path.read_text(encoding="utf-8")).body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) and node.value else [])
        for target in targets:
            if isinstance(target, ast.Name) and target.id.isupper():
                found[target.id] = node.value
    return found


def test_every_setting_is_read_somewhere() -> None:
    """A constant in settings.py that no module of src/ or bench/ names is dead
    (LANGUAGE_MIN_FUNCTION_WORDS outlived the rule it tuned)."""
    code = " ".join(path.read_text(encoding="utf-8")
                    for folder in ("src", "bench") for path in (ROOT / folder).rglob("*.py")
                    if path.name != "settings.py")
    unused = [name for name in _constants(ROOT / "src" / "compare" / "settings.py")
              if name not in code]
    assert unused == []


def test_the_language_floor_is_a_setting() -> None:
    """detect_language's probability floor lives in settings.py, not in ingest.py."""
    assert "LANGUAGE_MIN_PROBABILITY" not in _constants(Path(ingest.__file__))
    assert ingest.LANGUAGE_MIN_PROBABILITY is settings.LANGUAGE_MIN_PROBABILITY
