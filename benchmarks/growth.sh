#!/usr/bin/env bash
# Read latency as data grows (issue #16): seeds 1k, 10k, 100k applications and as many in-app notifications straight
# into the store of a fresh local stack (bulk inserts through the MongoDB driver: copies of one application created
# and submitted through the API, over 15 offices, 5,000 applicants and a year; ani keeps 20 of her own), lets
# application-service and notification-service rebuild their read models from their collections (the benchmark
# deletes them; each service rebuilds within its 30 s repair interval), then measures p50/p99 one request at a time
# through the gateway: ani's own list, budi's office queue (by due date, as the desk asks), the statistics (budi)
# and budi's inbox. Three runs per level; the table gives the median and the spread (min-max) of the runs.
# Java client: system-tests/src/test/java/org/satupintu/benchmarks/GrowthBenchmark.java.
#
# Usage: benchmarks/growth.sh [levels=1000,10000,100000] [runs=3] [requests-per-endpoint=200]
# Always starts its own stack with a fresh data directory (benchmarks/target/stack-growth-<offset>, at
# BENCH_OFFSET, default 2300) and stops it at the end: 100k seeded applications must not land in a stack used for
# anything else. The full run writes benchmarks/results/growth-<yyyy-mm-dd>.md; any other arguments (a smoke run)
# write benchmarks/target/out/growth-quick.md instead. Run it alone on a quiet machine.
set -euo pipefail
BENCH_OFFSET="${BENCH_OFFSET:-2300}"
source "$(dirname "$0")/lib.sh"
LEVELS="${1:-1000,10000,100000}"; RUNS="${2:-3}"; SAMPLES="${3:-200}"
bench_install_tools curl jq
if stack_is_up; then
  echo "bench: something already answers at $GATEWAY_URL; growth.sh seeds its own stack (set BENCH_OFFSET)" >&2
  exit 1
fi
bench_build -DskipTests install
home="$REPO_ROOT/benchmarks/target/stack-growth-$BENCH_OFFSET"
rm -rf "$home"
started=0
for attempt in 1 2 3; do
  bench_log "starting a fresh local stack at offset $BENCH_OFFSET, attempt $attempt"
  stack_launch "$home"
  if stack_wait_ready 480; then started=1; break; fi
  stack_stop
done
[ "$started" = 1 ] || { echo "bench: could not start the local stack" >&2; exit 1; }
MONGO_URI="mongodb://127.0.0.1:$((27017 + BENCH_OFFSET))"
cp="$(bench_system_tests_classpath)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks/results' || echo ' with local changes')"
load_before="$(bench_load)"
started_at="$(date -u +%H:%M)"
bench_log "growth: levels $LEVELS, $RUNS runs, $SAMPLES requests per endpoint and run"
timeout 14400 "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" org.satupintu.benchmarks.GrowthBenchmark \
  "$GATEWAY_URL" "$TOKEN_ENDPOINT" "$MONGO_URI" "$LEVELS" "$RUNS" "$SAMPLES" | tee "$BENCH_OUT/growth.txt"
load_after="$(bench_load)"

if [ "$LEVELS" = 1000,10000,100000 ] && [ "$RUNS" = 3 ] && [ "$SAMPLES" = 200 ]; then
  mkdir -p benchmarks/results
  out="benchmarks/results/growth-$(date -u +%F).md"
else
  out="$BENCH_OUT/growth-quick.md"
fi
f() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<< " $1"; }
{
  echo "# Read latency as data grows, $(date -u +%F)"
  echo
  echo "Command: \`benchmarks/growth.sh $LEVELS $RUNS $SAMPLES\`, commit \`$commit\`, $started_at-$(date -u +%H:%M) UTC."
  echo "Machine: $(bench_machine)."
  echo "Load average (1/5/15 min) before: $load_before; after: $load_after."
  echo
  echo "One request at a time through the gateway (the whole local stack on this machine, services with the"
  echo "local stack's JVM options); per level and endpoint $RUNS runs of $SAMPLES measured requests after a warm-up;"
  echo "the median run's p50 and p99, and the spread (lowest-highest) over the runs. Target: p99 <= 50 ms at 100k."
  echo
  echo "| stored applications | notifications | read | p50 ms | p50 spread | p99 ms | p99 spread | errors |"
  echo "|---:|---:|---|---:|---|---:|---|---:|"
  grep '^RESULT' "$BENCH_OUT/growth.txt" | while read -r line; do
    echo "| $(f "$line" applications) | $(f "$line" notifications) | $(f "$line" endpoint) | $(f "$line" p50_ms) |" \
      "$(f "$line" p50_min)-$(f "$line" p50_max) | $(f "$line" p99_ms) | $(f "$line" p99_min)-$(f "$line" p99_max) |" \
      "$(f "$line" errors) |"
  done
  echo
  echo "Seeding and rebuild times:"
  echo
  grep '^level ' "$BENCH_OUT/growth.txt" | sed 's/^/- /'
} > "$out"
bench_log "results: $out"
cat "$out"
