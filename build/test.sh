#!/usr/bin/env bash
# `npm test` / `make test`: installs what the tests need (npm packages, Debian's chromium and
# postgresql) and runs every test: sidecar (real HTTP servers, SQLite and a throwaway PostgreSQL),
# webapp (jest + a real browser), bundle.
set -euo pipefail
cd "$(dirname "$0")/.."

node build/ensure-deps.mjs

# chromium for the browser tests; PostgreSQL's server binaries for the store and replica tests.
# Those tests run their own throwaway cluster on a free port with its socket in a temp dir, so
# the cluster the package may create and start on 5432 is never used and can stay as it is.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian's ${missing[*]} for the tests..."
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== typecheck and build =="
npm run build

echo "== check-style =="
npm run check-style

echo "== sidecar tests =="
npm test -w sidecar

echo "== webapp tests =="
npm test -w webapp
