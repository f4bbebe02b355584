#!/usr/bin/env bash
# What `npm test` needs besides node_modules: Debian's chromium for the HTML-report browser test.
# As root it installs it; otherwise it stops and prints the one command to run.
set -euo pipefail

# Overridable so the script's own test can take each branch.
CHROMIUM="${NOGRAD_TEST_CHROMIUM:-/usr/bin/chromium}"
USER_ID="${NOGRAD_TEST_UID:-$(id -u)}"

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$USER_ID" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-deps: installing Debian's chromium (the HTML-report browser test drives it) ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi

echo "ensure-test-deps: $CHROMIUM is missing; the HTML-report browser test needs it. Run:" >&2
echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
exit 1
