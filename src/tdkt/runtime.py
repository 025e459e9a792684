"""Process-level helpers the stages share: worker pools, a forked stage, progress bars, peak memory.

Nothing here knows about articles. The extraction pool and the helper MkDocs builds fork workers
(worker_context); independent stages of an incremental build run side by side (Forked); progress
bars show on a terminal only; peak memory goes into build/timings.json.
"""

from __future__ import annotations

import contextlib
import resource
import sys
import time
from typing import Callable, Iterator


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
        """What `fn` returned; its exception (as a RuntimeError naming it) if it raised."""
        try:
            ok, value = self.receive.recv()
        except EOFError:
            ok, value = False, "the child process died"
        finally:
            self.process.join()
            self.receive.close()
        if not ok:
            raise RuntimeError(value)
        return value


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


def _run_forked(fn: Callable[[], object], send) -> None:
    try:
        value = fn()
    except BaseException as err:  # noqa: BLE001 - the parent raises it
        send.send((False, f"{type(err).__name__}: {err}".splitlines()[0]))
    else:
        send.send((True, value))
    finally:
        send.close()
