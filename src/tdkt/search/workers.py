"""Worker processes for the search index that can be forked early and run beside a thread.

A process pool forked when the index starts shares the build process's memory as it is then (at
50,000 articles, over a gigabyte of records); every page the build writes afterwards - an object's
reference count, as a thread making the downloads walks the records - is then copied, once for the
build and kept by the workers. Measured with scripts/bench.py --n 50000: the process tree's peak went
from 1,885 to 2,611 MB when the downloads ran in a thread beside a pool forked at the index. These
workers are forked at the start of the build, when its process is small, and are fed through pipes:
unlike concurrent.futures' pool, no thread of this process serves them, so the build may still fork
its other workers (extraction, MkDocs helpers) while they live.
"""

from __future__ import annotations

import collections
import multiprocessing
from collections.abc import Callable, Iterable, Iterator


def _serve(connection, work: Callable, builds_ends: list) -> None:
    """A worker: run `work` on each job received, send back (ok, result or error), until the
    build closes its end of the pipe. The build's ends of the pipes, which the fork copied, are
    closed first: a worker holding one would never see the end of its own (or a sibling's) pipe."""
    for end in builds_ends:
        end.close()
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:  # the build is done with the workers
            return
        try:
            answer = (True, work(job))
        except BaseException as err:  # noqa: BLE001 - reported to the build, which raises it
            answer = (False, f"{type(err).__name__}: {err}".splitlines()[0])
        connection.send(answer)


class IndexWorkers:
    """`count` processes forked now, each running `work(job)` on the jobs sent to it."""

    def __init__(self, count: int, work: Callable) -> None:
        context = multiprocessing.get_context("fork")
        self.count = max(1, count)
        self._connections, self._processes = [], []
        for _ in range(self.count):
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, work, [*self._connections, ours]), daemon=True)
            process.start()
            theirs.close()
            self._connections.append(ours)
            self._processes.append(process)

    def map(self, jobs: Iterable) -> Iterator:
        """Each job's result, in the jobs' order. At most one job is in flight per worker, which
        sends its result before it reads the next: neither side can wait on a full pipe."""
        in_flight: collections.deque[int] = collections.deque()
        turn = 0
        for job in jobs:
            if len(in_flight) == self.count:
                yield self._result(in_flight.popleft())
            self._connections[turn].send(job)
            in_flight.append(turn)
            turn = (turn + 1) % self.count
        while in_flight:
            yield self._result(in_flight.popleft())

    def _result(self, worker: int):
        try:
            ok, value = self._connections[worker].recv()
        except (EOFError, OSError):
            raise RuntimeError("a search index worker died") from None
        if not ok:
            raise RuntimeError(f"search index worker: {value}")
        return value

    def close(self) -> None:
        """Stop the workers. Told so, not left to see their pipe's end: processes the build forked
        meanwhile (an extraction worker, a MkDocs helper) hold copies of the pipes' ends."""
        for connection in self._connections:
            try:
                connection.send(None)
            except OSError:  # a worker gone already
                pass
            connection.close()
        for process in self._processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
                process.join()
        self._connections, self._processes = [], []

    def __enter__(self) -> "IndexWorkers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
