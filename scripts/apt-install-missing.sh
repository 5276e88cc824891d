#!/usr/bin/env bash
# Installs the given Debian packages with apt-get (quietly, without recommends); the install-*-tools scripts call it
# with what they found missing. Usage: apt-install-missing.sh NAME EXIT_IF_NOT_ROOT WHY_IF_NOT_ROOT [PACKAGE ...]
#   NAME               the calling script's name, for its messages
#   EXIT_IF_NOT_ROOT   the exit code when not root (0: the caller's users can go on without the packages)
#   WHY_IF_NOT_ROOT    appended to the not-root message
set -euo pipefail

name="$1"
not_root_exit="$2"
why="$3"
shift 3

if [ $# -eq 0 ]; then
  echo "$name: nothing to install"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "$name: need root to install: $*$why" >&2
  exit "$not_root_exit"
fi

echo "$name: installing $*"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "$@" >/dev/null
