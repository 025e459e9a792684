"""Put the new site in place of the old one, never leaving a half-built site/ behind.

The new site is built beside site/ and swapped in with two renames; the retired one is deleted
in the background by the next build (Retirement); an interrupted build is undone
(recover_interrupted).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def recover_interrupted(out: Path, retired: Path) -> None:
    """Undo what an interrupted build left: a half-built temp dir beside site/, or - killed between
    the two renames of the swap - no site/ but the previous one retired: that one is put back."""
    for leftover in sorted(out.parent.glob(f"{out.name}.tmp-*")):
        shutil.rmtree(leftover, ignore_errors=True)
    if retired.exists() and not out.exists():
        retired.rename(out)


def swap_in(new: Path, out: Path, retired: Path) -> None:
    """Replace `out` by `new` with two renames; the window without a site/ is two system calls.

    The previous site is moved to `retired` (in build/, same file system) rather than deleted: on
    this kind of disk deleting thousands of files takes seconds, so the next build deletes it in
    the background while it extracts (see `Retirement`).
    """
    if retired.exists():
        shutil.rmtree(retired)
    moved = False
    if out.exists():
        try:
            out.rename(retired)
            moved = True
        except OSError:  # build/ on another file system: delete the old site the slow way
            shutil.rmtree(out)
    try:
        new.rename(out)
    except BaseException:
        if moved:
            retired.rename(out)
        raise


class Retirement:
    """Deletes the site the last build retired, in a child process, while this build does CPU work.

    It is renamed first, so that a deletion cut short never leaves a partial site under the name
    `recover_interrupted` restores from. A process rather than a thread: extraction forks workers,
    and forking a process that runs threads can deadlock.
    """

    def __init__(self, retired: Path) -> None:
        doomed = retired.with_name(retired.name + ".deleting")
        if retired.exists():
            if doomed.exists():
                shutil.rmtree(doomed, ignore_errors=True)
            retired.rename(doomed)
        self.process = None
        if doomed.exists():
            import subprocess

            self.process = subprocess.Popen(
                [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                 str(doomed)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait(self) -> None:
        if self.process is not None:
            self.process.wait()
            self.process = None
