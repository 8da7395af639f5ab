package org.satupintu.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.satupintu.events.Topics;

/**
 * Who may do what on the SatuPintu Kafka broker: the one place of the principals and their ACLs. The broker
 * authenticates every client with SCRAM-SHA-512 over {@code SASL_PLAINTEXT} and authorises it with the KRaft
 * {@code StandardAuthorizer}; nothing is allowed that is not granted here ({@code allow.everyone.if.no.acl.found=false}).
 *
 * <p>Each service is its own principal, named after its module. It writes only its own events topic and the
 * dead-letter topics of the topics it consumes (Spring Kafka's dead-letter publisher runs in the consuming
 * service), reads only the topics it consumes, and joins only consumer groups named after itself (prefix, so tests
 * and tools may use {@code <service>-...} groups). The gateway's ops view describes every topic and the services'
 * groups (lag), reads
 * the dead-letter topics and re-publishes dead letters to their original topic (replay), keeping its replay
 * position in its own group. {@value #ADMIN} is the broker's own principal and the super user the launcher and the
 * test infrastructure use to create topics, users and these ACLs; no service runs as it.
 */
public final class KafkaAccess {

    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";

    public static final String ADMIN = "admin";
    public static final String APPLICATION_SERVICE = "application-service";
    public static final String DOCUMENT_SERVICE = "document-service";
    public static final String NOTIFICATION_SERVICE = "notification-service";
    public static final String GATEWAY = "gateway";

    /** Every principal a service runs as (the module names). */
    public static final List<String> SERVICE_PRINCIPALS = List.of(APPLICATION_SERVICE, DOCUMENT_SERVICE,
            NOTIFICATION_SERVICE, GATEWAY);

    /** The consumer group in which the gateway remembers which dead letters it replayed (QueueInspector). */
    public static final String OPS_REPLAY_GROUP = "satupintu-ops-dlt-replay";

    private KafkaAccess() {
    }

    /** One allowed operation: principal, operation, resource (type, pattern, name). */
    public record Grant(String principal, AclOperation operation, ResourceType resourceType, PatternType patternType,
            String resource) {

        public AclBinding binding() {
            return new AclBinding(new ResourcePattern(resourceType, resource, patternType),
                    new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
        }

        /** e.g. {@code document-service  WRITE  TOPIC satupintu.document.events (LITERAL)} */
        @Override
        public String toString() {
            return "%-21s %-8s %-5s %s%s".formatted(principal, operation, resourceType, resource,
                    patternType == PatternType.LITERAL ? "" : " (" + patternType + ")");
        }
    }

    /** The topics a service consumes; it writes their dead-letter topics, and its own events topic. */
    public static Map<String, List<String>> consumedTopics() {
        return Map.of(APPLICATION_SERVICE, List.of(Topics.DOCUMENT_EVENTS),
                DOCUMENT_SERVICE, List.of(Topics.APPLICATION_EVENTS),
                NOTIFICATION_SERVICE, List.of(Topics.APPLICATION_EVENTS, Topics.DOCUMENT_EVENTS));
    }

    /** The events topic each service produces. */
    public static Map<String, String> ownTopic() {
        return Map.of(APPLICATION_SERVICE, Topics.APPLICATION_EVENTS, DOCUMENT_SERVICE, Topics.DOCUMENT_EVENTS,
                NOTIFICATION_SERVICE, Topics.NOTIFICATION_EVENTS);
    }

    /** The whole ACL table, in a stable order. */
    public static List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();
        for (String service : List.of(APPLICATION_SERVICE, DOCUMENT_SERVICE, NOTIFICATION_SERVICE)) {
            grants.add(topic(service, AclOperation.WRITE, ownTopic().get(service)));
            for (String consumed : consumedTopics().get(service)) {
                grants.add(topic(service, AclOperation.READ, consumed));
                grants.add(topic(service, AclOperation.WRITE, Topics.deadLetterOf(consumed)));
            }
            grants.add(new Grant(service, AclOperation.READ, ResourceType.GROUP, PatternType.PREFIXED, service));
        }
        grants.add(new Grant(GATEWAY, AclOperation.DESCRIBE, ResourceType.TOPIC, PatternType.PREFIXED, "satupintu."));
        for (String topic : Topics.all()) {
            grants.add(topic(GATEWAY, AclOperation.READ, Topics.deadLetterOf(topic)));
            grants.add(topic(GATEWAY, AclOperation.WRITE, topic));
        }
        for (String service : List.of(APPLICATION_SERVICE, DOCUMENT_SERVICE, NOTIFICATION_SERVICE)) {
            // lag of the services' groups: describe only, never joins
            grants.add(new Grant(GATEWAY, AclOperation.DESCRIBE, ResourceType.GROUP, PatternType.PREFIXED, service));
        }
        grants.add(new Grant(GATEWAY, AclOperation.READ, ResourceType.GROUP, PatternType.LITERAL, OPS_REPLAY_GROUP));
        return List.copyOf(grants);
    }

    public static List<AclBinding> bindings() {
        return grants().stream().map(Grant::binding).toList();
    }

    private static Grant topic(String principal, AclOperation operation, String topic) {
        return new Grant(principal, operation, ResourceType.TOPIC, PatternType.LITERAL, topic);
    }

    /**
     * The lines of {@code infra/kafka/access.txt}: the topics and the ACL table for the docker compose broker, whose
     * start script applies them with Kafka's command-line tools ({@code KafkaAccessTests} keeps the file equal).
     */
    public static List<String> accessFileLines() {
        List<String> lines = new ArrayList<>();
        for (String topic : Topics.allWithDeadLetters()) {
            lines.add("topic " + topic + " " + KafkaServer.PARTITIONS);
        }
        for (Grant g : grants()) {
            lines.add(String.join(" ", "acl", g.principal(), g.operation().name(),
                    g.resourceType().name().toLowerCase(java.util.Locale.ROOT),
                    g.patternType().name().toLowerCase(java.util.Locale.ROOT), g.resource()));
        }
        return lines;
    }

    /** The JAAS line of a SCRAM client. Passwords are generated URL-safe, so they need no quoting. */
    public static String jaasConfig(String username, String password) {
        if (username.contains("\"") || password.contains("\"")) {
            throw new IllegalArgumentException("Kafka user names and passwords must not contain '\"'");
        }
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    /** Client settings (admin, producer, consumer) of one principal. */
    public static Map<String, Object> clientProperties(String bootstrapServers, String username, String password) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("security.protocol", SECURITY_PROTOCOL);
        p.put("sasl.mechanism", SASL_MECHANISM);
        p.put("sasl.jaas.config", jaasConfig(username, password));
        return p;
    }
}
