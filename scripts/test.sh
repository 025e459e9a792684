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
exec python -m pytest "$@"
