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
