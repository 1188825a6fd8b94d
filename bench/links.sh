#!/usr/bin/env bash
# The link-check benchmark (make bench): govwatch, wget --spider, LinkChecker
# and linkinator 7.6.1 on the same generated 20,000-page portal on loopback.
# Installs the other tools when missing: apt-get as root, npm into a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-20000}
CONCURRENCY=${CONCURRENCY:-8}
TOOLS=${TOOLS:-govwatch,wget,linkchecker,linkinator}

make -s build  # always measure the code as it is now
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=""
  command -v wget >/dev/null || missing="$missing wget"
  command -v linkchecker >/dev/null || missing="$missing linkchecker"
  if [ -n "$missing" ]; then apt-get update -q && apt-get install -y -q $missing || echo "could not install:$missing"; fi
fi
LINKINATOR_DIR=${LINKINATOR_DIR:-${TMPDIR:-/tmp}/govwatch-bench-linkinator}
if command -v npm >/dev/null && [ ! -f "$LINKINATOR_DIR/node_modules/linkinator/build/src/cli.js" ]; then
  mkdir -p "$LINKINATOR_DIR"
  npm install --prefix "$LINKINATOR_DIR" --no-audit --no-fund linkinator@7.6.1 >/dev/null || echo "could not install linkinator"
fi
export LINKINATOR="$LINKINATOR_DIR/node_modules/linkinator/build/src/cli.js"
exec go run ./bench/linkbench -pages "$PAGES" -concurrency "$CONCURRENCY" -tools "$TOOLS" "$@"
