package org.satupintu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The CRD schema check refuses what the API server would refuse, so its pass on the real manifests counts. */
class CrdSchemaTests {

    private static final CrdSchema STRIMZI = CrdSchema.load(
            Manifests.moduleDir().resolve("src/test/resources/crds/strimzi-1.2.0"));

    private static ObjectNode topic() {
        return Manifests.parseAll("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata:
                  name: t
                  labels:
                    strimzi.io/cluster: c
                spec:
                  partitions: 6
                  replicas: 3
                  config:
                    min.insync.replicas: 2
                """).get(0);
    }

    @Test
    void aValidTopicPasses() {
        assertThat(STRIMZI.validate(topic())).isEmpty();
    }

    @Test
    void unknownFieldsWrongTypesAndBadEnumsAreRefused() {
        ObjectNode misspelt = topic();
        ((ObjectNode) misspelt.get("spec")).put("replicationFactor", 3);
        assertThat(STRIMZI.validate(misspelt)).containsExactly("KafkaTopic/t .spec.replicationFactor: unknown field");

        ObjectNode text = topic();
        ((ObjectNode) text.get("spec")).put("partitions", "six");
        assertThat(STRIMZI.validate(text)).singleElement().asString().contains(".spec.partitions: must be an integer");

        ObjectNode zero = topic();
        ((ObjectNode) zero.get("spec")).put("partitions", 0);
        assertThat(STRIMZI.validate(zero)).singleElement().asString().contains("below the minimum");

        ObjectNode user = Manifests.parseAll("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata:
                  name: u
                spec:
                  authentication:
                    type: scram-sha-512
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: t, patternType: literal}
                        operations: [Publish]
                """).get(0);
        assertThat(STRIMZI.validate(user)).singleElement().asString()
                .contains(".spec.authorization.acls[0].operations[0]: \"Publish\" is not one of");
    }

    @Test
    void theOldApiVersionIsNotServed() {
        ObjectNode old = topic();
        old.put("apiVersion", "kafka.strimzi.io/v1beta2");
        assertThat(STRIMZI.validate(old)).singleElement().asString().contains("no served CRD version");
    }
}
