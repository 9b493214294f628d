"""User-facing errors: each carries one line that names the file and the fix.

The CLI turns any `CompareError` into that line on stderr and exit code 2;
nothing a user can cause should ever surface as a traceback.
"""

from __future__ import annotations

#: Exit codes, documented in the README.
EXIT_OK = 0
EXIT_PARTIAL = 1  # finished, but some inputs were skipped with a warning
EXIT_USAGE = 2  # nothing useful could be done: bad option, corpus, topic or file
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it); nothing was written


class CompareError(Exception):
    """A problem the user can fix; `str(error)` is the whole one-line message."""


class CorpusError(CompareError):
    """The corpus folder is missing, empty or its sidecar files are malformed."""


class InputFileError(CompareError):
    """One input file cannot be read (binary, empty, undecodable, too large...)."""

    def __init__(self, path: str, problem: str, fix: str) -> None:
        self.path = path
        self.problem = problem
        self.fix = fix
        super().__init__(f"{path}: {problem}; {fix}")


class UnknownTopicError(CompareError):
    """The topic id is not in the codebook; carries the nearest ids."""

    def __init__(self, topic: str, suggestions: list[str], codebook: str) -> None:
        self.topic = topic
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"unknown topic '{topic}' in {codebook}.{hint} "
            "Run `compare topics` for the list, or quote free text for an ad-hoc topic."
        )
