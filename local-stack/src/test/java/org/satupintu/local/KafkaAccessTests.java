package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.satupintu.events.Topics;

/** The ACL table's shape, and the copy the docker compose broker applies. */
class KafkaAccessTests {

    @Test
    void composeAppliesExactlyTheTopicsAndAclsOfKafkaAccess() throws IOException {
        Path file = DockerComposeTests.repositoryRoot().resolve("infra/kafka/access.txt");
        List<String> lines = Files.readAllLines(file).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(lines).as("%s is out of date; it should read:%n%s", file,
                String.join("\n", KafkaAccess.accessFileLines())).isEqualTo(KafkaAccess.accessFileLines());
    }

    /**
     * The Kubernetes deployment (deploy/k8s, Strimzi KafkaUsers) grants nothing the table does not, and every topic
     * right of the table. (Groups there are literal, here prefixes: the tests use groups named after a service.)
     */
    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesKafkaUsersGrantTheSameTopicRightsAndNothingMore() throws IOException {
        Path file = DockerComposeTests.repositoryRoot().resolve("deploy/k8s/base/kafka/kafka-users.yaml");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file), "no " + file);
        java.util.Set<String> k8sTopicRights = new java.util.TreeSet<>();
        for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(Files.readString(file))) {
            if (!(document instanceof java.util.Map<?, ?> user) || !"KafkaUser".equals(user.get("kind"))) {
                continue;
            }
            String principal = String.valueOf(((java.util.Map<String, Object>) user.get("metadata")).get("name"))
                    .replaceFirst("^satupintu-", "");
            var spec = (java.util.Map<String, Object>) user.get("spec");
            var acls = (List<java.util.Map<String, Object>>) ((java.util.Map<String, Object>) spec
                    .get("authorization")).get("acls");
            for (var acl : acls) {
                var resource = (java.util.Map<String, Object>) acl.get("resource");
                String type = String.valueOf(resource.get("type"));
                String name = String.valueOf(resource.get("name"));
                String pattern = String.valueOf(resource.getOrDefault("patternType", "literal"));
                for (Object op : (List<Object>) acl.get("operations")) {
                    AclOperation operation = AclOperation.fromString(String.valueOf(op));
                    assertThat(allowedByTable(principal, operation, type, name, pattern))
                            .as("deploy/k8s grants %s %s on %s %s (%s), which KafkaAccess does not", principal,
                                    operation, type, name, pattern)
                            .isTrue();
                    if (type.equals("topic") && operation != AclOperation.DESCRIBE) {
                        k8sTopicRights.add(principal + " " + operation + " " + name);
                    }
                }
            }
        }
        java.util.Set<String> tableTopicRights = new java.util.TreeSet<>();
        KafkaAccess.grants().stream()
                .filter(g -> g.resourceType() == ResourceType.TOPIC && g.operation() != AclOperation.DESCRIBE)
                .forEach(g -> tableTopicRights.add(g.principal() + " " + g.operation() + " " + g.resource()));
        assertThat(k8sTopicRights).isEqualTo(tableTopicRights);
    }

    private static boolean allowedByTable(String principal, AclOperation operation, String type, String name,
            String pattern) {
        return KafkaAccess.grants().stream().anyMatch(g -> g.principal().equals(principal)
                && g.resourceType().name().equalsIgnoreCase(type)
                && (g.operation() == operation || (operation == AclOperation.DESCRIBE
                        && (g.operation() == AclOperation.READ || g.operation() == AclOperation.WRITE)))
                && (g.patternType() == org.apache.kafka.common.resource.PatternType.PREFIXED
                        ? name.startsWith(g.resource())
                        : pattern.equalsIgnoreCase("literal") && name.equals(g.resource())));
    }

    @Test
    void eachServiceWritesOnlyItsOwnTopicAndTheDeadLettersOfWhatItConsumes() {
        for (String service : List.of(KafkaAccess.APPLICATION_SERVICE, KafkaAccess.DOCUMENT_SERVICE,
                KafkaAccess.NOTIFICATION_SERVICE)) {
            List<String> written = KafkaAccess.grants().stream()
                    .filter(g -> g.principal().equals(service) && g.operation() == AclOperation.WRITE)
                    .map(KafkaAccess.Grant::resource).toList();
            List<String> expected = new java.util.ArrayList<>(List.of(KafkaAccess.ownTopic().get(service)));
            KafkaAccess.consumedTopics().get(service).forEach(t -> expected.add(Topics.deadLetterOf(t)));
            assertThat(written).as(service).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void noPrincipalButTheAdminMayCreateOrAlterAnything() {
        assertThat(KafkaAccess.grants()).noneMatch(g -> g.operation() == AclOperation.CREATE
                || g.operation() == AclOperation.ALTER || g.operation() == AclOperation.ALTER_CONFIGS
                || g.operation() == AclOperation.DELETE || g.operation() == AclOperation.ALL
                || g.resourceType() == ResourceType.CLUSTER);
        assertThat(KafkaAccess.grants()).noneMatch(g -> g.principal().equals(KafkaAccess.ADMIN));
    }

    @Test
    void credentialsAreGeneratedOnceAndReusedAndTheFileIsOwnerOnly() throws IOException {
        Path dir = Files.createTempDirectory("kafka-credentials");
        Path file = dir.resolve("sub/kafka-credentials.properties");
        KafkaCredentials first = KafkaCredentials.loadOrCreate(file);
        assertThat(first.passwords()).containsOnlyKeys("admin", "application-service", "document-service",
                "notification-service", "gateway");
        assertThat(first.passwords().values()).doesNotHaveDuplicates().allMatch(p -> p.length() >= 32);
        assertThat(KafkaCredentials.loadOrCreate(file)).isEqualTo(first);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain(first.adminPassword());
    }
}
