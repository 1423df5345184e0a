#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The one test command: installs what the tests need, then ruff, mypy and the whole test suite
# (fast, slow and browser tests). CI (.ci/run) calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "Chromium (Debian) installeren voor de browsertests..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]" -c requirements/test.lock

python3 -m ruff check src tests benchmarks
python3 -m mypy
# A throwaway PostgreSQL server for the portal's database tests (KETENMONITOR_TEST_POSTGRES_DSN).
source scripts/ci_services.sh

# The whole suite in a shuffled order (pytest-randomly; another order: KETENMONITOR_TEST_SEED=N)
# with no terminal width set, as on a scheduler or a fresh machine. Two workers, one test folder
# per worker at a time (tests/conftest.py groups them), so the folders' fixtures are built once.
SEED="${KETENMONITOR_TEST_SEED:-20261207}"
WORKERS="${KETENMONITOR_TEST_WORKERS:-2}"
env -u COLUMNS -u LINES python3 -m pytest -p no:cacheprovider -p randomly --randomly-seed="$SEED" \
  -n "$WORKERS" --dist loadgroup --durations=25 "$@"

# Guard for issue 11: every test that drives the command line once more with a narrow terminal,
# another time zone and the C locale, so output or dates that depend on them cannot come back.
if [ "$#" -eq 0 ]; then
  COLUMNS=40 TZ=America/New_York LC_ALL=C python3 -m pytest -p no:cacheprovider -p randomly \
    --randomly-seed="$SEED" -n "$WORKERS" --dist loadgroup -q -m "cli and not spark and not browser and not slow"
fi
