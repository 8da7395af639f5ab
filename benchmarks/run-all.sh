#!/usr/bin/env bash
# Every benchmark in one run on this machine, and a dated results file: benchmarks/results/<yyyy-mm-dd>.md.
#
#   benchmarks/run-all.sh            # the full suite, about 25 minutes on 2 cores
#   BENCH_QUICK=1 benchmarks/run-all.sh   # a short smoke run (results in benchmarks/target/, not committed)
#
# Order: build once; start-up cold and warm (own stacks); one local stack at BENCH_OFFSET (default 2000) for the
# latency probe, gateway vs nginx and create+submit, then RSS after that load; the stack stopped; upload vs nginx and
# notification fan-out (their own in-process infrastructure). Loopback only; every step is bounded in time or count;
# every process started is stopped by PID, also on failure. A failing benchmark is reported and the others still run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

started_at="$(date '+%Y-%m-%d %H:%M %Z')"
stamp="$(date +%Y%m%d-%H%M%S)"
export BENCH_OUT="$REPO_ROOT/benchmarks/target/run-$stamp"
export BENCH_OFFSET BENCH_SKIP_BUILD=1
mkdir -p "$BENCH_OUT"
if [ "${BENCH_QUICK:-}" = 1 ]; then
  results="$REPO_ROOT/benchmarks/target/results-quick-$stamp.md"
  A_STARTUP=(120); A_LATENCY=(20 60 3); A_GATEWAY=(5 16 2); A_CREATE=(15 8); A_UPLOAD=(10 1 256m); A_FANOUT=(300 60 3)
  export BENCH_WARMUP_SECONDS=3
else
  results="$REPO_ROOT/benchmarks/results/$(date +%F).md"
  A_STARTUP=(420); A_LATENCY=(200 180 10); A_GATEWAY=(30 16 2); A_CREATE=(60 8); A_UPLOAD=(50 3 256m); A_FANOUT=(2000 120 3)
fi
command_line="benchmarks/run-all.sh${BENCH_QUICK:+ (BENCH_QUICK=1)}"
load_start="$(bench_load)"
bench_log "results will go to $results; raw output in $BENCH_OUT"

bench_install_tools nginx wrk curl jq
bench_log "building once: ./mvnw -B -o -q -DskipTests install"
./mvnw -B -o -q -DskipTests install

failed=()
step() { # name script args...
  local name=$1; shift
  bench_log "=== $name"
  if ! "$@" > "$BENCH_OUT/$name.log" 2>&1; then
    failed+=("$name")
    bench_log "$name FAILED (see $BENCH_OUT/$name.log)"
    { echo "## $name: failed"; echo; echo '```'; tail -n 25 "$BENCH_OUT/$name.log"; echo '```'; } > "$BENCH_OUT/$name.md"
  fi
}

step startup benchmarks/startup.sh "${A_STARTUP[@]}"

bench_log "=== starting the local stack for the load benchmarks"
stack_ok=true
stack_ensure || stack_ok=false
if $stack_ok; then
  step latency benchmarks/latency.sh "${A_LATENCY[@]}"
  step gateway-vs-nginx benchmarks/gateway-vs-nginx.sh "${A_GATEWAY[@]}"
  step create-submit benchmarks/create-submit.sh "${A_CREATE[@]}"
  {
    echo "## RSS after the load benchmarks"
    echo
    echo "Resident set size of each process of the stack used above, after the latency, gateway and create+submit runs."
    echo
    echo "| process | RSS MiB |"
    echo "|---|---:|"
    for m in application-service document-service notification-service gateway; do
      pid="$(stack_pid_of "$m/target/runtime/app/$m.jar" || true)"
      echo "| $m | $([ -n "$pid" ] && bench_rss_mib "$pid" || echo '?') |"
    done
    pid="$(stack_pid_of kafka.Kafka || true)"; echo "| Kafka broker | $([ -n "$pid" ] && bench_rss_mib "$pid" || echo '?') |"
    pid="$(stack_pid_of kc.script.pid || true)"; echo "| Keycloak | $([ -n "$pid" ] && bench_rss_mib "$pid" || echo '?') |"
    echo "| launcher (MongoDB-wire store, SMTP sink) | $(bench_rss_mib "$STACK_PID") |"
    echo
    echo "Load average: $(bench_load)."
  } > "$BENCH_OUT/rss-after-load.md"
  stack_stop
else
  failed+=("local-stack")
  for n in latency gateway-vs-nginx create-submit; do
    printf '## %s: not run\n\nThe local stack did not start (see %s).\n' "$n" "$STACK_LOG" > "$BENCH_OUT/$n.md"
  done
fi

step upload benchmarks/upload-vs-nginx.sh "${A_UPLOAD[@]}"
step fanout benchmarks/fanout.sh "${A_FANOUT[@]}"

# ---- the results file
v() { # name key -> value or "–"
  local line
  line="$(grep -m1 "^$2=" "$BENCH_OUT/$1.env" 2>/dev/null || true)"
  [ -n "$line" ] && echo "${line#*=}" || echo "–"
}
mkdir -p "$(dirname "$results")"
{
  echo "# SatuPintu benchmarks, $(date +%F)"
  echo
  echo "- **Run:** $started_at, \`$command_line\`, commit \`$(git rev-parse --short HEAD)\`$(git diff --quiet HEAD -- . ':!benchmarks/results' || echo ' (with local changes)')."
  echo "- **Machine:** $(bench_machine)."
  echo "- **Load average (1/5/15 min)** at the start: $load_start; at the end: $(bench_load). The machine was shared"
  echo "  with other engineers' builds and tests during the run, so absolute figures are low and noisy; the ratios"
  echo "  compare two systems measured back to back in the same run under the same conditions."
  echo "- Everything on 127.0.0.1; local stack at port offset $BENCH_OFFSET; $(( ${#failed[@]} )) step(s) failed${failed[*]:+: ${failed[*]}}."
  echo
  echo "| benchmark | SatuPintu | peer | ratio SatuPintu / peer | load avg after |"
  echo "|---|---:|---:|---:|---|"
  echo "| GET /api/permit-types, requests/s: gateway (JWT) vs nginx, same backend | $(v gateway-vs-nginx gateway_rps) | $(v gateway-vs-nginx nginx_rps) | $(v gateway-vs-nginx rps_ratio) | $(v gateway-vs-nginx load) |"
  echo "| GET /api/permit-types, p99 ms: gateway (JWT) vs nginx | $(v gateway-vs-nginx gateway_p99) | $(v gateway-vs-nginx nginx_p99) | $(v gateway-vs-nginx p99_ratio) | |"
  echo "| create+submit through the gateway, pairs/s (${A_CREATE[0]} s, ${A_CREATE[1]} connections) | $(v create-submit pairs_per_second) | | | $(v create-submit load) |"
  echo "| create+submit, p50 / p99 ms per pair | $(v create-submit p50_ms) / $(v create-submit p99_ms) | | | |"
  echo "| submit -> in-app notification, p50 / p99 ms | $(v latency inapp_p50_ms) / $(v latency inapp_p99_ms) | | | $(v latency load) |"
  echo "| submit -> webhook received, p50 / p99 ms | $(v latency webhook_p50_ms) / $(v latency webhook_p99_ms) | | | |"
  echo "| notification fan-out, in-app notifications/s (events/s) | $(v fanout in_app_per_second) ($(v fanout events_per_second)) | | | $(v fanout load) |"
  echo "| ${A_UPLOAD[0]} MiB upload, MB/s: document-service -Xmx${A_UPLOAD[2]} vs nginx to disk | $(v upload service_mbps) | $(v upload nginx_mbps) | $(v upload ratio) | $(v upload load) |"
  echo "| whole stack start, s: cold / warm | $(v startup cold_stack_s) / $(v startup warm_stack_s) | | | $(v startup cold_load) / $(v startup warm_load) |"
  for m in gateway application-service document-service notification-service; do
    echo "| $m ready s (cold / warm), RSS MiB at ready (warm) | $(v startup "cold_${m}_ready_s") / $(v startup "warm_${m}_ready_s"), $(v startup "warm_${m}_rss_mib") MiB | | | |"
  done
  echo "| RSS of the whole stack at ready, MiB (warm) | $(v startup warm_total_rss_mib) | | | |"
  echo
  for n in gateway-vs-nginx create-submit latency fanout upload startup rss-after-load; do
    if [ -f "$BENCH_OUT/$n.md" ]; then cat "$BENCH_OUT/$n.md"; echo; fi
  done
  echo "## How to rerun"
  echo
  echo "\`benchmarks/run-all.sh\` (all of the above, this file), or one script at a time: see \`benchmarks/README.md\`."
} > "$results.tmp"
mv "$results.tmp" "$results"
bench_log "results: $results"
cat "$results"
[ ${#failed[@]} -eq 0 ]
