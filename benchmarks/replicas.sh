#!/usr/bin/env bash
# Throughput with 1 and with 2 replicas of every service (issue #15). The local stack is started by this script with
# SATUPINTU_REPLICAS=1, then 2 (SATUPINTU_KAFKA_BROKERS, if set, applies to every start), and each time measured
# alone: create+submit through the gateway (create-submit.sh, BENCH_RUNS runs, default 3), GET /api/permit-types
# through the gateway with wrk (3 runs), and the resident memory of every process of the stack after the load.
# Writes benchmarks/results/replicas-<yyyy-mm-dd>.md (BENCH_SMOKE=1: benchmarks/target/out/replicas-smoke.md).
#
# Usage: benchmarks/replicas.sh [seconds=30] [concurrency=32] [get-connections=64] [replica-counts=1,2]
# Needs the loopback ports of offset BENCH_OFFSET (default 2000) free: it starts and stops its own stacks (by PID).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUN_SECONDS="${1:-30}"; CONCURRENCY="${2:-32}"; GET_CONNECTIONS="${3:-64}"; COUNTS="${4:-1,2}"
RUNS="${BENCH_RUNS:-3}"
bench_install_tools wrk curl jq
if stack_is_up; then
  echo "bench: a stack already answers at offset $BENCH_OFFSET; stop it first (this script starts its own)" >&2
  exit 1
fi
bench_build -DskipTests install
export BENCH_SKIP_BUILD=1
load_before="$(bench_load)"
cat > "$BENCH_OUT/replicas-report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d rps=%.1f p99_ms=%.1f non2xx=%d socket_errors=%d\n", summary.requests,
    summary.requests / summary.duration * 1e6, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
rows=""; details=""
for replicas in ${COUNTS//,/ }; do
  bench_log "=== $replicas replica(s) of every service"
  export SATUPINTU_REPLICAS="$replicas"
  stack_launch "$REPO_ROOT/benchmarks/target/stack-replicas-$replicas"
  stack_wait_ready 900
  out="$BENCH_OUT/replicas-$replicas"; mkdir -p "$out"
  BENCH_OUT="$out" BENCH_RUNS="$RUNS" benchmarks/create-submit.sh "$RUN_SECONDS" "$CONCURRENCY" > "$out/create-submit.log" 2>&1
  cs() { sed -n "s/^$1=//p" "$out/create-submit.env"; }
  token="$(bench_token ani)"
  rps=(); p99=(); non2xx=(); sockets=()
  for run in $(seq "$RUNS"); do
    bench_log "GET /api/permit-types, $GET_CONNECTIONS connections, 20 s, run $run/$RUNS"
    timeout 60 wrk -t2 -c"$GET_CONNECTIONS" -d20s --timeout 5s -H "Authorization: Bearer $token" \
      -s "$BENCH_OUT/replicas-report.lua" "$GATEWAY_URL/api/permit-types" > "$out/get-$run.txt" 2>&1 || true
    g() { sed -n "s/^BENCH.* $1=\([^ ]*\).*/\1/p" "$out/get-$run.txt"; }
    rps+=("$(g rps)"); p99+=("$(g p99_ms)"); non2xx+=("$(g non2xx)"); sockets+=("$(g socket_errors)")
  done
  rss=0; procs=0
  mapfile -t tree < <(bench_descendants "$STACK_PID")
  for pid in "$STACK_PID" "${tree[@]}"; do
    m="$(bench_rss_mib "$pid")"; [ -n "$m" ] || continue
    rss=$((rss + m)); procs=$((procs + 1))
  done
  rows+="| $replicas | $(cs pairs_per_second) | $(cs p99_ms) | $(cs errors) | $(bench_median "${rps[@]}") ($(bench_spread "${rps[@]}")) | $(bench_median "${p99[@]}") | $(bench_sum "${non2xx[@]}") / $(bench_sum "${sockets[@]}") | $rss MiB in $procs processes | $(bench_load) |
"
  details+="
### $replicas replica(s)

$(sed -n '/^| run |/,/^| \*\*median/p' "$out/create-submit.md")
"
  stack_stop
done
unset SATUPINTU_REPLICAS
bench_section replicas <<MD
## One and two replicas of every service

The local stack started by this script for each replica count (\`SATUPINTU_REPLICAS\`; Kafka nodes:
${SATUPINTU_KAFKA_BROKERS:-1}), the gateway balancing over the instances (Spring Cloud LoadBalancer). Create+submit:
\`create-submit.sh $RUN_SECONDS $CONCURRENCY\` ($RUNS runs, \`ani\`, permit type BENCHMARK; median of the runs).
GET: wrk, 2 threads, $GET_CONNECTIONS connections, 20 s, $RUNS runs (median and spread). Memory: resident set of the
launcher (which hosts the embedded store and the mail sink) and every process it started, after the load. Everything
shares this machine's $(nproc) cores: more replicas add processes, not cores, so the figures show what a replica
costs and whether the balancing holds, not how a cluster of machines scales.

| replicas | create+submit pairs/s | pair p99 ms | errors | GET req/s median (spread) | GET p99 ms | GET non-2xx / socket errors | memory | load avg after |
|---:|---:|---:|---:|---:|---:|---:|---|---|
$rows
$details
MD
bench_publish replicas "benchmarks/replicas.sh $*" "$load_before"
