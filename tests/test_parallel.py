"""Process pools are a speed-up only: same results, in order, or a fallback to one process."""

from __future__ import annotations

import os

import pytest

from compare import _parallel

PARENT = os.getpid()


def _pid_and_double(number: int) -> tuple[int, int]:
    return os.getpid(), 2 * number


def _die_in_a_worker(number: int) -> int:
    if os.getpid() != PARENT:
        os._exit(1)  # a worker killed mid-job (out of memory, say)
    return 2 * number


@pytest.fixture
def two_cores(monkeypatch) -> None:
    monkeypatch.setattr(_parallel, "usable_cores", lambda: 2)


def test_a_large_job_runs_in_worker_processes_in_order(two_cores) -> None:
    results = list(_parallel.ordered_map(_pid_and_double, range(40), min_items=10))
    assert [double for _, double in results] == [2 * n for n in range(40)]
    assert {pid for pid, _ in results} - {PARENT}


def test_a_small_job_stays_in_this_process(two_cores) -> None:
    results = list(_parallel.ordered_map(_pid_and_double, range(5), min_items=10))
    assert {pid for pid, _ in results} == {PARENT}


def test_a_pool_that_cannot_start_falls_back_to_this_process(two_cores, monkeypatch) -> None:
    def no_pool(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # e.g. no /dev/shm

    monkeypatch.setattr(_parallel, "ProcessPoolExecutor", no_pool)
    results = list(_parallel.ordered_map(_pid_and_double, range(20), min_items=1))
    assert results == [(PARENT, 2 * n) for n in range(20)]


def test_a_broken_pool_is_finished_in_this_process(two_cores) -> None:
    assert list(_parallel.ordered_map(_die_in_a_worker, range(20), min_items=1)) == [
        2 * n for n in range(20)
    ]


def test_workers_are_capped(monkeypatch) -> None:
    monkeypatch.setattr(_parallel, "usable_cores", lambda: 64)
    assert _parallel.workers() == _parallel.PARALLEL_MAX_WORKERS
