"""compare: side-by-side briefings from a folder of articles about one story.

The public API for notebooks::

    import compare
    corpus = compare.load_corpus("seeds")
    briefing = compare.brief(corpus, "kursk-leverage")
    print(briefing.to_json())
    briefing.to_pdf("kursk.pdf")          # or .save("kursk.html"), .to_records()
"""

from __future__ import annotations

import sys
import types
from importlib import import_module

__version__ = "0.1.0"

#: The public API, by the module each name lives in. Loaded on first use, so
#: `import compare.cli` takes milliseconds instead of ~0.3 s: a Ctrl-C in the
#: tool's first moments then lands in code that handles it, not in an import.
_API = {"assess": "assess", "brief": "pipeline", "brief_all": "pipeline",
        "load_corpus": "pipeline", "match": "matcher", "relate": "relate"}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_API[name]}"), name)


class _Package(types.ModuleType):
    """Keeps `compare.assess` and `compare.relate` the functions: importing the
    submodules of the same names would otherwise bind the modules over them."""

    def __setattr__(self, name: str, value: object) -> None:
        if _API.get(name) == name and isinstance(value, types.ModuleType):
            return  # the function is found through __getattr__
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
