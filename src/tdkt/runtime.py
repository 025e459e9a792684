"""Process-level helpers the stages share: worker pools, a forked stage, progress bars, peak memory.

Nothing here knows about articles. The extraction pool and the helper MkDocs builds fork workers
(worker_context); the article pages and the search index of a big build run on workers forked at
its start (EarlyWorkers); independent stages of an incremental build run side by side (Forked);
progress bars show on a terminal only; peak memory goes into build/timings.json.
"""

from __future__ import annotations

import collections
import contextlib
import resource
import sys
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator


def worker_context():
    """Fork on Linux: a spawned or forkserver worker re-runs the caller's __main__ script, which
    breaks any script that calls build() without an `if __name__ == "__main__"` guard. Forking is
    safe here because the build process runs no other thread when it forks (the retired site is
    deleted by a child process, the progress bars refresh without a thread, the downloads' thread
    starts after the search index's workers are forked: tdkt.beside)."""
    import multiprocessing

    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class Progress:
    """rich progress bars on a terminal; nothing at all otherwise (CI logs, pipes).

    Refreshed by hand, at most ten times a second: rich's own refresh runs in a thread, and
    extraction forks workers (see worker_context)."""

    def __init__(self, enabled: bool) -> None:
        self.bar = None
        self.shown = 0.0
        if enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=stderr_console(), transient=True,
                                auto_refresh=False)

    def __enter__(self):
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc):
        if self.bar:
            self.bar.refresh()
            self.bar.stop()

    def task(self, description: str, total: int | None) -> Callable[[int], None]:
        if not self.bar:
            return lambda n=1: None
        task_id = self.bar.add_task(description, total=total)

        def advance(n: int = 1) -> None:
            self.bar.advance(task_id, n)
            now = time.monotonic()
            if now - self.shown >= 0.1:
                self.shown = now
                self.bar.refresh()

        return advance


def stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def own_peak_rss_mb() -> float:
    """The peak resident memory of this process so far (not its children's)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, workers) / 1024, 1)  # Linux reports KiB


class Forked:
    """`fn()` run in a forked child while the parent goes on: the child starts with the parent's
    memory as it is (nothing is pickled on the way in: records, caches), and sends back only what
    `fn` returns. For stages that do not depend on each other (an incremental build's search index
    and downloads while MkDocs renders): on two cores their times overlap. Objects alive at the fork
    are frozen out of the collector first, so that neither process copies the other's memory pages
    by collecting them. The child must not use what cannot cross a fork (an SQLite connection: it
    opens its own); it exits without running the parent's exit handlers."""

    def __init__(self, fn: Callable[[], object]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        # not a daemon: a daemonic process may not start workers of its own (the index may, to merge)
        self.process = context.Process(target=_run_forked, args=(fn, send))
        with frozen():
            self.process.start()
        send.close()

    def result(self):
        """What `fn` returned; its exception (as a RuntimeError naming it) if it raised. When `fn`
        returned Then(value, finish), `value`, while the child goes on with finish() (see wait)."""
        finishing = False
        try:
            ok, value, finishing = self.receive.recv()
        except EOFError:
            ok, value = False, "the child process died"
        finally:
            if not finishing:
                self._end()
        if not ok:
            raise RuntimeError(value)
        return value

    def wait(self):
        """Wait for the child to end (for a Then's finish(), once result() is taken): what finish()
        returned; its exception as a RuntimeError naming it."""
        if self.receive.closed:
            return None
        try:
            ok, value, _ = self.receive.recv()
        except EOFError:
            ok, value = False, "the child process died"
        finally:
            self._end()
        if not ok:
            raise RuntimeError(value)
        return value

    def _end(self) -> None:
        self.process.join()
        self.receive.close()


@dataclass
class Then:
    """What a forked `fn` returns to send `value` back at once and do `finish()` after, in the
    child, while the parent goes on (Forked.wait waits for it): work whose result the parent does
    not need at once, such as saving state for the next build."""
    value: object
    finish: Callable[[], object]


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """The objects alive now out of the collector's reach while forking (gc.freeze), so that a forked
    child does not copy the parent's memory pages by collecting them; left frozen if they were
    (tdkt build freezes the records it loaded for the whole build: they live to its end, and a
    collection over them cost most of a second each time). No collection first, for the same reason."""
    import gc

    was = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not was:
            gc.unfreeze()


def _failure(err: BaseException) -> tuple:
    return False, f"{type(err).__name__}: {err}".splitlines()[0], False


def _run_forked(fn: Callable[[], object], send) -> None:
    try:
        value = fn()
    except BaseException as err:  # noqa: BLE001 - the parent raises it
        send.send(_failure(err))
        send.close()
        return
    finish = None
    if isinstance(value, Then):
        value, finish = value.value, value.finish
    try:
        send.send((True, value, finish is not None))
        if finish is not None:
            try:
                done = finish()
            except BaseException as err:  # noqa: BLE001 - the parent raises it in wait()
                send.send(_failure(err))
            else:
                send.send((True, done, False))
    finally:
        send.close()


class EarlyWorkers:
    """`count` worker processes forked now, each running `fn(*args)` for the jobs sent to it
    (map), until closed.

    A pool forked when a stage starts shares the build process's memory as it is then (at 50,000
    articles about a gigabyte of records), and every page of it a worker touches - an object's
    reference count, as it reads a record - is copied for that worker. With scripts/bench.py
    --n 50000, the render's two article-page workers forked then grew from 326 to 657 MB each
    (proportional set sizes; their resident sets stayed at 930 MB: copies, not new memory), and
    the tree peaked at 1,932 MB there; the index's pool forked at the index, beside a thread making
    the downloads, took the tree to 2,611 MB. tdkt build forks these at its start, while its process
    is small, and sends them their work through pipes, pickled. Unlike concurrent.futures' pool, no
    thread of this process serves them, so the build may still fork its other workers (extraction,
    MkDocs helpers) while they live. `fn` goes by name (a module's function)."""

    def __init__(self, count: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.count = max(1, count)
        self._connections, self._processes = [], []
        for _ in range(self.count):
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, [*self._connections, ours]), daemon=True)
            process.start()
            theirs.close()
            self._connections.append(ours)
            self._processes.append(process)

    def map(self, fn: Callable, jobs: Iterable[tuple]) -> Iterator:
        """fn(*job) of each job, in the jobs' order. At most one job is in flight per worker, which
        sends its result before it reads the next: neither side can wait on a full pipe."""
        in_flight: collections.deque[int] = collections.deque()
        turn = 0
        for job in jobs:
            if len(in_flight) == self.count:
                yield self._result(in_flight.popleft())
            self._connections[turn].send((fn, job))
            in_flight.append(turn)
            turn = (turn + 1) % self.count
        while in_flight:
            yield self._result(in_flight.popleft())

    def _result(self, worker: int):
        try:
            ok, value = self._connections[worker].recv()
        except (EOFError, OSError):
            raise RuntimeError("a worker process died") from None
        if not ok:
            raise RuntimeError(f"in a worker process: {value}")
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

    def __enter__(self) -> "EarlyWorkers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _serve(connection, builds_ends: list) -> None:
    """A worker: run each job received, send back (ok, result or error), until told to stop or
    the build closes its end of the pipe. The build's ends of the pipes, which the fork copied,
    are closed first: a worker holding one would never see the end of its own (or a sibling's) pipe."""
    for end in builds_ends:
        end.close()
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:  # the build is done with the workers
            return
        fn, job = message
        try:
            answer = (True, fn(*job))
        except BaseException as err:  # noqa: BLE001 - reported to the build, which raises it
            answer = (False, f"{type(err).__name__}: {err}".splitlines()[0])
        del message, job  # a job's records are not kept while the worker waits for the next
        connection.send(answer)
        del answer
        _give_back()


def _give_back() -> None:
    """Return what a job freed to the system: a worker lives through the build's later stages,
    and the allocator keeps freed memory for reuse (with scripts/bench.py --n 50000 two workers
    kept 168 and 222 MB after the article pages, through MkDocs and the index). glibc's
    malloc_trim; elsewhere only the collection."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
