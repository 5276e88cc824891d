#!/usr/bin/env bash
# Installs the Debian packages the benchmarks run beside our engine, when they are missing:
#   wrk   the native closed-loop HTTP load generator `max-rate` compares the engine with
#   hey   Go's HTTP load generator, the second peer in `max-rate`
# Safe to run again: it installs nothing that is already there. Needs root.
set -euo pipefail

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v hey >/dev/null 2>&1 || missing+=(hey)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-bench-tools: nothing to install"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-bench-tools: need root to install: ${missing[*]}" >&2
  exit 2
fi

echo "install-bench-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
