# Shared helpers of the benchmark scripts (sourced, not run). Everything stays on 127.0.0.1, every wait is bounded,
# and every process a script starts is stopped by its PID when the script exits, also on failure or Ctrl-C.
#
# Settings (environment):
#   BENCH_OFFSET       port offset of the local stack the benchmarks use (default 2000: gateway 10080, Keycloak
#                      10180, ...). A stack already answering there is reused; otherwise the script starts one
#                      (./run-local.sh, data in benchmarks/target/stack-<offset>) and stops it at the end.
#   BENCH_SKIP_BUILD=1 do not build first (run-all.sh builds once and sets it).
#   BENCH_OUT          where sections and raw output go (default benchmarks/target/out).

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
REPO_ROOT="$(pwd)"
JAVA_HOME="$(bin/find-jdk.sh)"; export JAVA_HOME
BENCH_OFFSET="${BENCH_OFFSET:-2000}"
BENCH_OUT="${BENCH_OUT:-$REPO_ROOT/benchmarks/target/out}"
mkdir -p "$BENCH_OUT"

GATEWAY_URL="http://localhost:$((8080 + BENCH_OFFSET))"
APP_SERVICE_URL="http://127.0.0.1:$((8081 + BENCH_OFFSET))"
KEYCLOAK_URL="http://localhost:$((8180 + BENCH_OFFSET))"
TOKEN_ENDPOINT="$KEYCLOAK_URL/realms/satupintu/protocol/openid-connect/token"

# ---------------------------------------------------------------------------------------------------------------
# Cleanup: scripts register PIDs; on exit each is sent SIGTERM, given a grace period, then SIGKILL.
BENCH_PIDS=()
BENCH_CLEANUPS=()
bench_track() { BENCH_PIDS+=("$@"); }
bench_on_exit() { BENCH_CLEANUPS+=("$1"); }
bench_stop_pid() { # pid [grace-seconds]
  local pid=$1 grace=${2:-30} i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  echo "bench: PID $pid did not stop within ${grace}s, killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}
bench_cleanup() {
  local rc=$? i
  trap - EXIT INT TERM
  for ((i = ${#BENCH_CLEANUPS[@]} - 1; i >= 0; i--)); do eval "${BENCH_CLEANUPS[$i]}" || true; done
  for ((i = ${#BENCH_PIDS[@]} - 1; i >= 0; i--)); do bench_stop_pid "${BENCH_PIDS[$i]}" 30; done
  exit "$rc"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------------------
bench_log() { echo "[$(date +%T)] $*" >&2; }
bench_load() { cut -d' ' -f1-3 /proc/loadavg; }
bench_now() { cut -d' ' -f1 /proc/uptime; }   # seconds since boot, the clock /proc/<pid>/stat uses
bench_machine() {
  local jdk
  jdk="$("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)"
  printf '%s cores (nproc), %s GiB memory, %s, kernel %s; JDK %s (%s)' "$(nproc)" \
    "$(awk '/MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')" "$(uname -r)" "$jdk" "$JAVA_HOME"
}
# A section of the results: printed, and written to $BENCH_OUT/<name>.md for run-all.sh to collect.
bench_section() { # name (markdown on stdin)
  tee "$BENCH_OUT/$1.md"
}
# A standalone full run of a script whose section run-all.sh does not collect (profile.sh, jvm-options.sh) writes
# its section, with the commit, machine, command and load average, to benchmarks/results/<name>-<yyyy-mm-dd>.md;
# a smoke run (BENCH_SMOKE=1) writes benchmarks/target/out/<name>-smoke.md instead.
bench_publish() { # name command-line load-before
  local file commit
  if [ "${BENCH_SMOKE:-}" = 1 ]; then file="$REPO_ROOT/benchmarks/target/out/$1-smoke.md"
  else file="$REPO_ROOT/benchmarks/results/$1-$(date -u +%F).md"; fi
  mkdir -p "$(dirname "$file")"
  commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!benchmarks/results' || echo ' with local changes')"
  {
    echo "# $1, $(date -u +%F)"
    echo
    echo "- **Command:** \`$2\`, commit \`$commit\`, $(date -u '+%H:%M') UTC (end)."
    echo "- **Machine:** $(bench_machine)."
    echo "- **Load average (1/5/15 min)** before: $3; after: $(bench_load). Run alone: no build, test or other"
    echo "  benchmark at the same time."
    echo
    cat "$BENCH_OUT/$1.md"
  } > "$file"
  bench_log "results written to $file"
}
# JDK Flight Recorder: BENCH_JFR=1 makes fanout.sh and upload-vs-nginx.sh record their JVMs (settings=profile) and add
# what the recordings show to their sections (profile.sh records the local stack the same way).
bench_jfr_option() { # -> the system property that makes a Java benchmark record its measured phase into $BENCH_OUT
  # (test-support FlightRecording) when BENCH_JFR=1, else nothing
  if [ "${BENCH_JFR:-}" = 1 ]; then echo "-Dbench.jfr.dir=$BENCH_OUT"; fi
}
bench_jfr_hot_methods() { # jfr file -> "share method" lines, the top BENCH_PROFILE_TOP (12)
  "$JAVA_HOME/bin/jfr" view --width 250 hot-methods "$1" | awk -v top="${BENCH_PROFILE_TOP:-12}" '
    NR > 4 && NF >= 3 && $1 !~ /^-+$/ && shown < top { pct = $NF; $NF = ""; $(NF - 1) = ""; sub(/[ ]+$/, "");
      printf "%s %s\n", pct, $0; shown++ }'
}
bench_jfr_libraries() { # jfr file -> "share library" lines: per sample, the first frame from the top that is not the
  # JDK's own (java., jdk., sun., javax.), so the time a library spends in JDK code counts for the library
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 96 "$1" > "$1.samples.txt"
  awk '
    /stackTrace = \[/ { ins = 1; lib = ""; next }
    ins && /^[ \t]*\]/ { ins = 0; if (lib == "") lib = "(JDK only)"; count[lib]++; total++; next }
    ins && lib == "" { f = $1; if (f !~ /^(java|jdk|sun|com\.sun|javax)\./) { n = split(f, seg, "."); lib = seg[1];
      for (i = 2; i <= 3 && i < n - 1; i++) lib = lib "." seg[i] } }
    END { for (l in count) printf "%.1f%% %s\n", 100 * count[l] / total, l }' "$1.samples.txt" | sort -rn |
    awk -v top="${BENCH_PROFILE_TOP:-12}" 'NR <= top'
}
bench_jfr_cpu() { # jfr file -> "JVM x % of the machine (user+system), machine y %": means of jdk.CPULoad (every second)
  "$JAVA_HOME/bin/jfr" print --events jdk.CPULoad "$1" | awk '
    /jvmUser =/ { gsub("%", "", $3); u += $3; n++ } /jvmSystem =/ { gsub("%", "", $3); s += $3 }
    /machineTotal =/ { gsub("%", "", $3); m += $3 }
    END { if (n) printf "JVM %.0f %% of the machine (user+system), machine %.0f %% (means of %d samples)", (u + s) / n, m / n, n
          else printf "no CPU samples" }'
}
bench_jfr_mean() { # jfr-file field -> mean of jdk.CPULoad's field (jvmUser, jvmSystem, machineTotal) in percent
  "$JAVA_HOME/bin/jfr" print --events jdk.CPULoad "$1" | awk -v f="$2" '$1 == f { gsub("%", "", $3); t += $3; n++ }
    END { if (n) printf "%.1f", t / n; else print "0" }'
}
bench_jfr_summary() { # title jfr-file -> markdown: CPU, hottest methods, share per library
  [ -f "$2" ] || { echo "($1: no recording at $2)"; return 0; }
  echo "#### $1"
  echo
  echo "CPU while recording: $(bench_jfr_cpu "$2")."
  echo
  echo "Hottest methods (share of execution samples):"
  echo
  echo '```'
  bench_jfr_hot_methods "$2"
  echo '```'
  echo
  echo "By library (the first frame from the top outside the JDK, three package segments):"
  echo
  echo '```'
  bench_jfr_libraries "$2"
  echo '```'
  echo
}
# key=value figures for the summary table of run-all.sh.
bench_figure() { # name key value
  echo "$2=$3" >> "$BENCH_OUT/$1.env"
}

bench_build() { # maven args...
  if [ "${BENCH_SKIP_BUILD:-}" = 1 ]; then return 0; fi
  bench_log "building: ./mvnw -B -o -q $*"
  ./mvnw -B -o -q "$@"
}

# The test classpath of system-tests, for the Java load clients (HdrHistogram, Jackson). Compiles them against the
# installed modules (run-all.sh and stack_ensure install first; otherwise ./mvnw -DskipTests install once).
bench_system_tests_classpath() {
  ./mvnw -B -o -q -pl system-tests test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >&2
  echo "system-tests/target/test-classes:$(cat system-tests/target/bench-classpath.txt)"
}

bench_install_tools() { # commands...
  local missing=() c
  for c in "$@"; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  bench_log "installing ${missing[*]} (apt-get)"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -q "${missing[@]}" >/dev/null || { $sudo apt-get update -q >/dev/null && \
    $sudo apt-get install -y -q "${missing[@]}" >/dev/null; }
  # Debian's package may start a system nginx on port 80; the benchmarks never use it, and leave it alone.
}

bench_free_port() {
  local p
  for ((p = 20000 + RANDOM % 20000; ; p = 20000 + RANDOM % 20000)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

bench_http_status() { curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true; }

bench_token() { # user -> access token (password grant, public client satupintu-web)
  curl -sf -m 20 -d grant_type=password -d client_id=satupintu-web -d "username=$1" -d "password=$1" \
    "$TOKEN_ENDPOINT" | jq -r .access_token
}

# ---------------------------------------------------------------------------------------------------------------
# The local stack. STACK_PID is the launcher's PID (./run-local.sh execs the LocalStack JVM, which stops its whole
# tree on SIGTERM); its descendants are remembered too and killed by PID if the launcher leaves any behind.
STACK_PID=""
STACK_HOME=""
STACK_LOG=""
STACK_DESCENDANTS=()

bench_descendants() { # pid -> every descendant PID
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do echo "$child"; bench_descendants "$child"; done
}

stack_is_up() {
  [ "$(bench_http_status "$GATEWAY_URL/actuator/health/readiness")" = 200 ] &&
    [ "$(bench_http_status "$KEYCLOAK_URL/realms/satupintu/.well-known/openid-configuration")" = 200 ]
}

# stack_launch <home>: starts ./run-local.sh in the background (does not wait). Sets STACK_PID, STACK_LOG.
stack_launch() {
  STACK_HOME="$1"
  mkdir -p "$STACK_HOME"
  STACK_LOG="$STACK_HOME/run-local.out"
  # The jars are built (bench_build / run-all.sh): tell run-local.sh so it does not build again.
  mkdir -p .local && touch .local/build.stamp
  SATUPINTU_HOME="$STACK_HOME" SATUPINTU_PORT_OFFSET="$BENCH_OFFSET" \
    SATUPINTU_EDGE_APILIMIT="${SATUPINTU_EDGE_APILIMIT:-10000000}" \
    ./run-local.sh > "$STACK_LOG" 2>&1 &
  STACK_PID=$!
  bench_on_exit "stack_stop"
}

stack_wait_ready() { # timeout-seconds
  local deadline=$((SECONDS + ${1:-420}))
  while ((SECONDS < deadline)); do
    if grep -q "SatuPintu is running" "$STACK_LOG" 2>/dev/null; then
      mapfile -t STACK_DESCENDANTS < <(bench_descendants "$STACK_PID")
      return 0
    fi
    if ! kill -0 "$STACK_PID" 2>/dev/null; then
      echo "bench: the local stack exited; last lines of $STACK_LOG:" >&2; tail -n 30 "$STACK_LOG" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "bench: the local stack did not get ready within ${1:-420}s; see $STACK_LOG" >&2
  return 1
}

stack_stop() {
  [ -n "$STACK_PID" ] || return 0
  if kill -0 "$STACK_PID" 2>/dev/null; then
    mapfile -t -O "${#STACK_DESCENDANTS[@]}" STACK_DESCENDANTS < <(bench_descendants "$STACK_PID")
    bench_log "stopping the local stack (PID $STACK_PID)"
    bench_stop_pid "$STACK_PID" 90
  fi
  local pid
  for pid in "${STACK_DESCENDANTS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then bench_log "left behind: PID $pid, stopping it"; bench_stop_pid "$pid" 10; fi
  done
  STACK_PID=""; STACK_DESCENDANTS=()
}

# Uses a stack already answering at BENCH_OFFSET, or starts one for this script (stopped at exit).
stack_ensure() {
  if stack_is_up; then
    bench_log "using the local stack at $GATEWAY_URL"
    return 0
  fi
  bench_build -DskipTests install
  local home="$REPO_ROOT/benchmarks/target/stack-$BENCH_OFFSET" attempt
  # The data directory is kept between runs (BENCH_FRESH_STACK=1 starts from scratch): a warm start is much
  # quicker. The launcher gives Kafka 90 s and Keycloak 180 s; on a machine shared with other builds a first start
  # can miss that, so try again a few times, keeping what the previous attempt initialised (Kafka formatted,
  # Keycloak's schema).
  [ "${BENCH_FRESH_STACK:-}" = 1 ] && rm -rf "$home"
  for attempt in 1 2 3 4; do
    bench_log "starting a local stack at offset $BENCH_OFFSET (gateway $GATEWAY_URL), attempt $attempt"
    stack_launch "$home"
    if stack_wait_ready 480; then
      bench_log "local stack ready (load $(bench_load))"
      return 0
    fi
    stack_stop
  done
  echo "bench: could not start the local stack" >&2
  return 1
}

# PID of a process of the stack by a piece of its command line (first match among the launcher's descendants).
stack_pid_of() { # pattern
  local pid
  for pid in $(bench_descendants "$STACK_PID"); do
    if { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -q -- "$1"; then echo "$pid"; return 0; fi
  done
  return 1
}
bench_rss_mib() { # pid -> resident set size in MiB
  ps -o rss= -p "$1" 2>/dev/null | awk '{printf "%.0f", $1 / 1024}'
}

# Statistics over repeated runs. Values are numbers separated by spaces; "–" or empty values are ignored.
bench_median() { # values... -> the median (the mean of the middle two for an even count)
  printf '%s\n' "$@" | grep -E '^-?[0-9.]+$' | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "–"; exit }
    if (NR % 2) printf "%.1f\n", v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
bench_spread() { # values... -> "min–max"
  printf '%s\n' "$@" | grep -E '^-?[0-9.]+$' | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "–"; exit } printf "%.1f–%.1f\n", v[1], v[NR] }'
}
bench_sum() { # integers... -> their sum
  printf '%s\n' "$@" | grep -E '^[0-9]+$' | awk '{ s += $1 } END { print s + 0 }'
}
