#!/usr/bin/env bash
# What `npm test` needs besides node_modules: Debian's chromium for the HTML-report browser test, and Debian's
# redis-server and postgresql for the scale-out tests (they start their own servers on 127.0.0.1).
# As root it installs what is missing; otherwise it stops and prints the one command to run.
set -euo pipefail

# Overridable so the script's own test can take each branch.
CHROMIUM="${NOGRAD_TEST_CHROMIUM:-/usr/bin/chromium}"
REDIS="${NOGRAD_TEST_REDIS:-/usr/bin/redis-server}"
PG_GLOB="${NOGRAD_TEST_PG_GLOB:-/usr/lib/postgresql/*/bin/initdb}"
USER_ID="${NOGRAD_TEST_UID:-$(id -u)}"

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
[ -x "$REDIS" ] || missing+=(redis-server)
# shellcheck disable=SC2086
compgen -G "$PG_GLOB" >/dev/null || missing+=(postgresql)

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$USER_ID" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-deps: installing Debian's ${missing[*]} (browser test; scale-out tests' Redis and PostgreSQL) ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

for m in "${missing[@]}"; do
  case "$m" in
    chromium) echo "ensure-test-deps: $CHROMIUM is missing; the HTML-report browser test needs it." >&2 ;;
    redis-server) echo "ensure-test-deps: $REDIS is missing; the scale-out tests start their own Redis." >&2 ;;
    postgresql) echo "ensure-test-deps: PostgreSQL ($PG_GLOB) is missing; the scale-out tests start their own server." >&2 ;;
  esac
done
echo "Run:" >&2
echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
exit 1
