"""The package's layout is a contract: the pipeline's stages depend one way, with no circles.

The layers are declared once, in pyproject.toml ([tool.importlinter]): cli -> build -> site | search
-> extract -> corpus -> places -> primitives. import-linter reads the real imports of src/tdkt; the
second test shows the contract has teeth by adding a back-import to a copy of the package.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(package_parent: Path, config: Path) -> subprocess.CompletedProcess:
    assert LINT_IMPORTS.exists(), (
        f"lint-imports is not installed beside {sys.executable}; it comes with the test extras: "
        f"{sys.executable} -m pip install -e '.[test]'")
    # PYTHONPATH puts the package under test first, so a copy is analysed instead of the installed one.
    return subprocess.run([str(LINT_IMPORTS), "--config", str(config), "--no-cache"],
                          cwd=package_parent, capture_output=True, text=True,
                          env={"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin"}, timeout=120)


def test_the_package_keeps_its_layers():
    result = lint_imports(ROOT / "src", ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_a_back_import_breaks_the_contract(tmp_path: Path):
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "tdkt", copy / "tdkt", ignore=shutil.ignore_patterns("__pycache__"))
    # extraction reaching up into the site: the kind of shortcut the layers forbid
    record = copy / "tdkt" / "extract" / "record.py"
    record.write_text(record.read_text(encoding="utf-8") + "\nfrom tdkt.site.values import year_key  # noqa\n",
                      encoding="utf-8")
    result = lint_imports(copy, ROOT / "pyproject.toml")
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and "tdkt.extract.record -> tdkt.site.values" in result.stdout


def test_no_module_is_much_over_500_lines():
    # "about 500": a module past this has two jobs and should be split along its seam
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in (ROOT / "src" / "tdkt").rglob("*.py")}
    assert {path: n for path, n in sizes.items() if n > 520} == {}
