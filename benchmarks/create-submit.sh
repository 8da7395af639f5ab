#!/usr/bin/env bash
# Create + submit pairs per second through the gateway, p50/p99 per pair, sustained (Java client, HdrHistogram;
# system-tests/src/test/java/org/satupintu/benchmarks/CreateSubmitBenchmark.java). The first sixth (at most 10 s)
# is warm-up and not measured.
# Usage: benchmarks/create-submit.sh [seconds=60] [concurrency=8]. Bounded in time; loopback only.
# Uses the local stack at BENCH_OFFSET (default 2000) or starts one with a raised per-client rate limit (one
# applicant drives the load). For a stack you started yourself: BENCH_OFFSET=0 and
#   SATUPINTU_EDGE_APILIMIT=100000 ./run-local.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUN_SECONDS="${1:-60}"; CONCURRENCY="${2:-8}"
bench_install_tools curl jq
stack_ensure
cp="$(bench_system_tests_classpath)"
load_before="$(bench_load)"
bench_log "create+submit for ${RUN_SECONDS}s at concurrency $CONCURRENCY"
timeout $((RUN_SECONDS + 180)) "$JAVA_HOME/bin/java" -Xmx256m -cp "$cp" \
  org.satupintu.benchmarks.CreateSubmitBenchmark "$GATEWAY_URL" "$TOKEN_ENDPOINT" "$RUN_SECONDS" "$CONCURRENCY" \
  | tee "$BENCH_OUT/create-submit.txt"
load_after="$(bench_load)"
r="$(grep '^RESULT' "$BENCH_OUT/create-submit.txt")"
f() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $r"; }
rm -f "$BENCH_OUT/create-submit.env"
for k in pairs_per_second p50_ms p99_ms errors; do bench_figure create-submit "$k" "$(f "$k")"; done
bench_figure create-submit load "$load_after"
bench_section create-submit <<MD
## Create + submit through the gateway

\`POST /api/applications\` (permit type \`BENCHMARK\`, no mandatory documents) then \`POST .../submit\`, by
\`ani\` on $(f concurrency) concurrent connections for $RUN_SECONDS s; measured over the last $(f seconds) s (gateway JWT
check and rate limit, application-service, MongoDB-wire store, numbering counters, outbox; the events flow on to
notification-service meanwhile).

| pairs/s | p50 ms per pair | p99 ms per pair | pairs | errors | load avg before | load avg after |
|---:|---:|---:|---:|---:|---|---|
| $(f pairs_per_second) | $(f p50_ms) | $(f p99_ms) | $(f pairs) | $(f errors) | $load_before | $load_after |
MD
