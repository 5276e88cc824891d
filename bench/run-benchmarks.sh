#!/usr/bin/env bash
# Measures the harness itself and writes one Markdown file to bench/results/:
#   1. max-rate: requests/s our engine drives against a trivial Kestrel endpoint, next to wrk and hey against the same one;
#   2. the recording micro-benchmarks (BenchmarkDotNet, short job): ns and bytes per recorded value;
#   3. emulator-capacity, only as root (namespaces, TUN): packets/s the WAN emulator forwards with p99 added error < 0.2 ms;
#      and world-fidelity, only as root: TCP connect over the emulated world against 5-300 ms configured RTTs (ours, curl);
#   4. report-100m, only with REPORT_100M=1 (minutes, many GB): the study report's time on 100 million recorded requests.
# Installs wrk and hey (Debian packages, scripts/install-bench-tools.sh) when they are missing and this is root. Settings, as environment variables:
#   MAX_RATE_SECONDS (10)  CONNECTIONS (50)  BENCH_FILTER ('*RecordingBenchmarks*')  BENCH_JOB (short)
#   CAPACITY_SECONDS (5, per rate step)  CAPACITY_DELAY_MS (10)  REPORT_100M (0)  REPORT_INTERVALS (240)
set -euo pipefail

cd "$(dirname "$0")/.."
max_rate_seconds="${MAX_RATE_SECONDS:-10}"
connections="${CONNECTIONS:-50}"
filter="${BENCH_FILTER:-*RecordingBenchmarks*}"
job="${BENCH_JOB:-short}"
capacity_seconds="${CAPACITY_SECONDS:-5}"
capacity_delay_ms="${CAPACITY_DELAY_MS:-10}"
report_100m="${REPORT_100M:-0}"
report_intervals="${REPORT_INTERVALS:-240}"
project=bench/Latency.Micro
artifacts=BenchmarkDotNet.Artifacts

if [ "$(id -u)" -eq 0 ]; then
  scripts/install-bench-tools.sh
elif ! command -v wrk >/dev/null 2>&1 || ! command -v hey >/dev/null 2>&1; then
  echo "wrk or hey is missing and cannot be installed here (scripts/install-bench-tools.sh needs root): the max-rate table will lack its row" >&2
fi

mkdir -p bench/results
stamp="$(date -u +%Y-%m-%dT%H%MZ)"
out="bench/results/$stamp.md"
cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"
wrk_version="$( (wrk --version 2>&1 || true) | head -1)"

dotnet build -c Release "$project" -nologo -v quiet

max_rate_cmd=(dotnet run -c Release --no-build --project "$project" -- max-rate --seconds "$max_rate_seconds" --connections "$connections")
capacity_cmd=(dotnet run -c Release --no-build --project "$project" -- emulator-capacity --seconds "$capacity_seconds" --delay-ms "$capacity_delay_ms")
fidelity_cmd=(dotnet run -c Release --no-build --project "$project" -- world-fidelity)
report_cmd=(dotnet run -c Release --no-build --project "$project" -- report-100m --intervals "$report_intervals")
bench_cmd=(dotnet run -c Release --no-build --project "$project" -- --filter "$filter" --job "$job" --exporters github --artifacts "$artifacts")

# Only this run's reports go into the results file.
rm -rf "$artifacts/results"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
max_rate_report="$("${max_rate_cmd[@]}")"
"${bench_cmd[@]}"
capacity_report=""
fidelity_report=""
if [ "$(id -u)" -eq 0 ]; then
  capacity_report="$("${capacity_cmd[@]}")"
  fidelity_report="$("${fidelity_cmd[@]}")"
else
  echo "not root: skipping emulator-capacity and world-fidelity (they need network namespaces and TUN devices)" >&2
fi
report_report=""
if [ "$report_100m" = 1 ]; then
  report_report="$("${report_cmd[@]}")" || echo "report-100m failed or found errors (exit $?)" >&2
fi

{
  echo "# Harness benchmarks, $stamp"
  echo
  echo "- Date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
  echo "- Commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "- Machine: nproc $(nproc), CPU ${cpu_model:-unknown}, kernel $(uname -r)"
  echo "- Load average before the runs (1/5/15 min): $load_before (other processes on the machine compete for the same cores)"
  echo "- .NET SDK $(dotnet --version); ${wrk_version:-wrk not installed}"
  echo
  echo "Commands (from the repository root):"
  echo
  echo '```'
  echo "bench/run-benchmarks.sh"
  printf "%q " "${max_rate_cmd[@]}"; echo
  printf "%q " "${bench_cmd[@]}"; echo
  [ -n "$capacity_report" ] && { printf "%q " "${capacity_cmd[@]}"; echo; }
  [ -n "$fidelity_report" ] && { printf "%q " "${fidelity_cmd[@]}"; echo; }
  [ -n "$report_report" ] && { printf "%q " "${report_cmd[@]}"; echo; }
  echo '```'
  echo
  echo "$max_rate_report"
  echo
  echo "## Recording one value (BenchmarkDotNet, job $job)"
  echo
  for report in "$artifacts"/results/*-report-github.md; do
    [ -e "$report" ] || continue
    # BenchmarkDotNet's GitHub exporter: environment block, then the table.
    cat "$report"
    echo
  done
  echo "Mean is per recorded value; Allocated '-' means zero bytes allocated per operation."
  if [ -n "$capacity_report" ]; then
    echo
    echo "$capacity_report"
  fi
  if [ -n "$fidelity_report" ]; then
    echo
    echo "$fidelity_report"
  fi
  if [ -n "$report_report" ]; then
    echo
    echo "$report_report"
  fi
} >"$out"

echo "wrote $out"
