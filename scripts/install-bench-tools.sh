#!/usr/bin/env bash
# Installs the Debian packages the benchmarks run beside our engine, when they are missing:
#   wrk   the native closed-loop HTTP load generator `max-rate` compares the engine with
#   hey   Go's HTTP load generator, the second peer in `max-rate`
# Safe to run again: it installs nothing that is already there. Needs root.
set -euo pipefail

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v hey >/dev/null 2>&1 || missing+=(hey)

exec bash "$(dirname "$0")/apt-install-missing.sh" install-bench-tools 2 "" ${missing[@]+"${missing[@]}"}
