"""Put the new site in place of the old one, never leaving a half-built site/ behind.

The new site is built beside site/ and swapped in with two renames; the retired one is deleted
in the background by the next build (Retirement); an interrupted build is undone
(recover_interrupted).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
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
    """Deletes the site the last build retired (and what its publish left in the staging folder), in
    a child process, while this build does CPU work.

    Each is renamed first, so that a deletion cut short never leaves a partial site under the name
    `recover_interrupted` restores from. A process rather than a thread: extraction forks workers,
    and forking a process that runs threads can deadlock.
    """

    def __init__(self, *retired: Path) -> None:
        doomed = []
        for folder in retired:
            deleting = folder.with_name(folder.name + ".deleting")
            if folder.exists():
                if deleting.exists():
                    shutil.rmtree(deleting, ignore_errors=True)
                folder.rename(deleting)
            if deleting.exists():
                doomed.append(str(deleting))
        self.process = None
        if doomed:
            import subprocess

            self.process = subprocess.Popen(
                [sys.executable, "-c", "import shutil, sys\nfor d in sys.argv[1:]: shutil.rmtree(d, ignore_errors=True)",
                 *doomed], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait(self) -> None:
        if self.process is not None:
            self.process.wait()
            self.process = None


# -- publishing in place ---------------------------------------------------------------------------
#
# Swapping a whole new tree in costs a link per file to make it and an unlink per file to delete
# the old one: at 20,000 articles that is 45,000 files and seconds, for a build that changed ten.
# So once a site has been swapped in, later builds put only what changed in place, with a journal
# that makes it all-or-nothing across an interruption: the new files are staged beside site/
# (same file system), the list of renames and deletions written and synced, then carried out; an
# interrupted build's journal is carried out to the end by the next one (recover_publish). Until
# the journal is written, site/ is untouched (a failing build leaves the last good site); once
# written, only renames and unlinks remain. What site/ holds is kept in a manifest (one path a
# line), so that files the new site no longer has are deleted without walking site/.

MANIFEST = "site-manifest.txt"
JOURNAL = "publish-journal.json"


def read_manifest(build_root: Path) -> set[str] | None:
    try:
        text = (build_root / MANIFEST).read_text(encoding="utf-8")
    except OSError:
        return None
    return set(filter(None, text.split("\n")))


def write_manifest(build_root: Path, paths: set[str]) -> None:
    _write_atomic(build_root / MANIFEST, ("\n".join(sorted(paths)) + "\n").encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    import os

    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def site_files(folder: Path) -> set[str]:
    """Every file under `folder`, as POSIX paths relative to it."""
    import os

    found = set()
    for root, _, files in os.walk(folder):
        rel = Path(root).relative_to(folder).as_posix()
        prefix = "" if rel == "." else rel + "/"
        found.update(prefix + name for name in files)
    return found


def _same_bytes(a: Path, b: Path) -> bool:
    """Whether site/ already holds the staged file `a` as `b`. A staged file that is a hard link
    (of a cached page) counts as the same only when it is the same file: site/ must then share the
    cache's file, or the next build could not tell an unchanged page by its inode (and would stage
    every page again)."""
    import os

    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return False
    if (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino):
        return True
    if sa.st_size != sb.st_size or sa.st_nlink > 1:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            chunk = fa.read(1 << 20)
            if chunk != fb.read(1 << 20):
                return False
            if not chunk:
                return True


@dataclass
class Plan:
    """What publishing will do: move these staged paths into site/, delete these, and the manifest after."""

    moves: list[str]
    deletes: list[str]
    manifest: set[str]


def plan_publish(staging: Path, out: Path, kept: set[str], previous: set[str],
                 immutable: Callable[[str], bool] = lambda rel: False) -> Plan:
    """A staged folder site/ does not have moves as one; a staged file site/ already holds with the
    same bytes stays where it is; `kept`: files site/ holds that the new site keeps as they are (not
    staged). `immutable(folder)`: a folder whose content its name settles (named by a digest of it,
    as the search index's segments are): staged, and already in site/, it is taken as it is there,
    not walked file by file."""
    import os

    moves: list[str] = []
    staged: set[str] = set()

    def walk(rel: str) -> None:
        with os.scandir(staging / rel if rel else staging) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_dir(follow_symlinks=False):
                    if not (out / path).exists():
                        moves.append(path)
                        staged.update(f"{path}/{p}" for p in site_files(staging / path))
                    elif immutable(path) and any(p.startswith(path + "/") for p in previous):
                        staged.update(p for p in previous if p.startswith(path + "/"))
                    else:
                        walk(path)
                else:
                    staged.add(path)
                    if path not in previous or not _same_bytes(staging / path, out / path):
                        moves.append(path)

    walk("")
    manifest = staged | kept
    return Plan(moves, sorted(previous - manifest), manifest)


def restage(plan: Plan, staging: Path, out: Path, previous: set[str], paths: list[str]) -> None:
    """Files staged after the plan was made (the sitemap, made from its manifest): into the plan."""
    for path in paths:
        plan.manifest.add(path)
        if path in plan.deletes:
            plan.deletes.remove(path)
        if path not in plan.moves and (path not in previous or not _same_bytes(staging / path, out / path)):
            plan.moves.append(path)


def publish(staging: Path, out: Path, plan: Plan, build_root: Path) -> dict:
    """Carry a plan out (see above), journaled; returns counts."""
    import json

    next_manifest = build_root / f"{MANIFEST}.next"
    _write_atomic(next_manifest, ("\n".join(sorted(plan.manifest)) + "\n").encode("utf-8"))
    _write_atomic(build_root / JOURNAL, json.dumps({"staging": str(staging), "out": str(out), "moves": plan.moves,
                                                    "deletes": plan.deletes}).encode("utf-8"))
    _carry_out(build_root)
    return {"moved": len(plan.moves), "deleted": len(plan.deletes), "files": len(plan.manifest)}


def _carry_out(build_root: Path) -> None:
    """Carry out the journal (again, after an interruption: every step can be repeated)."""
    import json
    import os

    journal = json.loads((build_root / JOURNAL).read_text(encoding="utf-8"))
    staging, out = Path(journal["staging"]), Path(journal["out"])
    made: set[Path] = set()
    for rel in journal["moves"]:
        source, target = staging / rel, out / rel
        if not source.exists() and not source.is_symlink():
            continue  # moved before the interruption
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if source.is_dir() and target.is_dir():
            shutil.rmtree(target)  # a folder that appeared in the meantime: the staged one wins
        os.replace(source, target)
    emptied: set[Path] = set()
    for rel in journal["deletes"]:
        target = out / rel
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        except IsADirectoryError:
            shutil.rmtree(target, ignore_errors=True)
        emptied.add(target.parent)
    for folder in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
        while folder != out and folder.is_relative_to(out):
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
    os.replace(build_root / f"{MANIFEST}.next", build_root / MANIFEST)
    (build_root / JOURNAL).unlink()


def recover_publish(build_root: Path) -> bool:
    """Finish the publish an interrupted build had begun (its journal written); True if there was one."""
    if not (build_root / JOURNAL).exists():
        return False
    _carry_out(build_root)
    return True
