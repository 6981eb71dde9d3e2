#!/usr/bin/env bash
# The test command (the README names it; .ci/run calls it): install what a fresh machine lacks, start
# the real services on loopback ports of our own, run the suite on the native backend and again on wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

export DEBIAN_FRONTEND=noninteractive
# onnxruntime-node's install script would download CUDA libraries; its CPU provider ships in the package.
export ONNXRUNTIME_NODE_INSTALL=skip
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends \
    nats-server dataset-fashion-mnist libdnnl-dev g++ make python3 \
    chromium >/dev/null
fi

npm ci --no-audit --no-fund

work=$(mktemp -d)
stop_services() {
  [ -n "${nats_pid:-}" ] && kill "$nats_pid" 2>/dev/null && wait "$nats_pid" 2>/dev/null || true
  [ -n "${s3_pid:-}" ] && kill "$s3_pid" 2>/dev/null && wait "$s3_pid" 2>/dev/null || true
  nats_pid='' s3_pid=''
}
trap 'stop_services; rm -rf "$work"' EXIT

# Fresh services on loopback ports of our own for each run, so one backend's run never meets the
# streams, consumers or buckets another left behind; tests that kill or restart a server start
# private ones.
start_services() {
  local dir="$work/$1"
  mkdir -p "$dir"
  nats-server -js -a 127.0.0.1 -p 14222 -sd "$dir/nats" >"$dir/nats.log" 2>&1 &
  nats_pid=$!
  node tools/ci/s3rver.mjs 14569 "$dir/s3" >"$dir/s3.log" 2>&1 &
  s3_pid=$!
  node tools/ci/wait-port.mjs 127.0.0.1 14222 127.0.0.1 14569
}
export NATS_URL=nats://127.0.0.1:14222
export S3_ENDPOINT=http://127.0.0.1:14569 S3_ACCESS_KEY=S3RVER S3_SECRET_KEY=S3RVER

status=0
# The native specs once more under an AddressSanitizer build of the addon (issue 16): it checks the
# addon's own loops, and its allocator's chunk headers catch oneDNN's uninstrumented JIT code
# writing past a buffer (a 1x1 filter gradient's workspace overflow aborted it as a bad free).
# No leak checks (node itself never frees much); a small quarantine keeps the RSS specs meaningful.
if SSL_DISTILL_NATIVE=asan node libs/native/scripts/build.mjs; then
  SSL_DISTILL_NATIVE=asan LD_PRELOAD="$(g++ -print-file-name=libasan.so)" \
    ASAN_OPTIONS=detect_leaks=0:quarantine_size_mb=16 npx vitest run --project native || status=1
else
  status=1
fi
for backend in native wasm; do
  start_services "$backend"
  SSL_DISTILL_BACKEND=$backend npm test -- --reporter=default --reporter=json --outputFile.json="$work/$backend.json" || status=1
  stop_services
done
echo "native backend:"; node tools/ci/summarize.mjs "$work/native.json" || status=1
echo "wasm backend:"; node tools/ci/summarize.mjs "$work/wasm.json" || status=1
node tools/ci/summarize.mjs "$work/native.json" "$work/wasm.json" || status=1
exit $status
