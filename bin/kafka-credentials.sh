#!/usr/bin/env bash
# Writes .local/kafka-credentials.env (owner-only, never committed) with a random SCRAM password for the Kafka
# admin and each service principal, unless it exists. The demo compose stack reads it:
#   bin/kafka-credentials.sh && docker compose -f docker-compose.dev.yml --env-file .local/kafka-credentials.env up --build
# (Production, docker-compose.yml, takes the same variables from .env; see .env.example.)
# (The Docker-less local stack generates its own .local/kafka-credentials.properties on first start.)
set -euo pipefail
cd "$(dirname "$0")/.."
file=.local/kafka-credentials.env
if [ -f "$file" ]; then
  echo "$file exists; keeping its passwords."
  exit 0
fi
mkdir -p .local
umask 077
random() { head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
{
  echo "# SCRAM-SHA-512 passwords of the compose Kafka broker's principals. Never commit this file."
  for name in ADMIN APPLICATION_SERVICE DOCUMENT_SERVICE NOTIFICATION_SERVICE GATEWAY; do
    echo "KAFKA_${name}_PASSWORD=$(random)"
  done
} > "$file"
echo "Wrote $file"
