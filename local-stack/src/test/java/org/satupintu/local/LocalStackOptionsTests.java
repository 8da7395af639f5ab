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
