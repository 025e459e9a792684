# Sourced by the other scripts: find Python >= 3.12 and make the project's .venv.
# Usage: . scripts/env.sh [test]   ("test" also installs the test extras)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

python_ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }

find_python() {
  local candidate
  # PATH first, as a user's machine has it (pyenv shims that are not selected fail the check)
  for candidate in python3.13 python3.12 python3.14 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then
      command -v "$candidate"; return 0
    fi
  done
  # then pyenv's installed versions, newest first
  local root="${PYENV_ROOT:-}"
  [ -n "$root" ] || root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
  for candidate in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
    if python_ok "$candidate"; then echo "$candidate"; return 0; fi
  done
  return 1
}

if [ ! -x "$VENV/bin/python" ] || ! python_ok "$VENV/bin/python"; then
  if ! PYTHON="$(find_python)"; then
    echo "tdkt needs Python >= 3.12 and found none (looked on PATH, then in pyenv)." >&2
    echo "Install one, e.g. 'sudo apt-get install python3.12 python3.12-venv' or 'pyenv install 3.13', then run this again." >&2
    exit 1
  fi
  echo "Using $PYTHON ($("$PYTHON" --version)) for $VENV" >&2
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
fi

EXTRAS=""
[ "${1:-}" = "test" ] && EXTRAS="[test]"
# Re-install only when the project's requirements changed since the last install.
STAMP="$VENV/.installed"
if [ -n "$EXTRAS" ]; then STAMP="$STAMP-test"; fi
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT$EXTRAS" >&2
  touch "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
