#!/usr/bin/env bash
# Fault drills (issue #7): every drill, quick and long, against a platform the system tests start on free loopback
# ports (real Kafka broker, Keycloak, MongoDB-wire store, SMTP sink, four service processes). Collects each drill's
# figures (system-tests/target/drills/*.txt) into benchmarks/results/fault-drills-<yyyy-mm-dd>.md.
#
# Usage: benchmarks/fault-drills.sh [extra Maven arguments, e.g. -o]
# Build the service jars first: ./mvnw -B -DskipTests install. Takes ~10-15 minutes on two cores.
# The quick drills (tag "drill") also run in every ./mvnw verify; the long ones (tag "slow-drill") only here.
set -uo pipefail
cd "$(dirname "$0")/.."
day="$(date -u +%Y-%m-%d)"
out="benchmarks/results/fault-drills-$day.md"
mkdir -p benchmarks/results
rm -rf system-tests/target/drills
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
started="$(date -u +%H:%M)"
./mvnw -B -pl local-stack,system-tests verify -Pdrills -Dtest='*DrillTests' -Dsurefire.failIfNoSpecifiedTests=false "$@"
status=$?
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
{
  echo "# Fault drills, $day"
  echo
  echo "Command: \`benchmarks/fault-drills.sh $*\` (\`./mvnw -pl local-stack,system-tests verify -Pdrills\`), commit"
  echo "\`$(git rev-parse --short HEAD)\`, $started-$(date -u +%H:%M) UTC. Machine: $(nproc) cores,"
  echo "load average (1/5/15 min) $load_before at the start and $load_after at the end (other builds share it)."
  echo "Maven exit status: $status (0 = every drill's assertions held)."
  echo
  for f in system-tests/target/drills/*.txt; do
    [ -e "$f" ] || { echo "No drill wrote figures: see system-tests/target/surefire-reports."; break; }
    echo "## $(sed -n 's/^drill: //p' "$f")"
    echo
    echo "| figure | value |"
    echo "|---|---|"
    grep -v '^drill: ' "$f" | sed 's/|/\\|/g; s/^\([^:]*\): \(.*\)$/| \1 | \2 |/'
    echo
  done
  echo "## Test results"
  echo
  for r in system-tests/target/surefire-reports/*DrillTests.txt; do
    [ -e "$r" ] && sed -n 's/^Tests run: \(.*\) -- in org.satupintu.drills.\(.*\)$/- \2: \1/p' "$r"
  done
} > "$out"
echo "Figures written to $out"
exit $status
