#!/usr/bin/env bash
# Submit -> in-app notification stored (seen on the applicant's live stream) and submit -> signed webhook received
# by a receiver on 127.0.0.1: p50/p99 through the gateway, first one application at a time, then with
# <concurrency> submitters at once (Java client, HdrHistogram;
# system-tests/src/test/java/org/satupintu/benchmarks/NotificationLatencyBenchmark.java).
# Usage: benchmarks/latency.sh [samples=200] [max-seconds=180] [warmup=10] [concurrency=32]
# Uses the local stack at BENCH_OFFSET (default 2000) or starts one. The webhook subscription it creates is removed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SAMPLES="${1:-200}"; MAX_SECONDS="${2:-180}"; WARMUP="${3:-10}"; CONCURRENCY="${4:-32}"
bench_install_tools curl jq
stack_ensure
cp="$(bench_system_tests_classpath)"
load_before="$(bench_load)"
bench_log "latency probe: $SAMPLES samples one at a time (at most ${MAX_SECONDS}s)"
timeout $((MAX_SECONDS + 120)) "$JAVA_HOME/bin/java" -Xmx256m -cp "$cp" \
  org.satupintu.benchmarks.NotificationLatencyBenchmark "$GATEWAY_URL" "$TOKEN_ENDPOINT" "$SAMPLES" "$MAX_SECONDS" \
  "$WARMUP" 1 | tee "$BENCH_OUT/latency.txt"
bench_log "latency probe: $SAMPLES samples with $CONCURRENCY concurrent submitters (at most ${MAX_SECONDS}s)"
warmup_c=$(( WARMUP > CONCURRENCY ? WARMUP : CONCURRENCY ))
timeout $((MAX_SECONDS + 120)) "$JAVA_HOME/bin/java" -Xmx256m -cp "$cp" \
  org.satupintu.benchmarks.NotificationLatencyBenchmark "$GATEWAY_URL" "$TOKEN_ENDPOINT" "$SAMPLES" "$MAX_SECONDS" \
  "$warmup_c" "$CONCURRENCY" | tee "$BENCH_OUT/latency-concurrent.txt"
load_after="$(bench_load)"
r="$(grep '^RESULT' "$BENCH_OUT/latency.txt")"
rc="$(grep '^RESULT' "$BENCH_OUT/latency-concurrent.txt")"
f() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $r"; }
fc() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $rc"; }
rm -f "$BENCH_OUT/latency.env"
for k in samples submit_p50_ms submit_p99_ms inapp_p50_ms inapp_p99_ms webhook_p50_ms webhook_p99_ms; do
  bench_figure latency "$k" "$(f "$k")"
  bench_figure latency "c_$k" "$(fc "$k")"
done
bench_figure latency concurrency "$CONCURRENCY"
bench_figure latency load "$load_after"
bench_section latency <<MD
## Submit -> in-app notification and -> webhook

Applications created and submitted through the gateway by \`ani\`, each timed from sending
\`POST /api/applications/{id}/submit\` until (a) its \`submitted\` notification arrived on \`ani\`'s live stream
\`GET /api/notifications/stream\` (through the gateway; pushed when notification-service has stored it) and (b) the
signed webhook for office SULUT-MANADO (client \`office-sulut-manado\`, subscribed for
\`satupintu.application.submitted.v1\`) reached a receiver on 127.0.0.1. First $(f samples) one at a time (after
$WARMUP unmeasured), then $(fc samples) with $CONCURRENCY submitters at once, each creating, submitting and waiting
for its own application's notification and webhook before the next (after $warmup_c unmeasured).
Path: application-service outbox relay -> Kafka -> notification-service -> MongoDB-wire store -> stream / HTTP POST.

| | one at a time p50 ms | p99 ms | $CONCURRENCY concurrent p50 ms | p99 ms |
|---|---:|---:|---:|---:|
| submit answered (200) | $(f submit_p50_ms) | $(f submit_p99_ms) | $(fc submit_p50_ms) | $(fc submit_p99_ms) |
| submit -> in-app notification | $(f inapp_p50_ms) | $(f inapp_p99_ms) | $(fc inapp_p50_ms) | $(fc inapp_p99_ms) |
| submit -> webhook received | $(f webhook_p50_ms) | $(f webhook_p99_ms) | $(fc webhook_p50_ms) | $(fc webhook_p99_ms) |

Not seen within 30 s: in-app $(f inapp_missed) / $(fc inapp_missed), webhook $(f webhook_missed) / $(fc webhook_missed)
(one at a time / concurrent). Failed requests: $(f errors) / $(fc errors). Load average before: $load_before; after:
$load_after.
MD
# Run on its own (not from run-all.sh), the section is published: results/latency-<yyyy-mm-dd>.md.
if [ -z "${BENCH_RUN_ALL:-}" ]; then
  bench_publish latency "benchmarks/latency.sh $*" "$load_before"
fi
