#!/bin/sh
# Builds the workspace and stages what the runtime image needs under OUT: production node_modules,
# and each workspace package's package.json, compiled dist/ and native build/Release/.
# Usage: build.sh OUT [EXTRA_PACKAGE...]   (extra packages are installed into production deps)
set -eu
out=$1
shift

npm ci --no-audit --no-fund
npx tsc -b
npm prune --omit=dev --no-audit --no-fund
if [ "$#" -gt 0 ]; then
  npm install --omit=dev --no-save --no-audit --no-fund "$@"
fi

mkdir -p "$out"
cp -a package.json node_modules "$out/"
for package in libs/* apps/*; do
  [ -f "$package/package.json" ] || continue
  mkdir -p "$out/$package"
  cp -a "$package/package.json" "$out/$package/"
  for built in dist build/Release; do
    if [ -d "$package/$built" ]; then
      mkdir -p "$out/$package/$(dirname "$built")"
      cp -a "$package/$built" "$out/$package/$built"
    fi
  done
done
