#!/usr/bin/env bash
# Set up (first run) and build the archive from corpus/ into site/, then say where to look.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$ROOT"
tdkt build --corpus corpus "$@"
echo
echo "The site is in site/. Look at it with:  .venv/bin/tdkt serve   (it prints the address to open, e.g. http://127.0.0.1:8000/tdkt/)"
