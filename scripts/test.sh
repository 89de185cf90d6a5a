#!/bin/sh
# Installs what the tests need on a fresh Debian machine and runs the whole suite:
# Debian's Chromium for the browser tests, Debian's Node.js and npm for the feed readers
# (tests/node) and ffmpeg for the video tests, then the package with its test extras in .venv
# and the readers' pinned packages.
set -eu
cd "$(dirname "$0")/.."
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v ffmpeg >/dev/null 2>&1 || missing="$missing ffmpeg"
if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    # shellcheck disable=SC2086 # one package name per word
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
(cd tests/node && npm ci --no-audit --no-fund --no-update-notifier --loglevel=error >/dev/null)
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no test: that is a failure, not a pass" >&2
    exit 1
fi
exit "$status"
