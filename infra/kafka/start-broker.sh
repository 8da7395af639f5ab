#!/usr/bin/env bash
# Starts the docker compose Kafka broker (apache/kafka image) secured like the local stack's broker
# (local-stack KafkaServer): clients authenticate with SCRAM-SHA-512 over SASL_PLAINTEXT, the controller listener
# with SASL/PLAIN as admin, and the StandardAuthorizer allows only the ACLs of access.txt (generated from
# local-stack KafkaAccess, checked by KafkaAccessTests). Passwords come from the environment (.env for
# docker-compose.yml; .local/kafka-credentials.env, written by bin/kafka-credentials.sh, for docker-compose.dev.yml),
# never from a file in the repository.
set -euo pipefail

KAFKA_HOME=/opt/kafka
work=/tmp/satupintu-kafka
rm -rf "$work"
mkdir -p "$work"
umask 077
conf="$work/server.properties"
admin_conf="$work/admin.properties"
access=/opt/satupintu/kafka/access.txt

for v in KAFKA_ADMIN_PASSWORD KAFKA_APPLICATION_SERVICE_PASSWORD KAFKA_DOCUMENT_SERVICE_PASSWORD \
    KAFKA_NOTIFICATION_SERVICE_PASSWORD KAFKA_GATEWAY_PASSWORD CLUSTER_ID; do
  if [ -z "${!v:-}" ]; then
    echo "$v is not set: fill in .env (docker-compose.yml) or run bin/kafka-credentials.sh (docker-compose.dev.yml)" >&2
    exit 1
  fi
done

scram_jaas() { printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' "$1" "$2"; }

# Every KAFKA_<NAME> variable of the compose file becomes <name> with '_' -> '.' (as the image itself does),
# except the passwords and the launcher's own variables.
{
  env | grep '^KAFKA_' | grep -v -E '^KAFKA_([A-Z_]*_PASSWORD|OPTS|HEAP_OPTS|JVM_PERFORMANCE_OPTS|LOG4J_OPTS|JMX_OPTS)=' \
    | while IFS='=' read -r name value; do
        key=$(echo "${name#KAFKA_}" | tr '[:upper:]' '[:lower:]' | tr '_' '.')
        printf '%s=%s\n' "$key" "$value"
      done
  echo "sasl.enabled.mechanisms=SCRAM-SHA-512"
  echo "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512"
  # Every SASL listener needs its login module; on INTERNAL it is also how the broker connects to itself.
  echo "listener.name.internal.scram-sha-512.sasl.jaas.config=$(scram_jaas admin "$KAFKA_ADMIN_PASSWORD")"
  echo "listener.name.host.scram-sha-512.sasl.jaas.config=$(scram_jaas admin "$KAFKA_ADMIN_PASSWORD")"
  echo "listener.name.controller.sasl.enabled.mechanisms=PLAIN"
  echo "sasl.mechanism.controller.protocol=PLAIN"
  printf 'listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="%s" user_admin="%s";\n' \
    "$KAFKA_ADMIN_PASSWORD" "$KAFKA_ADMIN_PASSWORD"
  echo "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer"
  echo "super.users=User:admin"
  echo "allow.everyone.if.no.acl.found=false"
  echo "auto.create.topics.enable=false"
} > "$conf"

{
  echo "security.protocol=SASL_PLAINTEXT"
  echo "sasl.mechanism=SCRAM-SHA-512"
  echo "sasl.jaas.config=$(scram_jaas admin "$KAFKA_ADMIN_PASSWORD")"
} > "$admin_conf"

# First start only: format the storage with the admin's SCRAM credential (the broker's own principal).
"$KAFKA_HOME/bin/kafka-storage.sh" format --cluster-id "$CLUSTER_ID" --config "$conf" --ignore-formatted \
  --add-scram "SCRAM-SHA-512=[name=admin,iterations=4096,password=$KAFKA_ADMIN_PASSWORD]"

"$KAFKA_HOME/bin/kafka-server-start.sh" "$conf" &
broker=$!
trap 'kill -TERM "$broker" 2>/dev/null; wait "$broker"' TERM INT

bootstrap=localhost:9092
until "$KAFKA_HOME/bin/kafka-broker-api-versions.sh" --bootstrap-server "$bootstrap" \
    --command-config "$admin_conf" >/dev/null 2>&1; do
  kill -0 "$broker" 2>/dev/null || { echo "Kafka exited during start-up" >&2; exit 1; }
  sleep 2
done

# Users (every start: the passwords follow the environment), topics and ACLs, as KafkaServer does.
for principal in application-service document-service notification-service gateway; do
  var="KAFKA_$(echo "$principal" | tr '[:lower:]-' '[:upper:]_')_PASSWORD"
  "$KAFKA_HOME/bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin_conf" --alter \
    --entity-type users --entity-name "$principal" \
    --add-config "SCRAM-SHA-512=[iterations=4096,password=${!var}]" >/dev/null
done
grep '^topic ' "$access" | while read -r _ topic partitions; do
  "$KAFKA_HOME/bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin_conf" --create \
    --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor 1 >/dev/null
done
grep '^acl ' "$access" | while read -r _ principal operation type pattern name; do
  "$KAFKA_HOME/bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin_conf" --add \
    --allow-principal "User:$principal" --operation "$operation" "--$type" "$name" \
    --resource-pattern-type "$pattern" >/dev/null
done
echo "SatuPintu: Kafka users, topics and ACLs are in place."
touch "$work/ready"
wait "$broker"
