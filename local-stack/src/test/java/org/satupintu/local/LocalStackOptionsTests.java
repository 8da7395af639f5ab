package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class LocalStackOptionsTests {

    @Test
    void replicasComeFromTheCommandLineBeforeTheEnvironment() {
        assertThat(LocalStack.replicas(new String[0], "1")).isEqualTo(1);
        assertThat(LocalStack.replicas(new String[0], "2")).isEqualTo(2);
        assertThat(LocalStack.replicas(new String[] {"--replicas", "2"}, "1")).isEqualTo(2);
        assertThat(LocalStack.replicas(new String[] {"--replicas=3"}, "1")).isEqualTo(3);
    }

    @Test
    void refusesAReplicaCountTheLayoutHasNoPortsFor() {
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.replicas(new String[] {"--replicas", "0"}, "1"));
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.replicas(new String[] {"--replicas", "5"}, "1"));
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.replicas(new String[] {"--replicas"}, "1"));
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.replicas(new String[] {"--replica", "2"}, "1"));
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.replicas(new String[0], "two"));
    }

    @Test
    void kafkaBrokersComeFromTheCommandLineBeforeTheEnvironmentBesideTheReplicas() {
        assertThat(LocalStack.kafkaBrokers(new String[0], "1")).isEqualTo(1);
        assertThat(LocalStack.kafkaBrokers(new String[0], "3")).isEqualTo(3);
        String[] both = {"--replicas", "2", "--kafka-brokers", "3"};
        assertThat(LocalStack.kafkaBrokers(both, "1")).isEqualTo(3);
        assertThat(LocalStack.replicas(both, "1")).isEqualTo(2);
        assertThat(LocalStack.kafkaBrokers(new String[] {"--kafka-brokers=5", "--replicas=2"}, "1")).isEqualTo(5);
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.kafkaBrokers(new String[] {"--kafka-brokers",
                "2"}, "1")).withMessageContaining("1, 3 or 5");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.kafkaBrokers(new String[0], "many"));
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.kafkaBrokers(new String[] {"--brokers",
                "3"}, "1"));
    }

    @Test
    void aClusterOfThreeUsesTheBrokerPortsTwoApartAndReplicatesEveryTopicThreeTimes() {
        KafkaServer.Options options = KafkaServer.Options.cluster(java.nio.file.Path.of("data"), 3, 9092, 9093,
                java.nio.file.Path.of("kafka.log"), null);
        assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
        assertThat(options.controllerPorts()).containsExactly(9093, 9095, 9097);
        assertThat(options.replicationFactor()).isEqualTo(3);
        assertThat(options.minInSyncReplicas()).isEqualTo(2);
        assertThat(options.nodeDir(2)).isEqualTo(java.nio.file.Path.of("data", "node-3"));
        assertThat(options.nodeLog(1)).isEqualTo(java.nio.file.Path.of("kafka-2.log"));
        KafkaServer.Options single = KafkaServer.Options.cluster(java.nio.file.Path.of("data"), 1, 9092, 9093,
                java.nio.file.Path.of("kafka.log"), null);
        assertThat(single.replicationFactor()).isEqualTo(1);
        assertThat(single.minInSyncReplicas()).isEqualTo(1);
        assertThat(single.nodeDir(0)).isEqualTo(java.nio.file.Path.of("data"));
    }

    @Test
    void theSecondReplicaOfEachServiceListensTenPortsAbove() {
        Ports defaults = Ports.defaults();
        assertThat(Ports.replicaPort(defaults.gateway(), 1)).isEqualTo(8090);
        assertThat(Ports.replicaPort(defaults.applicationService(), 1)).isEqualTo(8091);
        assertThat(Ports.replicaPort(defaults.documentService(), 1)).isEqualTo(8092);
        assertThat(Ports.replicaPort(defaults.notificationService(), 1)).isEqualTo(8093);
        assertThat(Ports.replicaPort(defaults.notificationService(), Ports.MAX_REPLICAS - 1))
                .isLessThan(defaults.keycloak());
    }
}
