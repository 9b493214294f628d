"""compare: side-by-side briefings from a folder of articles about one story.

The public API for notebooks::

    import compare
    corpus = compare.load_corpus("seeds")
    briefing = compare.brief(corpus, "kursk-leverage")
    print(briefing.to_json())
    briefing.to_pdf("kursk.pdf")          # or .save("kursk.html"), .to_records()
"""

from __future__ import annotations

__version__ = "0.1.0"

from .assess import assess
from .pipeline import brief, brief_all, load_corpus
from .relate import relate

__all__ = ["__version__", "assess", "brief", "brief_all", "load_corpus", "relate"]
