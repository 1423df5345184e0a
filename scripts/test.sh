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

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"

python3 -m ruff check src tests benchmarks
python3 -m mypy
source scripts/ci_services.sh
python3 -m pytest -p no:cacheprovider "$@"
