#!/usr/bin/env bash
# The test command (the README names it; .ci/run calls it): install what a fresh machine lacks, start
# the real services on loopback ports of our own, run the suite on the native backend and again on wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends \
    nats-server dataset-fashion-mnist libdnnl-dev g++ make python3 \
    chromium >/dev/null
fi

npm ci --no-audit --no-fund

work=$(mktemp -d)
cleanup() {
  [ -n "${nats_pid:-}" ] && kill "$nats_pid" 2>/dev/null || true
  [ -n "${s3_pid:-}" ] && kill "$s3_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Services on loopback ports of our own; the tests also start private ones where they need to kill them.
export NATS_URL=nats://127.0.0.1:14222
nats-server -js -a 127.0.0.1 -p 14222 -sd "$work/nats" >"$work/nats.log" 2>&1 &
nats_pid=$!
export S3_ENDPOINT=http://127.0.0.1:14569 S3_ACCESS_KEY=S3RVER S3_SECRET_KEY=S3RVER
node tools/ci/s3rver.mjs 14569 "$work/s3" >"$work/s3.log" 2>&1 &
s3_pid=$!
node tools/ci/wait-port.mjs 127.0.0.1 14222 127.0.0.1 14569

status=0
SSL_DISTILL_BACKEND=native npm test -- --reporter=default --reporter=json --outputFile.json="$work/native.json" || status=1
SSL_DISTILL_BACKEND=wasm npm test -- --reporter=default --reporter=json --outputFile.json="$work/wasm.json" || status=1
echo "native backend:"; node tools/ci/summarize.mjs "$work/native.json" || status=1
echo "wasm backend:"; node tools/ci/summarize.mjs "$work/wasm.json" || status=1
node tools/ci/summarize.mjs "$work/native.json" "$work/wasm.json" || status=1
exit $status
