#!/usr/bin/env bash
# Start-up of the whole local stack (./run-local.sh), cold then warm, and each service's ready time and RSS.
#
# Cold: a fresh data directory (new Kafka log and cluster id, Keycloak database created and the realm imported, empty
#   MongoDB-wire store, permit catalog seeded) and no extracted service jars or AOT caches in this checkout
#   (<service>/target/runtime removed). Not cleared: the Keycloak distribution unpacked and built once in
#   ~/.cache/satupintu (a one-time install, like downloading it), Maven's repository, and the OS page cache (this
#   machine is shared; dropping it would slow everyone else down).
# Warm: the second start on the same data directory, after the first run has recorded the AOT caches
#   (JDK 25+: the local stack records them in the background once it is up; this script waits for them).
#
# Ready time of a service: from its JVM's start (/proc/<pid>/stat) to the first 200 of /actuator/health/readiness,
# polled every ~0.2 s. Stack ready: from launching ./run-local.sh to its "SatuPintu is running" banner. RSS: ps, right
# after the stack is ready. The launcher's JVM also hosts the MongoDB-wire store and the SMTP sink.
#
# Usage: benchmarks/startup.sh [aot-wait-seconds=420]. Runs its own stacks at BENCH_OFFSET+100 (default 2100).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
AOT_WAIT="${1:-420}"
BENCH_OFFSET=$((BENCH_OFFSET + 100))
GATEWAY_URL="http://localhost:$((8080 + BENCH_OFFSET))"; KEYCLOAK_URL="http://localhost:$((8180 + BENCH_OFFSET))"
bench_install_tools curl
bench_build -DskipTests install

SERVICES=(application-service document-service notification-service gateway)
declare -A PORT=([gateway]=$((8080 + BENCH_OFFSET)) [application-service]=$((8081 + BENCH_OFFSET))
  [document-service]=$((8082 + BENCH_OFFSET)) [notification-service]=$((8083 + BENCH_OFFSET)))
HZ="$(getconf CLK_TCK)"
home="$REPO_ROOT/benchmarks/target/startup-home"
rm -f "$BENCH_OUT/startup.env"

proc_start() { # pid -> start time in seconds since boot
  awk -v hz="$HZ" '{ sub(/.*\) /, ""); split($0, f, " "); printf "%.2f", f[20] / hz }' "/proc/$1/stat"
}
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }

# measure <label>: one start; fills the associative arrays below and the row variables.
declare -A READY RSS SPRING
measure() {
  local label=$1 t0 deadline m pid s now
  declare -A pids=() ready_at=()
  local kc_ready="" kafka_ready=""
  t0="$(bench_now)"
  stack_launch "$home"
  deadline=$((SECONDS + 480))
  while ((SECONDS < deadline)); do
    now="$(bench_now)"
    for m in "${SERVICES[@]}"; do
      [ -n "${pids[$m]:-}" ] || pids[$m]="$(stack_pid_of "$m/target/runtime/app/$m.jar" || true)"
      if [ -z "${ready_at[$m]:-}" ] && [ -n "${pids[$m]}" ] &&
        [ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:${PORT[$m]}/actuator/health/readiness")" = 200 ]; then
        ready_at[$m]="$now"
      fi
    done
    if [ -z "$kc_ready" ] && [ "$(bench_http_status "$KEYCLOAK_URL/realms/satupintu/.well-known/openid-configuration")" = 200 ]; then
      kc_ready="$now"
    fi
    if [ -z "$kafka_ready" ] && (exec 3<>"/dev/tcp/127.0.0.1/$((9092 + BENCH_OFFSET))") 2>/dev/null; then kafka_ready="$now"; fi
    if grep -q "SatuPintu is running" "$STACK_LOG" 2>/dev/null; then break; fi
    if ! kill -0 "$STACK_PID" 2>/dev/null; then
      echo "bench: the $label start failed; last lines of $STACK_LOG:" >&2; tail -n 20 "$STACK_LOG" >&2; return 1
    fi
    sleep 0.2
  done
  local t_up; t_up="$(bench_now)"
  grep -q "SatuPintu is running" "$STACK_LOG" || { echo "bench: $label start timed out" >&2; return 1; }
  mapfile -t STACK_DESCENDANTS < <(bench_descendants "$STACK_PID")
  READY[$label,stack]="$(sub "$t_up" "$t0")"
  READY[$label,banner]="$(sed -n 's/.*ready in \([0-9.]*\) s.*/\1/p' "$STACK_LOG" | head -n1)"
  for m in "${SERVICES[@]}"; do
    pid="${pids[$m]}"
    READY[$label,$m]="$(sub "${ready_at[$m]:-$t_up}" "$(proc_start "$pid")")"
    RSS[$label,$m]="$(bench_rss_mib "$pid")"
    SPRING[$label,$m]="$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' \
      "$home/logs/$m.log" | tail -n1 | sed 's/Started [A-Za-z]* in \([0-9.]*\) seconds (process running for \([0-9.]*\))/\1 \/ \2/')"
  done
  pid="$(stack_pid_of 'kc.script.pid' || true)"
  RSS[$label,keycloak]="$( [ -n "$pid" ] && bench_rss_mib "$pid" || echo '?')"
  READY[$label,keycloak]="$( [ -n "$kc_ready" ] && sub "$kc_ready" "$t0" || echo '?')"
  pid="$(stack_pid_of 'kafka.Kafka' || true)"
  RSS[$label,kafka]="$( [ -n "$pid" ] && bench_rss_mib "$pid" || echo '?')"
  READY[$label,kafka]="$( [ -n "$kafka_ready" ] && sub "$kafka_ready" "$t0" || echo '?')"
  RSS[$label,launcher]="$(bench_rss_mib "$STACK_PID")"
  local total=0 p
  for p in "$STACK_PID" $(bench_descendants "$STACK_PID"); do
    total=$((total + $(ps -o rss= -p "$p" 2>/dev/null || echo 0)))
  done
  RSS[$label,total]=$((total / 1024))
  READY[$label,load]="$(bench_load)"
  bench_log "$label start: stack ready in ${READY[$label,stack]} s (load ${READY[$label,load]})"
}

# ---- cold
bench_log "cold start: fresh data directory, no extracted jars or AOT caches"
# The launcher gives Kafka 90 s and Keycloak 180 s; on a machine shared with other builds a start can miss that.
# Such a failed attempt is noted and the start repeated (at most 3 attempts), from the same initial state.
declare -A ATTEMPTS
attempt_start() { # label prepare-command
  local n
  for n in 1 2 3; do
    ATTEMPTS[$1]=$n
    eval "$2"
    if measure "$1"; then return 0; fi
    bench_log "$1 start, attempt $n failed (load $(bench_load)): $(grep -m1 'failed to start' "$STACK_LOG" || true)"
    stack_stop
    sleep 5
  done
  return 1
}
load_cold_before="$(bench_load)"
attempt_start cold 'rm -rf "$home"; for m in "${SERVICES[@]}"; do rm -rf "$m/target/runtime"; done'
aot_state="recorded"
bench_log "waiting (at most ${AOT_WAIT}s) for the AOT caches the stack records in the background"
aot_deadline=$((SECONDS + AOT_WAIT))
while ((SECONDS < aot_deadline)); do
  missing=0
  for m in "${SERVICES[@]}"; do [ -f "$m/target/runtime/$m.aot" ] || missing=$((missing + 1)); done
  ((missing == 0)) && break
  kill -0 "$STACK_PID" 2>/dev/null || break
  sleep 2
done
if ((missing > 0)); then
  if "$JAVA_HOME/bin/java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCache; then
    aot_state="missing for $missing of 4 services after ${AOT_WAIT}s"
  else
    aot_state="not available (JDK < 25)"
  fi
fi
stack_stop

# ---- warm
bench_log "warm start: same data directory, AOT caches $aot_state"
sleep 3
load_warm_before="$(bench_load)"
attempt_start warm ':'
stack_stop

for l in cold warm; do
  bench_figure startup "${l}_stack_s" "${READY[$l,stack]}"
  bench_figure startup "${l}_load" "${READY[$l,load]}"
  bench_figure startup "${l}_total_rss_mib" "${RSS[$l,total]}"
  for m in "${SERVICES[@]}"; do
    bench_figure startup "${l}_${m}_ready_s" "${READY[$l,$m]}"; bench_figure startup "${l}_${m}_rss_mib" "${RSS[$l,$m]}"
  done
done
row() { # name label -> cells
  echo "| ${READY[cold,$1]} | ${READY[warm,$1]} | ${RSS[cold,$1]} | ${RSS[warm,$1]} |"
}
bench_section startup <<MD
## Start-up: whole stack cold and warm, each service's ready time and RSS

**Cold** = fresh data directory (Kafka formatted, Keycloak database created and realm imported, empty store, catalog
seeded) and no extracted service jars or AOT caches in the checkout; the Keycloak distribution built once in
\`~/.cache/satupintu\`, Maven's repository and the OS page cache were kept. **Warm** = second start on the same data,
with the AOT caches (JDK 25 \`-XX:AOTCache\`) that the first run recorded in the background: $aot_state.
Services start in parallel with Kafka and Keycloak on $(nproc) cores, JVM options
\`${SATUPINTU_SERVICE_JAVA_OPTS:-"-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"}\`.

| whole stack (\`./run-local.sh\` to banner) | cold | warm |
|---|---:|---:|
| ready, s | ${READY[cold,stack]} | ${READY[warm,stack]} |
| launcher's own figure ("ready in"), s | ${READY[cold,banner]} | ${READY[warm,banner]} |
| RSS of every process of the stack, MiB | ${RSS[cold,total]} | ${RSS[warm,total]} |
| load average when ready | ${READY[cold,load]} | ${READY[warm,load]} |
| attempts needed (launcher time-outs under load) | ${ATTEMPTS[cold]} | ${ATTEMPTS[warm]} |

| process | ready s (cold) | ready s (warm) | RSS MiB (cold) | RSS MiB (warm) |
|---|---:|---:|---:|---:|
$(for m in "${SERVICES[@]}"; do echo "| $m (JVM start -> readiness 200) $(row "$m")"; done)
| Kafka broker (launch -> port open) $(row kafka)
| Keycloak (launch -> realm discovery 200) $(row keycloak)
| launcher (MongoDB-wire store, SMTP sink) | | | ${RSS[cold,launcher]} | ${RSS[warm,launcher]} |

Spring Boot's own "Started in / process running for" (s), cold -> warm:
$(for m in "${SERVICES[@]}"; do echo "- $m: ${SPRING[cold,$m]} -> ${SPRING[warm,$m]}"; done)

Load average before the cold start: $load_cold_before; before the warm start: $load_warm_before.
MD
