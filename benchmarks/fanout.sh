#!/usr/bin/env bash
# Notification fan-out per second: submitted events consumed by notification-service -> in-app notifications stored
# (applicant + office officer per event; email and SMS deliveries are queued meanwhile). Runs the real service in
# process against an in-process Kafka broker, the MongoDB-wire store and GreenMail, all on 127.0.0.1
# (notification-service/src/test/java/org/satupintu/notification/bench/NotificationThroughputBenchmark.java).
# Usage: benchmarks/fanout.sh [events=2000] [max-seconds=120] [consumers=3]. Does not need the local stack.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
EVENTS="${1:-2000}"; MAX_SECONDS="${2:-120}"; CONSUMERS="${3:-3}"
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -B -q -o -pl notification-service -am -DskipTests install
fi
./mvnw -B -q -o -pl notification-service test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
load_before="$(bench_load)"
bench_log "fan-out: $EVENTS events (at most ${MAX_SECONDS}s), $CONSUMERS consumers"
jfr="$BENCH_OUT/fanout.jfr"; rm -f "$jfr"
(cd notification-service && timeout $((MAX_SECONDS + 180)) "$JAVA_HOME/bin/java" -Xmx1g $(bench_jfr_option) \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.satupintu.notification.bench.NotificationThroughputBenchmark "$EVENTS" "$MAX_SECONDS" "$CONSUMERS") \
  2>&1 | grep -v ' WARN \| INFO ' | tee "$BENCH_OUT/fanout.txt"
load_after="$(bench_load)"
r="$(grep '^RESULT' "$BENCH_OUT/fanout.txt")"
s="$(grep '^events=' "$BENCH_OUT/fanout.txt")"
f() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $r $s"; }
rm -f "$BENCH_OUT/fanout.env"
bench_figure fanout in_app_per_second "$(f in_app_notifications_per_second)"
bench_figure fanout events_per_second "$(f events_per_second)"
bench_figure fanout load "$load_after"
bench_section fanout <<MD
## Notification fan-out

$EVENTS \`satupintu.application.submitted.v1\` events published at once to an in-process Kafka broker; the real
notification-service ($CONSUMERS consumer threads, heap 1 GiB, same JVM as the producer) turns each into an in-app
notification for the applicant and one for the office officer (plus email and SMS deliveries), stored in the
MongoDB-wire store. Timed from the first publish until every in-app notification is stored.

| events/s | in-app notifications/s | stored | elapsed s | load avg before | load avg after |
|---:|---:|---|---:|---|---|
| $(f events_per_second) | $(f in_app_notifications_per_second) | $(f stored_in_app) | $(f elapsed | tr -d s) | $load_before | $load_after |

$(sed -n 's/.*(email+sms deliveries sent meanwhile: \([0-9]*\)).*/Email and SMS deliveries sent meanwhile: \1./p' "$BENCH_OUT/fanout.txt")
$(if [ "${BENCH_JFR:-}" = 1 ]; then
  echo
  echo "### Where the CPU goes (JDK Flight Recorder, BENCH_JFR=1)"
  echo
  echo "One recording of the benchmark's JVM from the first publish until every notification was stored:"
  echo "notification-service, the producer and the MongoDB-wire store (in memory, in the same JVM). The Kafka broker"
  echo "is its own process and is not recorded."
  echo
  machine="$(bench_jfr_mean "$jfr" machineTotal)"
  echo "CPU per in-app notification, whole machine: $(awk -v m="$machine" -v c="$(nproc)" -v e="$(f elapsed | tr -d s)" \
    -v n="$(f stored_in_app | cut -d/ -f1)" 'BEGIN { if (n > 0) printf "%.1f ms (%s %% busy x %d cores x %s s / %d)", m / 100 * c * e * 1000 / n, m, c, e, n }')."
  echo
  bench_jfr_summary "fan-out JVM" "$jfr"
fi)
MD
# A profiling run (BENCH_JFR=1) on its own is published: results/fanout-profile-<yyyy-mm-dd>.md.
if [ "${BENCH_JFR:-}" = 1 ] && [ -z "${BENCH_RUN_ALL:-}" ]; then
  cp "$BENCH_OUT/fanout.md" "$BENCH_OUT/fanout-profile.md"
  bench_publish fanout-profile "BENCH_JFR=1 benchmarks/fanout.sh $*" "$load_before"
fi
