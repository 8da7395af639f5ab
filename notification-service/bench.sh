#!/usr/bin/env bash
# Notifications per second (events consumed -> in-app stored), on in-process Kafka, the MongoDB-wire store and
# GreenMail, all on 127.0.0.1. Usage: notification-service/bench.sh [events=2000] [max-seconds=120] [consumers=3]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(bin/find-jdk.sh)"; export JAVA_HOME
./mvnw -B -q -o -pl notification-service -am -DskipTests install
./mvnw -B -q -o -pl notification-service test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
cd notification-service
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.satupintu.notification.bench.NotificationThroughputBenchmark "${1:-2000}" "${2:-120}" "${3:-3}"
