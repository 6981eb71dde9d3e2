#!/usr/bin/env bash
# The README's first command: `bash tools/run.sh [pipeline.yaml] [distill run flags]`. On a fresh
# machine it installs what the run needs (Fashion-MNIST from Debian, oneDNN and a compiler for the
# native backend, the npm packages), then runs the pipeline in this process: in-memory bus,
# local-disk store under ./.data/store.
set -euo pipefail
cd "$(dirname "$0")/.."

pipeline=${1:-examples/fashion-mnist-seed.yaml}
[ $# -gt 0 ] && shift

need=()
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
[ -e /usr/include/dnnl.h ] || need+=(libdnnl-dev)
command -v g++ >/dev/null || need+=(g++ make python3)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "run.sh: please install: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi
[ -d node_modules/@tensorflow/tfjs ] || ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
# The native backend's addon is built at install; build it now if oneDNN arrived after that.
ls libs/native/build/Release/*.node >/dev/null 2>&1 || node libs/native/scripts/build.mjs

exec node --conditions=@ssl-distill/source --import tsx apps/cli/src/main.ts run "$pipeline" "$@"
