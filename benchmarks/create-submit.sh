#!/usr/bin/env bash
# Create + submit throughput through the gateway of a running local stack (start it with ./run-local.sh first).
# Usage: benchmarks/create-submit.sh [seconds=60] [concurrency=8]. Bounded in time; loopback only.
# One applicant drives the load, so start the stack with a higher per-client limit, e.g.
#   SATUPINTU_EDGE_APILIMIT=100000 ./run-local.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(bin/find-jdk.sh)"; export JAVA_HOME
./mvnw -B -q -pl system-tests -am -DskipTests test-compile
./mvnw -B -q -pl system-tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" -cp "system-tests/target/test-classes:$(cat system-tests/target/bench-classpath.txt)" \
  org.satupintu.benchmarks.CreateSubmitBenchmark http://localhost:8080 \
  http://localhost:8180/realms/satupintu/protocol/openid-connect/token "${1:-60}" "${2:-8}"
