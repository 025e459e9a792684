"""The GitHub Actions workflows pass a security audit (zizmor) and GitHub's workflow schema.

Both tools run offline from the venv the tests run in (the project's test extras install them): a
missing tool fails the test rather than skipping it, so CI cannot pass without the audit. Each check
is also run on a deliberately broken copy of the publishing workflow, to show that it can fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS_DIR = Path(".github") / "workflows"
WORKFLOWS = sorted(
    p.relative_to(ROOT) for p in (ROOT / WORKFLOWS_DIR).iterdir() if p.suffix in {".yml", ".yaml"}
)
PUBLISHING = WORKFLOWS_DIR / "pages.yml"
SCHEMA = "vendor.github-workflows"  # check-jsonschema's own copy of SchemaStore's schema: no download


def tool(name: str) -> Path:
    """The console script `name` installed beside the interpreter running the tests."""
    # Not resolved: in a venv, sys.executable is a link inside .venv/bin, where the scripts are.
    path = Path(sys.executable).parent / name
    if not path.is_file():
        pytest.fail(
            f"{name} is not installed beside {sys.executable}; it comes with the test extras: "
            f"{sys.executable} -m pip install -e '.[test]'",
            pytrace=False,
        )
    return path


def zizmor(project: Path) -> list[dict]:
    """zizmor's findings on `project`'s workflows, offline, every audit at its default persona.

    No configuration file and no ignore comments are honoured, so the audit cannot be weakened from
    inside the repository; a workflow zizmor cannot parse is an error, not a file skipped.
    """
    run = subprocess.run(
        [tool("zizmor"), "--offline", "--no-config", "--no-ignores", "--strict-collection",
         "--no-progress", "--format", "json", str(WORKFLOWS_DIR)],
        cwd=project, capture_output=True, text=True, timeout=120,
    )
    # Exit 0: no findings; 10-14: findings, by highest severity; anything else: zizmor failed.
    if run.returncode != 0 and not 10 <= run.returncode <= 14:
        pytest.fail(f"zizmor failed (exit {run.returncode}):\n{run.stderr}", pytrace=False)
    return json.loads(run.stdout)


def describe(finding: dict) -> str:
    """One line per finding: audit, where, what (from zizmor's JSON v1 output)."""
    where = ""
    for location in finding.get("locations", []):
        if location.get("symbolic", {}).get("kind") == "Primary":
            path = location["symbolic"]["key"].get("Local", {}).get("verbatim_path", "?")
            row = location["concrete"]["location"]["start_point"]["row"] + 1
            where = f"{path}:{row}: {location['concrete']['feature']!r}: "
            where += location["symbolic"].get("annotation", "")
            break
    return f"{finding['ident']}: {where or finding.get('desc', '')}"


def schema_check(project: Path, workflows: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", SCHEMA, *map(str, workflows)],
        cwd=project, capture_output=True, text=True, timeout=120,
    )


def test_there_are_workflows_to_check() -> None:
    assert PUBLISHING in WORKFLOWS, WORKFLOWS


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    findings = [describe(f) for f in zizmor(ROOT)]
    assert not findings, f"zizmor --offline {WORKFLOWS_DIR}/: {len(findings)} finding(s)\n" + "\n".join(findings)


def test_every_workflow_follows_githubs_schema() -> None:
    run = schema_check(ROOT, WORKFLOWS)
    assert run.returncode == 0, run.stdout + run.stderr


# Broken copies of the publishing workflow: (what is wrong, the edits that make it so as (regex,
# replacement) on its text, the audit that must then report more findings than on the original).
# Each regex must match exactly once, so a change to the workflow that moves an anchor fails here
# instead of quietly testing an unchanged copy.
BUILD_STEPS = r"^(  build:\n(?:    .*\n)*?    steps:\n)"  # before the build job's first step
BUILD_PERMISSIONS = r"^(  build:\n(?:    .*\n)*?)    permissions:\n(?:      .*\n)+"
Edits = tuple[tuple[str, str], ...]
BREAKAGES: list[tuple[str, Edits, str]] = [
    ("an action referenced by a tag, not a commit",
     ((BUILD_STEPS, r"\1      - uses: actions/setup-node@v4\n"),), "unpinned-uses"),
    ("checkout leaves its token in .git/config, then the tree is uploaded",
     ((r"persist-credentials: false", "fetch-depth: 1"),), "artipacked"),
    ("publishing rights granted at workflow level, reaching the build job",
     ((r"^(permissions:\n)", r"\1  pages: write\n  id-token: write\n"), (BUILD_PERMISSIONS, r"\1")),
     "excessive-permissions"),
    ("every right granted to the job that runs the repository's code",
     ((BUILD_PERMISSIONS, r"\1    permissions: write-all\n"),), "excessive-permissions"),
    ("event text spliced into a shell script",
     ((BUILD_STEPS, r'\1      - run: echo "${{ github.event.head_commit.message }}"\n'),),
     "template-injection"),
]


def broken_copy(tmp_path: Path, edits: Edits) -> Path:
    """A copy of the workflows in tmp_path, the publishing workflow edited."""
    shutil.copytree(ROOT / WORKFLOWS_DIR, tmp_path / WORKFLOWS_DIR)
    target = tmp_path / PUBLISHING
    text = target.read_text(encoding="utf-8")
    for pattern, replacement in edits:
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        assert count == 1, f"{pattern!r} matched {count} times in {PUBLISHING}: update the breakage"
    target.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("edits", "audit"), [b[1:] for b in BREAKAGES], ids=[b[0] for b in BREAKAGES])
def test_zizmor_reports_a_broken_copy(tmp_path: Path, edits: Edits, audit: str) -> None:
    before = Counter(f["ident"] for f in zizmor(ROOT))
    after = Counter(f["ident"] for f in zizmor(broken_copy(tmp_path, edits)))
    assert after[audit] > before[audit], (before, after)


@pytest.mark.parametrize(
    ("pattern", "replacement", "error"),
    [
        (r"^(  build:\n)", r"\1    runs_on: ubuntu-latest\n", "runs_on"),  # a misspelt key
        (r"^(      )pages: write", r"\1pages: publish", "publish"),  # no such permission level
    ],
    ids=["unknown job key", "unknown permission level"],
)
def test_schema_rejects_a_broken_copy(tmp_path: Path, pattern: str, replacement: str, error: str) -> None:
    run = schema_check(broken_copy(tmp_path, ((pattern, replacement),)), [PUBLISHING])
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Schema validation errors" in run.stdout and error in run.stdout, run.stdout
