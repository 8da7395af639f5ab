#!/usr/bin/env bash
# Upload throughput and peak heap of document-service with a capped heap: starts the service jar as its own process
# (-Xmx256m by default) against an in-process Kafka broker, the MongoDB-wire store and a stub of application-service
# (which also serves the JWK set of locally minted tokens), uploads a 50 MiB file a few times and downloads it once.
# Usage: document-service/bench-upload.sh [sizeMb=50] [rounds=3] [xmx=256m]. Loopback only; stops what it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(bin/find-jdk.sh)"; export JAVA_HOME
./mvnw -B -q -pl document-service -am -DskipTests install
./mvnw -B -q -pl document-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "document-service/target/test-classes:$(cat document-service/target/bench-classpath.txt)" \
  org.satupintu.document.UploadBenchmark "${1:-50}" "${2:-3}" "${3:-256m}" document-service/target/document-service.jar
