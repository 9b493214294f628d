"""One way to spread work over the cores, shared by ingest, segment and embedding.

`ordered_map` runs a function over items in a process pool when there are
enough of them to pay for starting workers, and otherwise (or when a pool
cannot start or breaks: no /dev/shm, a process limit, a worker killed for
memory, already inside a daemon worker) in this process, carrying on from the
first item not yet returned. Parallelism is a speed-up, never a new way to fail.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from .settings import PARALLEL_MAX_WORKERS

Item = TypeVar("Item")
Result = TypeVar("Result")

#: What a pool that cannot start or run raises, on Linux, macOS and Windows.
_POOL_FAILURES = (OSError, BrokenProcessPool, NotImplementedError, AssertionError)


def usable_cores() -> int:
    """Cores this process may run on (CPU affinity honoured), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers() -> int:
    """Pool size: one per usable core, at most PARALLEL_MAX_WORKERS."""
    return min(usable_cores(), PARALLEL_MAX_WORKERS)


def ordered_map(
    function: Callable[[Item], Result], items: Sequence[Item], *, min_items: int,
    chunksize: int = 1,
) -> Iterator[Result]:
    """`map(function, items)`, in order, in a process pool from `min_items` items on.

    `function` must be a module-level function (it is pickled by name).
    """
    done = 0
    if len(items) >= min_items and workers() > 1:
        try:
            with ProcessPoolExecutor(workers()) as pool:
                for result in pool.map(function, items, chunksize=chunksize):
                    done += 1
                    yield result
            return
        except _POOL_FAILURES:
            pass  # finish below, in this process
    yield from map(function, items[done:])
