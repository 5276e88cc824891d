#!/usr/bin/env bash
# Installs the Debian packages that tests use as independent checkers, when they are missing:
#   libhdrhistogram-java  HdrHistogram's Java reader, to prove our .hlog files read outside .NET
#   default-jre-headless  only if no java is on the machine
#   curl                  an independent client for the emulated world's fidelity tests
#   iproute2              `ip`, for the emulated world's namespaces (usually already there)
#   chromium              Debian's headless browser, to open report.html and screenshot it (never a browser download)
#   python3               Python's http.server, a real server that writes headers and body separately
#   python3-botocore      botocore for Debian's /usr/bin/python3: an independent SigV4 signer and CloudWatch's service
#                         model, for the local endpoint that checks what we would publish to CloudWatch
#   nats-server           a real NATS server with JetStream, for the distributed tests (agents and coordinator)
# Safe to run again: it installs nothing that is already there. Needs root (CI runs as root).
set -euo pipefail

missing=()
[ -f /usr/share/java/hdrhistogram.jar ] || missing+=(libhdrhistogram-java)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# /usr/bin/python3 by path: a python3 earlier on PATH (pyenv, a venv) may carry a pip botocore, and the checker must
# be Debian's package, independent of anything installed for the code under test.
/usr/bin/python3 -c 'import botocore' >/dev/null 2>&1 || missing+=(python3-botocore)
{ command -v nats-server || [ -x /usr/sbin/nats-server ]; } >/dev/null 2>&1 || missing+=(nats-server)

exec bash "$(dirname "$0")/apt-install-missing.sh" install-test-tools 0 " (tests that need them are skipped, with the reason)" ${missing[@]+"${missing[@]}"}
