#!/usr/bin/env bash
# `npm test` / `make test`: installs what the tests need (npm packages, Debian's chromium)
# and runs every test: sidecar (real HTTP servers), webapp (jest + a real browser), bundle.
set -euo pipefail
cd "$(dirname "$0")/.."

node build/ensure-deps.mjs

if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the browser tests..."
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

echo "== typecheck and build =="
npm run build

echo "== sidecar tests =="
npm test -w sidecar

echo "== webapp tests =="
npm test -w webapp
