#!/usr/bin/env bash
# JVM options of the service processes, chosen from measurement: the local stack started with each candidate set of
# options in turn (SATUPINTU_SERVICE_JAVA_OPTS), first without an AOT cache, then again with the AOT cache the first
# run recorded (JDK 25+), and under load. Per option set: stack start without / with the AOT cache (launch -> the
# "SatuPintu is running" banner, same data directory, so Kafka, Keycloak and the store start warm), the services'
# RSS at ready and after the load, GET /api/permit-types through the gateway (wrk, 64 connections) and create+submit
# (concurrency 32): BENCH_RUNS runs each (default 3), median and spread.
#
# Usage: benchmarks/jvm-options.sh [seconds-per-run=15]
#   BENCH_JVM_SETS="name=options;name=options" replaces the candidate sets below.
# Runs its own stacks at BENCH_OFFSET+200 (default 2200), one after the other, and stops each by PID. ~25 min.
# Writes benchmarks/results/jvm-options-<yyyy-mm-dd>.md (BENCH_SMOKE=1: benchmarks/target/out/jvm-options-smoke.md).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUN_SECONDS="${1:-15}"; RUNS="${BENCH_RUNS:-3}"
BENCH_OFFSET=$((BENCH_OFFSET + 200))
GATEWAY_URL="http://localhost:$((8080 + BENCH_OFFSET))"; KEYCLOAK_URL="http://localhost:$((8180 + BENCH_OFFSET))"
TOKEN_ENDPOINT="$KEYCLOAK_URL/realms/satupintu/protocol/openid-connect/token"
DEFAULT_SETS="quick-start=-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
DEFAULT_SETS+=";serial-c2=-Xms64m -Xmx512m -XX:+UseSerialGC"
DEFAULT_SETS+=";jvm-defaults=-Xmx512m"
IFS=';' read -r -a SETS <<< "${BENCH_JVM_SETS:-$DEFAULT_SETS}"
SERVICES=(gateway application-service document-service notification-service)
bench_install_tools wrk curl jq
bench_build -DskipTests install
cp="$(bench_system_tests_classpath)"
home="$REPO_ROOT/benchmarks/target/jvm-options-home"
dir="$REPO_ROOT/benchmarks/target/jvm-options"
rm -rf "$dir"; mkdir -p "$dir"
cat > "$dir/report.lua" <<'EOF'
done = function(summary, latency, requests)
  io.write(string.format("BENCH rps=%.1f p99_ms=%.2f non2xx=%d\n", summary.requests / summary.duration * 1e6,
    latency:percentile(99) / 1000, summary.errors.status))
end
EOF

start_stack() { # sets START_SECONDS: launch to banner (not in a subshell: stack_launch sets STACK_PID, STACK_LOG)
  local t0; t0="$(bench_now)"
  stack_launch "$home"
  stack_wait_ready 600
  START_SECONDS="$(awk -v a="$(bench_now)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')"
}
rss_total() { # -> "total (gateway/app/doc/notif)" MiB of the service processes
  local m pid parts=() total=0 r
  for m in "${SERVICES[@]}"; do
    pid="$(stack_pid_of "$m/target/runtime/app/$m.jar" || true)"
    r="$([ -n "$pid" ] && bench_rss_mib "$pid" || echo 0)"
    parts+=("$r"); total=$((total + r))
  done
  echo "$total ($(IFS=/; echo "${parts[*]}"))"
}
wait_for_aot() { # seconds: until the launcher reports an AOT cache for every service
  local deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    [ "$(grep -c 'Prepared a faster start for' "$STACK_LOG" 2>/dev/null || true)" -ge ${#SERVICES[@]} ] && return 0
    sleep 2
  done
  return 1
}

rows=""
load_before="$(bench_load)"
for set in "${SETS[@]}"; do
  name="${set%%=*}"; opts="${set#*=}"
  export SATUPINTU_SERVICE_JAVA_OPTS="$opts"
  bench_log "=== $name: $opts"
  for m in "${SERVICES[@]}"; do rm -f "$m/target/runtime/$m.aot"; done
  start_stack; cold="$START_SECONDS"
  bench_log "$name: started without AOT cache in ${cold}s; waiting for the AOT caches"
  aot_note=""
  wait_for_aot 420 || aot_note=" (AOT caches not all recorded)"
  stack_stop
  start_stack; warm="$START_SECONDS"
  rss_ready="$(rss_total)"
  bench_log "$name: started with AOT cache in ${warm}s; RSS at ready $rss_ready"
  token="$(bench_token ani)"
  timeout 60 wrk -t2 -c64 -d10s -H "Authorization: Bearer $token" "$GATEWAY_URL/api/permit-types" > /dev/null 2>&1 || true
  rps=(); p99=(); pairs=(); pair_p99=(); bad=0
  for run in $(seq "$RUNS"); do
    token="$(bench_token ani)"
    out="$(timeout $((RUN_SECONDS + 30)) wrk -t2 -c64 -d"${RUN_SECONDS}s" --timeout 5s --latency \
      -H "Authorization: Bearer $token" -s "$dir/report.lua" "$GATEWAY_URL/api/permit-types" 2>&1 | grep '^BENCH' || true)"
    rps+=("$(sed -n 's/.*rps=\([^ ]*\).*/\1/p' <<< "$out")"); p99+=("$(sed -n 's/.*p99_ms=\([^ ]*\).*/\1/p' <<< "$out")")
    bad=$((bad + $(sed -n 's/.*non2xx=\([0-9]*\).*/\1/p' <<< "$out" | grep . || echo 0)))
    r="$(timeout $((RUN_SECONDS + 180)) "$JAVA_HOME/bin/java" -Xmx256m -cp "$cp" \
      org.satupintu.benchmarks.CreateSubmitBenchmark "$GATEWAY_URL" "$TOKEN_ENDPOINT" "$((RUN_SECONDS + 5))" 32 \
      | grep '^RESULT' || true)"
    pairs+=("$(sed -n 's/.* pairs_per_second=\([^ ]*\).*/\1/p' <<< "$r")")
    pair_p99+=("$(sed -n 's/.* p99_ms=\([^ ]*\).*/\1/p' <<< "$r")")
    bench_log "$name run $run: GET $out; create+submit $r"
  done
  rss_load="$(rss_total)"
  stack_stop
  key="$(tr -c 'a-z0-9\n' '_' <<< "$name")"
  bench_figure jvm-options "${key}_start_s" "$cold"; bench_figure jvm-options "${key}_start_aot_s" "$warm"
  bench_figure jvm-options "${key}_get_rps" "$(bench_median "${rps[@]}")"
  bench_figure jvm-options "${key}_pairs_per_second" "$(bench_median "${pairs[@]}")"
  rows+="| $name | \`$opts\` | $cold | $warm$aot_note | $rss_ready | $(bench_median "${rps[@]}") ($(bench_spread "${rps[@]}")) | $(bench_median "${p99[@]}") | $bad | $(bench_median "${pairs[@]}") ($(bench_spread "${pairs[@]}")) | $(bench_median "${pair_p99[@]}") | $rss_load | $(bench_load) |
"
done
unset SATUPINTU_SERVICE_JAVA_OPTS
bench_section jvm-options <<MD
## JVM options of the services

Each set of options given to all four services (\`SATUPINTU_SERVICE_JAVA_OPTS\`), one local stack at a time at port
offset $BENCH_OFFSET on the same data directory. Start: launch -> banner, first with no AOT cache, then with the cache
the first run recorded (JDK 25+). RSS: the four services together (gateway/application/document/notification), MiB.
GET: wrk, 64 connections, ${RUN_SECONDS} s per run after 10 s of warm-up; create+submit: concurrency 32,
$((RUN_SECONDS + 5)) s per run (the first sixth is warm-up). $RUNS runs each, median (spread). Kafka, Keycloak and the
launcher keep their own options throughout.

| set | options | start s, no AOT | start s, AOT | RSS at ready | GET req/s | GET p99 ms | GET non-2xx | create+submit pairs/s | pair p99 ms | RSS after load | load avg after |
|---|---|---:|---:|---|---:|---:|---:|---:|---:|---|---|
$rows
Load average before: $load_before; after: $(bench_load).
MD
bench_publish jvm-options "benchmarks/jvm-options.sh $*" "$load_before"
