"""The one progress bar: on stderr, only when it is a terminal and asked for.

stdout stays clean for `-o -` output, and logs or pipes never see bar frames.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")


def with_progress(
    items: Iterable[Item], total: int, label: str, *, show: bool,
    size: Callable[[Item], int] = lambda item: 1,
) -> Iterator[Item]:
    """Yield `items`, advancing a bar of `total` units by `size(item)` each."""
    if not (show and sys.stderr.isatty()):
        yield from items
        return
    import click  # only a terminal run pays for it

    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        for item in items:
            bar.update(size(item))
            yield item
