"""Named thresholds and limits, each with how it was chosen.

One obvious place for every number the pipeline depends on. A value that was
calibrated says on what data and by which script, so anyone can re-measure it.
"""

from __future__ import annotations

# --- ingest -------------------------------------------------------------------

#: Files larger than this are refused with a clear error rather than read into
#: memory; the longest article in the FNC-1 bodies is ~30 KB, so 20 MB is far
#: above any real article and far below what would hurt a 2-core laptop.
MAX_FILE_BYTES = 20 * 1024 * 1024

#: `compare topic typo` suggests codebook ids at least this similar (rapidfuzz
#: WRatio, 0-100). 60 keeps "kursk-leverag" -> kursk-leverage and "landswap"
#: -> land-swap while not suggesting unrelated ids for unrelated words.
TOPIC_SUGGESTION_MIN_SCORE = 60

# --- segment ------------------------------------------------------------------

#: Fragments shorter than this ("-", "Source", a lone emoji) are not sentences.
MIN_SENTENCE_CHARS = 12

#: A block whose lines are all between these lengths (and do not all end a
#: sentence) is taken as hard-wrapped prose: one paragraph, not one per line.
#: 40-80 covers the classic 72-78 column wrapping of e-mail and plain-text
#: exports while leaving short header lines ("Text Size:") as their own blocks.
WRAPPED_LINE_MIN = 40
WRAPPED_LINE_MAX = 80

# --- align --------------------------------------------------------------------

# --- assess -------------------------------------------------------------------

# --- render -------------------------------------------------------------------
