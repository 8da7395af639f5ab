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
# The scripts it calls publish nothing of their own: this run writes one results file.
export BENCH_RUN_ALL=1

started_at="$(date '+%Y-%m-%d %H:%M %Z')"
stamp="$(date +%Y%m%d-%H%M%S)"
export BENCH_OUT="$REPO_ROOT/benchmarks/target/run-$stamp"
export BENCH_OFFSET BENCH_SKIP_BUILD=1
mkdir -p "$BENCH_OUT"
if [ "${BENCH_QUICK:-}" = 1 ]; then
  results="$REPO_ROOT/benchmarks/target/results-quick-$stamp.md"
  A_STARTUP=(120); A_LATENCY=(20 60 3 8); A_GATEWAY=(3 16,64 2); A_CREATE=(15 32); A_UPLOAD=(10 1 256m); A_FANOUT=(300 60 3)
  export BENCH_WARMUP_SECONDS=3 BENCH_RUNS=1
else
  results="$REPO_ROOT/benchmarks/results/$(date +%F).md"
  A_STARTUP=(420); A_LATENCY=(200 180 10); A_GATEWAY=(20 1,16,64,256 2); A_CREATE=(60 32); A_UPLOAD=(50 3 256m); A_FANOUT=(2000 120 3)
fi
command_line="benchmarks/run-all.sh${BENCH_QUICK:+ (BENCH_QUICK=1)}"
load_start="$(bench_load)"
bench_log "results will go to $results; raw output in $BENCH_OUT"

bench_install_tools nginx wrk curl jq
bench_log "building once: ./mvnw -B -o -q -DskipTests install"
./mvnw -B -o -q -DskipTests install

commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks/results' || echo ' with local changes')"
cat > "$BENCH_OUT/meta.env" <<META
started_at='$started_at'
run_date='$(date +%F)'
command_line='$command_line'
commit='$commit'
load_start='$load_start'
offset='$BENCH_OFFSET'
results='$results'
create_seconds='${A_CREATE[0]}'
create_connections='${A_CREATE[1]}'
upload_mb='${A_UPLOAD[0]}'
upload_xmx='${A_UPLOAD[2]}'
steps_rerun=''
META

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

benchmarks/compose-results.sh "$BENCH_OUT"
[ ${#failed[@]} -eq 0 ]
