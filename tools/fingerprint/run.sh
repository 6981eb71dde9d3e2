#!/usr/bin/env bash
# Numerics fingerprint: `bash tools/fingerprint/run.sh [out.txt]` trains the first command's
# pipeline cut down to 1024 images and one epoch (about 25 s) into a fresh store and prints the
# sha256 of every trained model's weights and every teacher feature shard, with the probes' numbers.
# A kernel change that must not change the README's tables (a faster loop, less memory) has to
# leave this output the same, byte for byte, on the same machine and backend: diff it against
# tools/fingerprint/expected-<backend>.txt (made on the 2-core AVX-512 dev machine).
set -euo pipefail
cd "$(dirname "$0")/../.."
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
node --conditions=@ssl-distill/source --import tsx apps/cli/src/main.ts run tools/fingerprint/fingerprint.yaml --store "$store" --json > "$store/run.jsonl"
{
  echo "backend: ${SSL_DISTILL_BACKEND:-native}"
  (cd "$store" && find runs features -name 'weights.bin' -o -name 'shard-*.pb' | sort | xargs sha256sum)
  grep -o '"knnTop1":[^,]*,"knnTop5":[^,]*,"linearTop1":[^,]*' "$store/run.jsonl" || true
} | tee "${1:-/dev/stdout}" >/dev/null
[ -n "${1:-}" ] && cat "$1"
