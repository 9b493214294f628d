"""The console script `compare`: a Ctrl-C while the tool is still loading
ends quietly too.

This module imports nothing heavy (and `compare/__init__.py` loads its API
lazily), so from the first moment the interpreter runs our code, an
interrupt during the imports of the CLI ends in one line and exit code 130
instead of a traceback; once the CLI runs, it handles Ctrl-C itself.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Import the CLI, then run it."""
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted; no report was written.\n")
        sys.exit(130)  # errors.EXIT_INTERRUPTED, not imported: this module stays bare
    run()
