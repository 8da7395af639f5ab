#!/usr/bin/env bash
# Runs the whole SatuPintu platform on this machine: real Kafka (KRaft), real Keycloak, a file-backed
# MongoDB-wire store (or MONGODB_URI) and the four services, each its own process. Ctrl-C stops everything.
# Builds first when the sources changed since the last build. Data and logs: .local/ (or SATUPINTU_HOME).
set -euo pipefail
cd "$(dirname "$0")"

JAVA_HOME="$(bin/find-jdk.sh)"
export JAVA_HOME

stamp=.local/build.stamp
mkdir -p .local
needs_build=false
for m in gateway application-service document-service notification-service; do
  [ -f "$m/target/$m.jar" ] || needs_build=true
done
[ -f local-stack/target/runtime-classpath.txt ] || needs_build=true
if [ -f "$stamp" ] && [ "$needs_build" = false ]; then
  if [ -n "$(find . -path ./.local -prune -o \( -name pom.xml -o -path '*/src/main/*' -o -path './infra/*' \) -newer "$stamp" -print -quit)" ]; then
    needs_build=true
  fi
else
  needs_build=true
fi
if [ "$needs_build" = true ] || [ "${SATUPINTU_REBUILD:-}" = 1 ]; then
  echo "Building SatuPintu (./mvnw -DskipTests install) ..."
  ./mvnw -B -q -DskipTests install
  touch "$stamp"
fi

# The launcher hosts the embedded MongoDB-wire store, which holds query results in memory: 512 MiB ran out at
# 100k stored applications (benchmarks/growth.sh). SATUPINTU_LAUNCHER_HEAP changes it.
exec "$JAVA_HOME/bin/java" -Xmx"${SATUPINTU_LAUNCHER_HEAP:-2g}" -cp "local-stack/target/classes:$(cat local-stack/target/runtime-classpath.txt)" \
  org.satupintu.local.LocalStack "$@"
