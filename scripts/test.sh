#!/usr/bin/env bash
# Set up (first run) and run the whole test suite: unit, property, evaluation gate,
# integration (real MkDocs build + search index) and browser tests (Playwright + Debian's Chromium).
set -euo pipefail
. "$(dirname "$0")/env.sh" test
cd "$ROOT"
if [ -z "${TDKT_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's Chromium for the browser tests ..." >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
fi
# axe-core for the accessibility tests (tests/browser.py injects it into the pages it checks; the site
# never loads it): from npm, pinned, into the git-ignored .cache/npm/.
AXE_VERSION="4.14.1"
AXE_DIR="$ROOT/.cache/npm"
if ! grep -qs "\"version\": \"$AXE_VERSION\"" "$AXE_DIR/node_modules/axe-core/package.json"; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installing Debian's npm for axe-core ..." >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >&2
  fi
  echo "Installing axe-core $AXE_VERSION (npm) into $AXE_DIR ..." >&2
  mkdir -p "$AXE_DIR"
  npm install --no-save --no-audit --no-fund --silent --prefix "$AXE_DIR" "axe-core@$AXE_VERSION" >&2
fi
exec python -m pytest "$@"
