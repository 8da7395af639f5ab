#!/usr/bin/env bash
# Where the CPU goes per request: JDK Flight Recorder (settings=profile) on the gateway, application-service,
# notification-service, document-service and the launcher (the embedded MongoDB-wire store and SMTP sink) while
# create+submit runs through the gateway, and separately while wrk reads GET /api/permit-types. Reported per process:
# CPU milliseconds per request (from /proc/<pid>/stat before and after, all cores), the hottest methods (leaf frames,
# `jfr view hot-methods`), the share of samples per library (the first frame outside the JDK) and, for the store,
# the samples per mongo-java-server command (scans show as matchDocumentsFromStream).
#
# Usage: benchmarks/profile.sh [seconds=60] [concurrency=32] [get-connections=64]
# Uses the local stack at BENCH_OFFSET (default 2000) or starts one. Recordings: benchmarks/target/profile/*.jfr
# (open them in JDK Mission Control for the full picture). Bounded in time; loopback only. Writes
# benchmarks/results/profile-<yyyy-mm-dd>.md (BENCH_SMOKE=1: benchmarks/target/out/profile-smoke.md).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUN_SECONDS="${1:-60}"; CONCURRENCY="${2:-32}"; GET_CONNECTIONS="${3:-64}"
TOP="${BENCH_PROFILE_TOP:-12}"
bench_install_tools wrk curl jq
stack_ensure
out="$REPO_ROOT/benchmarks/target/profile"
rm -rf "$out"; mkdir -p "$out"
cp="$(bench_system_tests_classpath)"
JFR="$JAVA_HOME/bin/jfr"; JCMD="$JAVA_HOME/bin/jcmd"
TICKS="$(getconf CLK_TCK)"

pid_on_port() { # port -> PID of the process listening on 127.0.0.1:<port>
  ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n1
}
declare -A PIDS=(
  [gateway]="$(pid_on_port $((8080 + BENCH_OFFSET)))"
  [application-service]="$(pid_on_port $((8081 + BENCH_OFFSET)))"
  [document-service]="$(pid_on_port $((8082 + BENCH_OFFSET)))"
  [notification-service]="$(pid_on_port $((8083 + BENCH_OFFSET)))"
  [store]="$(pid_on_port $((27017 + BENCH_OFFSET)))"
)
PROCS=(gateway application-service notification-service document-service store)
for p in "${PROCS[@]}"; do
  [ -n "${PIDS[$p]}" ] || { echo "bench: no process listening for $p at offset $BENCH_OFFSET" >&2; exit 1; }
  bench_log "$p: PID ${PIDS[$p]}"
done
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

record() { # phase command... -> runs the command with every process recording, writes $out/<phase>-<proc>.jfr
  local phase=$1; shift
  declare -gA CPU_BEFORE CPU_AFTER
  for p in "${PROCS[@]}"; do
    "$JCMD" "${PIDS[$p]}" JFR.start name="bench-$phase" settings=profile > /dev/null
    CPU_BEFORE[$p]="$(cpu_ticks "${PIDS[$p]}")"
  done
  "$@"
  for p in "${PROCS[@]}"; do
    CPU_AFTER[$p]="$(cpu_ticks "${PIDS[$p]}")"
    "$JCMD" "${PIDS[$p]}" JFR.stop name="bench-$phase" filename="$out/$phase-$p.jfr" > /dev/null
  done
}

libraries() { bench_jfr_libraries "$1"; }
store_operations() { # jfr file of the store -> share of samples per mongo-java-server operation (command handler)
  { grep -o 'AbstractMongoDatabase\.command[A-Za-z]*\|AbstractMongoCollection\.matchDocumentsFromStream' \
    "$1.samples.txt" || true; } | sort | uniq -c | sort -rn | awk -v top="$TOP" 'NR <= top { printf "%6d samples %s\n", $1, $2 }'
}
hot_methods() { bench_jfr_hot_methods "$1"; }

section() { # phase requests-label requests
  local phase=$1 label=$2 requests=$3 p
  echo "### $label"
  echo
  echo "| process | CPU s | CPU ms per request |"
  echo "|---|---:|---:|"
  for p in "${PROCS[@]}"; do
    local ticks=$(( CPU_AFTER[$p] - CPU_BEFORE[$p] ))
    awk -v t="$ticks" -v hz="$TICKS" -v n="$requests" -v p="$p" \
      'BEGIN { printf "| %s | %.1f | %.2f |\n", p, t / hz, (n > 0 ? 1000 * t / hz / n : 0) }'
  done
  echo
  for p in "${PROCS[@]}"; do
    echo "#### $p: hottest methods (share of execution samples)"
    echo
    echo '```'
    hot_methods "$out/$phase-$p.jfr"
    echo '```'
    echo
    echo "By library (the first frame from the top outside the JDK, three package segments):"
    echo
    echo '```'
    libraries "$out/$phase-$p.jfr"
    echo '```'
    echo
    if [ "$p" = store ]; then
      echo "Store operations on the stack (samples under each mongo-java-server command; \`matchDocumentsFromStream\` = a scan):"
      echo
      echo '```'
      store_operations "$out/$phase-$p.jfr"
      echo '```'
      echo
    fi
  done
}

load_before="$(bench_load)"
bench_log "warm-up: create+submit 15 s"
timeout 200 "$JAVA_HOME/bin/java" -Xmx256m -cp "$cp" org.satupintu.benchmarks.CreateSubmitBenchmark \
  "$GATEWAY_URL" "$TOKEN_ENDPOINT" 15 "$CONCURRENCY" > "$out/warmup.txt"

run_create_submit() {
  timeout $((RUN_SECONDS + 180)) "$JAVA_HOME/bin/java" -Xmx256m -cp "$cp" \
    org.satupintu.benchmarks.CreateSubmitBenchmark "$GATEWAY_URL" "$TOKEN_ENDPOINT" "$RUN_SECONDS" "$CONCURRENCY" \
    > "$out/create-submit.txt"
}
bench_log "recording create+submit for ${RUN_SECONDS}s at concurrency $CONCURRENCY"
record create-submit run_create_submit
declare -A CS_BEFORE CS_AFTER
for p in "${PROCS[@]}"; do CS_BEFORE[$p]=${CPU_BEFORE[$p]}; CS_AFTER[$p]=${CPU_AFTER[$p]}; done
r="$(grep '^RESULT' "$out/create-submit.txt")"
f() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $r"; }
# The benchmark measures the last part of the run; CPU is counted over the whole run, so count every pair sent.
cs_total="$(f total_pairs)"; [ -n "$cs_total" ] || cs_total="$(f pairs)"

token="$(bench_token ani)"
cat > "$out/report.lua" <<'EOF'
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d rps=%.1f\n", summary.requests, summary.requests / summary.duration * 1e6))
end
EOF
run_get() {
  timeout $((RUN_SECONDS + 30)) wrk -t2 -c"$GET_CONNECTIONS" -d"${RUN_SECONDS}s" --timeout 5s \
    -H "Authorization: Bearer $token" -s "$out/report.lua" "$GATEWAY_URL/api/permit-types" > "$out/get.txt" 2>&1
}
bench_log "recording GET /api/permit-types for ${RUN_SECONDS}s at $GET_CONNECTIONS connections"
record get run_get
get_requests="$(sed -n 's/^BENCH requests=\([0-9]*\).*/\1/p' "$out/get.txt")"
load_after="$(bench_load)"

{
  echo "## Where the CPU goes (JDK Flight Recorder)"
  echo
  echo "JFR \`settings=profile\` started with \`jcmd <pid> JFR.start\` on each process of the local stack at offset"
  echo "$BENCH_OFFSET while the load ran; CPU from \`/proc/<pid>/stat\` (user + system) over the same interval, divided"
  echo "by the requests of that phase. Create+submit: $CONCURRENCY concurrent, ${RUN_SECONDS} s, $cs_total pairs"
  echo "($(f pairs_per_second) pairs/s measured, p99 $(f p99_ms) ms). GET: wrk, $GET_CONNECTIONS connections, ${RUN_SECONDS} s,"
  echo "${get_requests:-?} requests. Load average before: $load_before; after: $load_after. Recordings:"
  echo "\`benchmarks/target/profile/*.jfr\`."
  echo
  declare -A tmpb tmpa
  for p in "${PROCS[@]}"; do tmpb[$p]=${CPU_BEFORE[$p]}; tmpa[$p]=${CPU_AFTER[$p]}; done
  for p in "${PROCS[@]}"; do CPU_BEFORE[$p]=${CS_BEFORE[$p]}; CPU_AFTER[$p]=${CS_AFTER[$p]}; done
  section create-submit "Create + submit (per pair)" "$cs_total"
  for p in "${PROCS[@]}"; do CPU_BEFORE[$p]=${tmpb[$p]}; CPU_AFTER[$p]=${tmpa[$p]}; done
  section get "GET /api/permit-types through the gateway (per request)" "${get_requests:-0}"
} | bench_section profile
bench_publish profile "benchmarks/profile.sh $*" "$load_before"
