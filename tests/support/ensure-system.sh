#!/bin/sh
# The system programs the tests drive: a Chromium for the browser tests and a Redis server for
# the task-queue example. Installs them with apt where the tests run as root; otherwise says
# how to get them, in one line, and fails.
set -eu
PY=${PY:-.venv/bin/python}
need=""
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || { echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file" >&2; exit 1; }
elif [ ! -x /usr/bin/chromium ] && ! "$PY" -m tests.support.browser --check 2>/dev/null; then
  need="$need chromium"
fi
command -v redis-server >/dev/null 2>&1 || need="$need redis-server"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing$need with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
else
  echo "The tests need$need: run 'sudo apt-get install$need' (or set CHROMIUM_PATH to a Chromium binary)." >&2
  exit 1
fi
