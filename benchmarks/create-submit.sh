#!/usr/bin/env bash
# Create + submit pairs per second through the gateway, p50/p99 per pair, sustained (Java client, HdrHistogram;
# system-tests/src/test/java/org/satupintu/benchmarks/CreateSubmitBenchmark.java). The first sixth (at most 10 s)
# of each run is warm-up and not measured. BENCH_RUNS runs (default 3); reported: the median and the spread
# (min-max) of each figure, errors summed.
# Usage: benchmarks/create-submit.sh [seconds=60] [concurrency=32]. Bounded in time; loopback only.
# Uses the local stack at BENCH_OFFSET (default 2000) or starts one with a raised per-client rate limit (one
# applicant drives the load). For a stack you started yourself: BENCH_OFFSET=0 and
#   SATUPINTU_EDGE_APILIMIT=100000 ./run-local.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUN_SECONDS="${1:-60}"; CONCURRENCY="${2:-32}"; RUNS="${BENCH_RUNS:-3}"
bench_install_tools curl jq
stack_ensure
cp="$(bench_system_tests_classpath)"
load_before="$(bench_load)"
pairs=(); p50=(); p99=(); errors=(); counts=(); rows=""
for run in $(seq "$RUNS"); do
  bench_log "create+submit for ${RUN_SECONDS}s at concurrency $CONCURRENCY, run $run/$RUNS"
  timeout $((RUN_SECONDS + 180)) "$JAVA_HOME/bin/java" -Xmx256m -cp "$cp" \
    org.satupintu.benchmarks.CreateSubmitBenchmark "$GATEWAY_URL" "$TOKEN_ENDPOINT" "$RUN_SECONDS" "$CONCURRENCY" \
    | tee "$BENCH_OUT/create-submit-r$run.txt"
  r="$(grep '^RESULT' "$BENCH_OUT/create-submit-r$run.txt" || true)"
  f() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $r"; }
  pairs+=("$(f pairs_per_second)"); p50+=("$(f p50_ms)"); p99+=("$(f p99_ms)"); errors+=("$(f errors)")
  counts+=("$(f pairs)")
  rows+="| $run | $(f pairs_per_second) | $(f p50_ms) | $(f p99_ms) | $(f pairs) | $(f errors) | $(bench_load) |
"
  measured="$(f seconds)"
done
load_after="$(bench_load)"
rm -f "$BENCH_OUT/create-submit.env"
bench_figure create-submit pairs_per_second "$(bench_median "${pairs[@]}")"
bench_figure create-submit p50_ms "$(bench_median "${p50[@]}")"
bench_figure create-submit p99_ms "$(bench_median "${p99[@]}")"
bench_figure create-submit errors "$(bench_sum "${errors[@]}")"
bench_figure create-submit concurrency "$CONCURRENCY"
bench_figure create-submit load "$load_after"
bench_section create-submit <<MD
## Create + submit through the gateway

\`POST /api/applications\` (permit type \`BENCHMARK\`, no mandatory documents) then \`POST .../submit\`, by
\`ani\` on $CONCURRENCY concurrent connections for $RUN_SECONDS s per run, measured over the last ${measured:-?} s of
each run (gateway JWT check and rate limit, application-service, MongoDB-wire store, numbering counters, outbox; the
events flow on to notification-service meanwhile). $RUNS runs one after the other.

| run | pairs/s | p50 ms per pair | p99 ms per pair | pairs | errors | load avg after |
|---|---:|---:|---:|---:|---:|---|
$rows| **median (spread)** | **$(bench_median "${pairs[@]}")** ($(bench_spread "${pairs[@]}")) | $(bench_median "${p50[@]}") ($(bench_spread "${p50[@]}")) | **$(bench_median "${p99[@]}")** ($(bench_spread "${p99[@]}")) | $(bench_sum "${counts[@]}") | $(bench_sum "${errors[@]}") | |

Load average before: $load_before; after: $load_after.
MD
