#!/usr/bin/env bash
# Install everything the test suite needs on a fresh machine (Python 3.11 + pip + Debian), then run it.
#   - the package with its test extras (pip)
#   - Debian's chromium for the browser tests (apt), when it is missing and we may install it
# Extra arguments go to pytest: scripts/test.sh tests/stages -x
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
python3 -m newsloom.web.assets --quiet || echo "map/timeline assets not installed: pages fall back to a plain map and a list" >&2

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian chromium for the browser tests" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "could not install chromium: the browser tests will be skipped" >&2
  else
    echo "chromium is not installed and cannot be installed here: the browser tests will be skipped" >&2
  fi
fi

python3 -m ruff check src tests benchmarks
python3 -m pytest "$@"
