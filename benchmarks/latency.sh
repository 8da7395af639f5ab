#!/usr/bin/env bash
# Submit -> in-app notification stored (seen on the applicant's live stream) and submit -> signed webhook received
# by a receiver on 127.0.0.1: p50/p99 through the gateway, one application at a time (Java client, HdrHistogram;
# system-tests/src/test/java/org/satupintu/benchmarks/NotificationLatencyBenchmark.java).
# Usage: benchmarks/latency.sh [samples=200] [max-seconds=180] [warmup=10]
# Uses the local stack at BENCH_OFFSET (default 2000) or starts one. The webhook subscription it creates is removed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SAMPLES="${1:-200}"; MAX_SECONDS="${2:-180}"; WARMUP="${3:-10}"
bench_install_tools curl jq
stack_ensure
cp="$(bench_system_tests_classpath)"
load_before="$(bench_load)"
bench_log "latency probe: $SAMPLES samples (at most ${MAX_SECONDS}s)"
timeout $((MAX_SECONDS + 120)) "$JAVA_HOME/bin/java" -Xmx256m -cp "$cp" \
  org.satupintu.benchmarks.NotificationLatencyBenchmark "$GATEWAY_URL" "$TOKEN_ENDPOINT" "$SAMPLES" "$MAX_SECONDS" \
  "$WARMUP" | tee "$BENCH_OUT/latency.txt"
load_after="$(bench_load)"
r="$(grep '^RESULT' "$BENCH_OUT/latency.txt")"
f() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $r"; }
rm -f "$BENCH_OUT/latency.env"
for k in samples submit_p50_ms submit_p99_ms inapp_p50_ms inapp_p99_ms webhook_p50_ms webhook_p99_ms; do
  bench_figure latency "$k" "$(f "$k")"
done
bench_figure latency load "$load_after"
bench_section latency <<MD
## Submit -> in-app notification and -> webhook

$(f samples) applications created and submitted through the gateway one at a time by \`ani\` (after $WARMUP
unmeasured), each timed from sending \`POST /api/applications/{id}/submit\` until (a) its \`submitted\`
notification arrived on \`ani\`'s live stream \`GET /api/notifications/stream\` (through the gateway; pushed when
notification-service has stored it) and (b) the signed webhook for office SULUT-MANADO (client
\`office-sulut-manado\`, subscribed for \`satupintu.application.submitted.v1\`) reached a receiver on 127.0.0.1.
Path: application-service outbox relay -> Kafka -> notification-service -> MongoDB-wire store -> stream / HTTP POST.

| | p50 ms | p99 ms | not seen within 30 s |
|---|---:|---:|---:|
| submit answered (200) | $(f submit_p50_ms) | $(f submit_p99_ms) | |
| submit -> in-app notification | $(f inapp_p50_ms) | $(f inapp_p99_ms) | $(f inapp_missed) |
| submit -> webhook received | $(f webhook_p50_ms) | $(f webhook_p99_ms) | $(f webhook_missed) |

Failed requests: $(f errors). Load average before: $load_before; after: $load_after.
MD
